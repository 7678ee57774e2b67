import type { Plugin } from 'graphql-yoga';
import type { GatewayConfig } from '../config.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';
import type { Readiness } from '../observability/readiness.ts';
import { MAX_IDS } from '../schema/global-id.ts';
import { useResponseWarnings } from '../schema/warnings.ts';
import { useAllowedHosts } from './http/allowed-hosts.ts';
import { useCsrfPrevention } from './http/csrf-prevention.ts';
import { useGraphiQLAssets } from './http/graphiql-assets.ts';
import { useRequestBodyLimit } from './http/request-body-limit.ts';
import type { RequestLog } from './http/request-log.ts';
import { useStaleExtension } from './http/stale-extension.ts';
import { useVaryAccept } from './http/vary-accept.ts';
import { useInputErrorCodes } from './input/input-error-codes.ts';
import { useRequestErrors } from './input/request-errors.ts';
import { useVariablesCheck } from './input/variables-check.ts';
import { useMetricsEndpoint } from './observability/metrics-endpoint.ts';
import { useOperationMetrics } from './observability/operation-metrics.ts';
import { useReadiness } from './observability/readiness-endpoint.ts';
import { useTracing } from './observability/tracing-plugin.ts';
import { useEntitiesLimit } from './protection/entities-limit.ts';
import { useHiddenSuggestions } from './protection/hide-suggestions.ts';
import { useNoIntrospection } from './protection/no-introspection.ts';
import { useOperationLimits } from './protection/operation-limits.ts';
import { useTrustedOperations } from './protection/trusted-operations.ts';
import { type UpstreamCallPrediction, useUpstreamCallLimit } from './protection/upstream-call-limit.ts';

// The request pipeline: every yoga/envelop plugin of the gateway, in the order yoga runs
// them on a request (HTTP concerns first, then what guards parsing, validation and
// execution). Each line says why the plugin sits where it does.

/** Largest request body accepted; documents are capped at MAX_TOKENS tokens anyway. */
export const MAX_REQUEST_BODY_BYTES = 256 * 1024;

export interface PipelineOptions {
  config: GatewayConfig;
  metrics: GatewayMetrics;
  readiness: Readiness;
  /** What `GET /metrics` serves (this app's registry, or a cluster's aggregate). */
  scrapeMetrics: () => Promise<{ text: string; contentType: string }>;
  /** The prediction of upstream calls per operation (shared with the short path). */
  prediction: UpstreamCallPrediction;
  /** Where request lines go (the short path writes its own there too). */
  requestLog: RequestLog;
}

export function requestPipeline(options: PipelineOptions): Plugin[] {
  const { config, metrics, readiness, scrapeMetrics, prediction, requestLog } = options;
  return [
    // First, so every request (even one refused below) gets a request id and a log line.
    requestLog.plugin(),
    // DNS rebinding: a Host that is not ours gets 421 before anything else runs.
    useAllowedHosts(config.allowedHosts),
    // Probes answer before any GraphQL work: GET /ready, and GET /metrics on the main port
    // unless METRICS_PORT moves it.
    useReadiness(readiness),
    ...(config.metrics.enabled && config.metrics.port === undefined
      ? [useMetricsEndpoint(scrapeMetrics)]
      : []),
    // Early, so every operation (refused ones too) is counted and traced.
    useOperationMetrics(metrics),
    ...(config.tracing ? [useTracing()] : []),
    // Before the body is read: refuses a missing, bad or too large Content-Length.
    useRequestBodyLimit(MAX_REQUEST_BODY_BYTES),
    // Wraps yoga's query-string parsers: bad JSON in GET/form parameters is a 400, not a 500;
    // and, on parse, refuses operation types the schema has no root for.
    useRequestErrors(),
    // Any time before the response: GET /graphql answers HTML or JSON by Accept, so it varies.
    useVaryAccept('/graphql'),
    // Early: its after-hooks run first and give a code to graphql-js's parse, validation and
    // variable errors, whichever later plugin parses or validates.
    useInputErrorCodes(),
    // Answers GraphiQL's asset requests before any GraphQL handling.
    useGraphiQLAssets(),
    // Before the body is parsed: a cross-site GET or form POST needs a CSRF header.
    useCsrfPrevention(),
    // PERSISTED_OPERATIONS_FILE: swaps the request's id for a trusted document before parsing.
    ...(config.trustedOperations ? [useTrustedOperations(config.trustedOperations)] : []),
    // Parse (tokens) and validation (depth, aliases, root fields): nothing has run yet.
    useOperationLimits({
      maxDepth: config.maxDepth,
      maxAliases: config.maxAliases,
      maxTokens: config.maxTokens,
      maxRootFields: config.maxRootFields,
    }),
    // Validation, before the caller is authenticated: caps the representations given to _entities.
    useEntitiesLimit(MAX_IDS),
    // GRAPHQL_INTROSPECTION=false: validation refuses __schema/__type and hides suggestions.
    ...(config.introspection
      ? []
      : [useNoIntrospection({ federationSdl: config.federationSdl }), useHiddenSuggestions()]),
    // Just before execution, on a valid document: refuses an operation predicted too costly,
    // and lowers the request's retry budget to the slack below the limit.
    useUpstreamCallLimit(prediction),
    // Last before execution: variables that do not fit their types are a 400, not a field error.
    useVariablesCheck(),
    // After execution: names the fields served from stale cache entries in `extensions.stale`.
    useStaleExtension(),
    // After execution: CURSOR_DRIFT and other warnings go into `extensions.warnings`.
    useResponseWarnings(),
  ];
}
