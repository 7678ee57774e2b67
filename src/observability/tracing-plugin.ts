import { type Context, context, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { requestIdOf } from './request-id.ts';
import { callerContext, tracer } from './tracing.ts';

/**
 * One SERVER span per GraphQL request, child of the caller's `traceparent` when it sent one,
 * named `query OperationName`. Execution runs inside it, so upstream calls' spans are its
 * children and carry its trace upstream. Attributes: operation name and type, request id,
 * HTTP status and the error codes returned; never variables, headers or the document.
 */
export function useTracing(): Plugin {
  const spans = new WeakMap<Request, { span: Span; context: Context }>();
  return {
    onRequest({ request, url }) {
      if (url.pathname !== '/graphql') return;
      const parent = callerContext(request.headers);
      const span = tracer().startSpan(
        'graphql',
        {
          kind: SpanKind.SERVER,
          attributes: {
            'http.request.method': request.method,
            'url.path': url.pathname,
            'gateway.request_id': requestIdOf(request),
          },
        },
        parent,
      );
      spans.set(request, { span, context: trace.setSpan(parent, span) });
    },
    onExecute({ args, executeFn, setExecuteFn }) {
      const request = (args.contextValue as { request?: Request }).request;
      const state = request && spans.get(request);
      if (!state) return;
      const operation = getOperationAST(args.document, args.operationName);
      const type = operation?.operation ?? 'query';
      const name = operation?.name?.value;
      state.span.updateName(name ? `${type} ${name}` : type);
      state.span.setAttribute('graphql.operation.type', type);
      if (name) state.span.setAttribute('graphql.operation.name', name.slice(0, 100));
      setExecuteFn((executeArgs) => context.with(state.context, () => executeFn(executeArgs)));
    },
    onResultProcess({ request, result }) {
      const state = spans.get(request);
      if (!state) return;
      const item = (Array.isArray(result) ? result[0] : result) as
        | { errors?: readonly { extensions?: { code?: unknown } }[] }
        | undefined;
      const codes = [...new Set((item?.errors ?? []).map((e) => String(e?.extensions?.code ?? 'NONE')))];
      if (codes.length > 0) {
        state.span.setAttribute('gateway.error_codes', codes);
        state.span.setStatus({ code: SpanStatusCode.ERROR });
      }
    },
    onResponse({ request, response }) {
      const state = spans.get(request);
      if (!state) return;
      state.span.setAttribute('http.response.status_code', response.status);
      state.span.end();
    },
  };
}
