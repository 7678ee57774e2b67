// What the in-process tools (`micro.ts`, `interleave.ts`, `alloc.ts`) share: the sandbox in a
// process of its own, a gateway app built from a checkout's sources with the benchmarked
// gateway's settings, and the bench query sent 20 at a time over loopback to the app's
// node:http listener, as production serves it (through `app.fetch`, no sockets, for a
// checkout older than the listener).
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
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

/** The app served on loopback by its listener (once per app), with a keep-alive agent of 20 sockets. */
const served = new WeakMap<object, { port: number; agent: Agent }>();

async function loopback(listener: NonNullable<GatewayApp['listener']>, app: object) {
  let entry = served.get(app);
  if (!entry) {
    const server = createServer(listener);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    server.unref();
    entry = {
      port: (server.address() as AddressInfo).port,
      agent: new Agent({ keepAlive: true, maxSockets: 20 }),
    };
    served.set(app, entry);
  }
  return entry;
}

function post(port: number, agent: Agent): Promise<{ status: number; text: string }> {
  return new Promise((done, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          'content-length': Buffer.byteLength(MEETINGS_REQUEST_BODY),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          done({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(MEETINGS_REQUEST_BODY);
  });
}

/** Sends the bench query `requests` times, 20 at a time; throws on an error or a wrong answer. */
export async function sendBenchQueries(
  app: Pick<GatewayApp, 'fetch'> & { listener?: GatewayApp['listener'] },
  requests: number,
): Promise<void> {
  const target = app.listener ? await loopback(app.listener, app) : undefined;
  await inParallel(requests, async () => {
    let status: number;
    let text: string;
    if (target) ({ status, text } = await post(target.port, target.agent));
    else {
      const response = await app.fetch('http://gateway.bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: MEETINGS_REQUEST_BODY,
      });
      status = response.status;
      text = await response.text();
    }
    if (status !== 200 || text.includes('"errors"')) throw new Error(text.slice(0, 300));
  });
}
