import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { DocumentNode, ExecutionResult, GraphQLSchema } from 'graphql';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import type { createExecutor } from '../execution/execute.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';
import { requestIdOf } from '../observability/request-id.ts';
import { nodeRequestHeaders, type RequestHeaders } from '../request-headers.ts';
import type { GatewayContext } from '../schema/context.ts';
import { withWarnings } from '../schema/warnings.ts';
import { isAllowedHost } from './http/allowed-hosts.ts';
import { declaredLength } from './http/request-body-limit.ts';
import type { RequestLog } from './http/request-log.ts';
import { type RegularMediaType, responseMediaType } from './http/response-media-type.ts';
import { withStaleFields } from './http/stale-extension.ts';
import { variableErrors } from './input/variables-check.ts';
import { countOperation } from './observability/operation-metrics.ts';
import { countRepresentations } from './protection/entities-limit.ts';
import type { UpstreamCallPrediction } from './protection/upstream-call-limit.ts';

// The short path: a JSON POST of a query whose text this process has already run through
// yoga is answered here, at the node:http level, as yoga would answer it, without building
// a fetch Request and Response and without yoga's hooks.
//
// - Taken only by a request none of yoga's HTTP steps would treat differently from any
//   JSON POST: `POST /graphql` exactly (no query string), a JSON content type, an allowed
//   `Host` (allowed-hosts.ts), a `Content-Length` within the body limit
//   (request-body-limit.ts), no `Transfer-Encoding` or `Content-Encoding`, no `Origin` (so
//   no CORS headers to add; CSRF prevention passes every JSON POST), and an `Accept` yoga
//   answers with JSON (response-media-type.ts). Anything else goes to yoga untouched.
// - Admitted: a query text whose document yoga parsed, validated (with every limit and rule of
//   the pipeline) and went on to execute (`executionPlugin`). Those steps depend on the text
//   alone, so they are not repeated for it.
// - Checked again per request, as the pipeline checks them: the `_entities` representations
//   (entities-limit.ts), the variables (variables-check.ts) and the predicted upstream calls
//   (upstream-call-limit.ts, which also lowers the request's retry budget).
// - Answered here: a query whose result has no error, with what yoga sends (status 200, the
//   media type `Accept` picks, the result as JSON, `x-request-id`) and what the pipeline adds
//   (`extensions.stale`, `extensions.warnings`); the request log line and the operation
//   metrics are written as the pipeline writes them.
// - Handed to yoga, with the body read here: anything else (parameters yoga would refuse, a
//   text not admitted, a mutation, a failed check). A result with errors is handed over
//   too: yoga then runs its usual steps, but its execution answers that result instead of
//   running the operation again, so the errors are masked, coded and counted as for any
//   request.
//
// It is off with tracing (spans cover parse, validation and execution) and with trusted
// operations (a text is admitted only by id there).

export interface ShortPathOptions {
  schema: GraphQLSchema;
  /** The GraphQL endpoint's path. */
  endpoint: string;
  contextFor(request: RequestHeaders): Promise<GatewayContext>;
  /** The executor yoga runs. */
  execute: Execute;
  /** The pipeline's prediction of upstream calls (shared with its plugin). */
  prediction: UpstreamCallPrediction;
  /** Most representations `_entities` may receive per operation. */
  maxRepresentations: number;
  /** Largest request body the pipeline takes (bytes). */
  maxBodyBytes: number;
  /** The hosts the gateway answers for (ALLOWED_HOSTS). */
  allowedHosts: '*' | ReadonlySet<string>;
  /** Where the pipeline writes its request lines. */
  requestLog: RequestLog;
  /** Operation counts, and the count of operations answered here. */
  metrics: GatewayMetrics;
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

/** What the short path answers a request with. */
interface Answer {
  result: ExecutionResult;
  operationName: string | undefined;
}

/** The gateway's executor (execution/execute.ts). */
type Execute = ReturnType<typeof createExecutor>;

/**
 * A body already read, as `@whatwg-node/server` takes it from `req.body`: an async iterable of
 * its one chunk. Not the Buffer (or string) itself: the server counts a body's own keys
 * before it looks at its type, one key per byte, which cost 2 ms for a 20 KB body and 36 ms
 * for 256 KB.
 */
class ReadBody {
  readonly bytes: Buffer;

  constructor(bytes: Buffer) {
    this.bytes = bytes;
  }

