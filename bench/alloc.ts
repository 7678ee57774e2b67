// Where the gateway's garbage comes from: bytes allocated per request of the bench query, by
// function and by package/area (V8's sampling heap profiler, objects already collected
// included), for deciding on allocation cuts (GC is the largest single item of the CPU
// profile, and a sample count is steadier than CPU time on the shared machine):
//   node bench/alloc.ts [--requests 1000] [--interval 4096] [--top 30] [--root DIR]
// The sandbox runs in its own process; the app (`createApp`) is served on loopback by its listener
// (so the client side of the sockets counts too), 20 requests at a time, after a warm-up. `--root DIR` measures another
// checkout's src/ (with node_modules reachable from it) in this same harness.
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { BENCH_GATEWAY_ENV, REPO_ROOT } from './children.ts';
import { loadBenchApp, sendBenchQueries, startSandboxProcess } from './in-process.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '1000' },
    interval: { type: 'string', default: '4096' },
    top: { type: 'string', default: '30' },
    root: { type: 'string', default: REPO_ROOT },
  },
});

interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SamplingNode[];
}

function areaOf(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  if (url.includes('/src/')) return `src/${url.split('/src/')[1]}`;
  if (url.startsWith('node:')) return url;
  return url === '' ? '(native)' : url;
}

async function main(): Promise<void> {
  if (BENCH_GATEWAY_ENV.NODE_ENV !== process.env.NODE_ENV) {
    process.stderr.write(
      `note: NODE_ENV is not ${BENCH_GATEWAY_ENV.NODE_ENV} as for the benchmarked gateway\n`,
    );
  }
  const requests = Number(values.requests);
  const sandbox = await startSandboxProcess();
  try {
    const app = await loadBenchApp(values.root ?? REPO_ROOT, sandbox.baseUrl);
    const run = (n: number) => sendBenchQueries(app, n);
    await run(Math.max(300, requests / 2));
    const session = new Session();
    session.connect();
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: Number(values.interval),
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    await run(requests);
    const { profile } = await session.post('HeapProfiler.stopSampling');
    session.disconnect();
    await app.close();

    const byFunction = new Map<string, number>();
    const byArea = new Map<string, number>();
    const walk = (node: SamplingNode) => {
      const { functionName, url, lineNumber } = node.callFrame;
      const area = areaOf(url);
      const name = `${functionName || '(anonymous)'}  ${area}:${lineNumber + 1}`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + node.selfSize);
      byArea.set(area, (byArea.get(area) ?? 0) + node.selfSize);
      for (const child of node.children) walk(child);
    };
    walk(profile.head as SamplingNode);
    const kb = (bytes: number) => `${(bytes / requests / 1024).toFixed(1).padStart(7)} KB`;
    const total = [...byArea.values()].reduce((a, b) => a + b, 0);
    const top = Number(values.top);
    const lines = [`allocated per request (sampled): ${kb(total).trim()}`, '', 'by function:'];
    for (const [name, bytes] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top))
      lines.push(`${kb(bytes)}  ${name}`);
    lines.push('', 'by package / area:');
    for (const [area, bytes] of [...byArea].sort((a, b) => b[1] - a[1]).slice(0, top))
      lines.push(`${kb(bytes)}  ${area}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await sandbox.child.stop();
  }
}

await main();
