import { afterEach, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

const Page = graphql(`
  query ProtectionPage {
    meetings(first: 2) {
      totalCount
    }
  }
`);

let gateways: TestGateway[] = [];
async function gateway(env: Record<string, string>): Promise<TestGateway> {
  const gw = await startTestGateway({ env });
  gateways.push(gw);
  return gw;
}
afterEach(async () => {
  await Promise.all(gateways.map((gw) => gw.close()));
  gateways = [];
});

describe('upstream 429 with retry-after', () => {
  it('beyond the wait limit → RATE_LIMITED at once, and every request of that credential pauses', async () => {
    const gw = await gateway({});
    gw.sandbox.inject({ match: 'list', status: 429, headers: { 'retry-after': '120' } });
    const first = await gw.run(Page);
    expect(first.body.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      upstreamStatus: 429,
      retryAfterSeconds: 120,
    });
    expect(gw.calls()).toBe(1);
    // Another request (same service token) is held back without calling the upstream.
    const second = await gw.run(Page);
    expect(second.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(second.body.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(100);
    expect(gw.calls()).toBe(1);
  });

  it('a short retry-after delays the other requests instead of failing them', async () => {
    const gw = await gateway({});
    gw.sandbox.inject({ match: 'list', status: 429, headers: { 'retry-after': '1' } });
    const started = Date.now();
    const [a, b] = await Promise.all([gw.run(Page), gw.run(Page)]);
    expect(a.body.errors).toBeUndefined();
    expect(b.body.errors).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});

describe('pacing per credential (UPSTREAM_RATE_LIMIT)', () => {
  it('lets a burst through, paces the rest, and fails calls that would wait too long', async () => {
    const gw = await gateway({
      UPSTREAM_RATE_LIMIT: '4/1s',
      UPSTREAM_RATE_BURST: '3',
      UPSTREAM_RATE_MAX_WAIT_MS: '600',
    });
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 8 }, () => gw.run(Page)));
    const elapsed = Date.now() - started;
    const ok = results.filter((r) => r.body.errors === undefined).length;
    const limited = results.filter((r) => r.body.errors?.[0]?.extensions?.code === 'RATE_LIMITED');
    // 3 at once, then one every 250 ms while the wait stays within 600 ms: 2 more (the
    // margins leave 150 ms for the 8 requests to reach the limiter on a slow machine).
    expect(ok).toBe(5);
    expect(limited).toHaveLength(3);
    expect(gw.calls()).toBe(5);
    expect(elapsed).toBeGreaterThanOrEqual(400);
    for (const r of limited)
      expect(r.body.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it('the default budget (1200/300s, burst 20) holds in service mode', async () => {
    const gw = await startTestGateway({
      env: { UPSTREAM_RATE_LIMIT: '1200/300s', UPSTREAM_RATE_BURST: '20', UPSTREAM_RATE_MAX_WAIT_MS: '0' },
    });
    gateways.push(gw);
    const results = await Promise.all(Array.from({ length: 25 }, () => gw.run(Page)));
    expect(results.filter((r) => r.body.errors === undefined)).toHaveLength(20);
    expect(gw.calls()).toBe(20);
  });
});

describe('circuit breaker (UPSTREAM_BREAKER_FAILURES, UPSTREAM_BREAKER_COOLDOWN_MS)', () => {
  it('opens after consecutive failures, fails fast, probes after the cooldown and closes on success', async () => {
    const gw = await gateway({
      UPSTREAM_BREAKER_FAILURES: '3',
      UPSTREAM_BREAKER_COOLDOWN_MS: '1000',
      UPSTREAM_RETRIES: '0',
    });
    gw.sandbox.inject({ match: 'list', status: 500, times: 3 });
    for (let i = 0; i < 3; i++) {
      const { body } = await gw.run(Page);
      expect(body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
    }
    expect(gw.calls()).toBe(3);
    const fast = await gw.run(Page);
    expect(fast.body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(gw.calls()).toBe(3);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    const probe = await gw.run(Page);
    expect(probe.body.errors).toBeUndefined();
    expect(gw.calls()).toBe(4);
    const after = await gw.run(Page);
    expect(after.body.errors).toBeUndefined();
  });

  it('a failed probe opens it again; 4xx answers never count as failures', async () => {
    const gw = await gateway({
      UPSTREAM_BREAKER_FAILURES: '2',
      UPSTREAM_BREAKER_COOLDOWN_MS: '800',
      UPSTREAM_RETRIES: '0',
    });
    gw.sandbox.inject({ match: 'list', status: 403, times: 5 });
    for (let i = 0; i < 5; i++) await gw.run(Page);
    expect((await gw.run(Page)).body.errors).toBeUndefined();

    gw.sandbox.inject({ match: 'list', reset: true, times: 3 });
    await gw.run(Page);
    await gw.run(Page);
    expect((await gw.run(Page)).body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect((await gw.run(Page)).body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    const callsAfterProbe = gw.calls();
    expect((await gw.run(Page)).body.errors?.[0]?.message).toMatch(/not calling it/);
    expect(gw.calls()).toBe(callsAfterProbe);
  });
});
