import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { predictUpstreamCalls } from '../../src/cost/predict-upstream-calls.ts';
import { DEFAULT_ACCOUNT_ID, DEFAULT_APP_ID } from '../../src/sandbox/seed.ts';
import { encodeGlobalID, meetingLocalId } from '../../src/schema/global-id.ts';
import { subgraphSchema } from '../../src/schema/index.ts';
import { graphql } from '../gql/index.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { HS256_SECRET, hs256Token } from '../support/jwt.ts';

// Meeting.participants (the generic paged list, second instance), Participant nodes,
// Meeting.activeSession, and the write scopes of JWT caller auth, against the sandbox.

const ParticipantsForward = graphql(`
  query ParticipantsForward($id: ID!, $first: Int, $after: String) {
    node(id: $id) {
      ... on Meeting {
        participants(first: $first, after: $after) {
          totalCount
          edges {
            cursor
            node {
              participantId
            }
          }
          pageInfo {
            hasNextPage
            hasPreviousPage
            endCursor
          }
        }
      }
    }
  }
`);

const ParticipantsBackward = graphql(`
  query ParticipantsBackward($id: ID!, $last: Int, $before: String) {
    node(id: $id) {
      ... on Meeting {
        participants(last: $last, before: $before) {
          totalCount
          nodes {
            participantId
          }
          pageInfo {
            hasNextPage
            hasPreviousPage
            startCursor
          }
        }
      }
    }
  }
`);

const ManyMeetingsParticipants = graphql(`
  query ManyMeetingsParticipants {
    meetings(first: 10) {
      nodes {
        meetingId
        participants(first: 5) {
          totalCount
          nodes {
            id
            name
          }
        }
      }
    }
  }
`);

const LiveSessions = graphql(`
  query LiveSessions {
    meetings(first: 30) {
      nodes {
        meetingId
        activeSession {
          sessionId
          status
          type
          liveParticipants
          startedAt
          endedAt
        }
      }
    }
  }
`);

const CreateForScope = graphql(`
  mutation ScopeCreate {
    createMeeting(input: { title: "scoped" }) {
      meeting {
        meetingId
      }
    }
  }
`);

const AddForScope = graphql(`
  mutation ScopeAdd($meetingId: ID!) {
    addParticipant(input: { meetingId: $meetingId, customParticipantId: "scope-user", presetName: "group_call_host" }) {
      token
    }
  }
`);

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());
beforeEach(() => gw.sandbox.reset());

const meetingGlobalId = (meetingId: string) =>
  encodeGlobalID(
    'Meeting',
    meetingLocalId({ accountId: DEFAULT_ACCOUNT_ID, appId: DEFAULT_APP_ID, meetingId }),
  );
/** The seeded meeting with 150 participants. */
const bigMeeting = () => gw.sandbox.meetings[0]?.id ?? '';

/** The participants of a meeting in the upstream's order, read straight from the sandbox. */
async function upstreamParticipants(meetingId: string): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; page < 100; page++) {
    const response = await fetch(
      `${gw.sandbox.baseUrl}/accounts/${DEFAULT_ACCOUNT_ID}/realtime/kit/${DEFAULT_APP_ID}/meetings/${meetingId}/participants?page_no=${page}&per_page=100`,
      { headers: { authorization: 'Bearer service-token-for-tests' } },
    );
    const body = (await response.json()) as { data: { id: string }[] };
    ids.push(...body.data.map((p) => p.id));
    if (body.data.length < 100) break;
  }
  return ids;
}

interface Page {
  totalCount: number;
  ids: string[];
  hasNext: boolean;
  hasPrevious: boolean;
  start: string | null;
  end: string | null;
}

async function forward(first: number, after: string | null): Promise<Page> {
  const { body } = await gw.run(ParticipantsForward, { id: meetingGlobalId(bigMeeting()), first, after });
  expect(body.errors).toBeUndefined();
  const node = body.data?.node;
  const connection = node && 'participants' in node ? node.participants : null;
  return {
    totalCount: connection?.totalCount ?? -1,
    ids: connection?.edges.map((e) => e.node.participantId) ?? [],
    hasNext: connection?.pageInfo.hasNextPage ?? false,
    hasPrevious: connection?.pageInfo.hasPreviousPage ?? false,
    start: connection?.edges[0]?.cursor ?? null,
    end: connection?.pageInfo.endCursor ?? null,
  };
}

async function backward(last: number, before: string | null): Promise<Page> {
  const { body } = await gw.run(ParticipantsBackward, { id: meetingGlobalId(bigMeeting()), last, before });
  expect(body.errors).toBeUndefined();
  const node = body.data?.node;
  const connection = node && 'participants' in node ? node.participants : null;
  return {
    totalCount: connection?.totalCount ?? -1,
    ids: connection?.nodes.map((p) => p.participantId) ?? [],
    hasNext: connection?.pageInfo.hasNextPage ?? false,
    hasPrevious: connection?.pageInfo.hasPreviousPage ?? false,
    start: connection?.pageInfo.startCursor ?? null,
    end: null,
  };
}

