import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT_ID, DEFAULT_APP_ID } from '../../src/sandbox/seed.ts';
import { encodeGlobalID, meetingLocalId } from '../../src/schema/global-id.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

const AI = 'aiConfig { transcription { language } }';

describe('MAX_UPSTREAM_CALLS_PER_OPERATION (default 50)', () => {
  let gw: TestGateway;
  const run = async (query: string, variables?: Record<string, unknown>) => {
    const { status, text } = await gw.post({ query, variables });
    return { status, body: JSON.parse(text) as Body };
  };
  const globalId = (i: number) =>
    encodeGlobalID(
      'Meeting',
      meetingLocalId({
        accountId: DEFAULT_ACCOUNT_ID,
        appId: DEFAULT_APP_ID,
        meetingId: gw.sandbox.meetings[i]?.id ?? '',
      }),
    );

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());
  beforeEach(() => gw.sandbox.reset());

  it.each([
    [`{ meetings(first: 100) { nodes { ${AI} } } }`, 101],
    [
      `{ a: meetings(first: 50) { nodes { ${AI} } } b: meetings(first: 10, status: ACTIVE) { nodes { id } } }`,
      52,
    ],
    [`{ meetings(last: 60) { edges { node { ${AI} } } } }`, 63],
    [
      `query Many { ${Array.from({ length: 18 }, (_, i) => `m${i}: meetings(first: 3, search: "s${i}") { totalCount }`).join(' ')} one: meetings(first: 100) { nodes { ${AI} } } }`,
      18 + 101,
    ],
  ])('rejects %s with its exact prediction and no upstream call', async (query, predicted) => {
    const { status, body } = await run(query);
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.extensions).toEqual({
      code: 'QUERY_TOO_EXPENSIVE',
      predictedUpstreamCalls: predicted,
      limit: 50,
    });
    expect(body.errors?.[0]?.message).toBe(
      `This operation would need up to ${predicted} calls to the meetings service; at most 50 are allowed per operation.`,
    );
    expect(gw.calls()).toBe(0);
  });

  it('counts nodes from variables: 51 distinct ids are rejected, 50 run', async () => {
    const query = 'query Ids($ids: [ID!]!) { nodes(ids: $ids) { id } }';
    const ids = Array.from({ length: 51 }, (_, i) => globalId(i));
    const rejected = await run(query, { ids });
    expect(rejected.body.errors?.[0]?.extensions).toMatchObject({ predictedUpstreamCalls: 51, limit: 50 });
    expect(gw.calls()).toBe(0);
    const accepted = await run(query, { ids: [...ids.slice(0, 50), ...ids.slice(0, 50)] });
    expect(accepted.body.errors).toBeUndefined();
    expect(gw.calls()).toBe(50);
  });

  it('predicts each variable set of a repeated document on its own', async () => {
    const query = `query Page($n: Int!, $op: String) { meetings(first: $n, search: $op) { nodes { ${AI} } } }`;
    const outcomes: unknown[] = [];
    for (const [n, op] of [
      [10, null],
      [60, null],
      [10, null],
      [60, 'x'],
      [60, null],
    ] as const) {
      const { body } = await run(query, { n, op });
      outcomes.push(body.errors?.[0]?.extensions?.predictedUpstreamCalls ?? 'ran');
    }
    expect(outcomes).toEqual(['ran', 61, 'ran', 61, 61]);
    const other = await run(query.replace('query Page', 'query Page2'), { n: 60, op: null });
    expect(other.body.errors?.[0]?.extensions).toMatchObject({ predictedUpstreamCalls: 61 });
  });

  it.each([
    [`{ meetings(first: 49) { nodes { ${AI} } } }`, 50],
    [
      `{ a: meetings(first: 20) { nodes { ${AI} } } b: meetings(first: 30) { edges { node { ${AI} } } } }`,
      31,
    ],
    ['{ a: meetings(first: 5) { totalCount } b: meetings(first: 5, status: INACTIVE) { totalCount } }', 2],
  ])('runs %s, making exactly the %i predicted calls', async (query, calls) => {
    const { body } = await run(query);
    expect(body.errors).toBeUndefined();
    expect(gw.calls()).toBe(calls);
  });

  it('bad arguments count 0 and fail as BAD_USER_INPUT', async () => {
    const { body } = await run(`{ meetings(first: 500) { nodes { ${AI} } } }`);
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(gw.calls()).toBe(0);
  });
});

describe('a lower MAX_UPSTREAM_CALLS_PER_OPERATION', () => {
  it('applies the configured limit', async () => {
    const gw = await startTestGateway({ env: { MAX_UPSTREAM_CALLS_PER_OPERATION: '3' } });
    try {
      // last: 10 → the probe plus at most 2 pages for the tail: 3, allowed.
      const allowed = await gw.post({ query: '{ meetings(last: 10) { totalCount } }' });
      expect(JSON.parse(allowed.text).errors).toBeUndefined();
      expect(gw.calls()).toBeLessThanOrEqual(3);
      gw.sandbox.reset();
      const tooMany = await gw.post({ query: `{ meetings(first: 3) { nodes { ${AI} } } }` });
      expect(JSON.parse(tooMany.text).errors[0].extensions).toEqual({
        code: 'QUERY_TOO_EXPENSIVE',
        predictedUpstreamCalls: 4,
        limit: 3,
      });
      expect(gw.calls()).toBe(0);
    } finally {
      await gw.close();
    }
  });
});
