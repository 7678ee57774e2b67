// `npm run bench` (full, about 18 minutes) and `npm run bench -- --quick` (smoke, < 60 s: shorter and
// fewer rounds, a grid of every 25th position, and only the first variant in the 0 ms pass).
//
// For each upstream latency pass (0 ms, then 10 ms added by the sandbox), on loopback:
// - the sandbox upstream in its own process (`sandbox-proc.ts`), counting requests, rows
//   and accepted TCP connections;
// - direct: the REST page fetched straight from the sandbox;
// - floor: the minimal hand-written proxy (`floor.ts`);
// - gateway: `node dist/server.js` (compiled by `npm run build` when the bench starts, as
//   production runs it), NODE_ENV=production, service mode;
// - variants: the same production entry with other node flags or environment, or the
//   TypeScript sources with bench-only hooks (`variants/`).
// Every server is preloaded with `probe.js` (CPU time and RSS over IPC).
//
// Method: each body is verified once (floor and variants must deep-equal the gateway's),
// then every response of every run must be byte-equal to its target's verified body; any
// error, timeout, non-2xx or mismatch makes the run invalid and the bench exits 1.
// A discarded warm-up per target; then ROUNDS rounds in rotated order at 50 connections
// (each measured run preceded by short discarded pre-rolls, so that idle gaps between
// runs do not count); then ROUNDS rounds in rotated order at a fixed rate of half the
// gateway's median maximum. Medians with min-max are reported.
//
// Also: the pagination grid (`grid.ts`) against a 1,200-meeting sandbox.
// Writes bench/results/latest.json and bench/results/latest.md.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { DEFAULT_ACCOUNT_ID, DEFAULT_APP_ID } from '../src/sandbox/seed.ts';
import { startRedisServer } from '../test/support/redis-server.ts';
import {
  BENCH_GATEWAY_ENV,
  buildGateway,
  type Child,
  GATEWAY_ARGS,
  GATEWAY_READY,
  PROBE,
  quiesce,
  REPO_ROOT,
  sampleRss,
  spawnChild,
} from './children.ts';
import { type ClusterResult, measureCluster } from './cluster.ts';
import { type GridResult, runGrid } from './grid.ts';
import { invalidity, type LoadOptions, type LoadResult, type LoadTarget, runLoad } from './load.ts';
import { busyPercent, machineCpuTimes, machineInfo } from './machine.ts';
import { type CachedResult, type ManyCallersResult, runCached, runManyCallers } from './many-callers.ts';
import { graphqlPageProblem, graphqlTarget, PAGE_SIZE, restPageProblem } from './query.ts';
import { renderCluster, renderMarkdown } from './report.ts';
import type { SandboxStats } from './sandbox-proc.ts';
import { median, round, roundedSpread, spread } from './stats.ts';
import type {
  BenchResults,
  Kind,
  PassResult,
  RunRecord,
  Summary,
  TargetCheck,
  TargetSummary,
  VariantInfo,
} from './types.ts';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'no-grid': { type: 'boolean', default: false },
    'no-many': { type: 'boolean', default: false },
    'many-only': { type: 'boolean', default: false },
    latencies: { type: 'string' },
    variants: { type: 'string' },
    out: { type: 'string' },
    'no-cluster': { type: 'boolean', default: false },
    'cluster-only': { type: 'boolean', default: false },
  },
  allowPositionals: false,
});

const QUICK = flags.quick === true;
// autocannon ends a run on its 1 s tick, so no duration here is shorter than 1 s.
const SETTINGS = QUICK
  ? {
      warmupS: 1,
      preRollS: 1,
      minPreRolls: 0,
      roundS: 1,
      rounds: 2,
      fixedRounds: 1,
      gridStep: 25,
      connections: 50,
    }
  : {
      warmupS: 3,
      preRollS: 1,
      minPreRolls: 1,
      roundS: 4,
      rounds: 3,
      fixedRounds: 5,
      gridStep: 1,
      connections: 50,
    };
const LATENCIES = (flags.latencies ?? '0,10').split(',').map(Number);
const TOKEN = 'x';
const ACCOUNT = DEFAULT_ACCOUNT_ID;
const APP = DEFAULT_APP_ID;

/** The variant with every upstream body decoded; `ratios.noRepeatVsFloorCpu` is its figure. */
const NO_REPEAT_VARIANT = 'gateway no-repeat';
/** The variant with every request through yoga's steps; `ratios.noShortPathVsFloorCpu` is its figure. */
const NO_SHORT_PATH_VARIANT = 'gateway no-short-path';

/** A gateway variant: the production entry with hooks (BENCH_VARIANT) and/or extra environment. */
type VariantSpec = VariantInfo;

