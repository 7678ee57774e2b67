import { type ASTNode, GraphQLError } from 'graphql';

// The gateway's errors: every `extensions.code` it can emit is listed once, below (the
// README's "Errors" table says the same, and a test keeps the two in step), and every
// error it builds is a `GatewayError`, with all its extensions set at construction.

/** Every `extensions.code` a client can receive, and when. */
export const ERROR_CODES = {
  BAD_USER_INPUT:
    'bad arguments, cursors, ids, time ranges or variables; a document that does not parse or validate; a request body without or beyond its Content-Length limit',
  BAD_REQUEST:
    'an HTTP request that is not GraphQL over HTTP (malformed JSON, no query, a mutation over GET)',
  UNAUTHENTICATED: 'no credentials (passthrough), a missing or invalid caller token, or upstream 401',
  FORBIDDEN:
    'upstream 403, a caller token that does not list the app, or a cross-site request without a CSRF header',
  RATE_LIMITED:
    'upstream 429 after retries, or the credential’s upstream budget is spent; `retryAfterSeconds` when known',
  UPSTREAM_TIMEOUT: 'an upstream call exceeded its timeout',
  UPSTREAM_UNAVAILABLE: 'connection refused or reset, or the circuit breaker is open',
  UPSTREAM_ERROR: 'upstream 5xx, `success:false`, or a body that breaks the contract',
  QUERY_TOO_EXPENSIVE:
    'the operation would need more upstream calls than allowed; `predictedUpstreamCalls` and `limit`',
  QUERY_TOO_COMPLEX: 'the operation has more tokens, depth, aliases or root fields than allowed; `limit`',
  PERSISTED_QUERY_REQUIRED: 'trusted operations only: the request sent a query text instead of a document id',
  PERSISTED_QUERY_NOT_FOUND: 'trusted operations only: the document id is not in the list',
  INTERNAL_SERVER_ERROR: 'an unexpected failure inside the gateway; the message is masked',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface GatewayErrorDetails {
  /** HTTP status of the upstream answer, when one came back. */
  upstreamStatus?: number;
  /** Seconds the upstream asked us to wait (429 `retry-after`). */
  retryAfterSeconds?: number;
  /** The limit an operation went over (`QUERY_TOO_COMPLEX`, `QUERY_TOO_EXPENSIVE`). */
  limit?: number;
  /** Upstream calls the operation was predicted to need (`QUERY_TOO_EXPENSIVE`). */
  predictedUpstreamCalls?: number;
  /**
   * HTTP status of the whole response, for an error raised before execution. Yoga reads it
   * from `extensions.http` and does not send it to the client.
   */
  httpStatus?: number;
  /** The document nodes the error is about (a validation error's locations). */
  nodes?: ASTNode | readonly ASTNode[];
  /** A graphql-js error this one restates: its locations, path and source are kept. */
  from?: GraphQLError;
}

/**
 * The one error type clients see unmasked. Its message is one plain sentence with no
 * token, credential or stack trace in it; everything else a client may need is in
 * `extensions`, set here and never changed afterwards.
 */
export class GatewayError extends GraphQLError {
  readonly code: ErrorCode;
  readonly upstreamStatus: number | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, details: GatewayErrorDetails = {}) {
    const { from } = details;
    const extensions: Record<string, unknown> = { ...from?.extensions, code };
    if (details.upstreamStatus !== undefined) extensions.upstreamStatus = details.upstreamStatus;
    if (details.retryAfterSeconds !== undefined) extensions.retryAfterSeconds = details.retryAfterSeconds;
    if (details.predictedUpstreamCalls !== undefined)
      extensions.predictedUpstreamCalls = details.predictedUpstreamCalls;
    if (details.limit !== undefined) extensions.limit = details.limit;
    if (details.httpStatus !== undefined) extensions.http = { status: details.httpStatus };
    super(message, {
      extensions,
      ...(details.nodes ? { nodes: details.nodes } : {}),
      ...(from
        ? {
            nodes: from.nodes ?? null,
            source: from.source ?? null,
            positions: from.positions ?? null,
            path: from.path ?? null,
            originalError: from.originalError ?? null,
          }
        : {}),
    });
    this.name = 'GatewayError';
    this.code = code;
    this.upstreamStatus = details.upstreamStatus;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

/** Bad arguments, cursors, ids or time ranges. Never costs an upstream call. */
export function badUserInput(message: string): GatewayError {
  return new GatewayError('BAD_USER_INPUT', message);
}

/** `error` (graphql-js's) restated with `code`, and `message` when given; the original is left as it is. */
export function restated(
  error: GraphQLError,
  code: ErrorCode,
  details: Omit<GatewayErrorDetails, 'from'> & { message?: string } = {},
): GatewayError {
  const { message, ...rest } = details;
  return new GatewayError(code, message ?? error.message, { ...rest, from: error });
}

export function isGatewayError(error: unknown): error is GatewayError {
  return error instanceof GatewayError;
}
