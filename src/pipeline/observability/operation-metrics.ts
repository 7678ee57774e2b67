import { type DocumentNode, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayMetrics } from '../../observability/metrics.ts';

// Counts every GraphQL request (one that got as far as its parameters): operation name
// (bounded, see metrics.ts), type (`query`, `mutation`, or `unknown` when the document did
// not parse), outcome (`ok`; `partial` when some root field has data beside errors; `error`
// otherwise), duration,
// and one count per returned error by `extensions.code`.

/** One GraphQL request, as it is counted. */
export interface OperationState {
  startedAt: number;
  name: string | undefined;
  type: string;
  outcome: 'ok' | 'partial' | 'error';
  codes: (string | undefined)[];
}

/** Counts one operation that has been answered (the short path counts its own this way). */
export function countOperation(metrics: GatewayMetrics, state: OperationState): void {
  const operation = metrics.operationLabel(state.name);
  metrics.operations.inc({ operation, type: state.type, outcome: state.outcome });
  metrics.operationDuration.observe(
    { operation, type: state.type },
    (performance.now() - state.startedAt) / 1000,
  );
  for (const code of state.codes) metrics.errors.inc({ code: metrics.codeLabel(code) });
}

export function useOperationMetrics(metrics: GatewayMetrics): Plugin {
  const states = new WeakMap<Request, OperationState>();
  const started = new WeakMap<Request, number>();
  return {
    onRequest({ request }) {
      started.set(request, performance.now());
    },
    onParams({ request, params }) {
      states.set(request, {
        startedAt: started.get(request) ?? performance.now(),
        name: typeof params.operationName === 'string' ? params.operationName : undefined,
        type: 'unknown',
        outcome: 'ok',
        codes: [],
      });
    },
    onParse({ context }) {
      const request = (context as { request?: Request }).request;
      const state = request && states.get(request);
      if (!state) return;
      return ({ result }) => {
        if (!(result instanceof Object) || (result as { kind?: unknown }).kind !== 'Document') return;
        const operation = getOperationAST(result as DocumentNode, state.name);
        state.name ??= operation?.name?.value;
        if (operation) state.type = operation.operation;
      };
    },
    onResultProcess({ request, result }) {
      const state = states.get(request);
      if (!state) return;
      const item = (Array.isArray(result) ? result[0] : result) as
        | { data?: unknown; errors?: readonly { extensions?: { code?: unknown } }[] }
        | undefined;
      const errors = item?.errors ?? [];
      if (errors.length === 0) return;
      const data = item?.data;
      const someData =
        typeof data === 'object' && data !== null && Object.values(data).some((value) => value !== null);
      state.outcome = someData ? 'partial' : 'error';
      for (const error of errors) {
        const code = error?.extensions?.code;
        state.codes.push(typeof code === 'string' ? code : undefined);
      }
    },
    onResponse({ request }) {
      const state = states.get(request);
      if (state) countOperation(metrics, state);
    },
  };
}
