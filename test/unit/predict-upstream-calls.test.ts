import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { type CostModel, predictUpstreamCalls } from '../../src/cost/predict-upstream-calls.ts';
import { encodeCursor } from '../../src/pagination/cursor.ts';
import { filterKey, participantsKey } from '../../src/pagination/filters.ts';
import { encodeGlobalID, meetingLocalId } from '../../src/schema/global-id.ts';
import { subgraphSchema } from '../../src/schema/index.ts';

const ACCOUNT = 'acc';
const APP = 'app';
const model: CostModel = {
  maxPageSize: 100,
  maxPerPage: 100,
  argumentRules: { defaultAccountId: ACCOUNT, defaultAppId: APP, maxPageSize: 100 },
};
const KEY = filterKey({ accountId: ACCOUNT, appId: APP });
const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const globalId = (i: number, appId = APP) =>
  encodeGlobalID('Meeting', meetingLocalId({ accountId: ACCOUNT, appId, meetingId: uuid(i) }));

function predict(
  query: string,
  variables?: Record<string, unknown>,
  operationName?: string,
  m = model,
): number {
  return predictUpstreamCalls(subgraphSchema, parse(query), variables, operationName, m);
}

const AI = 'aiConfig { transcription { language } }';

describe('predictUpstreamCalls', () => {
  it.each([
    ['one page', '{ meetings(first: 20) { totalCount } }', 1],
    ['the default page', '{ meetings { totalCount } }', 1],
    ['an empty window still probes the total', '{ meetings(first: 0) { totalCount } }', 1],
    [
      'the same window under three aliases',
      '{ a: meetings(first: 10) { totalCount } b: meetings(first: 10) { nodes { id } } c: meetings(first: 10) { edges { cursor } } }',
      1,
    ],
    [
      'two windows planned together',
      '{ a: meetings(first: 5) { totalCount } b: meetings(first: 95) { totalCount } }',
      1,
    ],
    [
      'different filters do not share',
      '{ a: meetings(first: 10) { totalCount } b: meetings(first: 10, status: ACTIVE) { totalCount } }',
      2,
    ],
    ['aiConfig on edges: one GET per position', `{ meetings(first: 30) { edges { node { ${AI} } } } }`, 31],
    ['aiConfig on nodes', `{ meetings(first: 100) { nodes { ${AI} } } }`, 101],
    [
      'aiConfig on overlapping windows counts each position once',
      `{ a: meetings(first: 30) { nodes { ${AI} } } b: meetings(first: 40) { nodes { ${AI} } } }`,
      41,
    ],
    [
      'aiConfig through fragments',
      `{ meetings(first: 10) { ...C } } fragment C on MeetingConnection { edges { node { ...M } } } fragment M on Meeting { ${AI} }`,
      11,
    ],
    [
      'aiConfig skipped',
      '{ meetings(first: 10) { nodes { aiConfig @skip(if: true) { transcription { language } } } } }',
      1,
    ],
    ['last without before: probe plus the widest tail', '{ meetings(last: 10) { totalCount } }', 3],
    ['last: 1 needs one page after the probe', '{ meetings(last: 1) { totalCount } }', 2],
    ['last: 0 only probes', '{ meetings(last: 0) { totalCount } }', 1],
    [
      'a tail beside a range: no probe',
      '{ a: meetings(first: 10) { totalCount } b: meetings(last: 100) { totalCount } }',
      3,
    ],
    ['aiConfig on a tail', `{ meetings(last: 20) { nodes { ${AI} } } }`, 23],
    ['meeting by id', `{ meeting(meetingId: "${uuid(1)}") { ${AI} } }`, 1],
    [
      'meeting, node and nodes of one meeting count once',
      `{ meeting(meetingId: "${uuid(1).toUpperCase()}") { title } node(id: "${globalId(1)}") { id } nodes(ids: ["${globalId(1)}", "${globalId(1)}"]) { id } }`,
      1,
    ],
    [
      'nodes: one per distinct valid id',
      `{ nodes(ids: ["${globalId(1)}", "${globalId(2)}", "garbage", "${encodeGlobalID('User', 'x')}"]) { id } }`,
      2,
    ],
    ['__typename and _service cost nothing', '{ __typename _service { sdl } }', 0],
    ['bad page size', '{ meetings(first: 500) { totalCount } }', 0],
    ['first and last together', '{ meetings(first: 5, last: 5) { totalCount } }', 0],
    ['a garbage cursor', '{ meetings(after: "garbage") { totalCount } }', 0],
    ['a bad app id', '{ meetings(appId: "../x") { totalCount } }', 0],
    [
      'startTime after endTime',
      '{ meetings(startTime: "2026-02-01T00:00:00Z", endTime: "2026-01-01T00:00:00Z") { totalCount } }',
      0,
    ],
  ])('%s', (_name, query, expected) => {
    expect(predict(query)).toBe(expected);
  });

  it('decodes cursors to positions (windows known up front)', () => {
    const after = encodeCursor(89, KEY);
    // [0, 5) and [90, 95): one page of 95.
    expect(
      predict(
        `{ a: meetings(first: 5) { totalCount } b: meetings(first: 5, after: "${after}") { totalCount } }`,
      ),
    ).toBe(1);
    // [0, 100) and [150, 250): more than one page.
    const far = encodeCursor(149, KEY);
    expect(
      predict(
        `{ a: meetings(first: 100) { totalCount } b: meetings(first: 100, after: "${far}") { totalCount } }`,
      ),
    ).toBe(3);
    // A cursor of other filters is BAD_USER_INPUT: 0.
    expect(predict(`{ meetings(first: 5, after: "${after}", status: ACTIVE) { totalCount } }`)).toBe(0);
  });

  it('reads variables (coerced) and picks the named operation', () => {
    const query = `
      query Small($n: Int) { meetings(first: $n) { nodes { ${AI} } } }
      query Ids($ids: [ID!]!) { nodes(ids: $ids) { id } }
      query E($r: [_Any!]!) { _entities(representations: $r) { ... on Meeting { title } } }`;
    expect(predict(query, { n: 7 }, 'Small')).toBe(8);
    expect(predict(query, { n: 'seven' }, 'Small')).toBe(0);
    expect(predict(query, { ids: [1, 2, 3].map((i) => globalId(i)) }, 'Ids')).toBe(3);
    expect(
      predict(
        query,
        {
          r: [
            { __typename: 'Meeting', id: globalId(1) },
            { __typename: 'Meeting', id: globalId(1) },
            { __typename: 'Meeting', id: globalId(2) },
            { __typename: 'Other', id: globalId(3) },
            'garbage',
          ],
        },
        'E',
      ),
    ).toBe(2);
    expect(predict(query, {}, undefined)).toBe(0);
  });

  it('more than 100 ids is BAD_USER_INPUT: 0', () => {
    const ids = Array.from({ length: 101 }, (_, i) => globalId(i));
    expect(predict('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids })).toBe(0);
  });

  it('follows UPSTREAM_MAX_PER_PAGE', () => {
    const small: CostModel = { ...model, maxPerPage: 10 };
    expect(predict('{ meetings(first: 100) { totalCount } }', undefined, undefined, small)).toBe(10);
    expect(predict('{ meetings(last: 25) { totalCount } }', undefined, undefined, small)).toBe(1 + 4);
  });
});

describe('predictUpstreamCalls with stopAbove (the call limit)', () => {
  // Three 60-item windows 1000 apart: 180 positions need at least 2 calls of ≤ 100, and the
  // planner finds that 3 are needed.
  const cursorAt = (position: number) => encodeCursor(position, KEY);
  const query = `{ a: meetings(first: 60) { totalCount } b: meetings(first: 60, after: "${cursorAt(999)}") { totalCount } c: meetings(first: 60, after: "${cursorAt(1999)}") { totalCount } }`;

  it('plans exactly while the cheap lower bound is within the limit', () => {
    expect(predict(query)).toBe(3);
    expect(predict(query, undefined, undefined, { ...model, stopAbove: 2 })).toBe(3);
  });

  it('returns the lower bound, without planning, once it alone exceeds the limit', () => {
    expect(predict(query, undefined, undefined, { ...model, stopAbove: 1 })).toBe(2);
  });
});

describe('predictUpstreamCalls: participants, live sessions and mutations', () => {
  const participantId = (i: number) =>
    encodeGlobalID(
      'Participant',
      `${meetingLocalId({ accountId: ACCOUNT, appId: APP, meetingId: uuid(i) })}:${uuid(900 + i)}`,
    );

  it.each([
    [
      'participants of 10 listed meetings: 1 list call + 10 participants calls',
      '{ meetings(first: 10) { nodes { participants(first: 5) { totalCount } } } }',
      11,
    ],
    [
      'through edges and aliases of the same list',
      '{ meetings(first: 10) { edges { node { a: participants(first: 5) { totalCount } b: participants(first: 5) { totalCount } } } } }',
      11,
    ],
    [
      'participants with last: probe plus tail per meeting',
      '{ meetings(first: 2) { nodes { participants(last: 10) { totalCount } } } }',
      1 + 2 * 3,
    ],
    [
      'activeSession: one GET per listed meeting',
      '{ meetings(first: 4) { nodes { activeSession { status } } } }',
      5,
    ],
    [
      'participants and activeSession of one meeting',
      `{ meeting(meetingId: "${uuid(1)}") { participants { totalCount } activeSession { status } } }`,
      3,
    ],
    [
      'node of a meeting with participants',
      `{ node(id: "${globalId(1)}") { ... on Meeting { participants(first: 100) { totalCount } } } }`,
      2,
    ],
    [
      'participant nodes: one GET per distinct participant',
      `{ nodes(ids: ["${participantId(1)}", "${participantId(1)}", "${participantId(2)}"]) { id } }`,
      2,
    ],
    ['a mutation: one write', 'mutation { createMeeting(input: { title: "x" }) { meeting { id } } }', 1],
    [
      'two mutations and a payload that reads participants',
      `mutation { a: createMeeting(input: { title: "x" }) { meeting { participants { totalCount } } } b: removeParticipant(input: { id: "${participantId(1)}" }) { customParticipantId } }`,
      3,
    ],
  ])('%s', (_name, query, expected) => {
    expect(predict(query)).toBe(expected);
  });

  it('decodes participants cursors without knowing the meeting yet', () => {
    const after = encodeCursor(149, participantsKey({ accountId: ACCOUNT, appId: APP, meetingId: uuid(1) }));
    // [150, 250) needs two pages of at most 100.
    expect(
      predict(
        `{ meeting(meetingId: "${uuid(1)}") { participants(first: 100, after: "${after}") { totalCount } } }`,
      ),
    ).toBe(1 + 2);
  });
});
