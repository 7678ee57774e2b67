import { GatewayError } from '../errors.ts';
import { credentialKeyFn } from '../shared-state/credential-key.ts';

// A circuit breaker for one tenant of the upstream (see `CircuitBreakers`). After `failures` consecutive failed calls
// (5xx, timeouts, connection errors; never 4xx) it opens: calls fail fast with
// `UPSTREAM_UNAVAILABLE` and are not made. After `cooldownMs` it half-opens and lets one
// probe call through; a success closes it, a failure opens it for another cooldown.

export interface BreakerOptions {
  failures: number;
  cooldownMs: number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export class CircuitBreaker {
  readonly #options: BreakerOptions;
  readonly #now: () => number;
  #consecutiveFailures = 0;
  #openedAt: number | undefined;
  #probing = false;

  constructor(options: BreakerOptions, now: () => number = Date.now) {
    this.#options = options;
    this.#now = now;
  }

  get state(): BreakerState {
    if (this.#openedAt === undefined) return 'closed';
    return this.#now() - this.#openedAt >= this.#options.cooldownMs ? 'half-open' : 'open';
  }

  /** Closed with no failure counted: the same as a fresh breaker. */
  get idle(): boolean {
    return this.#openedAt === undefined && this.#consecutiveFailures === 0 && !this.#probing;
  }

  /** Call before each upstream call: throws when the call must not be made. */
  admit(): void {
    const state = this.state;
    if (state === 'closed') return;
    if (state === 'half-open' && !this.#probing) {
      this.#probing = true;
      return;
    }
    const openedAt = this.#openedAt ?? this.#now();
    const retryAfterSeconds = Math.max(
      1,
      Math.ceil((openedAt + this.#options.cooldownMs - this.#now()) / 1000),
    );
    throw new GatewayError(
      'UPSTREAM_UNAVAILABLE',
      `The meetings service is failing, so the gateway is not calling it for now. Try again in ${retryAfterSeconds} seconds.`,
      { retryAfterSeconds },
    );
  }

  /** A call got an answer that is not a failure (2xx, 3xx or 4xx). */
  recordSuccess(): void {
    this.#consecutiveFailures = 0;
    this.#openedAt = undefined;
    this.#probing = false;
  }

  /** A call failed (5xx, timeout, connection error). */
  recordFailure(): void {
    this.#consecutiveFailures += 1;
    if (this.#probing || this.#consecutiveFailures >= this.#options.failures) {
      this.#openedAt = this.#now();
    }
    this.#probing = false;
  }
}

/** Breakers kept before healthy ones are swept. */
const MAX_IDLE_BREAKERS = 10_000;

/**
 * One breaker per upstream credential, account and app, so a failing app (or a caller
 * who can make calls fail) opens only its own breaker and never blocks other tenants.
 * Keys are hashed, so raw tokens are not kept as map keys. Memory is bounded like the rate
 * limiter's: past 10,000 tenants, breakers that are closed with no failure counted (the same
 * as a fresh one) are forgotten.
 */
export class CircuitBreakers {
  readonly #options: BreakerOptions;
  readonly #now: () => number;
  readonly #breakers = new Map<string, CircuitBreaker>();
  /** Map keys: the credential's keyed id under a key of this process (never the raw token). */
  readonly #keyOf = credentialKeyFn(undefined, undefined);

  constructor(options: BreakerOptions, now: () => number = Date.now) {
    this.#options = options;
    this.#now = now;
  }

  /** Breakers currently tracked (for tests and diagnostics). */
  get tracked(): number {
    return this.#breakers.size;
  }

  /** The breaker of one tenant: a credential, an account and an app. */
  for(credential: string, accountId: string, appId: string): CircuitBreaker {
    const key = this.#keyOf(`${accountId}\n${appId}\n${credential}`);
    let breaker = this.#breakers.get(key);
    if (!breaker) {
      if (this.#breakers.size >= MAX_IDLE_BREAKERS) this.#sweep();
      breaker = new CircuitBreaker(this.#options, this.#now);
      this.#breakers.set(key, breaker);
    }
    return breaker;
  }

  /** How many tracked breakers are in each state (read at each metrics scrape). */
  states(): Record<BreakerState, number> {
    const counts: Record<BreakerState, number> = { closed: 0, 'half-open': 0, open: 0 };
    for (const breaker of this.#breakers.values()) counts[breaker.state] += 1;
    return counts;
  }

  #sweep(): void {
    for (const [key, breaker] of this.#breakers) if (breaker.idle) this.#breakers.delete(key);
  }
}
