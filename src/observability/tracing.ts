import {
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  trace,
} from '@opentelemetry/api';

// OpenTelemetry traces. `startTracing` (tracing-sdk.ts, loaded by server.ts only when
// OTEL_EXPORTER_OTLP_ENDPOINT is set, so that a gateway without tracing never loads the SDK
// and its exporter) registers a tracer provider exporting over OTLP/HTTP, the AsyncLocalStorage
// context manager and the W3C trace-context propagator; it reads the standard OTEL_*
// variables (endpoint, headers, service name, sampler, batch delays). Without it, every
// function here works on OpenTelemetry's no-op API: no span is recorded, nothing is sent.
//
// Spans: one SERVER span per GraphQL request (tracing-plugin.ts), one CLIENT span per upstream
// HTTP call (upstream/client.ts). Attributes never hold credentials or full URLs.

export const SERVICE_NAME = 'realtimekit-graphql-gateway';

/** A proxy: it uses whichever provider is registered when a span starts (none: no-op). */
const TRACER = trace.getTracer(SERVICE_NAME);
export const tracer = () => TRACER;

const headersGetter: TextMapGetter<Headers> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: (headers) => [...headers.keys()],
};

/** The context a caller's `traceparent`/`tracestate` headers carry (root when absent or invalid). */
export function callerContext(headers: Headers): Context {
  return propagation.extract(ROOT_CONTEXT, headers, headersGetter);
}

/** Adds `traceparent` (and `tracestate`) for `span` to outgoing `headers`. */
export function injectTraceHeaders(span: Span, headers: Record<string, string>): void {
  propagation.inject(trace.setSpan(context.active(), span), headers);
}

/** A CLIENT span for one upstream call, child of the active context (the operation's span). */
export function startUpstreamSpan(
  method: string,
  route: string,
  attributes: Record<string, string | number>,
): Span {
  return tracer().startSpan(`${method} ${route}`, {
    kind: SpanKind.CLIENT,
    attributes: { 'http.request.method': method, 'url.template': route, ...attributes },
  });
}

/** Ends an upstream span with the answer's status, or the failure's error code. */
export function endUpstreamSpan(span: Span, status: number | undefined, errorCode: string | undefined): void {
  if (status !== undefined) span.setAttribute('http.response.status_code', status);
  if (errorCode !== undefined) {
    span.setAttribute('error.type', errorCode);
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

/**
 * Records a cache decision on the active span (the operation's), for the cross-request
 * cache: an event `cache` with the kind of read and the outcome (hit, miss, stale, coalesced).
 */
export function recordCacheOutcome(kind: string, outcome: 'hit' | 'miss' | 'stale' | 'coalesced'): void {
  trace.getActiveSpan()?.addEvent('cache', { 'gateway.cache.kind': kind, 'gateway.cache.outcome': outcome });
}
