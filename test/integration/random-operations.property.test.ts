import fc from 'fast-check';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CostModel, predictUpstreamCalls } from '../../src/cost/predict-upstream-calls.ts';
import { encodeCursor } from '../../src/pagination/cursor.ts';
import { filterKey } from '../../src/pagination/filters.ts';
import { DEFAULT_ACCOUNT_ID, DEFAULT_APP_ID } from '../../src/sandbox/seed.ts';
import { encodeGlobalID, meetingLocalId } from '../../src/schema/global-id.ts';
import { subgraphSchema } from '../../src/schema/index.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

/**
 * Random operations and variables against the real app (sandbox upstream on loopback):
 * `meetings` with random arguments (garbage cursors, ids, dates, sizes), `meeting`,
 * `node`, `nodes`, under aliases, with random selections. Whatever comes in:
 * - no 5xx, and no unmasked or unexpected error: every error has an `extensions.code`
 *   and none is INTERNAL_SERVER_ERROR / "Unexpected error.";
 * - the upstream-call prediction holds: an operation predicted above the limit is refused
 *   with that number and makes no call; any other makes at most the predicted calls.
 */

interface Operation {
  query: string;
  variables: Record<string, unknown>;
}

const KEY = filterKey({ accountId: DEFAULT_ACCOUNT_ID, appId: DEFAULT_APP_ID });
const ACTIVE_KEY = filterKey({ accountId: DEFAULT_ACCOUNT_ID, appId: DEFAULT_APP_ID, status: 'ACTIVE' });

