import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.ts';
import { credentialKeyFn } from '../../src/shared-state/credential-key.ts';
import { RedisLink } from '../../src/shared-state/redis-link.ts';
import { SharedRateLimiter } from '../../src/upstream/shared-rate-limiter.ts';
import { type RedisServer, startRedisServer } from '../support/redis-server.ts';

// The GCRA budget in Redis (a Lua script on Redis's clock), against a real redis-server.

let redis: RedisServer;
const links: RedisLink[] = [];

async function limiter(calls: number, burst: number, maxWaitMs: number): Promise<SharedRateLimiter> {
  const link = new RedisLink({ url: redis.url, logger: pino({ level: 'silent' }) });
  links.push(link);
  for (let i = 0; i < 200 && !link.usable; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(link.usable).toBe(true);
  return new SharedRateLimiter(
    { calls, periodMs: 1_000, burst, maxWaitMs },
    link,
    credentialKeyFn('a-cache-key-secret-of-at-least-32-bytes', undefined),
  );
}

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await Promise.all(links.map((link) => link.close()));
  await redis.stop();
});

describe('SharedRateLimiter', () => {
  it('two limiters (two processes) share one bucket: burst at once, then one slot per interval', async () => {
    const a = await limiter(10, 3, 10_000);
    const b = await limiter(10, 3, 10_000);
    const started = performance.now();
    const waits = [
      await a.reserve('Bearer shared'),
      await b.reserve('Bearer shared'),
      await a.reserve('Bearer shared'),
      await b.reserve('Bearer shared'),
      await a.reserve('Bearer shared'),
    ];
    const elapsed = performance.now() - started;
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    // Slots 100 ms apart, less the time that passed since the first call.
    expect(waits[3]).toBeGreaterThanOrEqual(100 - elapsed - 1);
    expect(waits[3]).toBeLessThanOrEqual(100);
    expect(waits[4]).toBeGreaterThanOrEqual(200 - elapsed - 1);
    expect(waits[4]).toBeLessThanOrEqual(200);
    // Another credential has its own bucket.
    expect(await b.reserve('Bearer other')).toBe(0);
  });

  it('a wait beyond maxWaitMs is refused with RATE_LIMITED, and reserves nothing', async () => {
    const a = await limiter(1, 1, 50);
    expect(await a.reserve('Bearer refused')).toBe(0);
    const refused = await a.reserve('Bearer refused').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GatewayError);
    expect((refused as GatewayError).code).toBe('RATE_LIMITED');
    expect((refused as GatewayError).retryAfterSeconds).toBe(1);
  });

  it('a pause from one limiter holds the other, and the key holds no token', async () => {
    const a = await limiter(1000, 10, 10_000);
    const b = await limiter(1000, 10, 10_000);
    a.pause('Bearer paused-token', 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await b.reserve('Bearer paused-token')).toBeGreaterThan(1_800);
    const keys = await redis.client().keys('*');
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).not.toContain('paused-token');
  });
});

describe('SharedRateLimiter without a usable Redis', () => {
  it('paces with its fallback share (a cluster worker), not the whole budget', async () => {
    // Nothing listens on port 9 of loopback: the link never becomes usable.
    const link = new RedisLink({ url: 'redis://127.0.0.1:9', logger: pino({ level: 'silent' }) });
    links.push(link);
    const whole = { calls: 10, periodMs: 1_000, burst: 4, maxWaitMs: 10_000 };
    const limiter = new SharedRateLimiter(
      whole,
      link,
      credentialKeyFn('a-cache-key-secret-of-at-least-32-bytes', undefined),
      { ...whole, calls: 5, burst: 2 },
    );
    const waits = [
      await limiter.reserve('Bearer w'),
      await limiter.reserve('Bearer w'),
      await limiter.reserve('Bearer w'),
    ];
    expect(link.usable).toBe(false);
    // Burst 2 of the share, then one slot every 200 ms (the whole budget would allow 4 at once).
    expect(waits.slice(0, 2)).toEqual([0, 0]);
    expect(waits[2]).toBeGreaterThan(150);
  });
});
