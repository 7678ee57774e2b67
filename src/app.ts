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
import { useVariablesCheck } from './variables-check.ts';
import { useVaryAccept } from './vary-accept.ts';
import { invalidateCachedReads } from './writes/invalidate-cache.ts';
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
}

export interface GatewayApp {
  yoga: YogaServerInstance<Record<string, never>, GatewayContext>;
  fetch: YogaServerInstance<Record<string, never>, GatewayContext>['fetch'];
  /** The context yoga builds for `request` (tests run the same resolvers outside yoga with it). */
  contextFor(request: Request): Promise<GatewayContext>;
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
  const client = new UpstreamClient({
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

  /**
   * Each request's context: its own loaders, writes and retry budget, behind the caller's
   * access check.
   */
  const contextFor = async (request: Request): Promise<GatewayContext> => {
    const retryBudget = new RetryBudget(config.upstreamRetryBudget);
    const scope = { authorization: authorizationFor(options, request), budget: retryBudget };
    const access = await callerAuth.authenticate(request);
    // Every upstream read first checks that this caller may read the app.
    const freshLoaders = () =>
      guardLoaders(
        createRequestLoaders({
          client,
          scope,
          maxPerPage: config.upstreamMaxPerPage,
          concurrency: config.upstreamConcurrency,
        }),
        access,
      );
    const context: GatewayContext = {
      defaults,
      retryBudget,
      warnings: [],
      loaders: freshLoaders(),
      // Every write checks the caller's app and scope first, and forgets what it can have
      // changed (this request's loaders, the cross-request cache) before it answers.
      writes: createRequestWrites({
        client,
        scope,
        access,
        afterWrite: async (change) => {
          context.loaders = freshLoaders();
          await invalidateCachedReads(change).catch((error: unknown) =>
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
      useRequestBodyLimit(MAX_REQUEST_BODY_BYTES),
      useRequestErrors(),
      useVaryAccept('/graphql'),
      useInputErrorCodes(),
      useGraphiQLAssets(),
      ...gatewayPlugins(config, defaults),
      useVariablesCheck(),
      // After execution: CURSOR_DRIFT and other warnings go into extensions.warnings.
      useResponseWarnings(),
    ],
    context: ({ request }) => contextFor(request),
  });

  return { yoga, fetch: yoga.fetch, contextFor, close: () => client.close() };
}
