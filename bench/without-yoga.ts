// A bench-only server: the gateway's own work for a GraphQL POST without yoga, envelop or the
// request pipeline, on plain node:http, to show what they cost with sockets included (the
// `gateway without yoga` variant of `run.ts`; `yoga-share.ts` measures the same in-process).
// Per request: read and parse the JSON body, then `under-yoga.ts` (the request's context, the
// document parsed once per query text, the gateway's executor, `JSON.stringify`). No validation, limits, CSRF, log line, metrics or error
// masking: less than a production request needs, so a lower bound for any gateway built on
// these resolvers. Same V8 settings as `src/server.ts`.
//
// Environment: REALTIMEKIT_API_URL (the sandbox), PORT (0: any), HOST. Prints
// `without yoga: GraphQL at http://HOST:PORT/graphql` when ready; SIGTERM/SIGINT stop it.
import { createServer } from 'node:http';
import { limitHeapGrowth } from '../src/heap-growth.ts';
import { disablePretenuring } from '../src/pretenuring.ts';
import { releaseStartupMemory } from '../src/startup-memory.ts';
import { REPO_ROOT } from './children.ts';
import { loadBenchApp } from './in-process.ts';
import { type GraphQLBody, underYoga } from './under-yoga.ts';

limitHeapGrowth();
disablePretenuring();
const upstream = process.env.REALTIMEKIT_API_URL;
if (upstream === undefined) throw new Error('REALTIMEKIT_API_URL is required');
const host = process.env.HOST ?? '127.0.0.1';
const app = await loadBenchApp(REPO_ROOT, upstream);
const answer = underYoga(app);

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === 'string') headers.set(name, value);
    const request = new Request(`http://${host}${req.url ?? '/'}`, { method: 'POST', headers });
    // Parsed inside the promise, so a bad body is a 500 and not a crash.
    Promise.resolve()
      .then(() => answer(request, JSON.parse(Buffer.concat(chunks).toString('utf8')) as GraphQLBody))
      .then(({ text }) => {
        res.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(text),
        });
        res.end(text);
      })
      .catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
  });
});

server.listen(Number(process.env.PORT ?? '0'), host, () => {
  releaseStartupMemory();
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.stdout.write(`without yoga: GraphQL at http://${host}:${port}/graphql\n`);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    void app.close().then(() => process.exit(0));
  });
}
