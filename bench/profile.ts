// Profiles the gateway (or a variant) under load:
//   node bench/profile.ts [--variant jit] [--sources] [--node-args '--flag …'] [--env K=V,…]
//                         [--seconds 20] [--connections 50] [--latency 0] [--dir /tmp/prof]
// Compiles the gateway (`npm run build`), starts the sandbox (own process) and
// `node --cpu-prof --cpu-prof-dir=DIR dist/server.js` as production runs it (`--sources`:
// `src/server.ts`; `--variant`: the hooked entry on the sources), verifies the body, runs
// autocannon at 50 connections for the given time, stops the gateway with SIGTERM (the profile is written on exit) and prints the top
// self-time functions and packages (`cpuprofile-summary.ts`) of the load phase alone, in % of
// busy time and in µs per request answered, so that `--floor` and the gateway compare row by row.
import { mkdirSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_ACCOUNT_ID, DEFAULT_APP_ID } from '../src/sandbox/seed.ts';
import {
  BENCH_GATEWAY_ENV,
  buildGateway,
  type Child,
  GATEWAY_ARGS,
  GATEWAY_READY,
  PROBE,
  spawnChild,
} from './children.ts';
import { formatSummary, summarizeProfiles } from './cpuprofile-summary.ts';
import { invalidity, runLoad } from './load.ts';
import { graphqlPageProblem, MEETINGS_REQUEST_BODY } from './query.ts';

const { values } = parseArgs({
  options: {
    variant: { type: 'string' },
    floor: { type: 'boolean', default: false },
    sources: { type: 'boolean', default: false },
    'node-args': { type: 'string', default: '' },
    env: { type: 'string' },
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
    latency: { type: 'string', default: '0' },
    dir: { type: 'string', default: '/tmp/prof' },
    top: { type: 'string', default: '25' },
  },
});

const seconds = Number(values.seconds);
const label = values.floor ? 'floor' : (values.variant ?? 'gateway');
const entry = values.floor
  ? ['bench/floor.ts']
  : values.variant
    ? ['bench/variants/entry.ts']
    : values.sources
      ? ['src/server.ts']
      : [...GATEWAY_ARGS];
const nodeArgs = (values['node-args'] ?? '').split(' ').filter((arg) => arg !== '');
const compiled = entry[0] === GATEWAY_ARGS[0];
if (compiled) buildGateway();
const dir = `${values.dir}/${label}-${Date.now()}`;
mkdirSync(dir, { recursive: true });
const extraEnv = Object.fromEntries(
  (values.env ?? '')
    .split(',')
    .filter((pair) => pair.includes('='))
    .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
);

const children: Child[] = [];
try {
  const sandbox = await spawnChild({
    name: 'sandbox',
    args: ['--import', PROBE, 'bench/sandbox-proc.ts'],
    env: { BENCH_SANDBOX_LATENCY_MS: values.latency ?? '0', BENCH_SANDBOX_TOKEN: 'x' },
    ready: /^(\{.*"baseUrl".*\})$/,
  });
  children.push(sandbox);
  const baseUrl = (JSON.parse(sandbox.readyLine) as { baseUrl: string }).baseUrl;
  const gateway = await spawnChild({
    name: label,
    args: ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...nodeArgs, ...entry],
    env: {
      ...BENCH_GATEWAY_ENV,
      CLOUDFLARE_API_TOKEN: 'x',
      REALTIMEKIT_API_URL: baseUrl,
      CLOUDFLARE_ACCOUNT_ID: DEFAULT_ACCOUNT_ID,
      REALTIMEKIT_APP_ID: DEFAULT_APP_ID,
      PORT: '0',
      ...(values.variant ? { BENCH_VARIANT: values.variant } : {}),
      ...extraEnv,
    },
    ready: values.floor
      ? /listening on (http:\/\/\S+)/
      : compiled
        ? GATEWAY_READY
        : /GraphiQL at (http:\/\/\S+)/,
  });
  children.push(gateway);
  const headers = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
  };
  const response = await fetch(gateway.readyLine, { method: 'POST', headers, body: MEETINGS_REQUEST_BODY });
  const text = await response.text();
  const problem = graphqlPageProblem(JSON.parse(text));
  if (problem !== null) throw new Error(`gateway body: ${problem}`);
  const loadStartUs = Number(process.hrtime.bigint() / 1000n);
  const result = await runLoad(
    {
      name: label,
      url: gateway.readyLine,
      method: 'POST',
      headers,
      body: MEETINGS_REQUEST_BODY,
      expectBody: text,
    },
    { connections: Number(values.connections), durationS: seconds },
  );
  const loadEndUs = Number(process.hrtime.bigint() / 1000n);
  const bad = invalidity(result);
  if (bad !== null) throw new Error(bad);
  process.stderr.write(
    `${label}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms over ${seconds} s\n`,
  );
  await gateway.stop();
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => `${dir}/${name}`);
  if (files.length === 0) throw new Error(`no .cpuprofile in ${dir}`);
  // Only the load phase's samples, per request it answered (start-up is left out: about a
  // second of CPU, more for the gateway than for the floor).
  const summary = summarizeProfiles(files, Number(values.top), { fromUs: loadStartUs, toUs: loadEndUs });
  process.stdout.write(`${formatSummary(summary, result.completed)}profiles in ${dir}\n`);
} finally {
  await Promise.allSettled(children.map((child) => child.stop()));
}
