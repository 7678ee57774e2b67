// What the in-process tools (`micro.ts`, `interleave.ts`, `alloc.ts`) share: the sandbox in a
// process of its own, a gateway app built from a checkout's sources with the benchmarked
// gateway's settings, and the bench query sent through `app.fetch` (no sockets), 20 at a time.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AppOptions, GatewayApp } from '../src/app.ts';
import type { GatewayConfig } from '../src/config.ts';
import { DEFAULT_ACCOUNT_ID, DEFAULT_APP_ID } from '../src/sandbox/seed.ts';
import { BENCH_GATEWAY_ENV, type Child, PROBE, spawnChild } from './children.ts';
import { MEETINGS_REQUEST_BODY } from './query.ts';

/** The sandbox at +0 ms in its own process (its CPU is not the measured process's). */
export async function startSandboxProcess(): Promise<{ baseUrl: string; child: Child }> {
  const child = await spawnChild({
    name: 'sandbox',
    args: ['--import', PROBE, 'bench/sandbox-proc.ts'],
    env: { BENCH_SANDBOX_LATENCY_MS: '0', BENCH_SANDBOX_TOKEN: 'x' },
    ready: /^(\{.*"baseUrl".*\})$/,
  });
  return { baseUrl: (JSON.parse(child.readyLine) as { baseUrl: string }).baseUrl, child };
}

/**
 * The app of the checkout at `dir` (its `src/`, with node_modules reachable from it), in
 * front of the sandbox at `baseUrl`, configured as the benchmarked gateway. The request log
 * is written, as in production, to a sink that drops it.
 */
export async function loadBenchApp(dir: string, baseUrl: string): Promise<GatewayApp> {
  const root = pathToFileURL(`${resolve(dir)}/`).href;
  const { createApp } = (await import(`${root}src/app.ts`)) as { createApp(options: AppOptions): GatewayApp };
  const { loadConfig } = (await import(`${root}src/config.ts`)) as {
    loadConfig(env: Record<string, string>): GatewayConfig;
  };
  const { createLogger } = (await import(`${root}src/logging/logger.ts`)) as {
    createLogger(level: string, sink: { write(line: string): void }): AppOptions['logger'];
  };
  const config = loadConfig({
    ...BENCH_GATEWAY_ENV,
    CLOUDFLARE_API_TOKEN: 'x',
    REALTIMEKIT_API_URL: baseUrl,
    CLOUDFLARE_ACCOUNT_ID: DEFAULT_ACCOUNT_ID,
    REALTIMEKIT_APP_ID: DEFAULT_APP_ID,
  });
  return createApp({
    config,
    upstreamUrl: baseUrl,
    logger: createLogger(config.logLevel, { write: () => {} }),
  });
}

/** Runs `send` `requests` times, 20 at a time. */
export async function inParallel(requests: number, send: () => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next++ < requests) await send();
    }),
  );
}

/** Sends the bench query `requests` times, 20 at a time; throws on an error or a wrong answer. */
export async function sendBenchQueries(app: Pick<GatewayApp, 'fetch'>, requests: number): Promise<void> {
  await inParallel(requests, async () => {
    const response = await app.fetch('http://gateway.bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: MEETINGS_REQUEST_BODY,
    });
    const text = await response.text();
    if (response.status !== 200 || text.includes('"errors"')) throw new Error(text.slice(0, 300));
  });
}