const ALL_VARIANTS: VariantSpec[] = [
  // graphql-jit, the Content-Length body limit, async log writes and ISO DateTime strings
  // were variants here ("all4": CPU per request halved) and are now in src/.
  {
    name: 'gateway log=warn',
    description: 'LOG_LEVEL=warn: no per-request info line (the default writes one JSON line per request)',
    env: { LOG_LEVEL: 'warn' },
    latencies: [0],
  },
  {
    name: 'gateway heap=V8',
    description:
      "node --heap-growing-percent=0: V8's own old-generation growth (up to 4× the live data) instead of the gateway's 2× (src/heap-growth.ts)",
    env: {},
    nodeArgs: ['--heap-growing-percent=0'],
    latencies: [0],
  },
  {
    name: 'gateway pretenure=V8',
    description:
      "node --allocation-site-pretenuring: V8's allocation-site pretenuring on, as by default, instead of off (src/pretenuring.ts)",
    env: {},
    nodeArgs: ['--allocation-site-pretenuring'],
    latencies: [0],
  },
  {
    name: NO_REPEAT_VARIANT,
    description:
      "UPSTREAM_REPEATED_BODIES_MB=0: every upstream body decoded, as when each answer's bytes differ from the previous one",
    env: { UPSTREAM_REPEATED_BODIES_MB: '0' },
    latencies: [0],
  },
  {
    name: NO_SHORT_PATH_VARIANT,
    description:
      "GRAPHQL_SHORT_PATH=false: every request through yoga's parameter, parse, validation, context and execution hooks and its result processing (src/pipeline/short-path.ts off)",
    env: { GRAPHQL_SHORT_PATH: 'false' },
    latencies: [0],
  },
  {
    name: 'gateway without yoga',
    description:
      "bench/without-yoga.ts: the gateway's context, executor and JSON.stringify on plain node:http, without yoga, envelop or the request pipeline (no validation, limits, log line or metrics: a lower bound; TypeScript sources, so its RSS includes Node's type stripper)",
    env: {},
    entry: 'bench/without-yoga.ts',
    latencies: [0],
  },
  {
    name: 'gateway semi=16',
    description:
      'node --max-semi-space-size=16: V8 young generation capped at 48 MB (default grows to 128 MB here)',
    env: {},
    nodeArgs: ['--max-semi-space-size=16'],
    latencies: [0, 10],
  },
  {
    name: 'gateway semi=8 arena=2',
    description:
      'node --max-semi-space-size=8 and MALLOC_ARENA_MAX=2 (glibc keeps freed memory of many per-thread arenas resident)',
    env: { MALLOC_ARENA_MAX: '2' },
    nodeArgs: ['--max-semi-space-size=8'],
    latencies: [0],
  },
  {
    name: 'gateway pool=8',
    description:
      'UPSTREAM_CONNECTIONS=8 (default 32): fewer, busier upstream sockets, so fewer go idle and get closed',
    env: { UPSTREAM_CONNECTIONS: '8' },
    latencies: [0, 10],
    optional: true,
  },
  {
    name: 'gateway graphql-js',
    description: "graphql-js's execute instead of yoga's default executor (@graphql-tools/executor)",
    env: { BENCH_VARIANT: 'graphqljs' },
    latencies: [0],
    optional: true,
  },
  {
    name: 'gateway ts',
    description:
      "the TypeScript sources (`node src/server.ts`, Node's type stripping at load) instead of the compiled dist/",
    env: {},
    entry: 'src/server.ts',
    latencies: [0],
    optional: true,
  },
];

/**
 * Node flags, then the entry a variant runs: its own, the hooked entry (TypeScript sources:
 * `variants/entry.ts` hooks `src/app.ts`'s imports), or the production entry.
 */
function argsOf(variant: VariantSpec): string[] {
  const entry = variant.entry ?? (variant.env.BENCH_VARIANT ? 'bench/variants/entry.ts' : undefined);
  return entry === undefined
    ? [...(variant.nodeArgs ?? []), ...GATEWAY_ARGS]
    : [...(variant.nodeArgs ?? []), entry];
}

function chosenVariants(): VariantSpec[] {
  if (flags.variants === undefined) {
    return QUICK
      ? ALL_VARIANTS.slice(0, 1).map((variant) => ({ ...variant, latencies: [0] }))
      : ALL_VARIANTS.filter((variant) => variant.optional !== true);
  }
  const names = flags.variants.split(',').filter((name) => name !== '');
  return ALL_VARIANTS.filter(
    (variant) => names.includes(variant.name) || names.includes(variant.env.BENCH_VARIANT ?? ''),
  );
}

interface Target {
  name: string;
  kind: Kind;
  load: LoadTarget;
  /** The process whose CPU and RSS are measured for this target (the sandbox for direct). */
  child: Child;
}

const children: Child[] = [];

