import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { until } from '../support/processes.ts';
import { startRedisServer } from '../support/redis-server.ts';

/** `GET /ready` (readiness) beside `GET /health` (liveness). */

describe('GET /ready', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  const ready = async () => {
    const response = await gw.app.fetch('http://gateway.test/ready');
    return { status: response.status, body: await response.json() };
  };

  it('is 200 once the configuration is loaded, without calling the upstream', async () => {
    gw.sandbox.reset();
    expect(await ready()).toEqual({ status: 200, body: { status: 'ready', checks: { config: 'ok' } } });
    expect(gw.calls()).toBe(0);
  });

  it('runs registered checks: a failing or hanging one makes it 503, naming it; /health stays 200', async () => {
    let redisUp = false;
    gw.app.readiness.register('redis', () => {
      if (!redisUp) throw new Error('Redis is not reachable');
    });
    gw.app.readiness.register('slow', () => new Promise(() => {}), { timeoutMs: 50 });
    expect(await ready()).toEqual({
      status: 503,
      body: {
        status: 'not ready',
        checks: { config: 'ok', redis: 'Redis is not reachable', slow: 'no answer within 50 ms' },
      },
    });
    expect((await gw.app.fetch('http://gateway.test/health')).status).toBe(200);
    redisUp = true;
    gw.app.readiness.register('slow', async () => {});
    expect(await ready()).toEqual({
      status: 200,
      body: { status: 'ready', checks: { config: 'ok', redis: 'ok', slow: 'ok' } },
    });
  });

  it('is 503 once the process is stopping', async () => {
    gw.app.readiness.markStopping();
    const { status, body } = await ready();
    expect(status).toBe(503);
    expect(body.checks.process).toBe('stopping');
  });
});

describe('GET /ready with REDIS_URL', () => {
  it('is ready while Redis answers, 503 naming Redis while it is down; /health and queries stay up', async () => {
    const redis = await startRedisServer();
    const gw = await startTestGateway({ env: { REDIS_URL: redis.url } });
    const ready = async () => {
      const response = await gw.app.fetch('http://gateway.test/ready');
      return { status: response.status, body: (await response.json()) as { checks: Record<string, string> } };
    };
    try {
      expect(await until(async () => (await ready()).status === 200, 10_000)).toBe(true);
      expect((await ready()).body.checks).toEqual({ config: 'ok', redis: 'ok' });
      await redis.kill();
      expect(await until(async () => (await ready()).status === 503, 10_000)).toBe(true);
      expect((await ready()).body.checks.redis).not.toBe('ok');
      expect((await gw.app.fetch('http://gateway.test/health')).status).toBe(200);
      const answer = JSON.parse((await gw.post({ query: '{ meetings(first: 1) { totalCount } }' })).text);
      expect(answer).toEqual({ data: { meetings: { totalCount: 240 } } });
      await redis.start();
      expect(await until(async () => (await ready()).status === 200, 15_000)).toBe(true);
    } finally {
      await gw.close();
      await redis.stop();
    }
  }, 60_000);
});
