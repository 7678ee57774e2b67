import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { startTestGateway, type TestGateway, upstreamOrder } from '../support/gateway.ts';

const Forward = graphql(`
  query WalkForward($first: Int!, $after: String) {
    meetings(first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          meetingId
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`);

const Backward = graphql(`
  query WalkBackward($last: Int!, $before: String) {
    meetings(last: $last, before: $before) {
      totalCount
      nodes {
        meetingId
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`);

let gw: TestGateway;
const forwardPage = (first: number, after: string | null) => gw.run(Forward, { first, after });
const backwardPage = (last: number, before: string | null) => gw.run(Backward, { last, before });
/** The upstream's own order, read straight from the sandbox with the largest pages. */
let order: string[];

beforeAll(async () => {
  gw = await startTestGateway();
  order = await upstreamOrder(gw.sandbox);
});
afterAll(() => gw.close());
beforeEach(() => gw.sandbox.reset());

describe('walking the whole sandbox list', () => {
  it('has a dataset worth walking', () => {
    expect(order.length).toBeGreaterThanOrEqual(200);
    expect(new Set(order).size).toBe(order.length);
  });

  it.each([1, 7, 20, 33, 100])(
    'forward with first: %i equals the upstream order, one call per page',
    async (size) => {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        gw.sandbox.reset();
        const { body } = await forwardPage(size, after);
        expect(body.errors).toBeUndefined();
        const connection = body.data?.meetings;
        if (!connection) throw new Error('no connection');
        expect(gw.calls()).toBe(1);
        expect(connection.totalCount).toBe(order.length);
        expect(connection.pageInfo.hasPreviousPage).toBe(pages > 0);
        seen.push(...connection.edges.map((e) => e.node.meetingId));
        pages += 1;
        expect(connection.pageInfo.startCursor).toBe(connection.edges[0]?.cursor ?? null);
        expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor ?? null;
        expect(pages).toBeLessThan(500);
      }
      expect(seen).toEqual(order);
      expect(pages).toBe(Math.ceil(order.length / size));
    },
  );

  it.each([1, 7, 20, 33, 100])('backward with last: %i equals the upstream order', async (size) => {
    const chunks: string[][] = [];
    let before: string | null = null;
    let pages = 0;
    for (;;) {
      const { body } = await backwardPage(size, before);
      expect(body.errors).toBeUndefined();
      const connection = body.data?.meetings;
      if (!connection) throw new Error('no connection');
      expect(connection.pageInfo.hasNextPage).toBe(pages > 0);
      chunks.unshift(connection.nodes.map((n) => n.meetingId));
      pages += 1;
      if (!connection.pageInfo.hasPreviousPage) break;
      before = connection.pageInfo.startCursor ?? null;
      expect(pages).toBeLessThan(500);
    }
    expect(chunks.flat()).toEqual(order);
  });

  it('never sends per_page above UPSTREAM_MAX_PER_PAGE nor page_no below 1', async () => {
    await gw.run(Forward, { first: 100, after: null });
    await gw.run(Backward, { last: 37, before: null });
    for (const request of gw.sandbox.requests) {
      expect(Number(request.query.per_page)).toBeGreaterThanOrEqual(1);
      expect(Number(request.query.per_page)).toBeLessThanOrEqual(100);
      expect(Number(request.query.page_no)).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('a small UPSTREAM_MAX_PER_PAGE', () => {
  let small: TestGateway;
  beforeAll(async () => {
    small = await startTestGateway({ env: { UPSTREAM_MAX_PER_PAGE: '10' } });
  });
  afterAll(() => small.close());

  it('splits a window of 25 into the fewest pages of at most 10, still in order', async () => {
    const { body } = await small.run(Forward, { first: 25, after: null });
    expect(body.errors).toBeUndefined();
    expect(body.data?.meetings?.edges.map((e) => e.node.meetingId)).toEqual(order.slice(0, 25));
    expect(small.calls()).toBe(3);
    for (const request of small.sandbox.requests)
      expect(Number(request.query.per_page)).toBeLessThanOrEqual(10);
  });
});

describe('an upstream that serves shorter pages than asked (it caps per_page at 7)', () => {
  let capped: TestGateway;
  beforeAll(async () => {
    capped = await startTestGateway({ sandbox: { perPageCap: 7 } });
  });
  afterAll(() => capped.close());

  it('places items by the offsets, fetches what is missing, and still walks the whole list in order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    const page = (a: string | null) => capped.run(Forward, { first: 20, after: a });
    for (let i = 0; i < 50; i++) {
      const { body } = await page(after);
      expect(body.errors).toBeUndefined();
      const connection = body.data?.meetings;
      if (!connection) throw new Error('no connection');
      if (connection.pageInfo.hasNextPage) expect(connection.edges).toHaveLength(20);
      seen.push(...connection.edges.map((e) => e.node.meetingId));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor ?? null;
    }
    expect(seen).toEqual(order);
    for (const request of capped.sandbox.requests)
      expect(Number(request.query.per_page)).toBeLessThanOrEqual(100);
  });
});
