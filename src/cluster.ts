import cluster, { type Worker } from 'node:cluster';
import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import { AggregatorRegistry } from 'prom-client';

/**
 * WEB_CONCURRENCY > 1: the primary process forks that many workers that all accept on one
 * port (node:cluster). The primary serves no GraphQL itself; it
 * - starts and stops the workers, replacing one that dies (at most once a second);
 * - answers workers' requests for metrics with the sum over all workers, so that `/metrics`
 *   (served by whichever worker gets the scrape) and METRICS_PORT show the whole process;
 * - on SIGTERM/SIGINT passes the signal on and exits 0 once every worker has finished.
 * Each worker paces upstream calls with its share of the budget (config.ts `workerRateShare`).
 */

const METRICS_REQUEST = 'gateway:metrics-request';
const METRICS_ANSWER = 'gateway:metrics-answer';

interface MetricsMessage {
  type: string;
  id: number;
  text?: string;
  contentType?: string;
  failed?: boolean;
}

export interface PrimaryOptions {
  workers: number;
  /** The worker's entry module (this build's server file). */
  exec: string;
  /** Extra environment for workers (e.g. the shared sandbox's URL). */
  env: Record<string, string>;
  logger: Logger;
  /** METRICS_PORT, served by the primary with every worker's metrics. */
  metrics: { enabled: boolean; port: number | undefined; host: string };
  /** Called once every worker listens, with the port they share. */
  onListening(port: number): void;
  /** Called after every worker has exited on a signal. */
  onStopped(): Promise<void>;
}

export function runPrimary(options: PrimaryOptions): void {
  const { logger } = options;
  const aggregator = new AggregatorRegistry();
  cluster.setupPrimary({ exec: options.exec });
  let stopping = false;
  let listening = 0;
  let announced = false;
  let lastRestart = 0;
  let metricsServer: Server | undefined;

  const scrape = async () => ({
    text: await aggregator.clusterMetrics(),
    contentType: aggregator.contentType,
  });

  const fork = () => {
    const worker = cluster.fork(options.env);
    // A worker that went away meanwhile gets no answer (sending to it would throw).
    const answer = (message: MetricsMessage) => {
      if (worker.isConnected()) worker.send(message, undefined, () => undefined);
    };
    worker.on('message', (message: MetricsMessage) => {
      if (message?.type !== METRICS_REQUEST) return;
      scrape().then(
        ({ text, contentType }) => answer({ type: METRICS_ANSWER, id: message.id, text, contentType }),
        (error: unknown) => {
          logger.warn({ err: { message: String(error) } }, 'metrics of the workers could not be collected');
          answer({ type: METRICS_ANSWER, id: message.id, failed: true });
        },
      );
    });
    return worker;
  };

  cluster.on('listening', (_worker, address) => {
    listening += 1;
    if (!announced && listening >= options.workers) {
      announced = true;
      options.onListening(address.port);
    }
  });
  cluster.on('exit', (worker: Worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        metricsServer?.close();
        void options.onStopped();
      }
      return;
    }
    logger.error({ worker: worker.id, code, signal }, 'worker exited; starting another');
    const wait = Math.max(0, lastRestart + 1_000 - Date.now());
    lastRestart = Date.now() + wait;
    setTimeout(fork, wait);
  });

  for (let i = 0; i < options.workers; i++) fork();

  if (options.metrics.enabled && options.metrics.port !== undefined) {
    metricsServer = serveMetrics(scrape, options.metrics.port, options.metrics.host, logger);
  }

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: workers finish their in-flight requests, then exit');
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) {
      metricsServer?.close();
      void options.onStopped();
    }
    for (const worker of workers) worker?.process.kill(signal);
    // A worker still running after 15 s is killed so that the process always ends.
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
    }, 15_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** `GET /metrics` on its own port (METRICS_PORT), off the public one. */
export function serveMetrics(
  scrape: () => Promise<{ text: string; contentType: string }>,
  port: number,
  host: string,
  logger: Logger,
): Server {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    scrape().then(
      ({ text, contentType }) => response.writeHead(200, { 'content-type': contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  server.on('error', (error) => logger.error({ err: { message: error.message } }, 'metrics port failed'));
  server.listen(port, host);
  return server;
}

/** In a worker: the primary's sum of every worker's metrics. */
export function scrapeFromPrimary(): Promise<{ text: string; contentType: string }> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.off('message', onMessage);
      reject(new Error('the primary process did not send the metrics in time'));
    }, 5_000);
    const onMessage = (message: MetricsMessage) => {
      if (message?.type !== METRICS_ANSWER || message.id !== id) return;
      clearTimeout(timer);
      process.off('message', onMessage);
      if (message.failed) reject(new Error('the primary process could not collect the metrics'));
      else resolve({ text: message.text ?? '', contentType: message.contentType ?? 'text/plain' });
    };
    process.on('message', onMessage);
    process.send?.({ type: METRICS_REQUEST, id });
  });
}

let nextId = 1;
