import type { DocumentNode, ExecutionResult, GraphQLSchema } from 'graphql';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import type { createExecutor } from '../execution/execute.ts';
import type { GatewayContext } from '../schema/context.ts';
import { withWarnings } from '../schema/warnings.ts';
import { responseMediaType } from './http/response-media-type.ts';
import { withStaleFields } from './http/stale-extension.ts';
import { variableErrors } from './input/variables-check.ts';
import type { ServedOperations } from './observability/served-operations.ts';
import { countRepresentations } from './protection/entities-limit.ts';
import type { UpstreamCallPrediction } from './protection/upstream-call-limit.ts';

// The short path: a JSON POST of a query whose text this process has already run through
// yoga is answered here, as yoga would answer it, without yoga's parameter, parse,
// validation, context and execution hooks or its result processing.
//
// - Admitted: a query text whose document yoga parsed, validated (with every limit and rule of
//   the pipeline) and went on to execute (`executionPlugin`). Those steps depend on the text
//   alone, so they are not repeated for it.
// - Checked again per request, as the pipeline checks them: the `_entities` representations
//   (entities-limit.ts), the variables (variables-check.ts) and the predicted upstream calls
//   (upstream-call-limit.ts, which also lowers the request's retry budget).
// - Answered here: a query whose result has no error, with what yoga's result processor
//   sends (the media type `Accept` picks, status 200, the result as JSON) and what the
//   pipeline adds (`extensions.stale`, `extensions.warnings`). The request log and the
//   operation metrics learn the operation from `ServedOperations`. Every HTTP hook (host,
//   body size, CSRF, CORS, request id, log line, metrics) runs as for any request.
// - Handed back to yoga, with the body it has read: anything else (another method, path,
//   content type or `Accept`, parameters yoga would refuse, a text not admitted, a mutation,
//   a failed check). A result with errors is handed back too: yoga then runs its usual steps
//   but its execution answers that result instead of running the operation again, so the
//   errors are masked, coded and counted as for any request.
//
// It is off with tracing (spans cover parse, validation and execution) and with trusted
// operations (a text is admitted only by id there).

export interface ShortPathOptions {
  schema: GraphQLSchema;
  /** The GraphQL endpoint's path. */
  endpoint: string;
  contextFor(request: Request): Promise<GatewayContext>;
  /** The executor yoga runs. */
  execute: Execute;
  /** The pipeline's prediction of upstream calls (shared with its plugin). */
  prediction: UpstreamCallPrediction;
  /** Most representations `_entities` may receive per operation. */
  maxRepresentations: number;
  served: ServedOperations;
  /** Counts the operations answered here. */
  answers: { inc(): void };
}

/** Admitted texts at most, and their total length at most (characters). */
const MAX_ADMITTED = 1000;
const MAX_ADMITTED_CHARS = 8 * 1024 * 1024;

interface Admitted {
  document: DocumentNode;
  /** Whether the text may select `_entities`, whose representations are counted per request. */
  mayHaveEntities: boolean;
}

/** A JSON POST body yoga takes as it is: `query`, and maybe `operationName` and `variables`. */
interface PlainParams {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** The gateway's executor (execution/execute.ts). */
type Execute = ReturnType<typeof createExecutor>;

const PARAMS = new Set(['query', 'operationName', 'variables', 'extensions']);

/** `body` when it is such a body, else undefined (yoga answers the others: errors, batches, extensions). */
function plainParams(body: unknown): PlainParams | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const params = body as Record<string, unknown>;
  for (const key in params) if (!PARAMS.has(key)) return undefined;
  const { query, operationName, variables, extensions } = params;
  if (typeof query !== 'string' || extensions != null) return undefined;
  if (operationName != null && typeof operationName !== 'string') return undefined;
  if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return undefined;
  return params as unknown as PlainParams;
}

/** Whether yoga reads the body as JSON (its POST JSON parser's test). */
function isJsonBody(request: Request): boolean {
  const type = request.headers.get('content-type')?.split(',')[0];
  return type === 'application/json' || type?.startsWith('application/json;') === true;
}

/** The path of an absolute URL when it has neither query nor fragment, else undefined. */
function plainPath(url: string): string | undefined {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0 || url.includes('?', start) || url.includes('#', start)) return undefined;
  return url.slice(start);
}

