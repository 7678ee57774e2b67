import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { type ExecutionResult, execute, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/pagination/cursor.ts';
import { filterKey } from '../../src/pagination/filters.ts';
import { DEFAULT_ACCOUNT_ID, DEFAULT_APP_ID, seedMeetings } from '../../src/sandbox/seed.ts';
import type { WireMeeting } from '../../src/sandbox/wire.ts';
import { encodeGlobalID, meetingLocalId } from '../../src/schema/global-id.ts';
import { subgraphSchema } from '../../src/schema/index.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

// Differential test of execution: random valid operations over the real schema run
// through the gateway's own path (the yoga app: parse, validation, protections, execution,
// serialization over HTTP) and through plain graphql-js `execute` with the same schema,
// resolvers and per-request context against the same upstream. Both must give the same
// `data` (so the same list lengths), and the same errors: paths, codes and messages.
//
// The upstream data make items fail at every list position: meetings whose single GET is
// refused (403) or answers a broken body (their `aiConfig`, `node`, `nodes` entry or
// entity fails), that do not exist (404: null, no error), and that carry enum values the
// schema lacks (a nullable field fails, and `StorageConfig.type`, non-null, nulls its
// parent). Operations use aliases, named and inline fragments, variables and literals.

interface Json {
  data?: unknown;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: unknown } }[];
}

const COUNT = 24;
const KEY = filterKey({ accountId: DEFAULT_ACCOUNT_ID, appId: DEFAULT_APP_ID });

function upstreamMeetings(): WireMeeting[] {
  const meetings = seedMeetings({ count: COUNT, seed: 12 });
  meetings.forEach((m, i) => {
    if (i % 5 === 1) {
      m.recording_config = {
        ...m.recording_config,
        video_config: { codec: 'AV1', width: 1920 },
        storage_config: { type: 'backblaze', bucket: `b-${i}` },
      };
    }
    if (i % 7 === 3) m.status = 'ARCHIVED' as WireMeeting['status'];
    if (i % 6 === 2) m.ai_config = { summarization: { summary_type: 'podcast', word_limit: 300 } };
  });
  return meetings;
}

const globalIdOf = (meetingId: string) =>
  encodeGlobalID(
    'Meeting',
    meetingLocalId({ accountId: DEFAULT_ACCOUNT_ID, appId: DEFAULT_APP_ID, meetingId }),
  );

/** Normalises a result for comparison: errors sorted by path, each with path, code and message. */
function normalise(result: Json): { data: unknown; errors: unknown[] } {
  const errors = (result.errors ?? []).map((e) => ({
    path: e.path ?? null,
    code: e.extensions?.code ?? null,
    message: e.message,
  }));
  errors.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return { data: result.data ?? null, errors };
}

interface Operation {
  query: string;
  variables: Record<string, unknown>;
}

