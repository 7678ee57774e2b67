import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT_ID, DEFAULT_APP_ID } from '../../src/sandbox/seed.ts';
import { encodeGlobalID, meetingLocalId } from '../../src/schema/global-id.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

// Cursors that survive writes: a client pages through a list, something is created or
// removed between two page fetches, and the next page (by cursor, forward or backward)
// must continue right after / before the item the cursor was made for, so that pages
// merged by cursor have no duplicate and no gap. When that item itself is gone, the page
// continues from where it was and the response warns CURSOR_DRIFT. Realigning costs no
// extra upstream call when the shift is within the pages fetched anyway.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());
beforeEach(() => gw.sandbox.reset());

interface Page {
  ids: string[];
  start: string | null;
  end: string | null;
  warnings: { code: string; path: (string | number)[] }[];
}

// biome-ignore lint/suspicious/noExplicitAny: responses are read ad hoc
async function send(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const { text } = await gw.post({ query, variables });
  return JSON.parse(text);
}

async function meetingsPage(args: string, status = 'ACTIVE'): Promise<Page> {
  const body = await send(
    `query { meetings(status: ${status}, ${args}) { edges { cursor node { meetingId } } } }`,
  );
  expect(body.errors).toBeUndefined();
  const edges = body.data.meetings.edges as { cursor: string; node: { meetingId: string } }[];
  return {
    ids: edges.map((e) => e.node.meetingId),
    start: edges[0]?.cursor ?? null,
    end: edges.at(-1)?.cursor ?? null,
    warnings: body.extensions?.warnings ?? [],
  };
}

const meetingGlobalId = (meetingId: string) =>
  encodeGlobalID(
    'Meeting',
    meetingLocalId({ accountId: DEFAULT_ACCOUNT_ID, appId: DEFAULT_APP_ID, meetingId }),
  );

async function participantsPage(
  meetingId: string,
  args: string,
  variables: Record<string, unknown> = {},
): Promise<Page> {
  const body = await send(
    `query($id: ID!${Object.keys(variables)
      .map((name) => `, $${name}: String`)
      .join(
        '',
      )}) { node(id: $id) { ... on Meeting { participants(${args}) { edges { cursor node { participantId } } } } } }`,
    { id: meetingGlobalId(meetingId), ...variables },
  );
  expect(body.errors).toBeUndefined();
  const edges = body.data.node.participants.edges as { cursor: string; node: { participantId: string } }[];
  return {
    ids: edges.map((e) => e.node.participantId),
    start: edges[0]?.cursor ?? null,
    end: edges.at(-1)?.cursor ?? null,
    warnings: body.extensions?.warnings ?? [],
  };
}

async function createMeeting(): Promise<string> {
  const body = await send('mutation { createMeeting(input: { title: "Drift" }) { meeting { meetingId } } }');
  return body.data.createMeeting.meeting.meetingId;
}

async function deactivate(meetingId: string): Promise<void> {
  const body = await send(
    'mutation($id: ID!) { updateMeeting(input: { id: $id, status: INACTIVE }) { meeting { status } } }',
    {
      id: meetingGlobalId(meetingId),
    },
  );
  expect(body.data.updateMeeting.meeting.status).toBe('INACTIVE');
}

async function addParticipant(meetingId: string, who: string): Promise<string> {
  const body = await send(
    'mutation($m: ID!, $who: String!) { addParticipant(input: { meetingId: $m, customParticipantId: $who, presetName: "group_call_host" }) { participant { id participantId } } }',
    { m: meetingGlobalId(meetingId), who },
  );
  return body.data.addParticipant.participant.id;
}

async function removeParticipant(globalId: string): Promise<void> {
  const body = await send(
    'mutation($id: ID!) { removeParticipant(input: { id: $id }) { customParticipantId } }',
    {
      id: globalId,
    },
  );
  expect(body.errors).toBeUndefined();
}

/** Every participant global ID of a meeting, in the list's order. */
async function participantGlobalIds(meetingId: string): Promise<string[]> {
  const body = await send(
    'query($id: ID!) { node(id: $id) { ... on Meeting { participants(first: 100) { nodes { id } } } } }',
    { id: meetingGlobalId(meetingId) },
  );
  return body.data.node.participants.nodes.map((p: { id: string }) => p.id);
}

