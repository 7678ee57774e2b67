import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { startTestGateway, type TestGateway, upstreamOrder } from '../support/gateway.ts';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());
beforeEach(() => gw.sandbox.reset());

const lists = () => gw.sandbox.requests.filter((r) => r.kind === 'list');
const gets = () => gw.sandbox.requests.filter((r) => r.kind === 'get');

describe('upstream calls per query', () => {
  it('a page costs one call', async () => {
    const { body } = await gw.run(
      graphql(`
        query OnePage {
          meetings(first: 20) {
            totalCount
            edges {
              node {
                title
              }
            }
          }
        }
      `),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.meetings?.edges).toHaveLength(20);
    expect(gw.calls()).toBe(1);
    expect(lists()[0]?.query).toMatchObject({ page_no: '1', per_page: '20' });
  });

  it('aliases with the same arguments share one call', async () => {
    const { body } = await gw.run(
      graphql(`
        query SameArgs {
          a: meetings(first: 10) {
            nodes {
              title
            }
          }
          b: meetings(first: 10) {
            totalCount
          }
          c: meetings(first: 10) {
            edges {
              cursor
            }
          }
        }
      `),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.a?.nodes).toHaveLength(10);
    expect(gw.calls()).toBe(1);
  });

  it('windows of one filter set asked together are planned together', async () => {
    const first = await gw.run(
      graphql(`
        query CursorAt90 {
          meetings(first: 90) {
            pageInfo {
              endCursor
            }
          }
        }
      `),
    );
    const after = first.body.data?.meetings?.pageInfo.endCursor;
    expect(after).toBeTruthy();
    gw.sandbox.reset();
    // [0, 5) and [90, 95): separately 2 calls; together one page of 100 covers both.
    const { body } = await gw.run(
      graphql(`
        query TwoWindows($after: String) {
          head: meetings(first: 5) {
            nodes {
              meetingId
            }
          }
          tail: meetings(first: 5, after: $after) {
            nodes {
              meetingId
            }
          }
        }
      `),
      { after },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.head?.nodes).toHaveLength(5);
    expect(body.data?.tail?.nodes).toHaveLength(5);
    expect(gw.calls()).toBe(1);
    expect(lists()[0]?.query).toMatchObject({ page_no: '1', per_page: '95' });
  });

  it('different filters do not share, and each costs one call', async () => {
    const { body } = await gw.run(
      graphql(`
        query TwoFilters {
          active: meetings(first: 5, status: ACTIVE) {
            nodes {
              status
            }
          }
          inactive: meetings(first: 5, status: INACTIVE) {
            nodes {
              status
            }
          }
        }
      `),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.active?.nodes.every((n) => n.status === 'ACTIVE')).toBe(true);
    expect(body.data?.inactive?.nodes.every((n) => n.status === 'INACTIVE')).toBe(true);
    expect(gw.calls()).toBe(2);
  });

  it('aiConfig on 20 listed meetings costs 1 list call and 20 GETs, none twice', async () => {
    const { body } = await gw.run(
      graphql(`
        query AiOnPage {
          meetings(first: 20) {
            nodes {
              meetingId
              aiConfig {
                summarization {
                  summaryType
                }
                transcription {
                  language
                }
              }
            }
          }
          again: meetings(first: 20) {
            nodes {
              aiConfig {
                summarization {
                  wordLimit
                }
              }
            }
          }
        }
      `),
    );
    expect(body.errors).toBeUndefined();
    const nodes = body.data?.meetings?.nodes ?? [];
    expect(nodes).toHaveLength(20);
    for (const node of nodes) expect(node.aiConfig?.summarization?.summaryType).toBeTruthy();
    expect(lists()).toHaveLength(1);
    expect(gets()).toHaveLength(20);
    const paths = gets().map((r) => r.path);
    expect(new Set(paths).size).toBe(20);
    expect(paths.map((p) => p.split('/').at(-1))).toEqual(
      expect.arrayContaining(nodes.map((n) => n.meetingId)),
    );
  });

  it('meeting, node and nodes for meetings listed in the same request cost nothing more', async () => {
    const page = await gw.run(
      graphql(`
        query Ids {
          meetings(first: 3) {
            nodes {
              id
              meetingId
            }
          }
        }
      `),
    );
    const [one, two, three] = page.body.data?.meetings?.nodes ?? [];
    if (!one || !two || !three) throw new Error('expected three meetings');
    gw.sandbox.reset();
    const { body } = await gw.run(
      graphql(`
        query ListedLookups($meetingId: UUID!, $id: ID!, $ids: [ID!]!) {
          meetings(first: 3) {
            totalCount
          }
          meeting(meetingId: $meetingId) {
            title
          }
          node(id: $id) {
            id
            ... on Meeting {
              title
            }
          }
          nodes(ids: $ids) {
            id
          }
        }
      `),
      { meetingId: one.meetingId.toUpperCase(), id: two.id, ids: [three.id, one.id] },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.meeting?.title).toBeTruthy();
    expect(body.data?.node?.id).toBe(two.id);
    expect(body.data?.nodes.map((n) => n?.id)).toEqual([three.id, one.id]);
    expect(gw.calls()).toBe(1);
  });

  it('meeting and node of an unlisted meeting cost one GET each, deduplicated', async () => {
    const target = gw.sandbox.meetings[150];
    if (!target) throw new Error('sandbox too small');
    const page = await gw.run(
      graphql(`
        query NodeIdOf($meetingId: UUID!) {
          meeting(meetingId: $meetingId) {
            id
          }
        }
      `),
      { meetingId: target.id },
    );
    const id = page.body.data?.meeting?.id;
    if (!id) throw new Error('no id');
    gw.sandbox.reset();
    const { body } = await gw.run(
      graphql(`
        query Unlisted($meetingId: UUID!, $id: ID!) {
          meeting(meetingId: $meetingId) {
            title
            aiConfig {
              transcription {
                language
              }
            }
          }
          node(id: $id) {
            ... on Meeting {
              aiConfig {
                summarization {
                  textFormat
                }
              }
            }
          }
          nodes(ids: [$id, $id]) {
            id
          }
        }
      `),
      { meetingId: target.id, id },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.meeting?.title).toBe(target.title);
    expect(gets()).toHaveLength(1);
    expect(gw.calls()).toBe(1);
  });

  it('last: n alone probes once and serves the window when the list fits one page', async () => {
    const { body } = await gw.run(
      graphql(`
        query Tail {
          meetings(last: 3) {
            totalCount
            nodes {
              meetingId
            }
            pageInfo {
              hasNextPage
              hasPreviousPage
            }
          }
        }
      `),
    );
    expect(body.errors).toBeUndefined();
    const calls = gw.calls();
    const order = await upstreamOrder(gw.sandbox);
    expect(body.data?.meetings?.totalCount).toBe(order.length);
    expect(body.data?.meetings?.nodes.map((n) => n.meetingId)).toEqual(order.slice(-3));
    expect(body.data?.meetings?.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
    // 240 meetings: a probe of page 1 (100 rows) tells the total, then one page for the tail.
    expect(calls).toBe(2);
  });
});