describe('Meeting.participants', () => {
  it('pages forward over a meeting with more than 100 participants, one call per page', async () => {
    const expected = await upstreamParticipants(bigMeeting());
    expect(expected.length).toBeGreaterThan(100);
    gw.sandbox.reset();
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page = await forward(40, after);
      expect(page.totalCount).toBe(expected.length);
      seen.push(...page.ids);
      pages++;
      if (!page.hasNext) break;
      after = page.end;
    }
    expect(seen).toEqual(expected);
    // node(id) of a meeting costs one GET, each page one participants call.
    const participantCalls = gw.sandbox.requests.filter((r) => r.kind === 'participants');
    expect(participantCalls).toHaveLength(pages);
  });

  it('pages backward from the end to the start', async () => {
    const expected = await upstreamParticipants(bigMeeting());
    const seen: string[] = [];
    let before: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const page = await backward(35, before);
      seen.unshift(...page.ids);
      if (!page.hasPrevious) break;
      before = page.start;
    }
    expect(seen).toEqual(expected);
  });

  it('participants of 10 meetings cost 1 list call + 10 participants calls (no N+1 beyond one per page)', async () => {
    const { body } = await gw.run(ManyMeetingsParticipants);
    expect(body.errors).toBeUndefined();
    expect(body.data?.meetings?.nodes).toHaveLength(10);
    const kinds = gw.sandbox.requests.map((r) => r.kind).sort();
    expect(kinds).toEqual(['list', ...Array(10).fill('participants')]);
    // The cost prediction counts them before execution, exactly here.
    const predicted = predictUpstreamCalls(subgraphSchema, ManyMeetingsParticipants, {}, undefined, {
      maxPageSize: gw.config.maxPageSize,
      maxPerPage: gw.config.upstreamMaxPerPage,
      argumentRules: {
        defaultAccountId: DEFAULT_ACCOUNT_ID,
        defaultAppId: DEFAULT_APP_ID,
        maxPageSize: gw.config.maxPageSize,
      },
    });
    expect(predicted).toBe(gw.sandbox.requests.length);
  });

  it('rejects a cursor from another meeting, with no upstream call', async () => {
    const first = await gw.run(ParticipantsForward, { id: meetingGlobalId(bigMeeting()), first: 2 });
    const node = first.body.data?.node;
    const cursor = node && 'participants' in node ? node.participants?.pageInfo.endCursor : null;
    expect(cursor).toBeTruthy();
    const other = gw.sandbox.meetings[1]?.id ?? '';
    gw.sandbox.reset();
    const { body } = await gw.run(ParticipantsForward, {
      id: meetingGlobalId(other),
      first: 2,
      after: cursor,
    });
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors?.[0]?.path).toEqual(['node', 'participants']);
    expect(gw.sandbox.requests.filter((r) => r.kind === 'participants')).toHaveLength(0);
  });
});

describe('Meeting.activeSession', () => {
  it('is the live session of live meetings and null (no error) for the others', async () => {
    const { body } = await gw.run(LiveSessions);
    expect(body.errors).toBeUndefined();
    const nodes = body.data?.meetings?.nodes ?? [];
    const live = nodes.filter((m) => m.activeSession !== null);
    const idle = nodes.filter((m) => m.activeSession === null);
    expect(live.length).toBeGreaterThan(0);
    expect(idle.length).toBeGreaterThan(0);
    expect(live[0]?.activeSession).toMatchObject({ status: 'LIVE', type: 'MEETING', endedAt: null });
    expect(gw.sandbox.requests.filter((r) => r.kind === 'session')).toHaveLength(30);
  });
});

describe('write scopes with JWT caller auth', () => {
  let authed: TestGateway;
  beforeAll(async () => {
    authed = await startTestGateway({ env: { AUTH_JWT_SECRET: HS256_SECRET } });
  });
  afterAll(() => authed.close());
  beforeEach(() => authed.sandbox.reset());

  const bearer = async (scope?: string) => ({
    authorization: `Bearer ${await hs256Token({ realtimekit_apps: [DEFAULT_APP_ID], ...(scope === undefined ? {} : { scope }) })}`,
  });
  const meetingId = () => meetingGlobalId(authed.sandbox.meetings[2]?.id ?? '');

  it.each([
    ['no scope claim', undefined],
    ['only participants:write', 'participants:write'],
    ['a scope that merely contains the text', 'meetings:writer read'],
  ])('createMeeting with %s → FORBIDDEN, no upstream call', async (_name, scope) => {
    const { body } = await authed.run(CreateForScope, undefined, await bearer(scope));
    expect(body.data?.createMeeting).toBeNull();
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(authed.calls()).toBe(0);
  });

  it('addParticipant with only meetings:write → FORBIDDEN, no upstream call', async () => {
    const { body } = await authed.run(
      AddForScope,
      { meetingId: meetingId() },
      await bearer('meetings:write'),
    );
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(authed.calls()).toBe(0);
  });

  it('the matching scope lets each mutation through', async () => {
    const created = await authed.run(CreateForScope, undefined, await bearer('read meetings:write'));
    expect(created.body.errors).toBeUndefined();
    const added = await authed.run(
      AddForScope,
      { meetingId: meetingId() },
      await bearer('participants:write'),
    );
    expect(added.body.errors).toBeUndefined();
    expect(authed.calls()).toBe(2);
  });

  it('a token for another app is FORBIDDEN even with the scope', async () => {
    const token = await hs256Token({
      realtimekit_apps: ['other-app'],
      scope: 'meetings:write participants:write',
    });
    const { body } = await authed.run(CreateForScope, undefined, { authorization: `Bearer ${token}` });
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(authed.calls()).toBe(0);
  });

  it('no token → UNAUTHENTICATED, no upstream call', async () => {
    const { body } = await authed.run(CreateForScope);
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(authed.calls()).toBe(0);
  });
});
