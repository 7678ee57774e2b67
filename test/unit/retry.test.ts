import { describe, expect, it } from 'vitest';
import { isRetryableStatus, RetryBudget, type RetryPolicy, retryDelayMs } from '../../src/upstream/retry.ts';

const policy: RetryPolicy = {
  retries: 2,
  baseDelayMs: 100,
  maxDelayMs: 1000,
  maxWaitMs: 5000,
};

describe('retry policy', () => {
  it('retries only 429, 502, 503 and 504', () => {
    expect([429, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 500, 501].some(isRetryableStatus)).toBe(false);
  });

  it('backs off exponentially with ±50 % jitter, capped', () => {
    expect(retryDelayMs(policy, 0, undefined, () => 0)).toBe(50);
    expect(retryDelayMs(policy, 0, undefined, () => 0.999999)).toBe(150);
    expect(retryDelayMs(policy, 1, undefined, () => 0.5)).toBe(200);
    expect(retryDelayMs({ ...policy, retries: 10 }, 8, undefined, () => 0.5)).toBe(1000);
  });

  it('honours retry-after up to maxWaitMs, and gives up beyond it or after the last retry', () => {
    expect(retryDelayMs(policy, 0, 3)).toBe(3000);
    expect(retryDelayMs(policy, 0, 6)).toBeUndefined();
    expect(retryDelayMs(policy, 2, 0)).toBeUndefined();
  });

  it('a budget is spent one retry at a time', () => {
    const budget = new RetryBudget(2);
    expect([budget.take(), budget.take(), budget.take()]).toEqual([true, true, false]);
    expect(budget.remaining).toBe(0);
  });
});
