import { readFileSync } from 'node:fs';
import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeGlobalID } from '../../src/schema/global-id.ts';
import {
  type Booking,
  composeSupergraph,
  fetchSubgraphSdl,
  type Listening,
  listen,
  meetingGlobalId,
  startBookingsSubgraph,
  startHiveGateway,
} from '../support/federation.ts';
import { startTestGateway, type TestGateway, upstreamOrder } from '../support/gateway.ts';

// This gateway as a Federation v2 subgraph: `_service` and `_entities` called directly,
// then a Hive gateway composing it (over real HTTP on loopback) with a bookings subgraph.
// Operations here use `_entities` or the supergraph's fields, which the public SDL that
// codegen reads does not have, so they are plain strings.

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());
beforeEach(() => gw.sandbox.reset());

const gets = () => gw.sandbox.requests.filter((r) => r.kind === 'get');

function wire(index: number) {
  const meeting = gw.sandbox.meetings[index];
  if (!meeting) throw new Error(`sandbox has no meeting #${index}`);
  return meeting;
}

/** The `data` of a response, typed by the caller; throws (with the errors) when there is none. */
function dataOf<T>(body: GraphQLBody): T {
  if (!body.data) throw new Error(`no data: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

async function subgraph(query: string, variables?: Record<string, unknown>): Promise<GraphQLBody> {
  const { status, text } = await gw.post({ query, variables });
  expect(status).toBe(200);
  return JSON.parse(text) as GraphQLBody;
}

const ENTITIES = `
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ... on Meeting {
        id
        meetingId
        title
      }
    }
  }
