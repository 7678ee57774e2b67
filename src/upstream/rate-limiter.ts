import { GatewayError } from '../errors.ts';
import { credentialKeyFn } from '../shared-state/credential-key.ts';

// Paces upstream calls per credential so that the gateway stays inside the upstream's
// budget (RealtimeKit: about 1,200 calls per 5 minutes per token), whoever the callers are.
//
// Each credential has a token bucket of `burst` calls refilled at `calls / periodMs`,
// implemented as a generic cell rate algorithm: a call waits until its slot comes, in
// arrival order. A call whose wait would exceed `maxWaitMs` fails at once with
// `RATE_LIMITED` and is not made. After an upstream 429, `pause` holds every call of that
// credential until `retry-after` has passed, not just the one that got the 429.

export interface RateLimit {
  calls: number;
  periodMs: number;
  burst: number;
  maxWaitMs: number;
}

/** What the upstream client needs from a rate limiter (this one, or one shared through Redis). */
export interface Pacer {
  /** Milliseconds to wait before the call; throws `RATE_LIMITED` when the wait is too long. */
  reserve(credential: string): number | Promise<number>;
  /** Holds every call of `credential` for `seconds`. */
  pause(credential: string, seconds: number): void;
  /** Calls `credential` could make at once now (for metrics), when the pacer knows it locally. */
  tokensLeft?(credential: string): number;
}

/** Cells kept before idle ones are swept. */
const MAX_IDLE_CELLS = 10_000;

interface Cell {
  /** Theoretical arrival time of the next call (GCRA). */
  tat: number;
  /** No call before this time (after a 429). */
  pausedUntil: number;
}

export class RateLimiter implements Pacer {
  readonly #limit: RateLimit;
  readonly #interval: number;
  readonly #tolerance: number;
  readonly #cells = new Map<string, Cell>();
  /** Map keys: the credential's keyed id under a key of this process (never the raw token). */
  readonly #keyOf = credentialKeyFn(undefined, undefined);
  readonly #now: () => number;

  constructor(limit: RateLimit, now: () => number = Date.now) {
    this.#limit = limit;
    this.#interval = limit.periodMs / limit.calls;
    this.#tolerance = (limit.burst - 1) * this.#interval;
    this.#now = now;
  }

  /** Credentials currently tracked (for tests and diagnostics). */
  get trackedCredentials(): number {
    return this.#cells.size;
  }

  /** Credentials are keyed by a hash so that raw tokens are not kept as map keys. */
  #cell(credential: string): Cell {
    const key = this.#keyOf(credential);
    let cell = this.#cells.get(key);
    if (!cell) {
      if (this.#cells.size >= MAX_IDLE_CELLS) this.#sweep();
      cell = { tat: 0, pausedUntil: 0 };
      this.#cells.set(key, cell);
    }
    return cell;
  }

  /**
   * Reserves the next call slot of `credential` and returns how long to wait before
   * making the call (0 when it may go now). Throws `RATE_LIMITED` when the wait would
   * exceed `maxWaitMs`; nothing is reserved then.
   */
  reserve(credential: string): number {
    const now = this.#now();
    const cell = this.#cell(credential);
    const tat = Math.max(cell.tat, now);
    const wait = Math.max(0, tat - this.#tolerance - now, cell.pausedUntil - now);
    if (wait > this.#limit.maxWaitMs) throw pacingError(wait);
    cell.tat = Math.max(tat, now + wait) + this.#interval;
    return wait;
  }

  /**
   * Forgets credentials whose bucket is full again and that are not paused: a fresh cell is
   * the same. Bounds memory when many callers' tokens pass through (passthrough mode).
   */
  #sweep(): void {
    const now = this.#now();
    for (const [key, cell] of this.#cells) {
      if (cell.tat <= now && cell.pausedUntil <= now) this.#cells.delete(key);
    }
  }

  /** Calls `credential` could make at once right now without waiting (0 to `burst`). */
  tokensLeft(credential: string): number {
    const cell = this.#cell(credential);
    const now = this.#now();
    if (cell.pausedUntil > now) return 0;
    const used = Math.ceil(Math.max(0, cell.tat - now) / this.#interval);
    return Math.max(0, Math.min(this.#limit.burst, this.#limit.burst - used));
  }

  /** Holds every call of `credential` for `seconds` (an upstream 429's `retry-after`). */
  pause(credential: string, seconds: number): void {
    const cell = this.#cell(credential);
    cell.pausedUntil = Math.max(cell.pausedUntil, this.#now() + seconds * 1000);
  }
}

/** The error of a call that would have to wait `waitMs`, beyond the limit's `maxWaitMs`. */
export function pacingError(waitMs: number): GatewayError {
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new GatewayError(
    'RATE_LIMITED',
    `The gateway is pacing calls to the meetings service to stay within its rate limit. Try again in ${retryAfterSeconds} seconds.`,
    { retryAfterSeconds },
  );
}

/** Parses `UPSTREAM_RATE_LIMIT` (`<calls>/<seconds>s`, e.g. `1200/300s`). */
export function parseRateLimit(value: string): { calls: number; periodMs: number } | undefined {
  const match = /^(\d+)\/(\d+)s$/.exec(value.trim());
  if (!match) return undefined;
  const calls = Number(match[1]);
  const seconds = Number(match[2]);
  if (calls < 1 || seconds < 1 || !Number.isSafeInteger(calls) || !Number.isSafeInteger(seconds))
    return undefined;
  return { calls, periodMs: seconds * 1000 };
}