function operations(ids: {
  good: string[];
  forbidden: string[];
  broken: string[];
  missing: string[];
}): fc.Arbitrary<Operation> {
  const anyMeetingId = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ids.good) },
    fc.constantFrom(...ids.forbidden),
    fc.constantFrom(...ids.broken),
    fc.constantFrom(...ids.missing),
  );
  const globalId = fc.oneof(
    { weight: 6, arbitrary: anyMeetingId.map(globalIdOf) },
    fc.constantFrom(
      'bad',
      'zzz',
      '',
      encodeGlobalID('User', '7'),
      encodeGlobalID('Meeting', 'x:y:not-a-uuid'),
    ),
  );
  const representation = fc.oneof(
    { weight: 6, arbitrary: globalId.map((id) => ({ __typename: 'Meeting', id })) },
    fc.constantFrom<unknown>({ __typename: 'Meeting' }, { __typename: 'Participant', id: 'x' }, { id: 'x' }),
  );

  // Meeting selections: scalars, nested configs with enum fields, aiConfig (a GET per listed meeting).
  const leaf = fc.constantFrom(
    'id',
    'meetingId',
    'title',
    'status',
    'createdAt',
    'updatedAt',
    'recordOnStart',
    'sessionKeepAliveTimeInSecs',
    'alias1: title',
    'alias2: status',
    '__typename',
  );
  const nested = fc.constantFrom(
    'recordingConfig { maxSeconds videoConfig { codec width } }',
    'recordingConfig { storageConfig { type bucket } fileNamePrefix }',
    'recordingConfig { audioConfig { codec channel } storageConfig { bucket type } }',
    'rc: recordingConfig { videoConfig { watermark { position } codec } }',
    'aiConfig { summarization { summaryType wordLimit textFormat } }',
    'aiConfig { transcription { language keywords } }',
    '...MeetingBits',
    '... on Meeting { title st: status }',
  );
  const meetingSelection = fc
    .tuple(fc.uniqueArray(leaf, { minLength: 1, maxLength: 4 }), fc.uniqueArray(nested, { maxLength: 3 }))
    .map(([a, b]) => [...a, ...b].join(' '));

  type Root = { text: string; variables: Record<string, unknown> };
  const root = (r: number): fc.Arbitrary<Root> =>
    fc.oneof(
      fc
        .record({
          first: fc.integer({ min: 1, max: 8 }),
          after: fc.option(fc.integer({ min: 0, max: 14 }), { nil: undefined }),
          viaVariable: fc.boolean(),
          part: fc.constantFrom('edges', 'nodes', 'both'),
          selection: meetingSelection,
        })
        .map(({ first, after, viaVariable, part, selection }) => {
          const args = [viaVariable ? `first: $first${r}` : `first: ${first}`];
          if (after !== undefined) args.push(`after: ${JSON.stringify(encodeCursor(after, KEY))}`);
          const parts = [];
          if (part !== 'nodes') parts.push(`edges { cursor node { ${selection} } }`);
          if (part !== 'edges') parts.push(`nodes { ${selection} }`);
          return {
            text: `m${r}: meetings(${args.join(', ')}) { totalCount pageInfo { hasNextPage endCursor } ${parts.join(' ')} }`,
            variables: viaVariable ? { [`first${r}`]: first } : {},
          };
        }),
      fc.record({ id: anyMeetingId, selection: meetingSelection }).map(({ id, selection }) => ({
        text: `one${r}: meeting(meetingId: $mid${r}) { ${selection} }`,
        variables: { [`mid${r}`]: id },
      })),
      fc.record({ id: globalId, selection: meetingSelection }).map(({ id, selection }) => ({
        text: `n${r}: node(id: ${JSON.stringify(id)}) { __typename ...on Meeting { ${selection} } }`,
        variables: {},
      })),
      fc
        .record({ ids: fc.array(globalId, { minLength: 0, maxLength: 7 }), selection: meetingSelection })
        .map(({ ids: list, selection }) => ({
          text: `ns${r}: nodes(ids: $ids${r}) { id ... on Meeting { ${selection} } }`,
          variables: { [`ids${r}`]: list },
        })),
      fc
        .record({
          reps: fc.array(representation, { minLength: 0, maxLength: 7 }),
          selection: meetingSelection,
        })
        .map(({ reps, selection }) => ({
          text: `e${r}: _entities(representations: $reps${r}) { __typename ... on Meeting { ${selection} } }`,
          variables: { [`reps${r}`]: reps },
        })),
    );

  const TYPES: Record<string, string> = { first: 'Int!', mid: 'UUID!', ids: '[ID!]!', reps: '[_Any!]!' };
  return fc
    .integer({ min: 1, max: 3 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, r) => root(r))))
    .map((roots) => {
      const variables = Object.assign({}, ...roots.map((r) => r.variables)) as Record<string, unknown>;
      const definitions = Object.keys(variables).map(
        (name) => `$${name}: ${TYPES[name.replace(/\d+$/, '')]}`,
      );
      const body = roots.map((r) => r.text).join(' ');
      const fragment = body.includes('...MeetingBits')
        ? ' fragment MeetingBits on Meeting { meetingId recordingConfig { storageConfig { type } } }'
        : '';
      const header =
        definitions.length > 0 ? `query Differential(${definitions.join(', ')})` : 'query Differential';
      return { query: `${header} { ${body} }${fragment}`, variables };
    });
}

