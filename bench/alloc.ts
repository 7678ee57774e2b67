// Where the gateway's garbage comes from: bytes allocated per request of the bench query, by
// function and by package/area (V8's sampling heap profiler, objects already collected
// included), for deciding on allocation cuts (GC is the largest single item of the CPU
// profile, and a sample count is steadier than CPU time on the shared machine):
//   node bench/alloc.ts [--requests 1000] [--interval 4096] [--top 30] [--root DIR]
// The sandbox runs in its own process; the app (`createApp`) is driven through `app.fetch`
// (no sockets), 20 requests at a time, after a warm-up. `--root DIR` measures another
// checkout's src/ (with node_modules reachable from it) in this same harness.
import { Session } from 'node:inspector/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { AppOptions, GatewayApp } from '../src/app.ts';
import type { GatewayConfig } from '../src/config.ts';
import { DEFAULT_ACCOUNT_ID, DEFAULT_APP_ID } from '../src/sandbox/seed.ts';
import { BENCH_GATEWAY_ENV, PROBE, REPO_ROOT, spawnChild } from './children.ts';
import { MEETINGS_REQUEST_BODY } from './query.ts';

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
  const root = pathToFileURL(`${resolve(values.root ?? REPO_ROOT)}/`).href;
  const { createApp } = (await import(`${root}src/app.ts`)) as {
    createApp(options: AppOptions): GatewayApp;
  };
  const { loadConfig } = (await import(`${root}src/config.ts`)) as {
    loadConfig(env: Record<string, string>): GatewayConfig;
  };
  const sandbox = await spawnChild({
    name: 'sandbox',
    args: ['--import', PROBE, 'bench/sandbox-proc.ts'],
    env: { BENCH_SANDBOX_LATENCY_MS: '0', BENCH_SANDBOX_TOKEN: 'x' },
    ready: /^(\{.*"baseUrl".*\})$/,
  });
  try {
    const baseUrl = (JSON.parse(sandbox.readyLine) as { baseUrl: string }).baseUrl;
    const config = loadConfig({
      ...BENCH_GATEWAY_ENV,
      CLOUDFLARE_API_TOKEN: 'x',
      REALTIMEKIT_API_URL: baseUrl,
      CLOUDFLARE_ACCOUNT_ID: DEFAULT_ACCOUNT_ID,
      REALTIMEKIT_APP_ID: DEFAULT_APP_ID,
    });
    const { createLogger } = (await import(`${root}src/logging/logger.ts`)) as {
      createLogger(level: string, sink: { write(line: string): void }): AppOptions['logger'];
    };
    // The request log is written, as in production, to a sink that drops it.
    const app = createApp({
      config,
      upstreamUrl: baseUrl,
      logger: createLogger(config.logLevel, { write: () => {} }),
    });
    const one = async () => {
      const response = await app.fetch('http://gateway.bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: MEETINGS_REQUEST_BODY,
      });
      const text = await response.text();
      if (response.status !== 200 || text.includes('"errors"')) throw new Error(text.slice(0, 300));
    };
    const run = async (n: number) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          while (next++ < n) await one();
        }),
      );
    };
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
    await sandbox.stop();
  }
}

await main();
