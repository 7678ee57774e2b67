// bench/results/latest.md: the figures a person reads in ten seconds, then the targets.

import type { ClusterResult } from './cluster.ts';
import type { Spread } from './stats.ts';
import type { BenchResults, PassResult, TargetSummary } from './types.ts';

function fmt(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function withRange(s: Spread, digits = 0): string {
  return `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
}

function passTable(pass: PassResult): string {
  const names = Object.keys(pass.targets);
  const cols = names.map((name) => pass.targets[name] as TargetSummary);
  const isServer = (t: TargetSummary) => t.kind !== 'direct';
  const row = (label: string, cell: (t: TargetSummary) => string) =>
    `| ${label} | ${cols.map((t) => cell(t)).join(' | ')} |`;
  const lines = [
    `| upstream +${pass.latencyMs} ms | ${names.join(' | ')} |`,
    `|---|${names.map(() => '---:').join('|')}|`,
    row('req/s @50 conns, median (min–max)', (t) => withRange(t.max.rps)),
    row('p50 ms @50 conns', (t) => withRange(t.max.p50Ms, 2)),
    row('p99 ms @50 conns', (t) => withRange(t.max.p99Ms, 2)),
    row(`p50 ms @${fmt(pass.fixedRate)} req/s`, (t) => withRange(t.fixed.p50Ms, 2)),
    row(`p99 ms @${fmt(pass.fixedRate)} req/s`, (t) => withRange(t.fixed.p99Ms, 2)),
    row('server CPU µs/req @50 conns', (t) =>
      isServer(t) ? withRange(t.max.cpuUsPerReq) : `${fmt(t.max.cpuUsPerReq.median)} (sandbox)`,
    ),
    row('RSS MB idle / after warm-up / peak (anon) [V8 new + old, file-backed]', (t) =>
      isServer(t)
        ? `${fmt(t.rssMbIdle, 0)} / ${fmt(t.rssMbAfterWarmup, 0)} / ${fmt(t.rssMbPeak, 0)} (${fmt(t.rssAnonMbPeak, 0)}) [${fmt(t.newSpaceMbAtPeak, 0)} + ${fmt(t.oldSpaceMbAtPeak, 0)}, ${fmt(t.rssFileMbAtPeak, 0)}]`
        : '–',
    ),
    row('upstream calls / query', (t) => (isServer(t) ? fmt(t.upstreamCallsPerQuery, 3) : '–')),
    row('new upstream conns / 1000 in rotation (incl. idle gaps)', (t) =>
      isServer(t)
        ? `${fmt(t.newConnectionsPer1000, 2)} (${fmt(t.newConnectionsPer1000InclIdleGaps, 2)})`
        : '–',
    ),
    row('load-generator CPU µs/req', (t) => fmt(t.max.clientCpuUsPerReq.median)),
    row('machine busy % @50 conns', (t) => fmt(t.max.machineBusyPct.median)),
  ];
  return lines.join('\n');
}

export function renderMarkdown(results: BenchResults): string {
  const out: string[] = [];
  const m = results.machine;
  out.push(`# Gateway benchmark (${results.kind} run, ${results.date})`, '');
  out.push(
    `${m.cpuModel} × ${m.cores} cores, ${fmt(m.totalMemoryMb)} MB, ${m.os}; Node ${m.node}; ` +
      `graphql ${m.packages.graphql}, graphql-yoga ${m.packages['graphql-yoga']}, @pothos/core ${m.packages['@pothos/core']}, undici ${m.packages.undici}. ` +
      `Load average ${m.loadAverageAtStart.join('/')} at start, ${m.loadAverageAtEnd.join('/')} at end. ` +
      `Everything (load generator, servers, sandbox) shares these cores; took ${fmt(results.seconds)} s.`,
    '',
  );
  out.push(
    `Same query for floor, gateway and variants (20 meetings, all scalar fields + recordingConfig), bodies verified byte-equal on every response; ` +
      `direct = the same REST page from the sandbox. ${results.settings.rounds} rounds × ${results.settings.roundS} s in rotated order ` +
      `(fixed rate: ${results.settings.fixedRounds} rounds), medians (min–max); latencies per response, sub-ms.`,
    '',
  );
  for (const pass of Object.values(results.passes)) {
    out.push(`## Upstream latency +${pass.latencyMs} ms`, '', passTable(pass), '');
    out.push(
      `gateway/direct req/s **${pass.ratios.gatewayVsDirectRps}**, gateway/floor req/s ${pass.ratios.gatewayVsFloorRps}, ` +
        `gateway/floor CPU **${pass.ratios.gatewayVsFloorCpu}** (median of per-round ratios ${pass.ratios.gatewayVsFloorCpuPaired})${pass.ratios.noRepeatVsFloorCpu === undefined ? '' : ` (every body decoded: ${pass.ratios.noRepeatVsFloorCpu})`}${pass.ratios.noShortPathVsFloorCpu === undefined ? '' : ` (no short path: ${pass.ratios.noShortPathVsFloorCpu})`}, added p50 at ${fmt(pass.fixedRate)} req/s **${pass.ratios.addedP50Ms} ms** ` +
        `(floor: ${pass.ratios.floorAddedP50Ms} ms, ratio **${pass.ratios.addedP50VsFloor}**), gateway/floor peak RSS **${pass.ratios.gatewayVsFloorRssPeak}**. Steady state: ${pass.steady.newConnections} new upstream connections in ` +
        `${fmt(pass.steady.queries)} gateway queries (${pass.steady.windows} back-to-back ${pass.steady.windowSeconds} s windows after warm-up).`,
      '',
    );
  }
  const grid = results.grid;
  if (grid !== null) {
    out.push(
      `## Pagination grid (${grid.windows} windows: first ∈ {1,5,10,20,25,50,100} × ${grid.positions})`,
      '',
    );
    out.push(
      '| first | mean calls | optimum | fetched/returned | optimum | windows off optimum |',
      '|---:|---:|---:|---:|---:|---:|',
    );
    for (const row of grid.byFirst) {
      out.push(
        `| ${row.first} | ${fmt(row.meanCalls, 4)} | ${fmt(row.optimumMeanCalls, 4)} | ${fmt(row.fetchedPerReturned, 4)} | ${fmt(row.optimumFetchedPerReturned, 4)} | ${row.windowsOffOptimum} |`,
      );
    }
    out.push(
      `| **all** | **${fmt(grid.meanCalls, 4)}** | ${fmt(grid.optimumMeanCalls, 4)} | **${fmt(grid.fetchedPerReturned, 4)}** | ${fmt(grid.optimumFetchedPerReturned, 4)} | ${grid.windowsOffOptimum} |`,
      '',
    );
  }
  const many = [
    ['manyCallers (1 process)', results.manyCallers],
    ['manyCallersRedis (3 processes, one Redis)', results.manyCallersRedis],
  ] as const;
  if (results.manyCallers) {
    out.push(
      '## Many callers, one budget',
      '',
      '50 connections, default budget (1200/300s) and cache (5 s); 70 % first page, 20 % pages 2–5, 10 % one of 10 meetings.',
      '',
      '| scenario | req/s | error rate (target 0) | upstream calls/s (target ≤ 4) |',
      '|---|---:|---:|---:|',
      ...many.flatMap(([name, r]) =>
        r
          ? [`| ${name} | ${fmt(r.rps)} | ${fmt(r.errorRate, 4)} | ${fmt(r.upstreamCallsPerSecond, 2)} |`]
          : [],
      ),
      '',
    );
  }
  if (results.cached) {
    const c = results.cached;
    out.push(
      `Hot first page from the cache: ${fmt(c.rps)} req/s, ${fmt(c.rpsVsDirect, 2)}× direct REST (${fmt(c.directRps)} req/s; target ≥ 0.5); server CPU ${fmt(c.cpuUsPerReq)} µs/req (pass-through: ${fmt(c.passThroughCpuUsPerReq)}).`,
      '',
    );
  }
  out.push('## Targets', '');
  const passes = results.targets;
  out.push(
    `| target | threshold | ${passes.map((p) => `+${p.latencyMs} ms`).join(' | ')} |`,
    `|---|---|${passes.map(() => '---').join('|')}|`,
  );
  const first = passes[0];
  if (first) {
    first.checks.forEach((check, i) => {
      const cells = passes.map((p) => {
        const c = p.checks[i];
        return c ? `${c.holds ? '✅' : '❌'} ${c.measured}` : '–';
      });
      const name = check.name.startsWith('added p50') ? 'added p50 at half the gateway max' : check.name;
      out.push(`| ${name} | ${check.threshold} | ${cells.join(' | ')} |`);
    });
  }
  out.push('');
  if (results.variants.length > 0) {
    out.push(`Variants: ${results.variants.map((v) => `**${v.name}**: ${v.description}`).join('; ')}.`, '');
  }
  // Last: `--cluster-only` replaces everything from this heading on.
  if (results.cluster) out.push(...renderCluster(results.cluster));
  return `${out.join('\n')}\n`;
}

/** The `WEB_CONCURRENCY` section (also spliced alone into latest.md by `--cluster-only`). */
export function renderCluster(cluster: ClusterResult): string[] {
  return [
    '## All cores (WEB_CONCURRENCY)',
    '',
    `${cluster.workers} workers vs one process, +${cluster.upstreamLatencyMs} ms upstream, ${cluster.connections} connections, ${cluster.rounds} alternating rounds of ${cluster.roundS} s (medians; client and sandbox share the cores; 1-minute load average ${fmt(cluster.loadAverage?.start ?? Number.NaN, 2)} at start, ${fmt(cluster.loadAverage?.end ?? Number.NaN, 2)} at end).`,
    '',
    '| | req/s | p50 ms | p99 ms | CPU µs/req (all processes) |',
    '|---|---:|---:|---:|---:|',
    `| 1 process | ${fmt(cluster.single.rps.median)} | ${fmt(cluster.single.p50Ms.median)} | ${fmt(cluster.single.p99Ms.median)} | ${fmt(cluster.single.cpuUsPerReq?.median ?? Number.NaN)} |`,
    `| ${cluster.workers} workers | ${fmt(cluster.cluster.rps.median)} | ${fmt(cluster.cluster.p50Ms.median)} | ${fmt(cluster.cluster.p99Ms.median)} | ${fmt(cluster.cluster.cpuUsPerReq?.median ?? Number.NaN)} |`,
    '',
    `cluster.rpsVsSingle = **${fmt(cluster.rpsVsSingle, 3)}** (median of per-round ratios ${fmt(cluster.rpsVsSinglePaired ?? Number.NaN, 3)}; target ≥ 1.6 on 2 cores: ${cluster.rpsVsSingle >= 1.6 ? '✅' : '❌'}).`,
    '',
  ];
}