/** Every meeting id of the ACTIVE list, in the upstream's order. */
async function activeOrder(): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const body = await send(
      'query($after: String) { meetings(status: ACTIVE, first: 100, after: $after) { nodes { meetingId } pageInfo { hasNextPage endCursor } } }',
      { after },
    );
    ids.push(...body.data.meetings.nodes.map((m: { meetingId: string }) => m.meetingId));
    if (!body.data.meetings.pageInfo.hasNextPage) return ids;
    after = body.data.meetings.pageInfo.endCursor;
  }
}

const listCalls = () => gw.sandbox.requests.filter((r) => r.kind === 'list').length;
const participantCalls = () => gw.sandbox.requests.filter((r) => r.kind === 'participants').length;

function expectContinuous(order: string[], pages: string[][]): void {
  const merged = pages.flat();
  expect(new Set(merged).size).toBe(merged.length);
  const first = order.indexOf(merged[0] as string);
  expect(first).toBeGreaterThanOrEqual(0);
  expect(merged).toEqual(order.slice(first, first + merged.length));
}

describe('meetings: cursors survive writes', () => {
  it('forward: a meeting created at the top between two pages (no duplicate, at most one call beyond the plan)', async () => {
    const page1 = await meetingsPage('first: 10');
    await createMeeting();
    gw.sandbox.reset();
    const page2 = await meetingsPage(`first: 10, after: "${page1.end}"`);
    expect(listCalls()).toBeLessThanOrEqual(2);
    expect(page2.warnings).toEqual([]);
    expectContinuous(await activeOrder(), [page1.ids, page2.ids]);
  });

  it('forward: a meeting of page 1 filtered out by a write (no gap, at most one call beyond the plan)', async () => {
    const page1 = await meetingsPage('first: 10');
    await deactivate(page1.ids[3] as string);
    gw.sandbox.reset();
    const page2 = await meetingsPage(`first: 10, after: "${page1.end}"`);
    expect(listCalls()).toBeLessThanOrEqual(2);
    const order = await activeOrder();
    expectContinuous(order, [page1.ids.filter((id) => id !== page1.ids[3]), page2.ids]);
  });

  it("forward: the cursor's own meeting filtered out → continues from where it was, CURSOR_DRIFT", async () => {
    const page1 = await meetingsPage('first: 10');
    const anchor = page1.ids[9] as string;
    await deactivate(anchor);
    const page2 = await meetingsPage(`first: 10, after: "${page1.end}"`);
    expect(page2.warnings).toEqual([expect.objectContaining({ code: 'CURSOR_DRIFT', path: ['meetings'] })]);
    expectContinuous(await activeOrder(), [page1.ids.slice(0, 9), page2.ids]);
  });

  it('backward: a meeting created at the top between two pages (no duplicate, at most one call beyond the plan)', async () => {
    const last = await meetingsPage('last: 10');
    await createMeeting();
    gw.sandbox.reset();
    const previous = await meetingsPage(`last: 10, before: "${last.start}"`);
    expect(listCalls()).toBeLessThanOrEqual(2);
    expect(previous.warnings).toEqual([]);
    expectContinuous(await activeOrder(), [previous.ids, last.ids]);
  });
});

describe('a shift within the pages fetched anyway costs no call beyond the plan', () => {
  // first: 10 after position 12 is [13, 23), served by one page of 12 ([12, 24)): a create at
  // the top moves the window to [14, 24), still inside it.
  it('meetings, forward, a create at the top: exactly one call', async () => {
    const page1 = await meetingsPage('first: 13');
    await createMeeting();
    gw.sandbox.reset();
    const page2 = await meetingsPage(`first: 10, after: "${page1.end}"`);
    expect(gw.sandbox.requests.map((r) => [r.query.page_no, r.query.per_page])).toEqual([['2', '12']]);
    expect(page2.warnings).toEqual([]);
    expectContinuous(await activeOrder(), [page1.ids, page2.ids]);
  });

  it('participants, forward, an add at the top: exactly one call', async () => {
    const meeting = gw.sandbox.meetings[0]?.id ?? '';
    const page1 = await participantsPage(meeting, 'first: 13');
    await addParticipant(meeting, 'drift-within');
    gw.sandbox.reset();
    const page2 = await participantsPage(meeting, 'first: 10, after: $after', { after: page1.end });
    expect(
      gw.sandbox.requests
        .filter((r) => r.kind === 'participants')
        .map((r) => [r.query.page_no, r.query.per_page]),
    ).toEqual([['2', '12']]);
    const order = (await participantGlobalIds(meeting)).map(
      (id) => Buffer.from(id, 'base64').toString().split(':').at(-1) as string,
    );
    expectContinuous(order, [page1.ids, page2.ids]);
  });
});