async function start(
  name: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<Child> {
  const child = await spawnChild({ name, args, env, ready });
  children.push(child);
  return child;
}

async function stopAll(): Promise<void> {
  await Promise.allSettled(children.splice(0).map((child) => child.stop()));
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function check(result: LoadResult): LoadResult {
  const problem = invalidity(result);
  if (problem !== null) throw new Error(`invalid run: ${problem}`);
  return result;
}

async function fetchText(target: LoadTarget): Promise<{ status: number; text: string }> {
  const response = await fetch(target.url, {
    method: target.method,
    headers: target.headers,
    ...(target.body === undefined ? {} : { body: target.body }),
  });
  return { status: response.status, text: await response.text() };
}

/** Fetches each target's body once, checks it, and makes it the body every response must equal. */
async function verifyBodies(targets: Target[]): Promise<void> {
  const gateway = targets.find((t) => t.kind === 'gateway');
  if (!gateway) throw new Error('no gateway target');
  const reference = await fetchText(gateway.load);
  const gatewayProblem =
    reference.status === 200 ? graphqlPageProblem(JSON.parse(reference.text)) : 'not 200';
  if (gatewayProblem !== null)
    throw new Error(`gateway body: ${gatewayProblem}: ${reference.text.slice(0, 300)}`);
  const referenceJson: unknown = JSON.parse(reference.text);
  for (const target of targets) {
    const { status, text } = target === gateway ? reference : await fetchText(target.load);
    if (status !== 200) throw new Error(`${target.name} answered ${status}: ${text.slice(0, 300)}`);
    const json: unknown = JSON.parse(text);
    if (target.kind === 'direct') {
      const problem = restPageProblem(json);
      if (problem !== null) throw new Error(`direct body: ${problem}`);
    } else if (!isDeepStrictEqual(json, referenceJson)) {
      throw new Error(`${target.name}'s body is not deep-equal to the gateway's`);
    }
    target.load.expectBody = text;
  }
}

/**
 * One measured run: discarded pre-rolls (at least two, until one opens no upstream
 * connection: they re-open what the idle gap since the target's last run closed), a wait
 * until the measured server and the sandbox have nothing in flight, the run, and another
 * such wait, so that CPU time, requests handled and upstream calls cover the same requests.
 */
async function measure(target: Target, sandbox: Child, options: LoadOptions): Promise<RunRecord> {
  const s0 = await sandbox.ask<SandboxStats>('stats');
  // Pre-roll until the upstream pool is whole again: the sandbox closes sockets idle for 5 s,
  // which they are while the other targets run. (Direct opens its own 50 every run.)
  for (let i = 0; i < 5 && SETTINGS.minPreRolls > 0; i++) {
    const before = await sandbox.ask<SandboxStats>('stats');
    check(await runLoad(target.load, { ...options, durationS: SETTINGS.preRollS }));
    await quiesce(target.child);
    const after = await sandbox.ask<SandboxStats>('stats');
    if (
      target.kind === 'direct' ||
      (i + 1 >= SETTINGS.minPreRolls && after.connections === before.connections)
    )
      break;
  }
  await quiesce(sandbox);
  const [p0, u0, s1] = await Promise.all([
    target.child.probe(),
    sandbox.probe(),
    sandbox.ask<SandboxStats>('stats'),
  ]);
  const c0 = process.cpuUsage();
  const m0 = machineCpuTimes();
  const sampler = sampleRss(target.child, 100);
  const result = check(await runLoad(target.load, options));
  const c1 = process.cpuUsage(c0);
  const m1 = machineCpuTimes();
  const peak = await sampler.stop();
  await quiesce(target.child);
  await quiesce(sandbox);
  const [p1, u1, s2] = await Promise.all([
    target.child.probe(),
    sandbox.probe(),
    sandbox.ask<SandboxStats>('stats'),
  ]);
  // Per-request figures divide by the requests the measured server received in the window
  // (each was handled to the end, even if the load generator had gone when it finished).
  const handled = p1.started - p0.started;
  if (handled <= 0) throw new Error(`${target.name} handled nothing`);
  return {
    rps: result.rps,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    sent: result.sent,
    served: handled,
    cpuUsPerReq: (p1.cpuUs - p0.cpuUs) / handled,
    upstreamCpuUsPerReq: (u1.cpuUs - u0.cpuUs) / handled,
    clientCpuUsPerReq: (c1.user + c1.system) / Math.max(1, result.completed),
    machineBusyPct: busyPercent(m0, m1),
    upstreamCalls: s2.listRequests - s1.listRequests,
    rowsRequested: s2.rowsRequested - s1.rowsRequested,
    newConnections: s2.connections - s1.connections,
    preRollConnections: s1.connections - s0.connections,
    rssPeakBytes: peak.rss,
    heapTotalAtPeakBytes: peak.heapTotal,
    externalAtPeakBytes: peak.external,
    newSpaceAtPeakBytes: peak.newSpace,
    oldSpaceAtPeakBytes: peak.oldSpace,
    rssFileAtPeakBytes: peak.rssFile,
    rssAnonAtPeakBytes: peak.rssAnon,
  };
}

/**
 * New upstream connections in steady state: back-to-back windows at 50 connections with no
 * idle gap; the first window (which refills the pool after the warm-up's idle tail) is not counted.
 */
async function steadyConnections(
  target: Target,
  sandbox: Child,
  windows: number,
  durationS: number,
): Promise<PassResult['steady']> {
  let queries = 0;
  let fresh = 0;
  for (let w = 0; w < windows; w++) {
    const [a, pa] = await Promise.all([sandbox.ask<SandboxStats>('stats'), target.child.probe()]);
    check(await runLoad(target.load, { connections: SETTINGS.connections, durationS }));
    const [b, pb] = await Promise.all([sandbox.ask<SandboxStats>('stats'), target.child.probe()]);
    if (w === 0) continue;
    queries += pb.started - pa.started;
    fresh += b.connections - a.connections;
  }
  return {
    windows: windows - 1,
    windowSeconds: durationS,
    queries,
    newConnections: fresh,
    newConnectionsPer1000: round((1000 * fresh) / Math.max(1, queries), 3),
  };
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

function summarize(runs: RunRecord[]): Summary {
  const pick = (f: (r: RunRecord) => number) => roundedSpread(runs.map(f));
  return {
    rps: pick((r) => r.rps),
    p50Ms: pick((r) => r.p50Ms),
    p99Ms: pick((r) => r.p99Ms),
    cpuUsPerReq: pick((r) => r.cpuUsPerReq),
    upstreamCpuUsPerReq: pick((r) => r.upstreamCpuUsPerReq),
    clientCpuUsPerReq: pick((r) => r.clientCpuUsPerReq),
    machineBusyPct: pick((r) => r.machineBusyPct),
    runs: runs.length,
  };
}

async function runPass(latencyMs: number, variants: VariantSpec[]): Promise<PassResult> {
  const began = performance.now();
  log(`pass: upstream latency ${latencyMs} ms`);
  const sandbox = await start(
    'sandbox',
    ['--import', PROBE, 'bench/sandbox-proc.ts'],
    { BENCH_SANDBOX_LATENCY_MS: String(latencyMs), BENCH_SANDBOX_TOKEN: TOKEN },
    /^(\{.*"baseUrl".*\})$/,
  );
  const baseUrl = (JSON.parse(sandbox.readyLine) as { baseUrl: string }).baseUrl;
  const gatewayEnv = {
    ...BENCH_GATEWAY_ENV,
    CLOUDFLARE_API_TOKEN: TOKEN,
    REALTIMEKIT_API_URL: baseUrl,
    CLOUDFLARE_ACCOUNT_ID: ACCOUNT,
    REALTIMEKIT_APP_ID: APP,
    PORT: '0',
  };
  // The gateway's start line names GraphiQL; `without-yoga.ts` serves GraphQL only.
  const graphqlReady = /Graphi?QL at (http:\/\/\S+)/;
  const [gateway, floor, ...variantChildren] = await Promise.all([
    start('gateway', ['--import', PROBE, ...GATEWAY_ARGS], gatewayEnv, GATEWAY_READY),
    start('floor', ['--import', PROBE, 'bench/floor.ts'], gatewayEnv, /listening on (http:\/\/\S+)/),
    ...variants.map((variant) =>
      start(
        variant.name,
        ['--import', PROBE, ...argsOf(variant)],
        { ...gatewayEnv, ...variant.env },
        graphqlReady,
      ),
    ),
  ]);
  if (!gateway || !floor) throw new Error('servers did not start');

  const targets: Target[] = [
    {
      name: 'direct',
      kind: 'direct',
      child: sandbox,
      load: {
        name: 'direct',
        url: `${baseUrl}/accounts/${ACCOUNT}/realtime/kit/${APP}/meetings?page_no=1&per_page=${PAGE_SIZE}`,
        method: 'GET',
        headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/json' },
        expectBody: '',
      },
    },
    { name: 'floor', kind: 'floor', child: floor, load: graphqlTarget('floor', floor.readyLine) },
    { name: 'gateway', kind: 'gateway', child: gateway, load: graphqlTarget('gateway', gateway.readyLine) },
    ...variants.map((variant, i) => {
      const child = variantChildren[i] as Child;
      return {
        name: variant.name,
        kind: 'variant' as const,
        child,
        load: graphqlTarget(variant.name, child.readyLine),
      };
    }),
  ];
  // Idle memory: every server has started and settled, and none has served a request yet.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const rssIdle = new Map<string, number>();
  for (const target of targets) rssIdle.set(target.name, (await target.child.probe()).rss);
  await verifyBodies(targets);
  log(`bodies verified: floor and ${variants.length} variant(s) deep-equal the gateway's`);

  const max: LoadOptions = { connections: SETTINGS.connections, durationS: SETTINGS.roundS };
  const rssAfterWarmup = new Map<string, number>();
  for (const target of targets) {
    check(await runLoad(target.load, { ...max, durationS: SETTINGS.warmupS }));
    rssAfterWarmup.set(target.name, (await target.child.probe()).rss);
  }
  log('warm-up done');
  const steady = await steadyConnections(
    targets.find((t) => t.kind === 'gateway') as Target,
    sandbox,
    QUICK ? 2 : 4,
    QUICK ? 1 : 3,
  );
  log(
    `steady state: ${steady.newConnections} new upstream connections over ${steady.queries} gateway queries (${steady.windows} back-to-back windows after the first)`,
  );

  const maxRuns = new Map<string, RunRecord[]>(targets.map((t) => [t.name, []]));
  for (let r = 0; r < SETTINGS.rounds; r++) {
    for (const target of rotate(targets, r)) {
      const record = await measure(target, sandbox, max);
      maxRuns.get(target.name)?.push(record);
      log(
        `  max r${r + 1} ${target.name.padEnd(18)} ${record.rps.toFixed(0).padStart(6)} req/s  p50 ${record.p50Ms.toFixed(2)} ms  p99 ${record.p99Ms.toFixed(2)} ms  ${record.cpuUsPerReq.toFixed(0)} µs/req`,
      );
    }
  }

  const gatewayMax = spread((maxRuns.get('gateway') ?? []).map((r) => r.rps)).median;
  const fixedRate = Math.max(1, Math.round(gatewayMax / 2));
  const fixed: LoadOptions = {
    connections: SETTINGS.connections,
    durationS: SETTINGS.roundS,
    overallRate: fixedRate,
  };
  const fixedRuns = new Map<string, RunRecord[]>(targets.map((t) => [t.name, []]));
  for (let r = 0; r < SETTINGS.fixedRounds; r++) {
    for (const target of rotate(targets, r)) {
      const record = await measure(target, sandbox, fixed);
      fixedRuns.get(target.name)?.push(record);
      log(
        `  rate ${fixedRate}/s r${r + 1} ${target.name.padEnd(18)} ${record.rps.toFixed(0).padStart(6)} req/s  p50 ${record.p50Ms.toFixed(2)} ms  p99 ${record.p99Ms.toFixed(2)} ms`,
      );
    }
  }

  const summaries: Record<string, TargetSummary> = {};
  for (const target of targets) {
    const all = [...(maxRuns.get(target.name) ?? []), ...(fixedRuns.get(target.name) ?? [])];
    const served = all.reduce((sum, r) => sum + r.served, 0);
    const atPeak = all.reduce((best, r) => (r.rssPeakBytes > best.rssPeakBytes ? r : best));
    const calls = all.reduce((sum, r) => sum + r.upstreamCalls, 0);
    const fresh = all.reduce((sum, r) => sum + r.newConnections, 0);
    const freshWithGaps = fresh + all.reduce((sum, r) => sum + r.preRollConnections, 0);
    const variant = variants.find((v) => v.name === target.name);
    summaries[target.name] = {
      kind: target.kind,
      ...(variant ? { description: variant.description } : {}),
      max: summarize(maxRuns.get(target.name) ?? []),
      fixed: summarize(fixedRuns.get(target.name) ?? []),
      rssMbIdle: round((rssIdle.get(target.name) ?? Number.NaN) / 2 ** 20, 1),
      rssMbAfterWarmup: round((rssAfterWarmup.get(target.name) ?? Number.NaN) / 2 ** 20, 1),
      rssMbPeak: round(Math.max(...all.map((r) => r.rssPeakBytes)) / 2 ** 20, 1),
      heapTotalMbAtPeak: round(atPeak.heapTotalAtPeakBytes / 2 ** 20, 1),
      externalMbAtPeak: round(atPeak.externalAtPeakBytes / 2 ** 20, 1),
      newSpaceMbAtPeak: round(atPeak.newSpaceAtPeakBytes / 2 ** 20, 1),
      oldSpaceMbAtPeak: round(atPeak.oldSpaceAtPeakBytes / 2 ** 20, 1),
      rssFileMbAtPeak: round(atPeak.rssFileAtPeakBytes / 2 ** 20, 1),
      rssAnonMbPeak: round(Math.max(...all.map((r) => r.rssAnonAtPeakBytes)) / 2 ** 20, 1),
      upstreamCallsPerQuery: round(calls / served, 4),
      newConnectionsPer1000: round((1000 * fresh) / served, 3),
      newConnectionsPer1000InclIdleGaps: round((1000 * freshWithGaps) / served, 3),
    };
  }
  await stopAll();

  const g = summaries.gateway as TargetSummary;
  const d = summaries.direct as TargetSummary;
  const f = summaries.floor as TargetSummary;
  /** A variant's CPU per request over the floor's, when it ran in this pass. */
  const vsFloorCpu = (variant: string) => {
    const summary = summaries[variant];
    return summary && round(summary.max.cpuUsPerReq.median / f.max.cpuUsPerReq.median, 3);
  };
  const noRepeatVsFloorCpu = vsFloorCpu(NO_REPEAT_VARIANT);
  const noShortPathVsFloorCpu = vsFloorCpu(NO_SHORT_PATH_VARIANT);
  return {
    latencyMs,
    fixedRate,
    targets: summaries,
    steady,
    ratios: {
      gatewayVsDirectRps: round(g.max.rps.median / d.max.rps.median, 3),
      gatewayVsFloorRps: round(g.max.rps.median / f.max.rps.median, 3),
      gatewayVsFloorCpu: round(g.max.cpuUsPerReq.median / f.max.cpuUsPerReq.median, 3),
      gatewayVsFloorCpuPaired: round(pairedRatio(maxRuns.get('gateway'), maxRuns.get('floor')), 3),
      addedP50Ms: round(g.fixed.p50Ms.median - d.fixed.p50Ms.median, 3),
      floorAddedP50Ms: round(f.fixed.p50Ms.median - d.fixed.p50Ms.median, 3),
      addedP50VsFloor: round(
        (g.fixed.p50Ms.median - d.fixed.p50Ms.median) / (f.fixed.p50Ms.median - d.fixed.p50Ms.median),
        3,
      ),
      gatewayVsFloorRssPeak: round(g.rssMbPeak / f.rssMbPeak, 3),
      ...(noRepeatVsFloorCpu === undefined ? {} : { noRepeatVsFloorCpu }),
      ...(noShortPathVsFloorCpu === undefined ? {} : { noShortPathVsFloorCpu }),
    },
    seconds: round((performance.now() - began) / 1000, 1),
  };
}

/** The median of the per-round ratios a[r] / b[r] of CPU per request (rounds pair up by index). */
function pairedRatio(a: RunRecord[] | undefined, b: RunRecord[] | undefined): number {
  const ratios = (a ?? []).flatMap((run, r) => {
    const other = b?.[r];
    return other === undefined ? [] : [run.cpuUsPerReq / other.cpuUsPerReq];
  });
  return ratios.length === 0 ? Number.NaN : median(ratios);
}

function targetChecks(pass: PassResult, grid: GridResult | null): TargetCheck[] {
  const g = pass.targets.gateway as TargetSummary;
  const checks: TargetCheck[] = [
    {
      name: 'gateway req/s vs direct',
      threshold: '≥ 0.6',
      measured: `${pass.ratios.gatewayVsDirectRps}`,
      holds: pass.ratios.gatewayVsDirectRps >= 0.6,
    },
    {
      name: 'gateway CPU/req vs floor',
      threshold: '≤ 2',
      measured: `${pass.ratios.gatewayVsFloorCpu}`,
      holds: pass.ratios.gatewayVsFloorCpu <= 2,
    },
    {
      name: 'gateway CPU/req vs floor (issue 12)',
      threshold: '≤ 1.3',
      measured: `${pass.ratios.gatewayVsFloorCpu}`,
      holds: pass.ratios.gatewayVsFloorCpu <= 1.3,
    },
    {
      name: `added p50 at ${pass.fixedRate} req/s vs floor's`,
      threshold: '≤ 1.2',
      measured: `${pass.ratios.addedP50VsFloor}`,
      holds: pass.ratios.addedP50VsFloor <= 1.2,
    },
    {
      name: `added p50 at ${pass.fixedRate} req/s`,
      threshold: '≤ 1 ms',
      measured: `${pass.ratios.addedP50Ms} ms`,
      holds: pass.ratios.addedP50Ms <= 1,
    },
    {
      name: 'gateway peak RSS',
      threshold: '≤ 150 MB',
      measured: `${g.rssMbPeak} MB`,
      holds: g.rssMbPeak <= 150,
    },
    {
      name: 'gateway peak RSS vs floor',
      threshold: '≤ 1.1',
      measured: `${pass.ratios.gatewayVsFloorRssPeak}`,
      holds: pass.ratios.gatewayVsFloorRssPeak <= 1.1,
    },
    {
      name: 'gateway idle RSS (service mode)',
      threshold: '≤ 100 MB',
      measured: `${g.rssMbIdle} MB`,
      holds: g.rssMbIdle <= 100,
    },
    {
      name: 'new upstream connections / 1000 queries (steady state)',
      threshold: '0',
      measured: `${pass.steady.newConnectionsPer1000} (${pass.steady.newConnections} in ${pass.steady.queries})`,
      holds: pass.steady.newConnections === 0,
    },
  ];
  if (grid !== null) {
    checks.push(
      {
        name: 'grid mean calls',
        threshold: `= optimum ${round(grid.optimumMeanCalls, 4)}`,
        measured: `${round(grid.meanCalls, 4)}`,
        holds: Math.abs(grid.meanCalls - grid.optimumMeanCalls) < 1e-9,
      },
      {
        name: 'grid fetched/returned rows',
        threshold: `= optimum ${round(grid.optimumFetchedPerReturned, 4)}`,
        measured: `${round(grid.fetchedPerReturned, 4)}`,
        holds: Math.abs(grid.fetchedPerReturned - grid.optimumFetchedPerReturned) < 1e-9,
      },
    );
  }
  return checks;
}

/** WEB_CONCURRENCY = cores against one process (bench/cluster.ts). */
function runCluster(): Promise<ClusterResult> {
  log('cluster: one process vs one worker per core');
  return measureCluster({
    start,
    gatewayEnv: {
      ...BENCH_GATEWAY_ENV,
      CLOUDFLARE_API_TOKEN: TOKEN,
      CLOUDFLARE_ACCOUNT_ID: ACCOUNT,
      REALTIMEKIT_APP_ID: APP,
    },
    token: TOKEN,
    connections: SETTINGS.connections,
    warmupS: SETTINGS.warmupS,
    roundS: SETTINGS.roundS,
    rounds: Math.max(SETTINGS.rounds, 6),
    log,
  });
}

/** `--cluster-only`: measures the cluster and updates the `cluster` part of the latest results. */
async function clusterOnly(): Promise<void> {
  const outDir = flags.out ?? `${REPO_ROOT}bench/results`;
  const file = `${outDir}/latest.json`;
  if (!existsSync(file)) throw new Error(`--cluster-only updates ${file}, which does not exist yet`);
  const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
  results.cluster = await runCluster();
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  // Only the cluster section (the last) of latest.md changes; the rest may come from another version of the report.
  const mdFile = `${outDir}/latest.md`;
  const section = renderCluster(results.cluster).join('\n');
  const md = existsSync(mdFile) ? readFileSync(mdFile, 'utf8') : '';
  const at = md.indexOf('## All cores (WEB_CONCURRENCY)');
  const next = at < 0 ? `${md.trimEnd()}\n\n${section}` : `${md.slice(0, at)}${section}`;
  writeFileSync(mdFile, `${next.trimEnd()}\n`);
  log(`cluster.rpsVsSingle ${results.cluster.rpsVsSingle}; updated ${file} and latest.md`);
}

interface ManyResults {
  manyCallers: ManyCallersResult;
  manyCallersRedis: ManyCallersResult;
  cached: CachedResult;
}

/** The many-callers scenarios (`many-callers.ts`), on their own sandbox with 10 ms latency. */
async function runManyScenarios(): Promise<ManyResults> {
  log('many callers: default budget and cache');
  const sandbox = await start(
    'many sandbox',
    ['--import', PROBE, 'bench/sandbox-proc.ts'],
    { BENCH_SANDBOX_LATENCY_MS: '10', BENCH_SANDBOX_TOKEN: TOKEN },
    /^(\{.*"baseUrl".*\})$/,
  );
  const baseUrl = (JSON.parse(sandbox.readyLine) as { baseUrl: string }).baseUrl;
  const deps = { start, sandbox, baseUrl, token: TOKEN, accountId: ACCOUNT, appId: APP, probe: PROBE, log };
  const timing = QUICK ? { warmupS: 3, durationS: 8 } : { warmupS: 10, durationS: 30 };
  const manyCallers = await runManyCallers(deps, { processes: 1, connections: 50, ...timing });
  log(`manyCallers: ${JSON.stringify(manyCallers)}`);
  const redis = await startRedisServer();
  let manyCallersRedis: ManyCallersResult;
  try {
    manyCallersRedis = await runManyCallers(deps, {
      processes: 3,
      redisUrl: redis.url,
      connections: 50,
      ...timing,
    });
  } finally {
    await redis.stop();
  }
  log(`manyCallersRedis: ${JSON.stringify(manyCallersRedis)}`);
  const cached = await runCached(
    deps,
    QUICK ? { connections: 50, warmupS: 2, durationS: 4 } : { connections: 50, warmupS: 3, durationS: 8 },
  );
  log(`cached: ${JSON.stringify(cached)}`);
  await sandbox.stop();
  return { manyCallers, manyCallersRedis, cached };
}

async function main(): Promise<void> {
  log('npm run build: the bench measures the compiled gateway (dist/), as production runs it');
  buildGateway();
  if (flags['cluster-only'] === true) return clusterOnly();
  const began = performance.now();
  if (flags['many-only'] === true) {
    process.stdout.write(`${JSON.stringify(await runManyScenarios(), null, 2)}\n`);
    return;
  }
  const machine = machineInfo();
  log(`${QUICK ? 'quick' : 'full'} run on ${machine.cpuModel} ×${machine.cores}, Node ${machine.node}`);
  const variants = chosenVariants();

  let grid: GridResult | null = null;
  if (flags['no-grid'] !== true) {
    log(`grid: step ${SETTINGS.gridStep}`);
    grid = await runGrid({
      positionStep: SETTINGS.gridStep,
      accountId: ACCOUNT,
      appId: APP,
      maxPerPage: 100,
    });
    log(
      `grid: ${grid.windows} windows in ${grid.seconds.toFixed(1)} s; mean calls ${grid.meanCalls.toFixed(4)} (optimum ${grid.optimumMeanCalls.toFixed(4)}), fetched/returned ${grid.fetchedPerReturned.toFixed(4)} (optimum ${grid.optimumFetchedPerReturned.toFixed(4)})`,
    );
  }

  const passes: PassResult[] = [];
  for (const latency of LATENCIES) {
    passes.push(
      await runPass(
        latency,
        variants.filter((v) => v.latencies.includes(latency)),
      ),
    );
  }
  const many = flags['no-many'] === true ? null : await runManyScenarios();
  const primary = passes[0];
  if (!primary) throw new Error('no pass ran');
  const pg = primary.targets.gateway as TargetSummary;
  const pf = primary.targets.floor as TargetSummary;

  const cluster = flags['no-cluster'] === true ? null : await runCluster();
  const checks = passes.map((pass) => ({ latencyMs: pass.latencyMs, checks: targetChecks(pass, grid) }));
  const results: BenchResults = {
    kind: QUICK ? 'quick' : 'full',
    date: new Date().toISOString(),
    seconds: round((performance.now() - began) / 1000, 1),
    machine: { ...machine, loadAverageAtEnd: loadavg().map((v) => round(v, 2)) },
    settings: { ...SETTINGS, latencies: LATENCIES, pageSize: PAGE_SIZE },
    primaryLatencyMs: primary.latencyMs,
    ratios: primary.ratios,
    gateway: {
      rps: pg.max.rps,
      p50Ms: pg.max.p50Ms,
      p99Ms: pg.max.p99Ms,
      cpuUsPerReq: pg.max.cpuUsPerReq,
      rssMbIdle: pg.rssMbIdle,
      rssMbAfterWarmup: pg.rssMbAfterWarmup,
      rssMbPeak: pg.rssMbPeak,
      rssAnonMbPeak: pg.rssAnonMbPeak,
    },
    floor: { cpuUsPerReq: pf.max.cpuUsPerReq, rssMbIdle: pf.rssMbIdle, rssMbPeak: pf.rssMbPeak },
    upstream: {
      callsPerQuery: pg.upstreamCallsPerQuery,
      newConnectionsPer1000: primary.steady.newConnectionsPer1000,
      steady: primary.steady,
      newConnectionsPer1000InRotation: pg.newConnectionsPer1000,
      newConnectionsPer1000InclIdleGaps: pg.newConnectionsPer1000InclIdleGaps,
    },
    grid,
    manyCallers: many?.manyCallers ?? null,
    manyCallersRedis: many?.manyCallersRedis ?? null,
    cached: many ? { ...many.cached, passThroughCpuUsPerReq: pg.max.cpuUsPerReq.median } : null,
    passes: Object.fromEntries(passes.map((pass) => [`latency${pass.latencyMs}ms`, pass])),
    targets: checks,
    variants: variants.map((v) => ({
      name: v.name,
      description: v.description,
      env: v.env,
      latencies: v.latencies,
    })),
    cluster,
  };
  const outDir = flags.out ?? `${REPO_ROOT}bench/results`;
  mkdirSync(outDir, { recursive: true });
  writeFileSync(`${outDir}/latest.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${outDir}/latest.md`, renderMarkdown(results));
  log(`wrote ${outDir}/latest.json and latest.md in ${results.seconds} s`);
  process.stdout.write(renderMarkdown(results));
}

const shutdown = (code: number) => {
  void stopAll().then(() => process.exit(code));
};
process.on('SIGINT', () => shutdown(130));
process.on('SIGTERM', () => shutdown(143));

main().then(
  () => stopAll(),
  (error: unknown) => {
    log(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    shutdown(1);
  },
);