  async *[Symbol.asyncIterator]() {
    yield this.bytes;
  }
}

/** A node:http request whose body the short path has read. */
type ReadRequest = IncomingMessage & { body?: ReadBody };

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
function isJsonType(contentType: string | undefined): boolean {
  const type = contentType?.split(',')[0];
  return type === 'application/json' || type?.startsWith('application/json;') === true;
}

export class ShortPath {
  readonly #options: ShortPathOptions;
  readonly #admitted = new LRUCache<string, Admitted>({
    max: MAX_ADMITTED,
    maxSize: MAX_ADMITTED_CHARS,
    sizeCalculation: (_value, text) => Math.max(1, text.length),
  });
  /** Results of requests handed to yoga, for its execution step to answer. */
  readonly #handedOver = new WeakMap<IncomingMessage, () => ExecutionResult>();

  constructor(options: ShortPathOptions) {
    this.#options = options;
  }

  /**
   * yoga's execution step: `execute`, or the result of a request the short path handed over.
   * Admits the text of every operation that gets this far (parsed and validated).
   */
  executionPlugin(): Plugin {
    const { execute } = this.#options;
    return {
      onExecute: ({ args, setExecuteFn }) => {
        // yoga's context carries the node:http request it was given (`req`).
        const context = args.contextValue as { req?: IncomingMessage; params?: { query?: unknown } };
        const handedOver = context.req && this.#handedOver.get(context.req);
        if (handedOver) {
          this.#handedOver.delete(context.req as IncomingMessage);
          setExecuteFn(handedOver);
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

  /** The server's request listener: the short path in front of `yoga`. */
  listener(yoga: RequestListener): RequestListener {
    return (req: ReadRequest, res) => {
      const startedAt = performance.now();
      const mediaType = this.#mediaType(req);
      if (mediaType === undefined) {
        yoga(req, res);
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      // The client went away while sending: there is no one to answer.
      req.once('error', () => res.destroy());
      req.once('end', () => {
        const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
        const headers = nodeRequestHeaders(req.headers);
        const toYoga = () => {
          req.body = new ReadBody(body);
          yoga(req, res);
        };
        this.#answer(req, headers, body.toString('utf8')).then(
          (answer) =>
            answer === undefined ? toYoga() : this.#send(res, headers, mediaType, answer, startedAt),
          // Nothing is known to throw here; if something does, yoga answers the request.
          toYoga,
        );
      });
    };
  }

  /** The media type to answer `req` with when the short path may take it, else undefined. */
  #mediaType(req: IncomingMessage): RegularMediaType | undefined {
    const { endpoint, allowedHosts, maxBodyBytes } = this.#options;
    if (req.method !== 'POST' || req.url !== endpoint) return undefined;
    const { headers } = req;
    if (
      headers.origin !== undefined ||
      headers['transfer-encoding'] !== undefined ||
      headers['content-encoding'] !== undefined
    ) {
      return undefined;
    }
    if (!isJsonType(headers['content-type']) || !isAllowedHost(allowedHosts, headers.host)) return undefined;
    const bytes = declaredLength(headers['content-length']);
    if (bytes === undefined || bytes === 0 || bytes > maxBodyBytes) return undefined;
    return responseMediaType(headers.accept ?? null);
  }

  #send(
    res: ServerResponse,
    request: RequestHeaders,
    mediaType: RegularMediaType,
    answer: Answer,
    startedAt: number,
  ): void {
    const { endpoint, requestLog, metrics } = this.#options;
    const id = requestIdOf(request);
    if (!res.destroyed && !res.writableEnded) {
      const json = JSON.stringify(answer.result);
      // The header names and order yoga's responses have.
      res.writeHead(200, [
        'Content-Type',
        `${mediaType}; charset=utf-8`,
        'content-length',
        String(Buffer.byteLength(json)),
        'x-request-id',
        id,
      ]);
      res.end(json);
    }
    // After the answer is on its way: nothing below changes it.
    const { operationName } = answer;
    requestLog.write({ id, method: 'POST', path: endpoint, status: 200, startedAt, operationName });
    countOperation(metrics, { startedAt, name: operationName, type: 'query', outcome: 'ok', codes: [] });
    metrics.shortPathAnswers.inc();
  }

  /** What to answer with, or undefined to hand the request to yoga. */
  async #answer(req: IncomingMessage, request: RequestHeaders, text: string): Promise<Answer | undefined> {
    const { schema, contextFor, execute, prediction, maxRepresentations } = this.#options;
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
    let result: ExecutionResult;
    try {
      result = await execute({
        schema,
        document,
        contextValue: context,
        variableValues: variables,
        operationName,
      });
    } catch (error) {
      // As yoga would have met it (it masks it as an unexpected error).
      this.#handedOver.set(req, () => {
        throw error;
      });
      return undefined;
    }
    result = withWarnings(withStaleFields(result, context), context);
    if ((result.errors !== undefined && result.errors.length > 0) || result.extensions?.http !== undefined) {
      const withErrors = result;
      this.#handedOver.set(req, () => withErrors);
      return undefined;
    }
    return {
      result,
      operationName: typeof operationName === 'string' ? operationName : operation.name?.value,
    };
  }
}
