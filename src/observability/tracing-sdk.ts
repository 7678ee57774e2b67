import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { SERVICE_NAME } from './tracing.ts';

// The OpenTelemetry SDK half of tracing (see tracing.ts): a tracer provider exporting over
// OTLP/HTTP, the AsyncLocalStorage context manager and the W3C trace-context propagator,
// configured by the standard OTEL_* variables. Its own module because server.ts imports it
// only when tracing is on: the SDK and its exporter are a few MB of heap otherwise unused.

export interface Tracing {
  /** Sends the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

export function startTracing(): Tracing {
  const resource = resourceFromAttributes({ 'service.name': SERVICE_NAME }).merge(
    detectResources({ detectors: [envDetector] }),
  );
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  return { shutdown: () => provider.shutdown() };
}