`;

describe('_service and _entities', () => {
  it('_service { sdl } is the committed schema/subgraph.graphql', async () => {
    const body = await subgraph('{ _service { sdl } }');
    const { sdl } = dataOf<{ _service: { sdl: string } }>(body)._service;
    const committed = readFileSync(new URL('../../schema/subgraph.graphql', import.meta.url), 'utf8');
    expect(`${sdl}\n`).toBe(committed);
    expect(sdl).toContain('@key(fields: "id")');
  });

  it('resolves representations in order; duplicates cost one GET per distinct meeting', async () => {
    const a = wire(150);
    const b = wire(151);
    const ra = { __typename: 'Meeting', id: meetingGlobalId(gw.sandbox, a.id) };
    const rb = { __typename: 'Meeting', id: meetingGlobalId(gw.sandbox, b.id) };
    const body = await subgraph(
      `query Entities($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Meeting {
            meetingId
            title
            aiConfig {
              summarization {
                summaryType
              }
            }
          }
        }
      }`,
      { representations: [ra, ra, rb, ra, rb] },
    );
    expect(body.errors).toBeUndefined();
    const entities = dataOf<{ _entities: { meetingId: string; title: string | null }[] }>(body)._entities;
    expect(entities.map((e) => e.meetingId)).toEqual([a.id, a.id, b.id, a.id, b.id]);
    expect(entities[0]?.title).toBe(a.title);
    // aiConfig comes with the single-meeting GET: nothing more.
    expect(gets().map((r) => r.path.split('/').at(-1))).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(gw.calls()).toBe(2);
  });

  it('a malformed or foreign representation fails alone, with BAD_USER_INPUT and no upstream call', async () => {
    const a = wire(160);
    const good = { __typename: 'Meeting', id: meetingGlobalId(gw.sandbox, a.id) };
    const representations = [
      good,
      { __typename: 'Meeting', id: 'not a global id' },
      { __typename: 'Meeting' },
      { __typename: 'Meeting', id: encodeGlobalID('User', '42') },
      { __typename: 'Meeting', id: encodeGlobalID('Meeting', 'acc:app:not-a-uuid') },
      { __typename: 'Booking', id: good.id },
      'just a string',
      good,
    ];
    const body = await subgraph(ENTITIES, { representations });
    const entities = dataOf<{ _entities: ({ meetingId: string } | null)[] }>(body)._entities;
    expect(entities).toHaveLength(representations.length);
    expect(entities[0]?.meetingId).toBe(a.id);
    expect(entities[7]?.meetingId).toBe(a.id);
    expect(entities.slice(1, 7)).toEqual([null, null, null, null, null, null]);
    const errors = body.errors ?? [];
    expect(errors.map((e) => e.path)).toEqual([1, 2, 3, 4, 5, 6].map((i) => ['_entities', i]));
    for (const error of errors) expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(gw.calls()).toBe(1);
  });

  it('an unknown meeting is null, without an error', async () => {
    const missing = meetingGlobalId(gw.sandbox, '00000000-0000-4000-8000-000000000000');
    const a = wire(170);
    const body = await subgraph(ENTITIES, {
      representations: [
        { __typename: 'Meeting', id: missing },
        { __typename: 'Meeting', id: meetingGlobalId(gw.sandbox, a.id) },
      ],
    });
    expect(body.errors).toBeUndefined();
    const entities = dataOf<{ _entities: ({ meetingId: string } | null)[] }>(body)._entities;
    expect(entities[0]).toBeNull();
    expect(entities[1]?.meetingId).toBe(a.id);
    expect(gets()).toHaveLength(2);
  });

  it('meetings listed in the same request cost nothing more', async () => {
    const firstPage = (await upstreamOrder(gw.sandbox)).slice(0, 3);
    gw.sandbox.reset();
    const representations = firstPage.map((id) => ({
      __typename: 'Meeting',
      id: meetingGlobalId(gw.sandbox, id),
    }));
    const body = await subgraph(
      `query ListedEntities($representations: [_Any!]!) {
        meetings(first: 3) {
          nodes {
            id
          }
        }
        _entities(representations: $representations) {
          ... on Meeting {
            meetingId
            title
          }
        }
      }`,
      { representations: [representations[2], representations[0], representations[2]] },
    );
    expect(body.errors).toBeUndefined();
    const nodes = dataOf<{ meetings: { nodes: { id: string }[] } }>(body).meetings.nodes;
    expect(nodes.map((n) => n.id)).toEqual(representations.map((r) => r.id));
    const entities = dataOf<{ _entities: { meetingId: string }[] }>(body)._entities;
    expect(entities.map((e) => e.meetingId)).toEqual([firstPage[2], firstPage[0], firstPage[2]]);
    expect(gw.calls()).toBe(1);
    expect(gets()).toHaveLength(0);
  });
});

describe('_entities with a slow upstream', () => {
  let slow: TestGateway;
  beforeAll(async () => {
    slow = await startTestGateway({ env: { UPSTREAM_CONCURRENCY: '2' }, sandbox: { latencyMs: 40 } });
  });
  afterAll(() => slow.close());

  it('fetches distinct meetings at most UPSTREAM_CONCURRENCY at a time', async () => {
    const ids = slow.sandbox.meetings.slice(100, 106).map((m) => m.id);
    const representations = ids.map((id) => ({
      __typename: 'Meeting',
      id: meetingGlobalId(slow.sandbox, id),
    }));
    const { text } = await slow.post({ query: ENTITIES, variables: { representations } });
    const body = JSON.parse(text) as GraphQLBody;
    expect(body.errors).toBeUndefined();
    const entities = dataOf<{ _entities: { meetingId: string }[] }>(body)._entities;
    expect(entities.map((e) => e.meetingId)).toEqual(ids);
    const arrivals = slow.sandbox.requests.map((r) => r.at).sort((x, y) => x - y);
    expect(arrivals).toHaveLength(ids.length);
    // With 2 slots, the third GET can only start once the first has been answered (40 ms).
    for (let i = 0; i + 2 < arrivals.length; i++)
      expect((arrivals[i + 2] ?? 0) - (arrivals[i] ?? 0)).toBeGreaterThanOrEqual(35);
  });
});

describe('behind a Hive gateway, composed with a bookings subgraph', () => {
  // 7 bookings of 3 distinct meetings: the first three of the upstream's list.
  const pattern = [0, 1, 0, 2, 1, 0, 2];
  let booked: string[];
  let ours: Listening;
  let theirs: Listening;
  let hive: GatewayRuntime;

  const meetingById = (id: string) => {
    const meeting = gw.sandbox.meetings.find((m) => m.id === id);
    if (!meeting) throw new Error(`sandbox has no meeting ${id}`);
    return meeting;
  };

  const federated = async (query: string): Promise<GraphQLBody> => {
    const response = await hive.fetch('http://supergraph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as GraphQLBody;
  };

  beforeAll(async () => {
    booked = (await upstreamOrder(gw.sandbox)).slice(0, 3);
    const bookings: Booking[] = pattern.map((index, i) => ({
      id: `b${i}`,
      room: `room-${i}`,
      meetingId: meetingGlobalId(gw.sandbox, booked[index] ?? ''),
    }));
    ours = await listen(gw.app.yoga);
    theirs = await startBookingsSubgraph(bookings);
    const supergraph = composeSupergraph([
      { name: 'meetings', url: ours.url, sdl: await fetchSubgraphSdl(ours.url) },
      { name: 'bookings', url: theirs.url, sdl: await fetchSubgraphSdl(theirs.url) },
    ]);
    hive = startHiveGateway(supergraph);
  });
  afterAll(async () => {
    await hive?.dispose();
    await theirs?.close();
    await ours?.close();
  });

  it('a query starting in the bookings subgraph gets its meetings in one deduplicated batch', async () => {
    const body = await federated(`
      query BookedMeetings {
        bookings {
          room
          meeting {
            meetingId
            title
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
      }
    `);
    expect(body.errors).toBeUndefined();
    const rows = dataOf<{
      bookings: {
        room: string;
        meeting: { meetingId: string; title: string | null; aiConfig: { summarization: unknown } | null };
      }[];
    }>(body).bookings;
    expect(rows).toHaveLength(pattern.length);
    rows.forEach((row, i) => {
      const expected = meetingById(booked[pattern[i] ?? -1] ?? '');
      expect(row.room).toBe(`room-${i}`);
      expect(row.meeting.meetingId).toBe(expected.id);
      expect(row.meeting.title).toBe(expected.title);
      expect(row.meeting.aiConfig).not.toBeNull();
    });
    // 7 bookings of 3 meetings: exactly 3 single-meeting GETs, none twice, no list call.
    const paths = gets().map((r) => r.path);
    expect(paths).toHaveLength(booked.length);
    expect(new Set(paths).size).toBe(booked.length);
    expect(paths.map((p) => p.split('/').at(-1)).sort()).toEqual([...booked].sort());
    expect(gw.calls()).toBe(booked.length);
  });

  it('a query starting in this subgraph reaches the bookings with one list call', async () => {
    const body = await federated(`
      query MeetingsWithBookings {
        meetings(first: 3) {
          nodes {
            meetingId
            bookings {
              room
            }
          }
        }
      }
    `);
    expect(body.errors).toBeUndefined();
    const { nodes } = dataOf<{ meetings: { nodes: { meetingId: string; bookings: { room: string }[] }[] } }>(
      body,
    ).meetings;
    expect(nodes.map((n) => n.meetingId)).toEqual(booked);
    expect(nodes.map((n) => n.bookings.map((b) => b.room))).toEqual([
      ['room-0', 'room-2', 'room-5'],
      ['room-1', 'room-4'],
      ['room-3', 'room-6'],
    ]);
    expect(gw.calls()).toBe(1);
  });
});
