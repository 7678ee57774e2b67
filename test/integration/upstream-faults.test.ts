import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cloudflareError, realtimeKitError } from '../../src/sandbox/server.ts';
import { graphql } from '../gql/index.ts';
import { SERVICE_TOKEN, startTestGateway, type TestGateway } from '../support/gateway.ts';

const Page = graphql(`
  query FaultPage {
    meetings(first: 5) {
      totalCount
      nodes {
        meetingId
      }
    }
  }
`);

const PageAndMeeting = graphql(`
  query FaultPartial($meetingId: UUID!) {
    meetings(first: 5) {
      totalCount
    }
    meeting(meetingId: $meetingId) {
      meetingId
      title
    }
  }
`);

const TwoFilterSets = graphql(`
  query FaultTwoFilterSets {
    active: meetings(first: 3, status: ACTIVE) {
      totalCount
      nodes {
        meetingId
        status
      }
    }
    activeAgain: meetings(first: 2, status: ACTIVE) {
      totalCount
    }
    inactive: meetings(first: 3, status: INACTIVE) {
      totalCount
      nodes {
        meetingId
        status
      }
    }
  }
`);

let gw: TestGateway;
beforeAll(async () => {
  // Many faults in a row on one gateway: keep the breaker (tested on its own) out of the way.
  gw = await startTestGateway({ env: { UPSTREAM_TIMEOUT_MS: '300', UPSTREAM_BREAKER_FAILURES: '1000' } });
});
afterAll(() => gw.close());
beforeEach(() => gw.sandbox.reset());

async function failingPage() {
  const { status, body } = await gw.run(Page);
  expect(status).toBe(200);
  expect(body.data?.meetings).toBeNull();
  expect(body.errors).toHaveLength(1);
  const error = body.errors?.[0];
  expect(error?.path).toEqual(['meetings']);
  expect(JSON.stringify(body)).not.toContain(SERVICE_TOKEN);
  return { error, extensions: error?.extensions ?? {} };
}

describe('each upstream fault maps to its code', () => {
  it('401 (Cloudflare envelope) → UNAUTHENTICATED with upstreamStatus, not retried', async () => {
    gw.sandbox.inject({ match: 'list', status: 401, body: cloudflareError(10000, 'Authentication error') });
    const { error, extensions } = await failingPage();
    expect(extensions).toMatchObject({ code: 'UNAUTHENTICATED', upstreamStatus: 401 });
    expect(error?.message).toContain('Authentication error');
    expect(gw.calls()).toBe(1);
  });

  it('403 (RealtimeKit envelope) → FORBIDDEN', async () => {
    gw.sandbox.inject({
      match: 'list',
      status: 403,
      body: realtimeKitError(403, 'Not allowed for this app'),
    });
    const { error, extensions } = await failingPage();
    expect(extensions).toMatchObject({ code: 'FORBIDDEN', upstreamStatus: 403 });
    expect(error?.message).toContain('Not allowed for this app');
  });

  it('429 once with retry-after: 0 is retried and succeeds', async () => {
    gw.sandbox.inject({ match: 'list', status: 429, headers: { 'retry-after': '0' } });
    const { body } = await gw.run(Page);
    expect(body.errors).toBeUndefined();
    expect(body.data?.meetings?.nodes).toHaveLength(5);
    expect(gw.calls()).toBe(2);
  });

  it('429 every time → RATE_LIMITED after the retries (1 + 2 calls)', async () => {
    gw.sandbox.inject({ match: 'list', status: 429, times: 10, headers: { 'retry-after': '0' } });
    const { extensions } = await failingPage();
    expect(extensions).toMatchObject({ code: 'RATE_LIMITED', upstreamStatus: 429, retryAfterSeconds: 0 });
    expect(gw.calls()).toBe(3);
  });

  it('500 → UPSTREAM_ERROR, not retried', async () => {
    gw.sandbox.inject({ match: 'list', status: 500, body: realtimeKitError(500, 'Internal error') });
    const { extensions } = await failingPage();
    expect(extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstreamStatus: 500 });
    expect(gw.calls()).toBe(1);
  });

  it('502 with an HTML body every time → UPSTREAM_ERROR after retries', async () => {
    gw.sandbox.inject({
      match: 'list',
      status: 502,
      times: 10,
      body: '<html><body>Bad gateway</body></html>',
      headers: { 'content-type': 'text/html' },
    });
    const { error, extensions } = await failingPage();
    expect(extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstreamStatus: 502 });
    expect(error?.message).toMatch(/not JSON/);
    expect(gw.calls()).toBe(3);
  });

  it('503 then 504 then success → data', async () => {
    gw.sandbox.inject({ match: 'list', status: 503 });
    gw.sandbox.inject({ match: 'list', status: 504 });
    const { body } = await gw.run(Page);
    expect(body.errors).toBeUndefined();
    expect(gw.calls()).toBe(3);
  });

  it('200 with success:false → UPSTREAM_ERROR', async () => {
    gw.sandbox.inject({
      match: 'list',
      status: 200,
      body: { success: false, error: { code: 0, message: 'nope' } },
    });
    const { extensions } = await failingPage();
    expect(extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstreamStatus: 200 });
  });

  it.each([
    [
      'data is not an array',
      { success: true, data: 'x', paging: { total_count: 1, start_offset: 1, end_offset: 1 } },
    ],
    ['paging is missing', { success: true, data: [] }],
    [
      'a meeting lacks created_at',
      {
        success: true,
        data: [{ id: '550e8400-e29b-41d4-a716-446655440000', updated_at: '2026-01-01T00:00:00Z' }],
        paging: { total_count: 1, start_offset: 1, end_offset: 1 },
      },
    ],
    [
      'offsets disagree with the data',
      {
        success: true,
        data: [],
        paging: { total_count: 'many', start_offset: 1, end_offset: 3 },
      },
    ],
    ['a body that is not JSON with status 200', '{"success": tr'],
  ])('a body that breaks the contract (%s) → UPSTREAM_ERROR', async (_name, body) => {
    gw.sandbox.inject({ match: 'list', status: 200, body });
    const { error, extensions } = await failingPage();
    expect(extensions).toMatchObject({ code: 'UPSTREAM_ERROR' });
    expect(error?.message).not.toMatch(/TypeError|undefined|at .*\.ts/);
  });

  it('a connection reset is retried', async () => {
    gw.sandbox.inject({ match: 'list', reset: true });
    const { body } = await gw.run(Page);
    expect(body.errors).toBeUndefined();
    expect(gw.calls()).toBe(2);
  });

  it('resets every time → UPSTREAM_UNAVAILABLE', async () => {
    gw.sandbox.inject({ match: 'list', reset: true, times: 10 });
    const { extensions } = await failingPage();
    expect(extensions.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(extensions.upstreamStatus).toBeUndefined();
    expect(gw.calls()).toBe(3);
  });

  it('a call that exceeds UPSTREAM_TIMEOUT_MS → UPSTREAM_TIMEOUT, not retried', async () => {
    gw.sandbox.inject({ match: 'list', hang: true });
    const started = Date.now();
    const { extensions } = await failingPage();
    expect(extensions.code).toBe('UPSTREAM_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(gw.calls()).toBe(1);
  });

  it('a slow body counts against the same timeout', async () => {
    gw.sandbox.inject({ match: 'list', delayMs: 1000 });
    const { extensions } = await failingPage();
    expect(extensions.code).toBe('UPSTREAM_TIMEOUT');
  });

  it('404 for one meeting → null without an error', async () => {
    const { body } = await gw.run(
      graphql(`
        query Missing {
          meeting(meetingId: "550e8400-e29b-41d4-a716-446655440000") {
            title
          }
        }
      `),
    );
    expect(body).toEqual({ data: { meeting: null } });
  });

  it('a failing list leaves a sibling meeting field intact (partial results)', async () => {
    const target = gw.sandbox.meetings[7];
    gw.sandbox.inject({ match: 'list', status: 500 });
    const { body } = await gw.run(PageAndMeeting, { meetingId: target?.id ?? '' });
    expect(body.data?.meetings).toBeNull();
    expect(body.data?.meeting?.title).toBe(target?.title);
    expect(body.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['meetings'], 'UPSTREAM_ERROR']]);
  });

  it('a failing aiConfig GET nulls only that meeting’s aiConfig', async () => {
    gw.sandbox.inject({ match: 'get', status: 500 });
    const { body } = await gw.run(
      graphql(`
        query AiPartial {
          meetings(first: 3) {
            nodes {
              title
              aiConfig {
                transcription {
                  language
                }
              }
            }
          }
        }
      `),
    );
    const nodes = body.data?.meetings?.nodes ?? [];
    expect(nodes).toHaveLength(3);
    expect(nodes.filter((n) => n.aiConfig === null)).toHaveLength(1);
    expect(nodes.every((n) => n.title)).toBe(true);
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
    expect(body.errors?.[0]?.path?.slice(0, 3)).toEqual(['meetings', 'nodes', expect.any(Number)]);
  });
});

