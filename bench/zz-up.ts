import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logging/logger.ts';
import { DEFAULT_ACCOUNT_ID, DEFAULT_APP_ID } from '../src/sandbox/seed.ts';
import { BENCH_GATEWAY_ENV, PROBE, spawnChild } from './children.ts';
import { MEETINGS_QUERY } from './query.ts';
const sandbox = await spawnChild({ name: 'sandbox', args: ['--import', PROBE, 'bench/sandbox-proc.ts'], env: { BENCH_SANDBOX_LATENCY_MS: '0', BENCH_SANDBOX_TOKEN: 'x' }, ready: /^(\{.*"baseUrl".*\})$/ });
const baseUrl = (JSON.parse(sandbox.readyLine) as { baseUrl: string }).baseUrl;
const config = loadConfig({ ...BENCH_GATEWAY_ENV, CLOUDFLARE_API_TOKEN: 'x', REALTIMEKIT_API_URL: baseUrl, CLOUDFLARE_ACCOUNT_ID: DEFAULT_ACCOUNT_ID, REALTIMEKIT_APP_ID: DEFAULT_APP_ID });
const app = createApp({ config, upstreamUrl: baseUrl, logger: createLogger(config.logLevel, { write: () => {} }) });
const queries: Record<string, string> = { typename: '{ __typename }', totalCount: '{ meetings(first: 20) { totalCount } }', full: MEETINGS_QUERY };
const only = process.env.ONLY;
const one = async (body: string) => {
  const r = await app.fetch('http://gateway.bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body });
  const t = await r.text(); if (r.status !== 200 || t.includes('"errors"')) throw new Error(t.slice(0, 200));
};
const run = async (body: string, n: number) => { let next = 0; await Promise.all(Array.from({ length: 10 }, async () => { while (next++ < n) await one(body); })); };
for (let round = 0; round < 4; round++) {
  for (const [name, q] of Object.entries(queries)) {
    if (only && name !== only) continue;
    const body = JSON.stringify({ query: q });
    await run(body, 300);
    const before = process.cpuUsage(); const N = 2000;
    await run(body, N);
    const u = process.cpuUsage(before);
    console.log(round, name.padEnd(10), ((u.user + u.system) / N).toFixed(0), 'µs/req');
  }
}
await app.close(); await sandbox.stop(); process.exit(0);
