import type { Logger } from 'pino';
import { SharedReads } from './cache/shared-reads.ts';
import { type GatewayConfig, workerRateShare } from './config.ts';
import { createMetrics, type GatewayMetrics } from './observability/metrics.ts';
import { Readiness } from './observability/readiness.ts';
import { credentialKeyFn } from './shared-state/credential-key.ts';
import { RedisLink } from './shared-state/redis-link.ts';
import { UpstreamClient, type UpstreamOptions } from './upstream/client.ts';
import type { Pacer } from './upstream/rate-limiter.ts';
import { SharedRateLimiter } from './upstream/shared-rate-limiter.ts';

// The long-lived parts every request uses, built once per app with no I/O (Redis connects
// in the background): the upstream client, the reads shared across requests and replicas,
// the Redis link, metrics and readiness checks.

export interface ServiceOptions {
  config: GatewayConfig;
  /** Upstream base URL actually used (the sandbox's in sandbox mode). */
  upstreamUrl: string;
  /** Token the gateway sends in sandbox mode; keys shared entries when no service token does. */
  sandboxToken?: string | undefined;
  logger: Logger;
  /** Where metrics are counted; default: a new registry. */
  metrics?: GatewayMetrics | undefined;
  /** What `GET /metrics` serves; default: this app's registry. */
  scrapeMetrics?: (() => Promise<{ text: string; contentType: string }>) | undefined;
}

export interface Services {
  client: UpstreamClient;
  shared: SharedReads;
  redis: RedisLink | undefined;
  metrics: GatewayMetrics;
  readiness: Readiness;
  scrapeMetrics: () => Promise<{ text: string; contentType: string }>;
  /** Closes the upstream connection pool and the Redis connection. */
  close(): Promise<void>;
}

export function createServices(options: ServiceOptions): Services {
  const { config, logger } = options;
  // Shared state: a credential becomes a keyed hash before it names anything shared.
  const credentialKey = credentialKeyFn(config.cache.keySecret, config.apiToken ?? options.sandboxToken);
  // The Redis link connects in the background; until it is usable, everything is in-process.
  const redis = config.cache.redisUrl ? new RedisLink({ url: config.cache.redisUrl, logger }) : undefined;
  // While Redis is away, a cluster worker falls back to its share of the budget.
  const pacer =
    redis && config.upstreamRate
      ? new SharedRateLimiter(
          config.upstreamRate,
          redis,
          credentialKey,
          workerRateShare(config.upstreamRate, config.webConcurrency) ?? config.upstreamRate,
        )
      : undefined;
  const metrics = options.metrics ?? createMetrics();
  const readiness = new Readiness();
  // Ready only while Redis answers, when one is configured (requests are served either way).
  if (redis) readiness.register('redis', () => redis.redis.ping(), { timeoutMs: 1_500 });
  const scrapeMetrics =
    options.scrapeMetrics ??
    (async () => ({ text: await metrics.registry.metrics(), contentType: metrics.registry.contentType }));
  const client = new UpstreamClient(upstreamClientOptions(config, options.upstreamUrl, { pacer, metrics }));
  const shared = new SharedReads({
    ttlMs: config.cache.ttlMs,
    staleMs: config.cache.staleMs,
    maxBytes: config.cache.maxBytes,
    credentialKey,
    // Another process's read of the same entry is waited for at most this long.
    fillLockMs: Math.min(config.upstreamTimeoutMs, 10_000) + 1_000,
    link: redis,
    logger,
  });
  metrics.observeCacheTotals(() => shared.counts);
  const close = async () => {
    await client.close();
    await redis?.close();
  };
  return { client, shared, redis, metrics, readiness, scrapeMetrics, close };
}

/**
 * The upstream client's options from the gateway's configuration, calling `baseUrl`; `pacer`
 * replaces the in-process rate limiter (a budget shared through Redis), and calls are
 * counted in `metrics`.
 */
export function upstreamClientOptions(
  config: GatewayConfig,
  baseUrl: string,
  extras: { pacer?: Pacer | undefined; metrics?: GatewayMetrics } = {},
): UpstreamOptions {
  return {
    ...extras,
    baseUrl,
    timeoutMs: config.upstreamTimeoutMs,
    connections: config.upstreamConnections,
    rate: config.upstreamRate,
    breaker: { failures: config.upstreamBreakerFailures, cooldownMs: config.upstreamBreakerCooldownMs },
    repeatedBodiesMaxBytes: config.upstreamRepeatedBodiesBytes,
    retry: {
      retries: config.upstreamRetries,
      baseDelayMs: config.upstreamRetryBaseMs,
      maxDelayMs: Math.max(config.upstreamRetryBaseMs, 2_000),
      maxWaitMs: config.upstreamRetryMaxWaitMs,
    },
  };
}
