// Summarizes V8 .cpuprofile files (from `node --cpu-prof`): self time per function (name,
// file, line), by summing the time deltas of the samples that hit each profile node, and
// self time per package/area (node_modules package, src/ file, node internals, GC, idle).
//
//   node bench/cpuprofile-summary.ts /tmp/prof/*.cpuprofile [--top 25] [--json out.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTimeEntry {
  name: string;
  where: string;
  /** Self time: sum of the time deltas of the samples that hit this function. */
  selfMs: number;
  /** Share of busy self time. */
  percent: number;
  /**
   * Share of busy samples (each sample counted once). On a machine where the process is
   * often descheduled, a time delta also holds the time the thread was not running, which
   * lands on whatever was on the stack (typically a syscall such as writev); sample counts
   * are closer to CPU time then.
   */
  samplePercent: number;
}

export interface ProfileSummary {
  files: string[];
  totalMs: number;
  /** Total minus idle and program: time spent running JS, native code and GC. */
  busyMs: number;
  functions: SelfTimeEntry[];
  areas: SelfTimeEntry[];
}

function shortUrl(url: string): string {
  if (url === '') return '(native)';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) return url.slice(nm + '/node_modules/'.length);
  const src = url.indexOf('/src/');
  if (src >= 0) return url.slice(src + 1);
  const bench = url.indexOf('/bench/');
  if (bench >= 0) return url.slice(bench + 1);
  return url.replace(/^file:\/\//, '');
}

/** The package (or area) a frame belongs to. */
function area(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url === '') {
    if (functionName === '(garbage collector)') return '(garbage collector)';
    if (functionName === '(idle)') return '(idle)';
    if (functionName === '(program)') return '(program)';
    return '(native)';
  }
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const src = url.indexOf('/src/');
  if (src >= 0) return url.slice(src + 1);
  const bench = url.indexOf('/bench/');
  if (bench >= 0) return url.slice(bench + 1);
  return url;
}

/**
 * `window`: only the samples taken inside it, in µs of the monotonic clock V8 stamps its
 * profiles with (on Linux the one `process.hrtime` reads, in any process), e.g. the load
 * phase without start-up.
 */
