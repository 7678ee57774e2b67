import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { createCallerAuthenticator } from './auth/caller-auth.ts';
import { guardLoaders } from './auth/guard-loaders.ts';
import type { GatewayConfig } from './config.ts';
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
import { useAllowedHosts } from './security/allowed-hosts.ts';
import { corsOptions } from './security/cors-options.ts';
import { gatewayPlugins } from './security/gateway-plugins.ts';
import { useRequestBodyLimit } from './security/request-body-limit.ts';
import { TRUSTED_OPERATION_PARAMS } from './security/trusted-operations.ts';
import { UpstreamClient } from './upstream/client.ts';
import { RetryBudget } from './upstream/retry.ts';
import { useVariablesCheck } from './variables-check.ts';
import { useVaryAccept } from './vary-accept.ts';

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
  /** `GET /ready`; register more checks (e.g. Redis) with `readiness.register`. */
  readiness: Readiness;
  /** Closes the upstream connection pool. */
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

export function createApp(options: AppOptions): GatewayApp {
  const { config } = options;
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
  const logger = options.logger ?? createLogger(config.logLevel);
  const callerAuth = createCallerAuthenticator(config.callerAuth);

  /** Each request's context: its own loaders and retry budget, behind the caller's access check. */
  const contextFor = async (request: Request): Promise<GatewayContext> => {
    const retryBudget = new RetryBudget(config.upstreamRetryBudget);
    return {
      defaults,
      retryBudget,
      // Every upstream read first checks that this caller may read the app.
      loaders: guardLoaders(
        createRequestLoaders({
          client,
          scope: {
            authorization: authorizationFor(options, request),
            budget: retryBudget,
            requestId: requestIdOf(request),
          },
          maxPerPage: config.upstreamMaxPerPage,
          concurrency: config.upstreamConcurrency,
        }),
        await callerAuth.authenticate(request),
      ),
    };
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
    ],
    context: ({ request }) => contextFor(request),
  });

  return { yoga, fetch: yoga.fetch, contextFor, metrics, readiness, close: () => client.close() };
}
