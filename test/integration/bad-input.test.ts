import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

let gw: TestGateway;
let cursor: string;
let otherFilterCursor: string;
let meetingGlobalId: string;

const Page = graphql(`
  query BadInputPage(
    $first: Int
    $last: Int
    $after: String
    $before: String
    $accountId: String
    $appId: String
    $status: MeetingStatus
    $search: String
    $startTime: DateTime
    $endTime: DateTime
  ) {
    meetings(
      first: $first
      last: $last
      after: $after
      before: $before
      accountId: $accountId
      appId: $appId
      status: $status
      search: $search
      startTime: $startTime
      endTime: $endTime
    ) {
      totalCount
      edges {
        cursor
        node {
          id
        }
      }
    }
  }
`);

const Meeting = graphql(`
  query BadInputMeeting($meetingId: UUID!, $accountId: String, $appId: String) {
    meeting(meetingId: $meetingId, accountId: $accountId, appId: $appId) {
      title
    }
  }
`);

const Node = graphql(`
  query BadInputNode($id: ID!) {
    node(id: $id) {
      id
    }
  }
`);

beforeAll(async () => {
  gw = await startTestGateway();
  const plain = await gw.run(Page, { first: 2 });
  const edges = plain.body.data?.meetings?.edges ?? [];
  cursor = edges[0]?.cursor ?? '';
  meetingGlobalId = edges[0]?.node.id ?? '';
  const active = await gw.run(Page, { first: 2, status: 'ACTIVE' });
  otherFilterCursor = active.body.data?.meetings?.edges[0]?.cursor ?? '';
  expect(cursor).not.toBe('');
  expect(otherFilterCursor).not.toBe('');
});
afterAll(() => gw.close());
beforeEach(() => gw.sandbox.reset());

function codes(errors: readonly { extensions?: Record<string, unknown> }[] | undefined): unknown[] {
  return (errors ?? []).map((e) => e.extensions?.code);
}

const long = 'a'.repeat(65);

