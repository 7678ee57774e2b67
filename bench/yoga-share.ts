// How much of the gateway's in-process CPU per request is yoga, envelop and the request
// pipeline's plugins, for deciding on a path around them:
//   NODE_ENV=production node bench/yoga-share.ts [--batch 100] [--batches 40]
// One process, one app, the sandbox in its own process. Alternating batches of the bench
// query, 20 at a time: through `app.fetch` (everything a request goes through but the
// sockets), and straight to the work under yoga — the request's context (`contextFor`), the
// gateway's executor on the document parsed once, `JSON.stringify` of the result. Both make
// the same upstream call per request. Prints the median CPU per request of each and their
// difference.

import { parseArgs } from 'node:util';
import { REPO_ROOT } from './children.ts';
import { inParallel, loadBenchApp, sendBenchQueries, startSandboxProcess } from './in-process.ts';
import { MEETINGS_QUERY } from './query.ts';
import { underYoga } from './under-yoga.ts';

const { values } = parseArgs({
  options: {
    batch: { type: 'string', default: '100' },
    batches: { type: 'string', default: '40' },
  },
});

const batch = Number(values.batch);
const batches = Number(values.batches);
const sandbox = await startSandboxProcess();
try {
  const app = await loadBenchApp(REPO_ROOT, sandbox.baseUrl);
  const answer = underYoga(app);
  const withoutYoga = (requests: number) =>
    inParallel(requests, async () => {
      const { text, failed } = await answer(new Request('http://gateway.bench/graphql', { method: 'POST' }), {
        query: MEETINGS_QUERY,
        operationName: 'BenchMeetings',
      });
      if (failed) throw new Error(text.slice(0, 300));
    });
  const paths = [
    {
      name: 'app.fetch (yoga and the pipeline)',
      // Through `app.fetch` (no socket, no short path), so both paths start at the same point.
      run: (n: number) => sendBenchQueries({ fetch: app.fetch }, n),
      samples: [] as number[],
    },
    { name: 'context + executor + stringify', run: withoutYoga, samples: [] as number[] },
  ];
  for (const path of paths) await path.run(600);
  for (let b = 0; b < batches; b++) {
    for (const path of b % 2 === 0 ? paths : [...paths].reverse()) {
      const before = process.cpuUsage();
      await path.run(batch);
      const used = process.cpuUsage(before);
      path.samples.push((used.user + used.system) / batch);
    }
  }
  await app.close();
  const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[samples.length >> 1] ?? Number.NaN;
  for (const path of paths) {
    process.stdout.write(`${path.name.padEnd(36)} median ${median(path.samples).toFixed(0)} µs/req\n`);
  }
  const [full, bare] = paths.map((path) => median(path.samples)) as [number, number];
  process.stdout.write(
    `yoga and the pipeline: ${(full - bare).toFixed(0)} µs/req (${((100 * (full - bare)) / full).toFixed(0)} %)\n`,
  );
} finally {
  await sandbox.child.stop();
}
