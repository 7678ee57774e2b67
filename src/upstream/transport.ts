import type { Readable } from 'node:stream';
import { Agent, errors, request } from 'undici';
import { GatewayError } from '../errors.ts';
import type { RepeatedBodies } from './repeated-bodies.ts';

// One HTTP call over a keep-alive undici pool, with a per-call timeout covering headers
// and body. It never throws: a transport failure comes back as a `GatewayError`
// (`UPSTREAM_TIMEOUT` or `UPSTREAM_UNAVAILABLE`) with what happened (`cause`) and whether
// a retry of a read may help (connection resets yes, timeouts no). Writes decide from
// `cause`: only a refused connection proves the request was never sent.

export interface TransportOptions {
  /** Sockets per upstream origin. */
  connections: number;
  /** How long an idle socket is kept for reuse. */
  keepAliveTimeoutMs: number;
}

export type TransportResult =
  | {
      kind: 'response';
      status: number;
      /** Parsed JSON, or `undefined` when the body was not JSON. */
      body: unknown;
      retryAfter: string | undefined;
    }
  | { kind: 'failure'; error: GatewayError; retryable: boolean; cause: FailureCause };

/** `refused`: the connection was never made, so nothing was sent. */
export type FailureCause = 'timeout' | 'refused' | 'reset' | 'unreachable';

export function createDispatcher(options: TransportOptions): Agent {
  return new Agent({
    connections: options.connections,
    keepAliveTimeout: options.keepAliveTimeoutMs,
    keepAliveMaxTimeout: Math.max(options.keepAliveTimeoutMs, 60_000),
    pipelining: 1,
  });
}

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 3 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function failure(error: unknown, timedOut: boolean, timeoutMs: number): TransportResult {
  if (timedOut || error instanceof errors.HeadersTimeoutError || error instanceof errors.BodyTimeoutError) {
    return {
      kind: 'failure',
      retryable: false,
      cause: 'timeout',
      error: new GatewayError(
        'UPSTREAM_TIMEOUT',
        `The meetings service did not answer within ${timeoutMs} ms.`,
      ),
    };
  }
  const code = errorCode(error);
  const reset = code !== undefined && RESET_CODES.has(code);
  const message = reset
    ? 'The connection to the meetings service was reset.'
    : 'The meetings service could not be reached.';
  return {
    kind: 'failure',
    retryable: reset,
    cause: reset ? 'reset' : code === 'ECONNREFUSED' ? 'refused' : 'unreachable',
    error: new GatewayError('UPSTREAM_UNAVAILABLE', message),
  };
}

/** The JSON value of a body, or `undefined` when it is empty or not JSON. */
function decodeJson(bytes: Buffer): unknown {
  const text = utf8Text(bytes);
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The body's bytes, as received. The text is decoded by the caller, after this resolves:
 * decoded inside the stream's `end` event and passed through the promise (as undici's
 * `body.text()` does), nearly every upstream body was promoted to V8's old generation (V8's
 * own counters, sequential calls of the bench page: 34.7 KB promoted per call for a 37 KB
 * body, 2.3 KB this way), so the bodies filled the old generation until a full collection.
 * Rejects when the stream fails or closes before its end (aborted by the timeout, reset).
 */
function bodyBytes(body: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    body.on('data', (chunk: Buffer) => chunks.push(chunk));
    body.once('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    body.once('error', reject);
    // Every body closes, after its end too: an error (and its stack) only when it ended early.
    body.once('close', () => {
      if (!body.readableEnded) reject(new errors.RequestAbortedError());
    });
  });
}

/** UTF-8 text of `bytes`, without a leading byte order mark (as undici's `text()` reads it). */
function utf8Text(bytes: Buffer): string {
  const start = bytes.length > 2 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return bytes.toString('utf8', start);
}

export interface OutgoingCall {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  /** Sent as JSON (with a JSON content-type) when present. */
  body?: unknown;
  timeoutMs: number;
  /** A 200 answer whose bytes repeat the last one from this URL is the value decoded then. */
  repeats?: RepeatedBodies | undefined;
}

export async function callJson(dispatcher: Agent, call: OutgoingCall): Promise<TransportResult> {
  const { method, url, timeoutMs } = call;
  const headers =
    call.body === undefined ? call.headers : { ...call.headers, 'content-type': 'application/json' };
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const response = await request(url, { method, headers, body, dispatcher, signal: controller.signal });
    const bytes = await bodyBytes(response.body);
    const status = response.statusCode;
    const retryAfter = response.headers['retry-after'];
    return {
      kind: 'response',
      status,
      body:
        status === 200 && call.repeats !== undefined
          ? call.repeats.decode(url, bytes, decodeJson)
          : decodeJson(bytes),
      retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
    };
  } catch (error) {
    return failure(error, timedOut, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}