describe('retry budget and unreachable upstreams', () => {
  it('UPSTREAM_RETRY_BUDGET bounds the retries of a whole request', async () => {
    const tight = await startTestGateway({ env: { UPSTREAM_RETRY_BUDGET: '1', UPSTREAM_RETRIES: '5' } });
    try {
      tight.sandbox.inject({ match: 'list', status: 503, times: 50 });
      const { body } = await tight.run(Page);
      expect(body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
      expect(tight.calls()).toBe(2);
    } finally {
      await tight.close();
    }
  });

  it('a refused connection → UPSTREAM_UNAVAILABLE, and the app keeps serving', async () => {
    const down = await startTestGateway();
    await down.sandbox.close();
    try {
      const { body } = await down.run(Page);
      expect(body.data?.meetings).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      const health = await down.app.fetch('http://gateway.test/health');
      expect(health.status).toBe(200);
    } finally {
      await down.app.close();
    }
  });
});

describe('errors stay with their filter set', () => {
  it('a failing list of one filter set fails only its fields; another filter set in the same request is served', async () => {
    gw.sandbox.inject({
      match: (request) => request.kind === 'list' && request.query.status === 'ACTIVE',
      status: 500,
    });
    const { status, body } = await gw.run(TwoFilterSets);
    expect(status).toBe(200);
    // Both windows of the failed filter set share its one failed call, and its error.
    expect(body.data?.active).toBeNull();
    expect(body.data?.activeAgain).toBeNull();
    expect(body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual(
      expect.arrayContaining([
        [['active'], 'UPSTREAM_ERROR'],
        [['activeAgain'], 'UPSTREAM_ERROR'],
      ]),
    );
    expect(body.errors).toHaveLength(2);
    // The other filter set is whole.
    expect(body.data?.inactive?.totalCount).toBeGreaterThan(0);
    expect(body.data?.inactive?.nodes).toHaveLength(3);
    expect(body.data?.inactive?.nodes.every((node) => node.status === 'INACTIVE')).toBe(true);
    const lists = gw.sandbox.requests.filter((request) => request.kind === 'list');
    expect(lists.map((request) => request.query.status).sort()).toEqual(['ACTIVE', 'INACTIVE']);
  });
});
