/**
 * When and how long to wait before retrying an upstream GET. Retried: 429, 502, 503, 504
 * and connection resets. A 429's `retry-after` is honoured when it fits in `maxWaitMs`;
 * otherwise the call gives up at once with the 429. Other waits are exponential with
 * jitter. Every retry also spends one unit of the GraphQL request's `RetryBudget`, so one
 * request can never turn into a storm of calls.
 */

export interface RetryPolicy {
  /** Retries per upstream call (0 disables retries). */
  retries: number;
  /** First backoff step; doubles each attempt, with ±50 % jitter. */
  baseDelayMs: number;
  /** Cap on one backoff step. */
  maxDelayMs: number;
  /** Longest `retry-after` honoured; above it the 429 is returned to the caller. */
  maxWaitMs: number;
  /** Retries allowed across all calls of one GraphQL request. */
  budgetPerRequest: number;
}

/** Retries left for one GraphQL request. */
export class RetryBudget {
  #remaining: number;

  constructor(total: number) {
    this.#remaining = total;
  }

  get remaining(): number {
    return this.#remaining;
  }

  /** Lowers what is left to at most `retries` (never raises it). */
  limitTo(retries: number): void {
    this.#remaining = Math.max(0, Math.min(this.#remaining, retries));
  }

  /** Spends one retry; false when none is left. */
  take(): boolean {
    if (this.#remaining <= 0) return false;
    this.#remaining -= 1;
    return true;
  }
}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504;
}

/**
 * Milliseconds to wait before retry number `attempt` (0-based), or `undefined` when the
 * call must not be retried (policy exhausted, or `retry-after` beyond `maxWaitMs`).
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfterSeconds: number | undefined,
  random: () => number = Math.random,
): number | undefined {
  if (attempt >= policy.retries) return undefined;
  if (retryAfterSeconds !== undefined) {
    const wait = retryAfterSeconds * 1000;
    return wait <= policy.maxWaitMs ? wait : undefined;
  }
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(step * (0.5 + random()));
}
