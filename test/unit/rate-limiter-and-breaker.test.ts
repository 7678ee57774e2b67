import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.ts';
import { CircuitBreaker } from '../../src/upstream/circuit-breaker.ts';
import { parseRateLimit, RateLimiter } from '../../src/upstream/rate-limiter.ts';

describe('RateLimiter', () => {
  it('allows a burst, then spaces calls by period/calls, per credential', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter({ calls: 4, periodMs: 1000, burst: 2, maxWaitMs: 10_000 }, () => now);
    expect([limiter.reserve('a'), limiter.reserve('a')]).toEqual([0, 0]);
    expect(limiter.reserve('a')).toBe(250);
    expect(limiter.reserve('a')).toBe(500);
    expect(limiter.reserve('b')).toBe(0);
    now += 1000;
    expect(limiter.reserve('a')).toBe(0);
  });

  it('keeps each credential its own slots when calls alternate between credentials', () => {
    const limiter = new RateLimiter(
      { calls: 4, periodMs: 1000, burst: 1, maxWaitMs: 10_000 },
      () => 1_000_000,
    );
    const waits = ['a', 'b', 'a', 'a', 'b', 'c', 'a'].map((credential) => limiter.reserve(credential));
    expect(waits).toEqual([0, 0, 250, 500, 250, 0, 750]);
    expect(limiter.trackedCredentials).toBe(3);
  });

  it('refuses a call that would wait longer than maxWaitMs, without reserving it', () => {
    const now = 0;
    const limiter = new RateLimiter({ calls: 1, periodMs: 1000, burst: 1, maxWaitMs: 1500 }, () => now);
    expect(limiter.reserve('a')).toBe(0);
    expect(limiter.reserve('a')).toBe(1000);
    expect(() => limiter.reserve('a')).toThrow(
      expect.objectContaining({ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 2 } }),
    );
    // Not reserved: the next call is refused the same way, not pushed further out.
    expect(() => limiter.reserve('a')).toThrow(
      expect.objectContaining({ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 2 } }),
    );
  });

  it('pauses a credential after a 429', () => {
    let now = 0;
    const limiter = new RateLimiter({ calls: 100, periodMs: 1000, burst: 100, maxWaitMs: 5000 }, () => now);
    limiter.pause('a', 3);
    expect(limiter.reserve('a')).toBe(3000);
    expect(limiter.reserve('b')).toBe(0);
    limiter.pause('a', 30);
    expect(() => limiter.reserve('a')).toThrow(/Try again in 30 seconds/);
    now = 31_000;
    expect(limiter.reserve('a')).toBe(0);
  });

  it('parses <calls>/<seconds>s', () => {
    expect(parseRateLimit('1200/300s')).toEqual({ calls: 1200, periodMs: 300_000 });
    for (const bad of ['1200/300', '0/1s', '5/0s', 'abc', '1.5/1s', ''])
      expect(parseRateLimit(bad)).toBeUndefined();
  });
});

describe('CircuitBreaker', () => {
  it('goes closed → open → half-open → closed', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failures: 2, cooldownMs: 100 }, () => now);
    breaker.admit();
    breaker.recordFailure();
    expect(breaker.state).toBe('closed');
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    expect(() => breaker.admit()).toThrow(/not calling it/);
    now = 100;
    expect(breaker.state).toBe('half-open');
    breaker.admit();
    expect(() => breaker.admit()).toThrow(GatewayError);
    breaker.recordSuccess();
    expect(breaker.state).toBe('closed');
    breaker.admit();
  });

  it('a failed probe reopens it for a whole cooldown', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failures: 1, cooldownMs: 100 }, () => now);
    breaker.recordFailure();
    now = 150;
    breaker.admit();
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    now = 249;
    expect(breaker.state).toBe('open');
    now = 250;
    expect(breaker.state).toBe('half-open');
  });

  it('a success resets the count of consecutive failures', () => {
    const breaker = new CircuitBreaker({ failures: 2, cooldownMs: 100 }, () => 0);
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    expect(breaker.state).toBe('closed');
  });
});

describe('RateLimiter memory', () => {
  it('forgets idle credentials once many have passed, and keeps the state of busy ones', () => {
    let now = 0;
    const limiter = new RateLimiter({ calls: 1, periodMs: 1000, burst: 1, maxWaitMs: 100_000 }, () => now);
    limiter.reserve('busy');
    limiter.pause('busy', 60);
    for (let i = 0; i < 10_050; i++) limiter.reserve(`caller-${i}`);
    // Nobody was idle yet at time 0: all are kept.
    expect(limiter.trackedCredentials).toBe(10_051);
    now = 5_000;
    limiter.reserve('another');
    // The idle ones are gone; the paused credential and the new one remain.
    expect(limiter.trackedCredentials).toBe(2);
    expect(limiter.reserve('busy')).toBeGreaterThan(50_000);
  });
});
