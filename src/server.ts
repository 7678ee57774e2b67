import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { AggregatorRegistry, collectDefaultMetrics } from 'prom-client';
import { createApp } from './app.ts';
import { runPrimary, scrapeFromPrimary, serveMetrics } from './cluster.ts';
import { ConfigError, describeMode, type GatewayConfig, loadConfig, workerRateShare } from './config.ts';
import { limitHeapGrowth } from './heap-growth.ts';
import { createLogger } from './logging/logger.ts';
import { logStartup } from './logging/startup-log.ts';
import { createMetrics } from './observability/metrics.ts';
import { disablePretenuring } from './pretenuring.ts';
import type { Sandbox } from './sandbox/server.ts';
import { releaseStartupMemory } from './startup-memory.ts';

// `npm start` / `node dist/server.js`: reads the configuration, starts the embedded sandbox
// in sandbox mode, listens, prints one human line naming the mode, the build that runs and
// the GraphiQL URL (then JSON log lines), and on SIGTERM/SIGINT stops accepting, finishes
// in-flight requests and exits 0. With WEB_CONCURRENCY > 1 this process becomes the
// cluster primary (cluster.ts) and every worker runs `serve` on the same port.

function fail(message: string): never {
  process.stderr.write(`realtimekit-graphql-gateway: ${message}\n`);
  process.exit(1);
}

/** Set by the primary for its workers: the sandbox they share. */
const SANDBOX_URL_ENV = 'GATEWAY_SANDBOX_URL';
const SANDBOX_TOKEN_ENV = 'GATEWAY_SANDBOX_TOKEN';

/** Which build runs: `npm start` (bin/start.js) says why in GATEWAY_BUILD. */
function buildDescription(): string {
  const fromLauncher = process.env.GATEWAY_BUILD;
  if (fromLauncher) return `running the ${fromLauncher}`;
  return import.meta.url.endsWith('.js')
    ? 'running the compiled build (dist/)'
    : 'running the TypeScript sources';
}

function startLine(config: GatewayConfig, upstreamUrl: string, port: number, workers: number): string {
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const processes = workers > 1 ? `, ${workers} workers` : '';
  return `${describeMode(config, upstreamUrl)}; ${buildDescription()}${processes}; GraphiQL at http://${host}:${port}/graphql\n`;
}

async function startOwnSandbox() {
  // The sandbox's modules are loaded in sandbox mode only.
  const { startSandbox } = await import('./sandbox/server.ts');
  const token = randomBytes(16).toString('hex');
  const sandbox = await startSandbox({ requiredToken: token });
  return { sandbox, token };
}

async function withSandboxDefaults(config: GatewayConfig): Promise<GatewayConfig> {
  const { DEFAULT_ACCOUNT_ID, DEFAULT_APP_ID } = await import('./sandbox/seed.ts');
  return {
    ...config,
    defaultAccountId: config.defaultAccountId ?? DEFAULT_ACCOUNT_ID,
    defaultAppId: config.defaultAppId ?? DEFAULT_APP_ID,
  };
}

function logRejections(logger: ReturnType<typeof createLogger>): void {
  // A stray rejected promise (none is known) is logged, not allowed to take every caller down.
  process.on('unhandledRejection', (reason) => {
    const err =
      reason instanceof Error
        ? { type: reason.name, message: reason.message, stack: reason.stack }
        : { reason: String(reason) };
    logger.error({ err }, 'unhandled promise rejection');
  });
}

/** The cluster primary: shares one sandbox between the workers and announces the port. */
async function primary(loaded: GatewayConfig): Promise<void> {
  let config = loaded;
  const logger = createLogger(config.logLevel);
  logRejections(logger);
  let sandbox: Sandbox | undefined;
  const env: Record<string, string> = {};
  let upstreamUrl = config.apiUrl;
  if (config.mode === 'sandbox') {
    const own = await startOwnSandbox();
    sandbox = own.sandbox;
    upstreamUrl = sandbox.baseUrl;
    env[SANDBOX_URL_ENV] = sandbox.baseUrl;
    env[SANDBOX_TOKEN_ENV] = own.token;
    config = await withSandboxDefaults(config);
  }
  runPrimary({
    workers: config.webConcurrency,
    exec: fileURLToPath(import.meta.url),
    env,
    logger,
    metrics: { ...config.metrics, host: config.host },
    onListening(port) {
      const host = config.host.includes(':') ? `[${config.host}]` : config.host;
      process.stdout.write(startLine(config, upstreamUrl, port, config.webConcurrency));
      logStartup(logger, config, `http://${host}:${port}/graphql`);
    },
    async onStopped() {
      await sandbox?.close();
      logger.flush(() => process.exit(0));
    },
  });
}