export class ShortPath {
  readonly #options: ShortPathOptions;
  readonly #admitted = new LRUCache<string, Admitted>({
    max: MAX_ADMITTED,
    maxSize: MAX_ADMITTED_CHARS,
    sizeCalculation: (_value, text) => Math.max(1, text.length),
  });
  /** Results of requests handed back to yoga, for its execution step to answer. */
  readonly #handedBack = new WeakMap<Request, () => ExecutionResult>();

  constructor(options: ShortPathOptions) {
    this.#options = options;
  }

  /**
   * yoga's execution step: `execute`, or the result of a request the short path handed back.
   * Admits the text of every operation that gets this far (parsed and validated).
   */
  executionPlugin(): Plugin {
    const { execute } = this.#options;
    return {
      onExecute: ({ args, setExecuteFn }) => {
        const context = args.contextValue as { request?: Request; params?: { query?: unknown } };
        const handedBack = context.request && this.#handedBack.get(context.request);
        if (handedBack) {
          this.#handedBack.delete(context.request as Request);
          setExecuteFn(handedBack);
          return;
        }
        setExecuteFn(execute);
        const query = context.params?.query;
        if (typeof query === 'string' && !this.#admitted.has(query)) {
          this.#admitted.set(query, {
            document: args.document,
            mayHaveEntities: query.includes('_entities'),
          });
        }
      },
    };
  }

  /** The short path itself; the last plugin to see the request before yoga parses its body. */
  plugin(): Plugin {
    const { endpoint } = this.#options;
    return {
      onRequestParse: ({ request, requestParser, setRequestParser, endResponse, fetchAPI }) => {
        if (request.method !== 'POST' || requestParser === undefined || !isJsonBody(request)) return;
        if (plainPath(request.url) !== endpoint) return;
        const mediaType = responseMediaType(request.headers.get('accept'));
        if (mediaType === undefined) return;
        return request.text().then(
          async (text) => {
            const result = await this.#answer(request, text);
            if (result !== undefined) {
              const headers = { 'Content-Type': `${mediaType}; charset=utf-8` };
              endResponse(new fetchAPI.Response(JSON.stringify(result), { status: 200, headers }));
              return;
            }
            // yoga parses the body it would have read.
            const copy = () =>
              new fetchAPI.Request(request.url, { method: 'POST', headers: request.headers, body: text });
            setRequestParser(() => requestParser(copy()));
          },
          // A body that cannot be read is yoga's to answer: its parser reads it and fails as usual.
          () => undefined,
        );
      },
    };
  }

  /** The result to answer `request` with, or undefined to hand it back to yoga. */
  async #answer(request: Request, text: string): Promise<ExecutionResult | undefined> {
    const { schema, contextFor, execute, prediction, maxRepresentations, served, answers } = this.#options;
    let params: PlainParams | undefined;
    try {
      params = plainParams(JSON.parse(text));
    } catch {
      return undefined;
    }
    const admitted = params && this.#admitted.get(params.query);
    if (!params || !admitted) return undefined;
    const { document } = admitted;
    const { operationName, variables } = params;
    const operation = getOperationAST(document, operationName);
    if (operation?.operation !== 'query') return undefined;
    if (
      admitted.mayHaveEntities &&
      countRepresentations(document, operationName, variables) > maxRepresentations
    ) {
      return undefined;
    }
    if (variableErrors(schema, document, operationName, variables)) return undefined;
    const predicted = prediction.predict(
      schema,
      document,
      variables ?? undefined,
      operationName ?? undefined,
    );
    if (predicted > prediction.limit) return undefined;

    let context: GatewayContext;
    try {
      context = await contextFor(request);
    } catch {
      // Refused (the caller's credentials): yoga builds the context again and answers that.
      return undefined;
    }
    context.retryBudget.limitTo(prediction.limit - predicted);
    const contextValue = Object.assign(context, { request, params });
    let result: ExecutionResult;
    try {
      result = await execute({ schema, document, contextValue, variableValues: variables, operationName });
    } catch (error) {
      // As yoga would have met it (it masks it as an unexpected error).
      this.#handedBack.set(request, () => {
        throw error;
      });
      return undefined;
    }
    result = withWarnings(withStaleFields(result, context), context);
    if ((result.errors !== undefined && result.errors.length > 0) || result.extensions?.http !== undefined) {
      const withErrors = result;
      this.#handedBack.set(request, () => withErrors);
      return undefined;
    }
    served.note(request, {
      name: typeof operationName === 'string' ? operationName : operation.name?.value,
      type: 'query',
    });
    answers.inc();
    return result;
  }
}
