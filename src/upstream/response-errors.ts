import { GatewayError } from '../errors.ts';

// Normalizes what the upstream says when a call did not succeed into one `GatewayError`
// with the contract's `extensions.code` and `upstreamStatus`. Both error envelopes are
// understood: RealtimeKit's `{success:false, error:{code,message}}` and Cloudflare's
// `{success:false, errors:[{code,message}], messages, result:null}`, as are bodies that
// are not JSON at all.

export interface UpstreamProblem {
  /** The upstream's own error code, when the envelope had one. */
  code: number | undefined;
  /** The upstream's message, trimmed to one short line, when the envelope had one. */
  message: string | undefined;
}

const MAX_MESSAGE = 160;

function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this strips
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE - 1)}…` : flat;
}

function entry(value: unknown): UpstreamProblem | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { code, message } = value as { code?: unknown; message?: unknown };
  return {
    code: typeof code === 'number' ? code : undefined,
    message: typeof message === 'string' && message.trim() !== '' ? oneLine(message) : undefined,
  };
}

/** Reads either error envelope; `undefined` when the body is neither. */
export function readProblem(body: unknown): UpstreamProblem | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const root = body as { error?: unknown; errors?: unknown };
  if (root.error !== undefined) return entry(root.error);
  if (Array.isArray(root.errors) && root.errors.length > 0) return entry(root.errors[0]);
  return undefined;
}

/** Parses `retry-after` (delta seconds or an HTTP date) into whole seconds, or undefined. */
export function parseRetryAfter(header: string | undefined, now = Date.now()): number | undefined {
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  // HTTP-date, e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
  if (!/^[A-Za-z]{3}, .+ GMT$/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function detail(problem: UpstreamProblem | undefined): string {
  return problem?.message ? `: ${problem.message}` : '';
}

/**
 * The error for an upstream answer that was not a usable success. `body` is the parsed
 * JSON, or `undefined` when the body was not JSON.
 */
export function errorFromResponse(
  status: number,
  body: unknown,
  retryAfterSeconds: number | undefined,
): GatewayError {
  const problem = readProblem(body);
  const upstreamStatus = status;
  if (status === 401) {
    return new GatewayError(
      'UNAUTHENTICATED',
      `The meetings service rejected the credentials${detail(problem)}.`,
      {
        upstreamStatus,
      },
    );
  }
  if (status === 403) {
    return new GatewayError('FORBIDDEN', `The meetings service denied access${detail(problem)}.`, {
      upstreamStatus,
    });
  }
  if (status === 429) {
    const details =
      retryAfterSeconds === undefined ? { upstreamStatus } : { upstreamStatus, retryAfterSeconds };
    const wait = retryAfterSeconds === undefined ? '' : ` Try again in ${retryAfterSeconds} seconds.`;
    return new GatewayError(
      'RATE_LIMITED',
      `The meetings service is rate limiting requests.${wait}`,
      details,
    );
  }
  if (body === undefined) {
    return new GatewayError(
      'UPSTREAM_ERROR',
      `The meetings service answered ${status} with a body that is not JSON.`,
      {
        upstreamStatus,
      },
    );
  }
  if (status >= 200 && status < 300) {
    return new GatewayError('UPSTREAM_ERROR', `The meetings service reported a failure${detail(problem)}.`, {
      upstreamStatus,
    });
  }
  return new GatewayError('UPSTREAM_ERROR', `The meetings service answered ${status}${detail(problem)}.`, {
    upstreamStatus,
  });
}
