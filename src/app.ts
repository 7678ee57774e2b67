import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { createCallerAuthenticator } from './auth/caller-auth.ts';
import { guardLoaders } from './auth/guard-loaders.ts';
import { credentialKeyFn } from './cache/credential-key.ts';
import { RedisLink } from './cache/redis-link.ts';
import { SharedReads } from './cache/shared-reads.ts';
import { StaleLog, useStaleExtension } from './cache/stale-log.ts';
import { UpstreamReads } from './cache/upstream-reads.ts';
import { type GatewayConfig, workerRateShare } from './config.ts';
import { renderOfflineGraphiQL, useGraphiQLAssets } from './graphiql/offline.ts';
import { GRAPHIQL_TABS } from './graphiql-examples.ts';
import { useInputErrorCodes } from './input-error-codes.ts';
import { createRequestLoaders } from './loaders/request-loaders.ts';
import { createLogger, yogaLogger } from './logging/logger.ts';
import { useRequestLog } from './logging/request-log.ts';
import { createMetrics, type GatewayMetrics } from './observability/metrics.ts';
import { useMetricsEndpoint } from './observability/metrics-endpoint.ts';
import { useOperationMetrics } from './observability/operation-metrics.ts';
import { Readiness, useReadiness } from './observability/readiness.ts';
import { requestIdOf } from './observability/request-id.ts';
import { useTracing } from './observability/tracing-plugin.ts';
import { useRequestErrors } from './request-errors.ts';
import type { GatewayContext } from './schema/context.ts';
import { subgraphSchema } from './schema/index.ts';
import { useResponseWarnings } from './schema/warnings.ts';
import { useAllowedHosts } from './security/allowed-hosts.ts';
import { corsOptions } from './security/cors-options.ts';
import { gatewayPlugins } from './security/gateway-plugins.ts';
import { useRequestBodyLimit } from './security/request-body-limit.ts';
import { TRUSTED_OPERATION_PARAMS } from './security/trusted-operations.ts';
import { UpstreamClient } from './upstream/client.ts';
import { RetryBudget } from './upstream/retry.ts';
import { SharedRateLimiter } from './upstream/shared-rate-limiter.ts';
import { useVariablesCheck } from './variables-check.ts';
import { useVaryAccept } from './vary-accept.ts';
import { createRequestWrites } from './writes/request-writes.ts';

/**
 * Builds the gateway as a fetch-style app, with no I/O: nothing listens and nothing is
 * called until a request comes in, so tests can use `app.fetch` without sockets.
 */

export interface AppOptions {
  config: GatewayConfig;
  /** Upstream base URL actually used (the sandbox's in sandbox mode). */
  upstreamUrl: string;
  /** Token the gateway sends in sandbox mode (service mode uses `config.apiToken`). */
  sandboxToken?: string;
  /** Where request and error logs go; default: a stdout JSON logger at `config.logLevel`. */
  logger?: Logger;
  /** Where metrics are counted; default: a new registry of this app's own. */
  metrics?: GatewayMetrics;
  /**
   * What `GET /metrics` serves; default: this app's registry. A cluster worker passes the
   * primary's aggregate of every worker instead.
   */
  scrapeMetrics?: () => Promise<{ text: string; contentType: string }>;
}

export interface GatewayApp {
  yoga: YogaServerInstance<Record<string, never>, GatewayContext>;
  fetch: YogaServerInstance<Record<string, never>, GatewayContext>['fetch'];
  /** The context yoga builds for `request` (tests run the same resolvers outside yoga with it). */
  contextFor(request: Request): Promise<GatewayContext>;
  metrics: GatewayMetrics;
  /** `GET /ready`; register more checks with `readiness.register`. */
  readiness: Readiness;
  /** Upstream reads shared across requests (cache, coalescing, invalidation). */
  shared: SharedReads;
  /** The Redis connection when `REDIS_URL` is set. */
  redis: RedisLink | undefined;
  /** Closes the upstream connection pool and the Redis connection. */
  close(): Promise<void>;
}

/** Largest request body accepted; documents are capped at MAX_TOKENS tokens anyway. */
const MAX_REQUEST_BODY_BYTES = 256 * 1024;

function authorizationFor(options: AppOptions, request: Request): string | undefined {
  const { config } = options;
  if (config.mode === 'passthrough') {
    const header = request.headers.get('authorization');
    return header === null || header.trim() === '' ? undefined : header;
  }
  const token = config.mode === 'service' ? config.apiToken : options.sandboxToken;
  return token === undefined ? undefined : `Bearer ${token}`;
}

/** `Cache-Control: no-cache` (or `Pragma: no-cache`) asks for fresh upstream reads. */
function wantsFresh(request: Request): boolean {
  const cacheControl = request.headers.get('cache-control');
  if (cacheControl !== null && /(^|,)\s*no-cache\s*(,|$)/i.test(cacheControl)) return true;
  return cacheControl === null && /no-cache/i.test(request.headers.get('pragma') ?? '');
}