describe('meetings: backward after a removal', () => {
  it('backward: a meeting before the page filtered out by a write (no duplicate, no gap, at most one call beyond the plan)', async () => {
    const page = await meetingsPage(`first: 10, after: "${(await meetingsPage('first: 30')).end}"`);
    const previousBefore = await meetingsPage(`last: 10, before: "${page.start}"`);
    await deactivate(previousBefore.ids[4] as string);
    gw.sandbox.reset();
    const previous = await meetingsPage(`last: 10, before: "${page.start}"`);
    expect(listCalls()).toBeLessThanOrEqual(2);
    expect(previous.warnings).toEqual([]);
    expect(previous.ids).not.toContain(previousBefore.ids[4]);
    expectContinuous(await activeOrder(), [previous.ids, page.ids]);
  });
});

describe('participants: cursors survive writes', () => {
  const meeting = () => gw.sandbox.meetings[0]?.id ?? '';

  it('forward: a participant added at the top between two pages (no duplicate, at most one call beyond the plan)', async () => {
    const page1 = await participantsPage(meeting(), 'first: 10');
    await addParticipant(meeting(), 'drift-forward');
    gw.sandbox.reset();
    const page2 = await participantsPage(meeting(), 'first: 10, after: $after', { after: page1.end });
    expect(participantCalls()).toBeLessThanOrEqual(2);
    expect(page2.warnings).toEqual([]);
    const order = (await participantGlobalIds(meeting())).map(
      (id) => Buffer.from(id, 'base64').toString().split(':').at(-1) as string,
    );
    expectContinuous(order, [page1.ids, page2.ids]);
  });

  it('forward: a participant of page 1 removed (no gap, at most one call beyond the plan)', async () => {
    const ids = await participantGlobalIds(meeting());
    const page1 = await participantsPage(meeting(), 'first: 10');
    await removeParticipant(ids[2] as string);
    gw.sandbox.reset();
    const page2 = await participantsPage(meeting(), 'first: 10, after: $after', { after: page1.end });
    expect(participantCalls()).toBeLessThanOrEqual(2);
    const order = (await participantGlobalIds(meeting())).map(
      (id) => Buffer.from(id, 'base64').toString().split(':').at(-1) as string,
    );
    expectContinuous(order, [page1.ids.filter((_, i) => i !== 2), page2.ids]);
  });

  it("backward: the cursor's own participant removed → continues from where it was, CURSOR_DRIFT", async () => {
    const ids = await participantGlobalIds(meeting());
    const page = await participantsPage(meeting(), 'first: 10, after: $after', {
      after: (await participantsPage(meeting(), 'first: 30')).end,
    });
    // page covers positions 30..39; remove its first item and ask for the 10 before it.
    const firstOfPage = ids.find(
      (id) =>
        id.length > 0 &&
        Buffer.from(id, 'base64')
          .toString()
          .endsWith(page.ids[0] as string),
    );
    await removeParticipant(firstOfPage as string);
    const previous = await participantsPage(meeting(), 'last: 10, before: $before', { before: page.start });
    expect(previous.warnings).toEqual([
      expect.objectContaining({ code: 'CURSOR_DRIFT', path: ['node', 'participants'] }),
    ]);
    const order = (await participantGlobalIds(meeting())).map(
      (id) => Buffer.from(id, 'base64').toString().split(':').at(-1) as string,
    );
    expectContinuous(order, [previous.ids, page.ids.slice(1)]);
  });

  it('backward: a participant added at the top between two pages (no duplicate, at most one call beyond the plan)', async () => {
    const page1 = await participantsPage(meeting(), 'first: 10, after: $after', {
      after: (await participantsPage(meeting(), 'first: 20')).end,
    });
    await addParticipant(meeting(), 'drift-backward');
    gw.sandbox.reset();
    const previous = await participantsPage(meeting(), 'last: 10, before: $before', { before: page1.start });
    expect(participantCalls()).toBeLessThanOrEqual(2);
    const order = (await participantGlobalIds(meeting())).map(
      (id) => Buffer.from(id, 'base64').toString().split(':').at(-1) as string,
    );
    expectContinuous(order, [previous.ids, page1.ids]);
  });
});
