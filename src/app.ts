import type { RequestListener } from 'node:http';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { createCallerAuthenticator } from './auth/caller-auth.ts';
import type { SharedReads } from './cache/shared-reads.ts';
import { UpstreamReads } from './cache/upstream-reads.ts';
import type { GatewayConfig } from './config.ts';
import { createExecutor, type ExecutorOptions } from './execution/execute.ts';
import { GRAPHIQL_TABS } from './graphiql/examples.ts';
import { renderOfflineGraphiQL } from './graphiql/offline.ts';
import { createLogger, yogaLogger } from './logging/logger.ts';
import type { GatewayMetrics } from './observability/metrics.ts';
import type { Readiness } from './observability/readiness.ts';
import { createContextFactory } from './pipeline/context.ts';
import { corsOptions } from './pipeline/http/cors-options.ts';
import { RequestLog } from './pipeline/http/request-log.ts';
import { MAX_REQUEST_BODY_BYTES, requestPipeline } from './pipeline/plugins.ts';
import { TRUSTED_OPERATION_PARAMS } from './pipeline/protection/trusted-operations.ts';
import { upstreamCallPrediction } from './pipeline/protection/upstream-call-limit.ts';
import { ShortPath } from './pipeline/short-path.ts';
import type { RequestHeaders } from './request-headers.ts';
import type { GatewayContext } from './schema/context.ts';
import { MAX_IDS } from './schema/global-id.ts';
import { subgraphSchema } from './schema/index.ts';
import { createServices } from './services.ts';
import type { RedisLink } from './shared-state/redis-link.ts';

// Builds the gateway as a fetch-style app, with no I/O: nothing listens and nothing is
// called until a request comes in, so tests can use `app.fetch` without sockets.
//
// A request's path: `listener` (what node:http runs) → the short path
// (`pipeline/short-path.ts`), which answers a plain JSON POST of a query text yoga has
// already parsed and validated, after the same per-request checks, straight from the context
// and the executor (with the same request line and metrics), and hands anything else, and any
// result with errors, to yoga → yoga's HTTP handling (CORS, GraphiQL page) → the plugins of
// `pipeline/plugins.ts`, in order (log, allowed hosts, probes and metrics, tracing, body
// limit, CSRF, trusted operations, operation limits, upstream-call budget, variables) →
// `execution/execute.ts` (graphql-js's algorithm, planned once per document) →
// `pipeline/context.ts` (per-request loaders behind the caller's access check) → the
// Pothos resolvers of `schema/` → `loaders/` → `cache/` (reads shared across requests and
// replicas) → `upstream/client.ts` (the REST calls). `services.ts` builds the long-lived
// parts (client, shared cache, Redis, metrics) once.

const GRAPHQL_ENDPOINT = '/graphql';

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
  /** How the executor works; default: its defaults (tests set `compileAfterRuns`). */
  execution?: ExecutorOptions;
}

export interface GatewayApp {
  yoga: YogaServerInstance<Record<string, never>, GatewayContext>;
  fetch: YogaServerInstance<Record<string, never>, GatewayContext>['fetch'];
  /** What a node:http server runs per request: the short path (when on) in front of yoga. */
  listener: RequestListener;
  /** The context yoga builds for `request` (tests run the same resolvers outside yoga with it). */
  contextFor(request: RequestHeaders): Promise<GatewayContext>;
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

export function createApp(options: AppOptions): GatewayApp {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  const services = createServices({
    config,
    upstreamUrl: options.upstreamUrl,
    sandboxToken: options.sandboxToken,
    logger,
    metrics: options.metrics,
    scrapeMetrics: options.scrapeMetrics,
  });
  const { client, shared, redis, metrics, readiness, scrapeMetrics, close } = services;
  const argumentRules = {
    defaultAccountId: config.defaultAccountId,
    defaultAppId: config.defaultAppId,
    maxPageSize: config.maxPageSize,
  };
  const contextFor = createContextFactory({
    config,
    client,
    reads: new UpstreamReads(client, shared),
    shared,
    logger,
    callerAuth: createCallerAuthenticator(config.callerAuth),
    argumentRules,
    sandboxToken: options.sandboxToken,
  });

  const execute = createExecutor(options.execution);
  // Most upstream calls per operation, predicted from the document and variables.
  const prediction = upstreamCallPrediction(config.maxUpstreamCallsPerOperation, {
    maxPageSize: config.maxPageSize,
    maxPerPage: config.upstreamMaxPerPage,
    argumentRules,
  });
  const requestLog = new RequestLog(logger);
  // Off where it would skip what the pipeline adds: spans, and the trusted-operations check.
  const shortPath =
    config.shortPath && !config.tracing && !config.trustedOperations
      ? new ShortPath({
          schema: subgraphSchema,
          endpoint: GRAPHQL_ENDPOINT,
          contextFor,
          execute,
          prediction,
          maxRepresentations: MAX_IDS,
          maxBodyBytes: MAX_REQUEST_BODY_BYTES,
          allowedHosts: config.allowedHosts,
          requestLog,
          metrics,
        })
      : undefined;
  const yoga = createYoga<Record<string, never>, GatewayContext>({
    schema: subgraphSchema,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    healthCheckEndpoint: '/health',
    landingPage: false,
    maskedErrors: { isDev: false },
    graphiql: { title: 'RealtimeKit GraphQL gateway', defaultTabs: GRAPHIQL_TABS },
    // GraphiQL's JS/CSS come from the gateway itself (yoga's default page loads them from a CDN).
    renderGraphiQL: renderOfflineGraphiQL,
    logging: yogaLogger(logger),
    cors: corsOptions(config.corsOrigins),
    extraParamNames: TRUSTED_OPERATION_PARAMS,
    // Checked from Content-Length instead (see pipeline/http/request-body-limit.ts).
    maxRequestBodySize: false,
    plugins: [
      // Execution: graphql-js's algorithm with per-document plans (execution/execute.ts); with
      // the short path, a result it handed back is answered as it is.
      shortPath?.executionPlugin() ??
        ({ onExecute: ({ setExecuteFn }) => setExecuteFn(execute) } satisfies Plugin),
      ...requestPipeline({
        config,
        metrics,
        readiness,
        scrapeMetrics,
        prediction,
        requestLog,
      }),
    ],
    context: ({ request }) => contextFor(request),
  });

  const listener: RequestListener = shortPath ? shortPath.listener(yoga) : yoga;
  return { yoga, fetch: yoga.fetch, listener, contextFor, metrics, readiness, shared, redis, close };
}