export function createApp(options: AppOptions): GatewayApp {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  // Shared state: a credential becomes a keyed hash before it names anything shared.
  const credentialKey = credentialKeyFn(config.cache.keySecret, config.apiToken ?? options.sandboxToken);
  // The Redis link connects in the background; until it is usable, everything is in-process.
  const redis = config.cache.redisUrl ? new RedisLink({ url: config.cache.redisUrl, logger }) : undefined;
  const pacer =
    redis && config.upstreamRate
      ? new SharedRateLimiter(
          config.upstreamRate,
          redis,
          credentialKey,
          // While Redis is away, a cluster worker falls back to its share of the budget.
          workerRateShare(config.upstreamRate, config.webConcurrency) ?? config.upstreamRate,
        )
      : undefined;
  const metrics = options.metrics ?? createMetrics();
  const readiness = new Readiness();
  const scrapeMetrics =
    options.scrapeMetrics ??
    (async () => ({ text: await metrics.registry.metrics(), contentType: metrics.registry.contentType }));
  const client = new UpstreamClient({
    metrics,
    baseUrl: options.upstreamUrl,
    timeoutMs: config.upstreamTimeoutMs,
    connections: config.upstreamConnections,
    rate: config.upstreamRate,
    pacer,
    breaker: { failures: config.upstreamBreakerFailures, cooldownMs: config.upstreamBreakerCooldownMs },
    retry: {
      retries: config.upstreamRetries,
      baseDelayMs: config.upstreamRetryBaseMs,
      maxDelayMs: Math.max(config.upstreamRetryBaseMs, 2_000),
      maxWaitMs: config.upstreamRetryMaxWaitMs,
      budgetPerRequest: config.upstreamRetryBudget,
    },
  });
  const defaults = {
    accountId: config.defaultAccountId,
    appId: config.defaultAppId,
    maxPageSize: config.maxPageSize,
  };
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
  const reads = new UpstreamReads(client, shared);
  metrics.observeCacheTotals(() => shared.counts);
  // Ready only while Redis answers, when one is configured (requests are served either way).
  if (redis) readiness.register('redis', () => redis.redis.ping(), { timeoutMs: 1_500 });
  const callerAuth = createCallerAuthenticator(config.callerAuth);

  /**
   * Each request's context: its own loaders, writes and retry budget behind the caller's
   * access check, over the reads shared across requests (`Cache-Control: no-cache` asks for
   * fresh ones).
   */
  const contextFor = async (request: Request): Promise<GatewayContext> => {
    const authorization = authorizationFor(options, request);
    const stale = new StaleLog();
    const retryBudget = new RetryBudget(config.upstreamRetryBudget);
    const scope = {
      authorization,
      budget: retryBudget,
      fresh: wantsFresh(request),
      requestId: requestIdOf(request),
    };
    const access = await callerAuth.authenticate(request);
    // Every upstream read first checks that this caller may read the app.
    const freshLoaders = () =>
      guardLoaders(
        createRequestLoaders({
          reads,
          scope,
          stale,
          maxPerPage: config.upstreamMaxPerPage,
          concurrency: config.upstreamConcurrency,
        }),
        access,
      );
    /** Makes every cached read of this credential for the app unusable, in every replica. */
    const invalidate = async (app: { accountId: string; appId: string }) => {
      if (authorization !== undefined) await shared.invalidate({ authorization, ...app });
    };
    const context: GatewayContext = {
      defaults,
      retryBudget,
      stale,
      warnings: [],
      invalidate,
      loaders: freshLoaders(),
      // Every write checks the caller's app and scope first, and, before it answers,
      // forgets what it can have changed: this request's loaders, and the shared cache.
      writes: createRequestWrites({
        client,
        scope,
        access,
        afterWrite: async (change) => {
          context.loaders = freshLoaders();
          await invalidate(change).catch((error: unknown) =>
            logger.warn(
              { err: { message: error instanceof Error ? error.message : String(error) } },
              'cache invalidation failed',
            ),
          );
        },
      }),
    };
    return context;
  };

  const yoga = createYoga<Record<string, never>, GatewayContext>({
    schema: subgraphSchema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    maskedErrors: { isDev: false },
    graphiql: { title: 'RealtimeKit GraphQL gateway', defaultTabs: GRAPHIQL_TABS },
    // GraphiQL's JS/CSS come from the gateway itself (yoga's default page loads them from a CDN).
    renderGraphiQL: renderOfflineGraphiQL,
    logging: yogaLogger(logger),
    cors: corsOptions(config.corsOrigins),
    extraParamNames: TRUSTED_OPERATION_PARAMS,
    // Checked from Content-Length instead (see request-body-limit.ts).
    maxRequestBodySize: false,
    plugins: [
      useRequestLog(logger),
      // DNS rebinding: a Host that is not ours gets 421 before anything else runs.
      useAllowedHosts(config.allowedHosts),
      useReadiness(readiness),
      ...(config.metrics.enabled && config.metrics.port === undefined
        ? [useMetricsEndpoint(scrapeMetrics)]
        : []),
      useOperationMetrics(metrics),
      ...(config.tracing ? [useTracing()] : []),
      useRequestBodyLimit(MAX_REQUEST_BODY_BYTES),
      useRequestErrors(),
      useVaryAccept('/graphql'),
      useInputErrorCodes(),
      useGraphiQLAssets(),
      ...gatewayPlugins(config, defaults),
      useVariablesCheck(),
      useStaleExtension(),
      // After execution: CURSOR_DRIFT and other warnings go into extensions.warnings.
      useResponseWarnings(),
    ],
    context: ({ request }) => contextFor(request),
  });

  return {
    yoga,
    fetch: yoga.fetch,
    contextFor,
    metrics,
    readiness,
    shared,
    redis,
    close: async () => {
      await client.close();
      await redis?.close();
    },
  };
}
