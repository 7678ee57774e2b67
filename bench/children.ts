// Child processes of the benchmark: spawned with an IPC channel, waited for until they
// print their listening line, probed for CPU time and RSS (see `probe.js`), and stopped
// by their own pid only.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** JavaScript, so that it does not load Node's type stripper into the measured process. */
export const PROBE = './bench/probe.js';

/**
 * The gateway as production runs it: the compiled build, `node dist/server.js` (the
 * Dockerfile's `CMD`; `npm start` runs the same file when dist/ is fresh). `buildGateway`
 * compiles it once when the bench starts, so the figures are those of the current sources.
 */
export const GATEWAY_ARGS: readonly string[] = ['dist/server.js'];

/**
 * The gateway's start-up line, which must say that the compiled build runs; the capture
 * group is the GraphQL URL.
 */
export const GATEWAY_READY = /running the compiled build \(dist\/\).*GraphiQL at (http:\/\/\S+)/;

/** `npm run build` (bin/build.js): src/ → dist/; its output goes to stderr. */
export function buildGateway(): void {
  const result = spawnSync(process.execPath, ['bin/build.js'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 2, 2],
    timeout: 180_000,
  });
  if (result.status !== 0) throw new Error(`npm run build failed (${result.status ?? result.signal})`);
}

/**
 * Environment every benchmarked gateway gets besides its connection settings:
 * - NODE_ENV=production;
 * - AUTH_MODE=none: service mode requires caller authentication or this explicit opt-out;
 *   the bench's clients send no JWT;
 * - in service mode the gateway paces upstream calls to RealtimeKit's budget (default
 *   1200/300s, burst 20), which would turn a load test into a test of the pacing; the bench
 *   raises the budget so far that the limiter never waits (its code still runs on every call).
 * - CACHE_TTL_MS=0: no cross-request cache, so these runs measure the request path itself.
 * Everything else keeps the production defaults.
 */
export const BENCH_GATEWAY_ENV: Record<string, string> = {
  NODE_ENV: 'production',
  AUTH_MODE: 'none',
  UPSTREAM_RATE_LIMIT: '1000000000/1s',
  UPSTREAM_RATE_BURST: '1000000000',
  // The pass-through figures: every query makes its upstream call (the cache has its own
  // scenarios, `many-callers.ts`).
  CACHE_TTL_MS: '0',
};

export interface ProbeSample {
  /** user + system CPU time, microseconds. */
  cpuUs: number;
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  /** V8 new space (young generation) and old space sizes. */
  newSpace: number;
  oldSpace: number;
  /** Anonymous and file-backed parts of the RSS (Linux). */
  rssAnon: number;
  rssFile: number;
  /** HTTP responses the process has finished so far. */
  served: number;
  /** HTTP requests the process has received so far. */
  started: number;
  /** Requests received whose response is not closed yet. */
  inFlight: number;
}

export interface Child {
  name: string;
  process: ChildProcess;
  /** The first capture group of the `ready` pattern of the line that announced readiness. */
  readyLine: string;
  probe(): Promise<ProbeSample>;
  /** Sends a request message and waits for the answer with the same id and type. */
  ask<T>(type: string, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
  /** Last lines of stderr, for error messages. */
  stderrTail(): string;
}

export interface SpawnOptions {
  name: string;
  args: string[];
  env: Record<string, string>;
  /** Pattern of the stdout line that says the child is ready. */
  ready: RegExp;
  timeoutMs?: number;
}

let nextId = 1;

export async function spawnChild(options: SpawnOptions): Promise<Child> {
  const child = spawn(process.execPath, options.args, {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const waiting = new Map<number, { type: string; resolve: (value: unknown) => void }>();
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  child.on('message', (message: unknown) => {
    const m = message as { id?: unknown; type?: unknown };
    if (typeof m?.id !== 'number') return;
    const entry = waiting.get(m.id);
    if (entry && entry.type === m.type) {
      waiting.delete(m.id);
      entry.resolve(message);
    }
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exit.then(() => {
    exited = true;
  });

  const readyLine = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(
      () =>
        reject(
          new Error(`${options.name} did not start within ${options.timeoutMs ?? 20_000} ms: ${stderr}`),
        ),
      options.timeoutMs ?? 20_000,
    );
    child.stdout?.setEncoding('utf8');
    const onData = (chunk: string) => {
      buffer = (buffer + chunk).slice(-8000);
      for (const line of buffer.split('\n')) {
        const match = options.ready.exec(line);
        if (match) {
          clearTimeout(timer);
          child.stdout?.off('data', onData);
          // Keep draining stdout so the child never blocks on a full pipe.
          child.stdout?.resume();
          resolve(match[1] ?? line);
          return;
        }
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited with ${code} before it was ready: ${stderr}`));
    });
  });

  function ask<T>(type: string, timeoutMs = 5_000): Promise<T> {
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`${options.name} did not answer '${type}' within ${timeoutMs} ms`));
      }, timeoutMs);
      waiting.set(id, {
        type,
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
      });
      child.send({ type, id });
    });
  }

  return {
    name: options.name,
    process: child,
    readyLine,
    ask,
    async probe() {
      const { userUs, systemUs, ...rest } = await ask<
        Omit<ProbeSample, 'cpuUs'> & { userUs: number; systemUs: number }
      >('probe');
      return { cpuUs: userUs + systemUs, ...rest };
    },
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (!exited) child.kill('SIGKILL');
      }, 5_000);
      await exit;
      clearTimeout(timer);
    },
    stderrTail: () => stderr,
  };
}

/** Waits (bounded) until the child has no HTTP request in flight; returns its last probe. */
export async function quiesce(child: Child, maxMs = 5_000): Promise<ProbeSample> {
  const deadline = performance.now() + maxMs;
  for (let i = 0; i < 1_000; i++) {
    const sample = await child.probe();
    if (sample.inFlight <= 0 || performance.now() > deadline) return sample;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return child.probe();
}

export interface MemoryPeak {
  rss: number;
  /** heapTotal, external, new and old space at the sample with the highest RSS. */
  heapTotal: number;
  external: number;
  newSpace: number;
  oldSpace: number;
  rssFile: number;
  /** Highest anonymous RSS seen (not necessarily at the same sample). */
  rssAnon: number;
}

/** Periodic memory sampler for one child (every `everyMs`), returning the peak RSS when stopped. */
export function sampleRss(child: Child, everyMs = 100): { stop(): Promise<MemoryPeak> } {
  let peak: MemoryPeak = {
    rss: 0,
    heapTotal: 0,
    external: 0,
    newSpace: 0,
    oldSpace: 0,
    rssFile: 0,
    rssAnon: 0,
  };
  const keep = (sample: ProbeSample) => {
    const rssAnon = Math.max(peak.rssAnon, sample.rssAnon);
    if (sample.rss > peak.rss) {
      const { rss, heapTotal, external, newSpace, oldSpace, rssFile } = sample;
      peak = { rss, heapTotal, external, newSpace, oldSpace, rssFile, rssAnon };
    } else {
      peak.rssAnon = rssAnon;
    }
  };
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    child
      .probe()
      .then(keep)
      .catch(() => {})
      .finally(() => {
        busy = false;
      });
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      keep(await child.probe());
      return peak;
    },
  };
}
