// In-process A/B of gateway CPU per request, for deciding on a change when the machine is
// too busy for `npm run bench` to tell small differences apart:
//   node bench/micro.ts [--variants ',graphqljs,--max-semi-space-size=16'] [--rounds 5] [--requests 1500]
// Starts the sandbox in its own process, then, for each round and each variant in turn,
// a fresh child process that builds the app (`createApp`, with the variant's yoga hooks as
// in `variants/`) and sends the bench query over loopback to its listener, 20 at a time:
// a warm-up, then `--requests` measured requests. Prints the child's CPU time per request
// (user + system) and peak RSS per round, and the median CPU per variant; the children run
// with the bench gateway's NODE_ENV (production). An empty name is
// the gateway as is; a name starting with `--` is node flags (space-separated) instead, and
// `@DIR` the gateway of another checkout (e.g. `git worktree add /tmp/base main`, with its
// own node_modules), to compare two commits.
import { spawn } from 'node:child_process';
import { registerHooks } from 'node:module';
import { parseArgs } from 'node:util';
import { BENCH_GATEWAY_ENV, REPO_ROOT } from './children.ts';
import { loadBenchApp, sendBenchQueries, startSandboxProcess } from './in-process.ts';
import { variantModuleSwaps } from './variants/registry.ts';

const { values } = parseArgs({
  options: {
    variants: { type: 'string', default: ',graphqljs' },
    rounds: { type: 'string', default: '5' },
    requests: { type: 'string', default: '1500' },
    child: { type: 'string' },
  },
});

async function measureInChild(baseUrl: string, requests: number): Promise<void> {
  const shim = new URL('./variants/yoga-shim.ts', import.meta.url).href;
  const swaps = variantModuleSwaps();
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const parent = context.parentURL ?? '';
      if (specifier === 'graphql-yoga' && parent.endsWith('/src/app.ts'))
        return { url: shim, shortCircuit: true };
      for (const swap of swaps) {
        if (specifier === swap.specifier && parent.endsWith(swap.parentSuffix)) {
          return { url: new URL(`./variants/${swap.replacement}`, import.meta.url).href, shortCircuit: true };
        }
      }
      return nextResolve(specifier, context);
    },
  });
  const app = await loadBenchApp(REPO_ROOT, baseUrl);
  const run = (n: number) => sendBenchQueries(app, n);
  await run(Math.max(300, requests / 3));
  const before = process.cpuUsage();
  await run(requests);
  const used = process.cpuUsage(before);
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  if (process.env.MICRO_DEBUG) {
    const { getHeapSpaceStatistics } = await import('node:v8');
    const mb = (n: number) => (n / 2 ** 20).toFixed(1);
    const m = process.memoryUsage();
    const spaces = getHeapSpaceStatistics()
      .filter((space) => space.physical_space_size > 2 ** 20)
      .map((space) => `${space.space_name} ${mb(space.physical_space_size)}`);
    const status = (await import('node:fs')).readFileSync('/proc/self/status', 'utf8');
    const anon = /RssAnon:\s+(\d+)/.exec(status)?.[1];
    process.stderr.write(
      `rss ${mb(m.rss)} anon ${Number(anon) / 1024} heapTotal ${mb(m.heapTotal)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}; ${spaces.join(', ')}\n`,
    );
  }
  process.stdout.write(`${((used.user + used.system) / requests).toFixed(1)} ${maxRssMb.toFixed(0)}\n`);
  await app.close();
}

async function main(): Promise<void> {
  const requests = Number(values.requests);
  if (values.child !== undefined) {
    await measureInChild(values.child, requests);
    return;
  }
  const { baseUrl, child: sandbox } = await startSandboxProcess();
  const variants = (values.variants ?? '').split(',');
  const results = new Map<string, number[]>(variants.map((v) => [v, []]));
  const peaks = new Map<string, number[]>(variants.map((v) => [v, []]));
  try {
    for (let round = 0; round < Number(values.rounds); round++) {
      for (const variant of round % 2 === 0 ? variants : [...variants].reverse()) {
        const output = await new Promise<string>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            [
              ...(variant.startsWith('--') ? variant.split(' ') : []),
              'bench/micro.ts',
              '--child',
              baseUrl,
              '--requests',
              String(requests),
            ],
            {
              cwd: variant.startsWith('@') ? variant.slice(1) : REPO_ROOT,
              // NODE_ENV as the benchmarked gateway has it (graphql-js's checks differ outside production).
              env: {
                ...process.env,
                NODE_ENV: BENCH_GATEWAY_ENV.NODE_ENV,
                BENCH_VARIANT: variant.startsWith('--') || variant.startsWith('@') ? '' : variant,
              },
              stdio: ['ignore', 'pipe', 'inherit'],
            },
          );
          let out = '';
          child.stdout.on('data', (chunk: Buffer) => {
            out += chunk.toString();
          });
          child.once('exit', (code) =>
            code === 0 ? resolve(out) : reject(new Error(`child exited ${code}`)),
          );
        });
        const [us = Number.NaN, rss = Number.NaN] = output.trim().split(' ').map(Number);
        results.get(variant)?.push(us);
        peaks.get(variant)?.push(rss);
        process.stderr.write(
          `round ${round + 1} ${variant || '(gateway)'}: ${us} µs/req, peak RSS ${rss} MB\n`,
        );
      }
    }
  } finally {
    await sandbox.stop();
  }
  for (const [variant, runs] of results) {
    const sorted = [...runs].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    process.stdout.write(
      `${(variant || '(gateway)').padEnd(28)} median ${median} µs/req  runs ${runs.join(', ')}; peak RSS MB ${peaks.get(variant)?.join(', ')}\n`,
    );
  }
}

await main();
