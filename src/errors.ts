import { GraphQLError } from 'graphql';

/** The `extensions.code` values of the contract (README §4). */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_ERROR'
  /** The operation would need more upstream calls than MAX_UPSTREAM_CALLS_PER_OPERATION. */
  | 'QUERY_TOO_EXPENSIVE'
  /** The operation is deeper, has more aliases, tokens or root fields than allowed. */
  | 'QUERY_TOO_COMPLEX';

export interface GatewayErrorDetails {
  /** HTTP status of the upstream answer, when one came back. */
  upstreamStatus?: number;
  /** Seconds the upstream asked us to wait (429 `retry-after`). */
  retryAfterSeconds?: number;
}

/**
 * The one error type clients see unmasked. Its message is one plain sentence with no
 * token, credential or stack trace in it; everything else a client may need is in
 * `extensions`.
 */
export class GatewayError extends GraphQLError {
  readonly code: ErrorCode;
  readonly upstreamStatus: number | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, details: GatewayErrorDetails = {}) {
    const extensions: Record<string, unknown> = { code };
    if (details.upstreamStatus !== undefined) extensions.upstreamStatus = details.upstreamStatus;
    if (details.retryAfterSeconds !== undefined) extensions.retryAfterSeconds = details.retryAfterSeconds;
    super(message, { extensions });
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

export function isGatewayError(error: unknown): error is GatewayError {
  return error instanceof GatewayError;
}
