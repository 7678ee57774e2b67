// CPU per request of two (or more) checkouts' gateways in ONE process, their requests sent in
// alternating batches, for telling apart commits when the shared machine's load swings more
// than the difference (then separate processes, as in `micro.ts`, measure the load instead):
//   NODE_ENV=production node bench/interleave.ts --roots .,/tmp/base [--batch 100] [--batches 60]
// Each root is a checkout (with node_modules reachable from it, e.g.
// `git archive main | tar -x -C /tmp/base && ln -s "$PWD/node_modules" /tmp/base/`); its
// `src/app.ts` is loaded into this process, so both apps share one heap and one graphql
// module but run their own code. The sandbox runs in its own process. After a warm-up of
// each app, batches of `--batch` requests (20 at a time, over loopback to its listener) go to each app
// in turn (the order reversed every other time); the process's CPU time over a batch, per
// request, is that app's sample. Prints the median, mean and quartiles per app.
import { parseArgs } from 'node:util';
import type { GatewayApp } from '../src/app.ts';
import { BENCH_GATEWAY_ENV } from './children.ts';
import { loadBenchApp, sendBenchQueries, startSandboxProcess } from './in-process.ts';

const { values } = parseArgs({
  options: {
    roots: { type: 'string', default: '.' },
    batch: { type: 'string', default: '100' },
    batches: { type: 'string', default: '60' },
  },
});

async function main(): Promise<void> {
  if (process.env.NODE_ENV !== BENCH_GATEWAY_ENV.NODE_ENV) {
    process.stderr.write(
      `note: NODE_ENV is not ${BENCH_GATEWAY_ENV.NODE_ENV} as for the benchmarked gateway\n`,
    );
  }
  const roots = (values.roots ?? '.').split(',');
  const batch = Number(values.batch);
  const batches = Number(values.batches);
  const sandbox = await startSandboxProcess();
  try {
    const apps: GatewayApp[] = [];
    for (const root of roots) apps.push(await loadBenchApp(root, sandbox.baseUrl));
    for (const app of apps) await sendBenchQueries(app, 600);
    const samples = apps.map((): number[] => []);
    const indexes = apps.map((_, i) => i);
    for (let b = 0; b < batches; b++) {
      for (const i of b % 2 === 0 ? indexes : [...indexes].reverse()) {
        const before = process.cpuUsage();
        await sendBenchQueries(apps[i] as GatewayApp, batch);
        const used = process.cpuUsage(before);
        samples[i]?.push((used.user + used.system) / batch);
      }
    }
    for (const app of apps) await app.close();
    roots.forEach((root, i) => {
      const sorted = [...(samples[i] ?? [])].sort((a, b) => a - b);
      const at = (q: number) => (sorted[Math.floor(q * (sorted.length - 1))] ?? Number.NaN).toFixed(0);
      const mean = sorted.reduce((sum, x) => sum + x, 0) / sorted.length;
      process.stdout.write(
        `${root.padEnd(24)} median ${at(0.5)} µs/req  mean ${mean.toFixed(0)}  quartiles ${at(0.25)}–${at(0.75)}  (${sorted.length} batches of ${batch})\n`,
      );
    });
  } finally {
    await sandbox.child.stop();
  }
}

await main();
