// WEB_CONCURRENCY: the same gateway (production entry `dist/server.js`, service mode, the sandbox as upstream
// at +0 ms) with one process and with one worker per core, measured at maximum throughput in
// alternating rounds. `rpsVsSingle` = median req/s of the cluster / median req/s of the
// single process; `rpsVsSinglePaired` = median of the per-round ratios. Client (autocannon) and
// sandbox share the same cores, so the ratio is what the workers gain on this machine, not on a
// dedicated one.
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { type Child, GATEWAY_ARGS, GATEWAY_READY, PROBE } from './children.ts';
import { invalidity, type LoadTarget, runLoad } from './load.ts';
import { graphqlPageProblem, graphqlTarget } from './query.ts';
import type { Spread } from './stats.ts';
import { round, roundedSpread, spread } from './stats.ts';

export interface ClusterResult {
  workers: number;
  cores: number;
  connections: number;
  roundS: number;
  rounds: number;
  upstreamLatencyMs: number;
  /** `cpuUsPerReq`: CPU time of the whole process tree (primary and workers) per request. */
  single: { rps: Spread; p50Ms: Spread; p99Ms: Spread; cpuUsPerReq: Spread };
  cluster: { rps: Spread; p50Ms: Spread; p99Ms: Spread; cpuUsPerReq: Spread };
  rpsVsSingle: number;
  /** Median of the per-round ratios (each round runs both back to back): steadier on a busy machine. */
  rpsVsSinglePaired: number;
  /** 1-minute load average when the measurement started and ended (other work on the machine). */
  loadAverage: { start: number; end: number };
}

export interface ClusterOptions {
  start(name: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<Child>;
  gatewayEnv: Record<string, string>;
  token: string;
  connections: number;
  warmupS: number;
  roundS: number;
  rounds: number;
  log(message: string): void;
}

/** CPU time (user + system, µs) of `pid` and its descendants so far, from /proc (Linux). */
function treeCpuUs(pid: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {}
  }
  let ticks = 0;
  const walk = (id: number) => {
    ticks += stats.get(id)?.ticks ?? 0;
    for (const [child, stat] of stats) if (stat.ppid === id) walk(child);
  };
  walk(pid);
  // Linux reports these in clock ticks of 10 ms (USER_HZ = 100).
  return ticks * 10_000;
}

async function verify(load: LoadTarget): Promise<string> {
  const response = await fetch(load.url, { method: 'POST', headers: load.headers, body: load.body ?? '' });
  const text = await response.text();
  const problem =
    response.status === 200 ? graphqlPageProblem(JSON.parse(text)) : `status ${response.status}`;
  if (problem !== null) throw new Error(`${load.name} body: ${problem}: ${text.slice(0, 300)}`);
  return text;
}

export async function measureCluster(options: ClusterOptions): Promise<ClusterResult> {
  const workers = Math.max(2, availableParallelism());
  const loadAtStart = loadavg()[0] ?? 0;
  const sandbox = await options.start(
    'sandbox (cluster)',
    ['--import', PROBE, 'bench/sandbox-proc.ts'],
    { BENCH_SANDBOX_LATENCY_MS: '0', BENCH_SANDBOX_TOKEN: options.token },
    /^(\{.*"baseUrl".*\})$/,
  );
  const baseUrl = (JSON.parse(sandbox.readyLine) as { baseUrl: string }).baseUrl;
  const env = { ...options.gatewayEnv, REALTIMEKIT_API_URL: baseUrl, PORT: '0' };
  const single = await options.start(
    'gateway ×1',
    [...GATEWAY_ARGS],
    { ...env, WEB_CONCURRENCY: '1' },
    GATEWAY_READY,
  );
  const cluster = await options.start(
    `gateway ×${workers}`,
    [...GATEWAY_ARGS],
    { ...env, WEB_CONCURRENCY: String(workers) },
    GATEWAY_READY,
  );
  const loads = [graphqlTarget('single', single.readyLine), graphqlTarget('cluster', cluster.readyLine)];
  const reference = await verify(loads[0] as LoadTarget);
  for (const load of loads) {
    const body = await verify(load);
    if (body !== reference) throw new Error(`${load.name}'s body differs from the single process's`);
    load.expectBody = body;
  }
  const pids = new Map([
    ['single', single.process.pid ?? 0],
    ['cluster', cluster.process.pid ?? 0],
  ]);
  const run = async (load: LoadTarget, durationS: number) => {
    const pid = pids.get(load.name) ?? 0;
    const before = treeCpuUs(pid);
    const result = await runLoad(load, { connections: options.connections, durationS });
    const cpuUsPerReq = (treeCpuUs(pid) - before) / Math.max(1, result.completed);
    const problem = invalidity(result);
    if (problem !== null) throw new Error(`invalid run (${load.name}): ${problem}`);
    return { ...result, cpuUsPerReq };
  };
  for (const load of loads) await run(load, options.warmupS);
  type Run = { rps: number; p50Ms: number; p99Ms: number; cpuUsPerReq: number };
  const results = new Map<string, Run[]>(loads.map((l) => [l.name, []]));
  for (let r = 0; r < options.rounds; r++) {
    for (const load of r % 2 === 0 ? loads : [...loads].reverse()) {
      const result = await run(load, options.roundS);
      results.get(load.name)?.push({
        rps: result.rps,
        p50Ms: result.p50Ms,
        p99Ms: result.p99Ms,
        cpuUsPerReq: result.cpuUsPerReq,
      });
      options.log(
        `  cluster r${r + 1} ${load.name.padEnd(8)} ${result.rps.toFixed(0).padStart(6)} req/s  p99 ${result.p99Ms.toFixed(1)} ms  ${result.cpuUsPerReq.toFixed(0)} µs CPU/req`,
      );
    }
  }
  await Promise.allSettled([single.stop(), cluster.stop(), sandbox.stop()]);
  const summary = (name: string) => {
    const runs = results.get(name) ?? [];
    const pick = (f: (r: Run) => number) => roundedSpread(runs.map(f));
    return {
      rps: pick((r) => r.rps),
      p50Ms: pick((r) => r.p50Ms),
      p99Ms: pick((r) => r.p99Ms),
      cpuUsPerReq: pick((r) => r.cpuUsPerReq),
    };
  };
  const s = summary('single');
  const c = summary('cluster');
  return {
    workers,
    cores: availableParallelism(),
    connections: options.connections,
    roundS: options.roundS,
    rounds: options.rounds,
    upstreamLatencyMs: 0,
    single: s,
    cluster: c,
    rpsVsSingle: round(c.rps.median / Math.max(1e-9, s.rps.median), 3),
    loadAverage: { start: round(loadAtStart, 2), end: round(loadavg()[0] ?? 0, 2) },
    rpsVsSinglePaired: round(
      spread(
        (results.get('cluster') ?? []).map(
          (run, i) => run.rps / Math.max(1e-9, results.get('single')?.[i]?.rps ?? 0),
        ),
      ).median,
      3,
    ),
  };
}