describe('BAD_USER_INPUT with no upstream call', () => {
  const pageCases: [string, Parameters<typeof gw.run<unknown, Record<string, unknown>>>[1]][] = [
    ['first and last together', { first: 5, last: 5 }],
    ['negative first', { first: -1 }],
    ['negative last', { last: -3 }],
    ['first above MAX_PAGE_SIZE', { first: 101 }],
    ['last above MAX_PAGE_SIZE', { last: 1000 }],
    ['malformed after cursor', { first: 5, after: 'not-a-cursor' }],
    ['malformed before cursor', { last: 5, before: '!!!' }],
    ['empty cursor', { first: 5, after: '' }],
    ['startTime after endTime', { startTime: '2026-02-01T00:00:00Z', endTime: '2026-01-01T00:00:00Z' }],
    ['accountId with a slash', { accountId: 'acc/../other' }],
    ['accountId with ..', { accountId: '..' }],
    ['appId with ?', { appId: 'app?x=1' }],
    ['appId with #', { appId: 'app#frag' }],
    ['appId with a control character', { appId: 'app\u0000id' }],
    ['accountId longer than 64 characters', { accountId: long }],
    ['empty appId', { appId: '' }],
  ];

  it.each(pageCases)('meetings: %s', async (_name, variables) => {
    const { body } = await gw.run(Page, variables as never);
    expect(codes(body.errors)).toEqual(['BAD_USER_INPUT']);
    expect(body.data?.meetings).toBeNull();
    expect(gw.calls()).toBe(0);
  });

  it('meetings: a cursor made under other filters (after and before)', async () => {
    for (const variables of [
      { first: 5, after: otherFilterCursor },
      { last: 5, before: otherFilterCursor },
      { first: 5, after: cursor, status: 'INACTIVE' as const },
    ]) {
      const { body } = await gw.run(Page, variables);
      expect(codes(body.errors)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors?.[0]?.message).toMatch(/filter/i);
    }
    expect(gw.calls()).toBe(0);
  });

  it('meeting: unsafe account or app ids', async () => {
    const meetingId = gw.sandbox.meetings[0]?.id ?? '';
    for (const variables of [
      { meetingId, accountId: 'a/b' },
      { meetingId, appId: '..' },
      { meetingId, appId: long },
    ]) {
      const { body } = await gw.run(Meeting, variables);
      expect(codes(body.errors)).toEqual(['BAD_USER_INPUT']);
      expect(body.data?.meeting).toBeNull();
    }
    expect(gw.calls()).toBe(0);
  });

  it('meeting: a meetingId that is not a UUID is rejected before execution', async () => {
    const { body } = await gw.run(Meeting, { meetingId: '../../../etc' });
    expect(codes(body.errors)).toEqual(['BAD_USER_INPUT']);
    expect(body.data ?? null).toBeNull();
    const literal = await gw.post({ query: '{ meeting(meetingId: "../x") { title } }' });
    expect(JSON.parse(literal.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(gw.calls()).toBe(0);
  });

  it('meetings: a startTime that is not a date-time is rejected before execution', async () => {
    const { body } = await gw.run(Page, { startTime: 'yesterday' });
    expect(codes(body.errors)).toEqual(['BAD_USER_INPUT']);
    expect(gw.calls()).toBe(0);
  });

  it.each([
    ['not base64', '%%%'],
    ['base64 of garbage', Buffer.from('garbage').toString('base64')],
    ['another type', Buffer.from('User:1').toString('base64')],
    ['a meeting id that is not a UUID', Buffer.from('Meeting:a:b:not-a-uuid').toString('base64')],
    [
      'a meeting id with a path in it',
      Buffer.from('Meeting:a%2F..:b:550e8400-e29b-41d4-a716-446655440000').toString('base64'),
    ],
    ['an empty id', ''],
  ])('node: %s', async (_name, id) => {
    const { body } = await gw.run(Node, { id });
    expect(codes(body.errors)).toEqual(['BAD_USER_INPUT']);
    expect(body.data?.node).toBeNull();
    expect(gw.calls()).toBe(0);
  });

  it('nodes: a bad id nulls only its own entry', async () => {
    const { body } = await gw.run(
      graphql(`
        query BadInputNodes($ids: [ID!]!) {
          nodes(ids: $ids) {
            id
          }
        }
      `),
      { ids: [meetingGlobalId, 'bad', meetingGlobalId] },
    );
    expect(codes(body.errors)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors?.[0]?.path).toEqual(['nodes', 1]);
    expect(body.data?.nodes.map((n) => n?.id ?? null)).toEqual([meetingGlobalId, null, meetingGlobalId]);
    expect(gw.sandbox.requests.filter((r) => r.kind === 'get')).toHaveLength(1);
  });

  it('an error in one field leaves sibling root fields intact', async () => {
    const { body } = await gw.run(
      graphql(`
        query PartialBadInput {
          bad: meetings(first: 1000) {
            totalCount
          }
          good: meetings(first: 2) {
            totalCount
          }
        }
      `),
    );
    expect(codes(body.errors)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors?.[0]?.path).toEqual(['bad']);
    expect(body.data?.bad).toBeNull();
    expect(body.data?.good?.totalCount).toBe(gw.sandbox.meetings.length);
    expect(gw.calls()).toBe(1);
  });

  it('messages echo the bad value in one plain sentence', async () => {
    const { body } = await gw.run(Page, { first: 150 });
    expect(body.errors?.[0]?.message).toBe('"first" must be between 0 and 100, got 150.');
  });
});

describe('windows that are valid but unusual', () => {
  it('first: 0 answers the total with an empty page', async () => {
    const { body } = await gw.run(Page, { first: 0 });
    expect(body.errors).toBeUndefined();
    expect(body.data?.meetings?.edges).toEqual([]);
    expect(body.data?.meetings?.totalCount).toBe(gw.sandbox.meetings.length);
    expect(gw.calls()).toBe(1);
  });

  it('a window past the end is empty, with the total', async () => {
    const { body: last } = await gw.run(Page, { last: 1 });
    const end = last.data?.meetings?.edges[0]?.cursor;
    expect(end).toBeTruthy();
    gw.sandbox.reset();
    const { body } = await gw.run(Page, { first: 10, after: end });
    expect(body.errors).toBeUndefined();
    expect(body.data?.meetings?.edges).toEqual([]);
    expect(body.data?.meetings?.totalCount).toBe(gw.sandbox.meetings.length);
  });

  it('before the first edge is empty and costs at most one call', async () => {
    const { body } = await gw.run(Page, { last: 5, before: cursor });
    expect(body.errors).toBeUndefined();
    expect(body.data?.meetings?.edges).toEqual([]);
    expect(gw.calls()).toBeLessThanOrEqual(1);
  });
});