function operations(meetingIds: readonly string[]): fc.Arbitrary<Operation> {
  const realId = fc.constantFrom(...meetingIds);
  const uuid = fc.oneof(
    realId,
    realId.map((id) => id.toUpperCase()),
    fc.uuid(),
  );
  const globalId = fc.oneof(
    uuid.map((meetingId) =>
      encodeGlobalID(
        'Meeting',
        meetingLocalId({ accountId: DEFAULT_ACCOUNT_ID, appId: DEFAULT_APP_ID, meetingId }),
      ),
    ),
    fc.string({ maxLength: 30 }),
    fc.constant(encodeGlobalID('User', '42')),
    fc.constant(encodeGlobalID('Meeting', 'acc:app:not-a-uuid')),
    fc.base64String({ maxLength: 40 }),
  );
  const cursor = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 300 }).map((p) => encodeCursor(p, KEY)) },
    fc.integer({ min: 0, max: 300 }).map((p) => encodeCursor(p, ACTIVE_KEY)),
    fc.integer({ min: 0, max: 2 ** 52 }).map((p) => encodeCursor(p, KEY)),
    fc.string({ maxLength: 40 }),
  );
  const count = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 30 }) },
    fc.integer({ min: -3, max: 130 }),
  );
  const id = fc.oneof(
    { weight: 6, arbitrary: fc.constant(DEFAULT_APP_ID) },
    fc.constantFrom('', '../x', 'a/b', 'x'.repeat(70), 'other-app'),
    fc.string({ maxLength: 10 }),
  );
  const date = fc.oneof(
    fc
      .date({ min: new Date('2024-01-01'), max: new Date('2027-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString()),
    fc.constantFrom('yesterday', '2026-13-45T00:00:00Z', ''),
  );
  /** Absent `absent` times out of `absent + 1`. */
  const maybe = <T>(arb: fc.Arbitrary<T>, absent = 1) =>
    fc.oneof({ weight: absent, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

  const meetingFields = fc
    .subarray(
      [
        'id',
        'meetingId',
        'title',
        'status',
        'createdAt',
        'recordingConfig { maxSeconds storageConfig { type bucket } videoConfig { codec watermark { position } } }',
        'aiConfig { summarization { summaryType } transcription { language } }',
        '... on Node { id }',
      ],
      { minLength: 1 },
    )
    .map((fields) => fields.join(' '));
  const connectionFields = fc
    .tuple(
      fc.subarray(['totalCount', 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }'], {}),
      fc.option(meetingFields, { nil: undefined }),
      fc.option(meetingFields, { nil: undefined }),
    )
    .map(([plain, edgeNode, node]) => {
      const fields = [...plain];
      if (edgeNode) fields.push(`edges { cursor node { ${edgeNode} } }`);
      if (node) fields.push(`nodes { ${node} }`);
      return fields.length > 0 ? fields.join(' ') : 'totalCount';
    });

  type Root = { field: string; args: [string, string, unknown][]; selection: string };
  const meetings: fc.Arbitrary<Root> = fc
    .record({
      first: maybe(count),
      last: maybe(count, 4),
      after: maybe(cursor),
      before: maybe(cursor, 3),
      appId: maybe(id),
      status: maybe(fc.constantFrom('ACTIVE', 'INACTIVE', 'INACTIVE', 'ACTIV'), 2),
      search: maybe(
        fc.oneof({ weight: 5, arbitrary: fc.string({ maxLength: 8 }) }, fc.constant('y'.repeat(201))),
        3,
      ),
      startTime: maybe(date, 4),
      endTime: maybe(date, 4),
      selection: connectionFields,
    })
    .map(({ selection, ...args }) => ({
      field: 'meetings',
      selection,
      args: Object.entries(args)
        .filter(([, value]) => value !== undefined)
        .map(([name, value]): [string, string, unknown] => [
          name,
          { first: 'Int', last: 'Int', status: 'MeetingStatus', startTime: 'DateTime', endTime: 'DateTime' }[
            name
          ] ?? 'String',
          value,
        ]),
    }));
  const meeting: fc.Arbitrary<Root> = fc
    .record({ meetingId: uuid, appId: maybe(id, 2), selection: meetingFields })
    .map(({ meetingId, appId, selection }) => ({
      field: 'meeting',
      selection,
      args: [
        ['meetingId', 'UUID!', meetingId],
        ...(appId === undefined ? [] : [['appId', 'String', appId] as [string, string, unknown]]),
      ],
    }));
  const node: fc.Arbitrary<Root> = fc
    .record({ id: globalId, selection: meetingFields })
    .map(({ id: value, selection }) => ({
      field: 'node',
      selection: `... on Meeting { ${selection} }`,
      args: [['id', 'ID!', value]],
    }));
  const nodes: fc.Arbitrary<Root> = fc
    .record({ ids: fc.array(globalId, { maxLength: 12 }), selection: meetingFields })
    .map(({ ids, selection }) => ({
      field: 'nodes',
      selection: `... on Meeting { ${selection} }`,
      args: [['ids', '[ID!]!', ids]],
    }));

  return fc
    .tuple(
      fc.array(fc.oneof({ weight: 3, arbitrary: meetings }, meeting, node, nodes), {
        minLength: 1,
        maxLength: 4,
      }),
      fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    )
    .map(([roots, wrongType]) => {
      const definitions: string[] = [];
      const variables: Record<string, unknown> = {};
      const fields = roots.map((root, r) => {
        const args = root.args.map(([name, type, value]) => {
          const variable = `v${r}_${name}`;
          definitions.push(`$${variable}: ${type}`);
          variables[variable] = value;
          return `${name}: $${variable}`;
        });
        return `a${r}: ${root.field}${args.length > 0 ? `(${args.join(', ')})` : ''} { ${root.selection} }`;
      });
      // Sometimes a variable of the wrong type (a request error, before anything runs).
      const first = Object.keys(variables)[0];
      if (wrongType && first !== undefined) variables[first] = { not: 'right' };
      const header = definitions.length > 0 ? `query Random(${definitions.join(', ')})` : 'query Random';
      return { query: `${header} { ${fields.join(' ')} }`, variables };
    });
}

describe('random operations against the app', () => {
  let gw: TestGateway;
  let model: CostModel;
  beforeAll(async () => {
    gw = await startTestGateway();
    model = {
      maxPageSize: gw.config.maxPageSize,
      maxPerPage: gw.config.upstreamMaxPerPage,
      defaults: { accountId: DEFAULT_ACCOUNT_ID, appId: DEFAULT_APP_ID, maxPageSize: gw.config.maxPageSize },
    };
  });
  afterAll(() => gw.close());

  it('never answer 5xx or an unmasked error, and never call upstream more than predicted', async () => {
    const ids = gw.sandbox.meetings.map((m) => m.id);
    let refused = 0;
    let ran = 0;
    await fc.assert(
      fc.asyncProperty(operations(ids), async ({ query, variables }) => {
        gw.sandbox.reset();
        // As the gateway predicts: above the limit, a cheap lower bound may be what is reported.
        const predicted = predictUpstreamCalls(subgraphSchema, parse(query), variables, 'Random', {
          ...model,
          stopAbove: gw.config.maxUpstreamCallsPerOperation,
        });
        const { status, text } = await gw.post({ query, variables });
        expect(status).toBeLessThan(500);
        const body = JSON.parse(text) as { errors?: { message: string; extensions?: { code?: unknown } }[] };
        for (const error of body.errors ?? []) {
          expect(typeof error.extensions?.code, error.message).toBe('string');
          expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
          expect(error.message).not.toBe('Unexpected error.');
        }
        if (predicted > gw.config.maxUpstreamCallsPerOperation) {
          refused += 1;
          expect(body.errors?.map((e) => e.extensions)).toEqual([
            { code: 'QUERY_TOO_EXPENSIVE', predictedUpstreamCalls: predicted, limit: 50 },
          ]);
          expect(gw.calls()).toBe(0);
        } else {
          ran += 1;
          expect(gw.calls()).toBeLessThanOrEqual(predicted);
        }
      }),
      { numRuns: 200 },
    );
    expect(ran).toBeGreaterThan(0);
    expect(refused + ran).toBe(200);
  });
});
