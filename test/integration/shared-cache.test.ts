import { afterEach, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/pagination/cursor.ts';
import { filterKey } from '../../src/pagination/filters.ts';
import { encodeGlobalID, meetingLocalId } from '../../src/schema/global-id.ts';
import { graphql } from '../gql/index.ts';
import { SERVICE_TOKEN, startTestGateway, type TestGateway } from '../support/gateway.ts';

// Upstream reads shared across requests, in one process (contract §5): coalescing, reuse
// within CACHE_TTL_MS, credential scope, Cache-Control: no-cache, stale answers within
// CACHE_STALE_MS, windows served from a covering cached page, listed meetings reused by
// `meeting`, invalidation. Calls are counted by the real sandbox upstream.

const FirstPage = graphql(`
  query CacheFirstPage {
    meetings(first: 20) {
      totalCount
      edges {
        cursor
        node {
          id
          meetingId
          title
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const Window = graphql(`
  query CacheWindow($first: Int, $after: String) {
    meetings(first: $first, after: $after) {
      totalCount
      nodes {
        meetingId
      }
    }
  }
`);

const OneMeeting = graphql(`
  query CacheOneMeeting($meetingId: UUID!) {
    meeting(meetingId: $meetingId) {
      title
    }
  }
`);

const OneMeetingAi = graphql(`
  query CacheOneMeetingAi($meetingId: UUID!) {
    meeting(meetingId: $meetingId) {
      title
      aiConfig {
        summarization {
          wordLimit
        }
      }
    }
  }
`);

const StaleNodes = graphql(`
  query CacheStaleNodes($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Meeting {
        title
      }
    }
  }
`);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

async function start(env: Record<string, string>, options: Parameters<typeof startTestGateway>[0] = {}) {
  gw = await startTestGateway({ ...options, env: { CACHE_TTL_MS: '5000', ...env, ...options.env } });
  return gw;
}

type Stale = { path: (string | number)[]; ageSeconds: number }[];
const staleOf = (body: { extensions?: unknown }) => (body.extensions as { stale?: Stale } | undefined)?.stale;

describe('shared upstream reads (one process)', () => {
  it('N concurrent identical queries make one upstream call, and all get the same answer', async () => {
    const g = await start({}, { sandbox: { latencyMs: 100 } });
    const answers = await Promise.all(Array.from({ length: 25 }, () => g.run(FirstPage)));
    expect(g.calls()).toBe(1);
    for (const { body } of answers) {
      expect(body.errors).toBeUndefined();
      expect(body).toEqual(answers[0]?.body);
    }
  });

  it('with CACHE_TTL_MS=0 every request makes its own call', async () => {
    const g = await start({ CACHE_TTL_MS: '0' }, { sandbox: { latencyMs: 50 } });
    await Promise.all(Array.from({ length: 5 }, () => g.run(FirstPage)));
    await g.run(FirstPage);
    expect(g.calls()).toBe(6);
  });

  it('repeats within the TTL make no call, and one after it', async () => {
    const g = await start({ CACHE_TTL_MS: '400' });
    const first = await g.run(FirstPage);
    expect(g.calls()).toBe(1);
    for (let i = 0; i < 5; i++) {
      const again = await g.run(FirstPage);
      expect(again.body).toEqual(first.body);
    }
    expect(g.calls()).toBe(1);
    await sleep(500);
    await g.run(FirstPage);
    await g.run(FirstPage);
    expect(g.calls()).toBe(2);
  });

  it('Cache-Control: no-cache reads from the upstream and refreshes the entry for others', async () => {
    const g = await start({});
    await g.run(FirstPage);
    await g.run(FirstPage, undefined, { 'cache-control': 'no-cache' });
    expect(g.calls()).toBe(2);
    await g.run(FirstPage);
    expect(g.calls()).toBe(2);
  });

  it('in passthrough mode two tokens never share an entry', async () => {
    const g = await start({}, { mode: 'passthrough' });
    await g.run(FirstPage, undefined, { authorization: 'Bearer token-a' });
    await g.run(FirstPage, undefined, { authorization: 'Bearer token-b' });
    await g.run(FirstPage, undefined, { authorization: 'Bearer token-a' });
    const seen = g.sandbox.requests.map((r) => r.authorization);
    expect(seen).toEqual(['Bearer token-a', 'Bearer token-b']);
    // Concurrent reads of two tokens are not coalesced either.
    g.sandbox.reset();
    await Promise.all([
      g.run(FirstPage, undefined, { authorization: 'Bearer token-c', 'cache-control': 'no-cache' }),
      g.run(FirstPage, undefined, { authorization: 'Bearer token-d', 'cache-control': 'no-cache' }),
    ]);
    expect(g.sandbox.requests.map((r) => r.authorization).sort()).toEqual([
      'Bearer token-c',
      'Bearer token-d',
    ]);
  });

  it('a stale entry answers an upstream error with extensions.stale, but not beyond CACHE_STALE_MS', async () => {
    const g = await start({
      CACHE_TTL_MS: '100',
      CACHE_STALE_MS: '1500',
      UPSTREAM_RETRIES: '0',
    });
    const fresh = await g.run(FirstPage);
    await sleep(200);
    g.sandbox.inject({ match: 'list', status: 500 });
    const stale = await g.run(FirstPage);
    expect(stale.body.errors).toBeUndefined();
    expect(stale.body.data).toEqual(fresh.body.data);
    expect(staleOf(stale.body)).toEqual([{ path: ['meetings'], ageSeconds: 0 }]);
    expect(g.calls()).toBe(2);
    // A fresh answer carries no stale marker.
    const again = await g.run(FirstPage);
    expect(staleOf(again.body)).toBeUndefined();
    // Past TTL + CACHE_STALE_MS the error comes through.
    await sleep(1_800);
    g.sandbox.inject({ match: 'list', status: 500 });
    const failed = await g.run(FirstPage);
    expect(failed.body.data?.meetings).toBeNull();
    expect(failed.body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
    expect(staleOf(failed.body)).toBeUndefined();
  });

  it('a stale entry answers when the rate budget is spent; 401s are never hidden', async () => {
    const g = await start({
      CACHE_TTL_MS: '100',
      UPSTREAM_RATE_LIMIT: '1/60s',
      UPSTREAM_RATE_BURST: '1',
      UPSTREAM_RATE_MAX_WAIT_MS: '0',
    });
    const fresh = await g.run(FirstPage);
    await sleep(200);
    const stale = await g.run(FirstPage);
    expect(stale.body.errors).toBeUndefined();
    expect(stale.body.data).toEqual(fresh.body.data);
    expect(staleOf(stale.body)?.[0]?.path).toEqual(['meetings']);
    expect(g.calls()).toBe(1);
    // A window never read before has nothing to stand in for the spent budget.
    const other = await g.run(Window, {
      first: 3,
      after: fresh.body.data?.meetings?.edges.at(-1)?.cursor ?? null,
    });
    expect(other.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('no stale answer for an upstream 401', async () => {
    const g = await start({ CACHE_TTL_MS: '100' });
    await g.run(FirstPage);
    await sleep(200);
    g.sandbox.inject({ match: 'list', status: 401 });
    const answer = await g.run(FirstPage);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a cached page serves any window it holds whole; a window it holds in part is read as without the cache', async () => {
    const g = await start({});
    const page = await g.run(FirstPage);
    const edges = page.body.data?.meetings?.edges ?? [];
    expect(edges).toHaveLength(20);
    const ids = edges.map((e) => e.node.meetingId);
    // Inside page 1 of 20: no call, same meetings in the same places.
    const inner = await g.run(Window, { first: 10, after: edges[4]?.cursor ?? null });
    expect(inner.body.data?.meetings?.nodes.map((n) => n.meetingId)).toEqual(ids.slice(5, 15));
    expect(inner.body.data?.meetings?.totalCount).toBe(page.body.data?.meetings?.totalCount);
    const head = await g.run(Window, { first: 5 });
    expect(head.body.data?.meetings?.nodes.map((n) => n.meetingId)).toEqual(ids.slice(0, 5));
    expect(g.calls()).toBe(1);
    // Positions 15..24: partly outside the cached page → planned and read as usual (one call).
    const across = await g.run(Window, { first: 10, after: edges[14]?.cursor ?? null });
    expect(across.body.data?.meetings?.nodes.map((n) => n.meetingId).slice(0, 5)).toEqual(ids.slice(15, 20));
    expect(g.calls()).toBe(2);
    const request = g.sandbox.requests[1];
    expect(Number(request?.query.per_page)).toBeLessThanOrEqual(25);
  });

  it('meeting(meetingId) after a list page reuses the listed record, unless it asks for aiConfig', async () => {
    const g = await start({});
    const page = await g.run(FirstPage);
    const listed = page.body.data?.meetings?.edges[3]?.node;
    if (!listed) throw new Error('expected a listed meeting');
    const one = await g.run(OneMeeting, { meetingId: listed.meetingId });
    expect(one.body.data?.meeting?.title).toBe(listed.title);
    expect(g.calls()).toBe(1);
    const withAi = await g.run(OneMeetingAi, { meetingId: listed.meetingId });
    expect(withAi.body.errors).toBeUndefined();
    expect(g.sandbox.requests.map((r) => r.kind)).toEqual(['list', 'get']);
    // The single-meeting read is shared too.
    await g.run(OneMeetingAi, { meetingId: listed.meetingId });
    expect(g.calls()).toBe(2);
  });

  it('invalidate() makes the next read go upstream, in-flight reads included', async () => {
    const g = await start({}, { sandbox: { latencyMs: 100 } });
    await g.run(FirstPage);
    const scope = {
      authorization: `Bearer ${SERVICE_TOKEN}`,
      accountId: g.sandbox.accountId,
      appId: g.sandbox.appId,
    };
    await g.app.shared.invalidate(scope);
    await g.run(FirstPage);
    expect(g.calls()).toBe(2);
    // A read in flight when the write answered is not joined by reads that start after it.
    const before = g.run(FirstPage, undefined, { 'cache-control': 'no-cache' });
    await sleep(20);
    await g.app.shared.invalidate(scope);
    const after = g.run(FirstPage);
    await Promise.all([before, after]);
    expect(g.calls()).toBe(4);
    // Another app's entries are untouched.
    await g.app.shared.invalidate({ ...scope, appId: 'another-app' });
    await g.run(FirstPage);
    expect(g.calls()).toBe(4);
  });

  it('pages of one window that disagree on the total are read again together', async () => {
    const g = await start({ UPSTREAM_MAX_PER_PAGE: '10', CACHE_TTL_MS: '60000' });
    const whole = await g.run(FirstPage);
    expect(g.calls()).toBe(2);
    const total = whole.body.data?.meetings?.totalCount;
    // Page 2 is read again (no-cache) at a moment the upstream counts 999 meetings.
    g.sandbox.inject({
      match: 'list',
      status: 200,
      body: {
        success: true,
        data: g.sandbox.meetings.slice(10, 20),
        paging: { total_count: 999, start_offset: 11, end_offset: 20 },
      },
    });
    // A positional cursor for position 9: the gateway's own (anchored) cursor would also look
    // for its meeting once the total moved, which is another test's subject (cursor-drift).
    const cursor = encodeCursor(9, filterKey({ accountId: g.sandbox.accountId, appId: g.sandbox.appId }));
    expect(whole.body.data?.meetings?.edges[9]?.cursor).toBeTruthy();
    const later = await g.run(Window, { first: 10, after: cursor }, { 'cache-control': 'no-cache' });
    expect(later.body.data?.meetings?.totalCount).toBe(999);
    g.sandbox.reset();
    // Cached page 1 (total 240) and page 2 (total 999) disagree: both are read again.
    const again = await g.run(FirstPage);
    expect(again.body.data?.meetings?.totalCount).toBe(total);
    expect(again.body.data?.meetings?.pageInfo.hasNextPage).toBe(true);
    expect(g.sandbox.requests.map((r) => r.query.page_no).sort()).toEqual(['1', '2']);
  });

  it('a meeting served stale is reported at its own path (meeting, nodes[i])', async () => {
    const g = await start({ CACHE_TTL_MS: '100', UPSTREAM_RETRIES: '0' });
    const meetingId = g.sandbox.meetings[30]?.id ?? '';
    const fresh = await g.run(OneMeetingAi, { meetingId });
    expect(fresh.body.errors).toBeUndefined();
    await sleep(200);
    g.sandbox.inject({ match: 'get', status: 503, times: 5 });
    const stale = await g.run(OneMeetingAi, { meetingId });
    expect(stale.body.errors).toBeUndefined();
    expect(stale.body.data).toEqual(fresh.body.data);
    expect(staleOf(stale.body)).toEqual([{ path: ['meeting'], ageSeconds: 0 }]);
    const id = encodeGlobalID(
      'Meeting',
      meetingLocalId({ accountId: g.sandbox.accountId, appId: g.sandbox.appId, meetingId }),
    );
    const nodes = await g.run(StaleNodes, { ids: ['bad-id', id] });
    expect(nodes.body.data?.nodes[1]).toMatchObject({ title: fresh.body.data?.meeting?.title });
    expect(staleOf(nodes.body)).toEqual([{ path: ['nodes', 1], ageSeconds: 0 }]);
  });
});