export function summarizeProfiles(
  files: string[],
  top = 25,
  window?: { fromUs: number; toUs: number },
): ProfileSummary {
  const byFunction = new Map<string, { name: string; where: string; us: number; samples: number }>();
  const byArea = new Map<string, { us: number; samples: number }>();
  let totalUs = 0;
  let idleUs = 0;
  let totalSamples = 0;
  let idleSamples = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const nodes = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<number, { us: number; samples: number }>();
    const count = Math.min(profile.samples.length, profile.timeDeltas.length);
    // timeDeltas[i] is the time before sample i; attribute it to the node of sample i.
    let at = profile.startTime;
    for (let i = 0; i < count; i++) {
      at += profile.timeDeltas[i] as number;
      if (window && (at < window.fromUs || at > window.toUs)) continue;
      const id = profile.samples[i] as number;
      const entry = self.get(id) ?? { us: 0, samples: 0 };
      entry.us += Math.max(0, profile.timeDeltas[i] as number);
      entry.samples++;
      self.set(id, entry);
    }
    for (const [id, { us, samples }] of self) {
      const node = nodes.get(id);
      if (!node) continue;
      const frame = node.callFrame;
      totalUs += us;
      totalSamples += samples;
      const a = area(frame);
      if (a === '(idle)' || a === '(program)') {
        idleUs += us;
        idleSamples += samples;
      }
      const areaEntry = byArea.get(a) ?? { us: 0, samples: 0 };
      areaEntry.us += us;
      areaEntry.samples += samples;
      byArea.set(a, areaEntry);
      const name = frame.functionName || '(anonymous)';
      const where = frame.url === '' ? '' : `${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
      const key = `${name}\u0000${where}`;
      const entry = byFunction.get(key) ?? { name, where, us: 0, samples: 0 };
      entry.us += us;
      entry.samples += samples;
      byFunction.set(key, entry);
    }
  }
  const busyUs = totalUs - idleUs;
  const busySamples = totalSamples - idleSamples;
  const toEntries = (
    items: { name: string; where: string; us: number; samples: number }[],
  ): SelfTimeEntry[] =>
    items
      .filter((e) => e.name !== '(idle)' && e.name !== '(program)')
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((e) => ({
        name: e.name,
        where: e.where,
        selfMs: Math.round(e.us / 10) / 100,
        percent: busyUs > 0 ? Math.round((1000 * e.us) / busyUs) / 10 : 0,
        samplePercent: busySamples > 0 ? Math.round((1000 * e.samples) / busySamples) / 10 : 0,
      }));
  return {
    files,
    totalMs: Math.round(totalUs / 1000),
    busyMs: Math.round(busyUs / 1000),
    functions: toEntries([...byFunction.values()]),
    areas: toEntries([...byArea].map(([name, { us, samples }]) => ({ name, where: '', us, samples }))),
  };
}

/**
 * For the functions named `name`: self time by caller chain (up to `depth` frames up),
 * to tell who makes an expensive leaf run.
 */
export function callersOf(files: string[], name: string, depth = 4, top = 10): SelfTimeEntry[] {
  const chains = new Map<string, number>();
  let all = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const nodes = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
    const count = Math.min(profile.samples.length, profile.timeDeltas.length);
    for (let i = 0; i < count; i++) {
      const id = profile.samples[i] as number;
      if (nodes.get(id)?.callFrame.functionName !== name) continue;
      const us = Math.max(0, profile.timeDeltas[i] as number);
      all += us;
      const chain: string[] = [];
      let up = parent.get(id);
      for (let d = 0; d < depth && up !== undefined; d++) {
        const frame = (nodes.get(up) as ProfileNode).callFrame;
        chain.push(`${frame.functionName || '(anonymous)'}@${shortUrl(frame.url)}:${frame.lineNumber + 1}`);
        up = parent.get(up);
      }
      const key = chain.join(' < ');
      chains.set(key, (chains.get(key) ?? 0) + us);
    }
  }
  return [...chains]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([chain, us]) => ({
      name,
      where: chain,
      selfMs: Math.round(us / 10) / 100,
      percent: all > 0 ? Math.round((1000 * us) / all) / 10 : 0,
      samplePercent: Number.NaN,
    }));
}

/**
 * `requests`: the requests the profiled process answered; each row then also shows its self
 * time per request (µs), so that the profiles of two servers (the gateway's and the floor's,
 * `bench/profile.ts --floor`) compare piece by piece, whatever their rates.
 */
export function formatSummary(summary: ProfileSummary, requests?: number): string {
  const pct = (e: SelfTimeEntry) =>
    `${e.percent.toFixed(1).padStart(5)}% ${e.samplePercent.toFixed(1).padStart(5)}%`;
  const perRequest = (e: SelfTimeEntry) =>
    requests ? `  ${((1000 * e.selfMs) / requests).toFixed(1).padStart(6)} µs/req` : '';
  const lines = [
    `profiles: ${summary.files.length}, sampled ${summary.totalMs} ms, busy (not idle/program) ${summary.busyMs} ms` +
      (requests
        ? `, ${requests} requests: ${((1000 * summary.busyMs) / requests).toFixed(0)} µs busy per request`
        : ''),
    '',
    'top self time by function (% of busy time, % of busy samples):',
    ...summary.functions.map(
      (e, i) =>
        `${String(i + 1).padStart(3)}. ${pct(e)}  ${e.selfMs.toFixed(0).padStart(7)} ms${perRequest(e)}  ${e.name}  ${e.where}`,
    ),
    '',
    'self time by package / area (% of busy time, % of busy samples):',
    ...summary.areas.map(
      (e) => `     ${pct(e)}  ${e.selfMs.toFixed(0).padStart(7)} ms${perRequest(e)}  ${e.name}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    options: {
      top: { type: 'string', default: '25' },
      json: { type: 'string' },
      callers: { type: 'string' },
      depth: { type: 'string', default: '4' },
    },
    allowPositionals: true,
  });
  if (positionals.length === 0) {
    process.stderr.write('usage: node bench/cpuprofile-summary.ts FILE.cpuprofile… [--top N] [--json OUT]\n');
    process.exit(2);
  }
  if (values.callers) {
    for (const entry of callersOf(positionals, values.callers, Number(values.depth), Number(values.top))) {
      process.stdout.write(
        `${entry.percent.toFixed(1).padStart(5)}%  ${entry.selfMs.toFixed(0).padStart(6)} ms  < ${entry.where}\n`,
      );
    }
    process.exit(0);
  }
  const summary = summarizeProfiles(positionals, Number(values.top));
  if (values.json) writeFileSync(values.json, `${JSON.stringify(summary, null, 2)}\n`);
  process.stdout.write(formatSummary(summary));
}