describe('execution: the gateway answers what plain graphql-js answers', () => {
  // Two gateways on the same data: production's executor (a selection's field loop is
  // generated once it has run often, which a random operation rarely reaches), and one whose
  // every loop is generated on its first run (`execution/compiled-fields.ts`).
  let gw: TestGateway;
  let generated: TestGateway;
  let ids: { good: string[]; forbidden: string[]; broken: string[]; missing: string[] };
  beforeAll(async () => {
    const meetings = upstreamMeetings();
    const all = meetings.map((m) => m.id.toLowerCase());
    ids = {
      forbidden: all.filter((_, i) => i % 4 === 0),
      broken: all.filter((_, i) => i % 9 === 5),
      good: all.filter((_, i) => i % 4 !== 0 && i % 9 !== 5),
      missing: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'],
    };
    gw = await startTestGateway({ sandbox: { meetings } });
    generated = await startTestGateway({ sandbox: { meetings }, execution: { compileAfterRuns: 1 } });
    // Single-meeting GETs of some meetings fail for good (403: no retry, no breaker), others
    // answer a body for another meeting (an UPSTREAM_ERROR); lists are always served.
    const forbidden = new Set(ids.forbidden);
    const broken = new Set(ids.broken);
    const meetingOf = (path: string) => path.split('/').pop()?.toLowerCase() ?? '';
    for (const { sandbox } of [gw, generated]) {
      sandbox.inject({
        match: (r) => r.kind === 'get' && forbidden.has(meetingOf(r.path)),
        times: 1e9,
        status: 403,
      });
      sandbox.inject({
        match: (r) => r.kind === 'get' && broken.has(meetingOf(r.path)),
        times: 1e9,
        status: 200,
        body: { success: true, data: { ...meetings[0], id: ids.missing[0] } },
      });
    }
  });
  afterAll(async () => {
    await gw.close();
    await generated.close();
  });

  async function viaGraphqlJs({ query, variables }: Operation): Promise<Json> {
    const contextValue = await gw.app.contextFor(
      new Request('http://gateway.test/graphql', { method: 'POST' }),
    );
    const result = (await execute({
      schema: subgraphSchema,
      document: parse(query),
      variableValues: variables,
      contextValue,
    })) as ExecutionResult;
    // What goes over the wire: JSON (errors keep message, path and extensions).
    return JSON.parse(JSON.stringify(result)) as Json;
  }

  it('same data, list lengths, error paths, codes and messages for random operations', async () => {
    let refused = 0;
    let withErrors = 0;
    await fc.assert(
      fc.asyncProperty(operations(ids), async (operation) => {
        const { status, text } = await gw.post(operation);
        const gateway = JSON.parse(text) as Json;
        const codes = (gateway.errors ?? []).map((e) => e.extensions?.code);
        // Operations the gateway's protections refuse before execution are not compared.
        if (codes.includes('QUERY_TOO_EXPENSIVE') || codes.includes('QUERY_TOO_COMPLEX')) {
          refused++;
          return;
        }
        expect(status, text).toBe(200);
        const reference = await viaGraphqlJs(operation);
        if ((reference.errors ?? []).length > 0) withErrors++;
        expect(normalise(gateway), operation.query).toEqual(normalise(reference));
        // The generated loops answer the same, to the letter (key order included).
        const viaGenerated = await generated.post(operation);
        expect(viaGenerated.status, viaGenerated.text).toBe(200);
        expect(JSON.stringify(normalise(JSON.parse(viaGenerated.text) as Json)), operation.query).toBe(
          JSON.stringify(normalise(gateway)),
        );
      }),
      { numRuns: 150 },
    );
    // The property was exercised: most operations ran, and many had failing items.
    expect(refused).toBeLessThan(40);
    expect(withErrors).toBeGreaterThan(30);
  });
});

describe('failing list items keep their place (over HTTP)', () => {
  let gw: TestGateway;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    gw = await startTestGateway();
    server = createServer(gw.app.yoga);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await gw.close();
  });

  async function ask(query: string, variables: Record<string, unknown>): Promise<Json> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Json;
  }

  it('nodes(ids: [valid, valid, "bad", "zzz"]) answers 4 entries, the last two null with their errors', async () => {
    const [a, b] = gw.sandbox.meetings.map((m) => globalIdOf(m.id.toLowerCase()));
    const body = await ask('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [a, b, 'bad', 'zzz'] });
    expect((body.data as { nodes: unknown[] }).nodes).toEqual([{ id: a }, { id: b }, null, null]);
    expect(body.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['nodes', 2], 'BAD_USER_INPUT'],
      [['nodes', 3], 'BAD_USER_INPUT'],
    ]);
  });

  it('_entities with 5 representations whose last two are bad answers 5 entries', async () => {
    const reps = gw.sandbox.meetings
      .slice(0, 3)
      .map((m) => ({ __typename: 'Meeting', id: globalIdOf(m.id) }));
    const body = await ask(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Meeting { meetingId } } }',
      { r: [...reps, { __typename: 'Meeting', id: 'bad' }, { __typename: 'Nope', id: 'x' }] },
    );
    const entities = (body.data as { _entities: unknown[] })._entities;
    expect(entities).toHaveLength(5);
    expect(entities.slice(0, 3)).toEqual(
      gw.sandbox.meetings.slice(0, 3).map((m) => ({ meetingId: m.id.toLowerCase() })),
    );
    expect(entities.slice(3)).toEqual([null, null]);
    expect(body.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['_entities', 3], 'BAD_USER_INPUT'],
      [['_entities', 4], 'BAD_USER_INPUT'],
    ]);
  });

  it('failures before earlier items resolve still leave every entry in place', async () => {
    // The first two entries need an upstream round trip; the bad ones fail at once.
    const [a, b] = gw.sandbox.meetings.slice(5).map((m) => globalIdOf(m.id.toLowerCase()));
    const body = await ask('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
      ids: ['zzz', a, 'bad', b, '', 'also-bad'],
    });
    expect((body.data as { nodes: unknown[] }).nodes).toEqual([null, { id: a }, null, { id: b }, null, null]);
    expect(body.errors?.map((e) => e.path?.[1]).sort()).toEqual([0, 2, 4, 5]);
  });
});
