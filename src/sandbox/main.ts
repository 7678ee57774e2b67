// Standalone sandbox upstream: `npm run sandbox -- [--port 4010] [--host 127.0.0.1] [--token T]`.
// Prints the base URL on stdout (point `REALTIMEKIT_API_URL` at it to try passthrough
// mode) and the account and app ids on stderr; SIGINT/SIGTERM close it.
import { parseArgs } from 'node:util';
import { startSandbox } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    token: { type: 'string' },
  },
});

const port = Number(values.port);
if (!/^\d+$/.test(values.port) || port > 65535) {
  console.error(`--port must be an integer between 0 and 65535, got "${values.port}"`);
  process.exit(2);
}

const sandbox = await startSandbox({ port, host: values.host, requiredToken: values.token });
console.log(sandbox.baseUrl);
console.error(
  `sandbox upstream: ${sandbox.meetings.length} meetings, account ${sandbox.accountId}, app ${sandbox.appId}` +
    (values.token === undefined ? ', any Authorization accepted' : ', bearer token required'),
);

const stop = (): void => {
  void sandbox.close();
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