/** One serving process: the whole gateway, or one cluster worker. */
async function serve(loaded: GatewayConfig): Promise<void> {
  let config = loaded;
  const worker = cluster.isWorker;
  let sandbox: Sandbox | undefined;
  let sandboxToken: string | undefined;
  let upstreamUrl = config.apiUrl;
  if (config.mode === 'sandbox') {
    const shared = process.env[SANDBOX_URL_ENV];
    if (worker && shared) {
      upstreamUrl = shared;
      sandboxToken = process.env[SANDBOX_TOKEN_ENV];
    } else {
      const own = await startOwnSandbox();
      sandbox = own.sandbox;
      sandboxToken = own.token;
      upstreamUrl = sandbox.baseUrl;
    }
    config = await withSandboxDefaults(config);
  }
  if (worker && config.cache.redisUrl === undefined) {
    // Without a budget shared through Redis, each worker paces with its share.
    config = { ...config, upstreamRate: workerRateShare(config.upstreamRate, config.webConcurrency) };
  }

  const logger = createLogger(config.logLevel);
  logRejections(logger);
  // The OpenTelemetry SDK is loaded only when tracing is on.
  const tracing = config.tracing
    ? (await import('./observability/tracing-sdk.ts')).startTracing()
    : undefined;
  const metrics = createMetrics();
  if (config.metrics.enabled) {
    collectDefaultMetrics({ register: metrics.registry });
    if (worker) {
      // Answer the primary's metric requests (the listener is added by the constructor).
      new AggregatorRegistry();
      AggregatorRegistry.setRegistries([metrics.registry]);
    }
  }
  const app = createApp({
    config,
    upstreamUrl,
    logger,
    metrics,
    ...(sandboxToken ? { sandboxToken } : {}),
    ...(worker ? { scrapeMetrics: scrapeFromPrimary } : {}),
  });
  const server = createServer(app.listener);
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  let metricsServer: Server | undefined;
  if (!worker) {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    if (config.metrics.enabled && config.metrics.port !== undefined) {
      const registry = metrics.registry;
      const scrape = async () => ({ text: await registry.metrics(), contentType: registry.contentType });
      metricsServer = serveMetrics(scrape, config.metrics.port, config.host, logger);
    }
    process.stdout.write(startLine(config, upstreamUrl, port, 1));
    // After the human line above, stdout carries JSON log lines only.
    logStartup(logger, config, `http://${host}:${port}/graphql`);
  }
  releaseStartupMemory();

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.readiness.markStopping();
    logger.info({ signal }, 'stopping: finishing in-flight requests, then exiting');
    metricsServer?.close();
    server.close(async () => {
      await app.close();
      await sandbox?.close();
      await tracing?.shutdown().catch(() => undefined);
      logger.flush(() => process.exit(0));
    });
    // Keep-alive sockets whose request has finished are closed as soon as they go idle.
    server.closeIdleConnections();
    setInterval(() => server.closeIdleConnections(), 50).unref();
    // Requests still running after 10 s are cut so that the process always ends.
    setTimeout(() => server.closeAllConnections(), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // A worker whose primary is gone stops too.
  if (worker) process.on('disconnect', () => stop('disconnect'));
}

async function main(): Promise<void> {
  limitHeapGrowth();
  disablePretenuring();
  let config: GatewayConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  if (cluster.isPrimary && config.webConcurrency > 1) await primary(config);
  else await serve(config);
}

main().catch((error: unknown) => {
  fail(error instanceof Error ? error.message : String(error));
});
