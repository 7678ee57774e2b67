import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type GatewayApp } from '../../src/app.ts';
import { DEFAULT_APP_ID } from '../../src/sandbox/seed.ts';
import { MAX_IDS } from '../../src/schema/global-id.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { HS256_SECRET, hs256Token } from '../support/jwt.ts';
import { sample } from '../support/prometheus.ts';

// The short path (src/pipeline/short-path.ts) against yoga's full path: two apps over one
// sandbox, one with the short path on (the default) and one with GRAPHQL_SHORT_PATH=false.
// Every request goes to both, twice (the first sight of a query text admits it); the answers
// must be the same: status, content type and body, byte for byte. So must the request log's
// lines and the operation metrics. Requests cover what the short path takes (repeated
// queries, with variables and operation names, under every `Accept`) and what it must hand
// back (other content types, parameters yoga refuses, mutations, bad variables, too many
// representations, too expensive operations, results with errors).

interface Sent {
  body: string;
  headers: Record<string, string>;
  /** Path and query of the URL (default /graphql). */
  path?: string;
}

interface Answer {
  status: number;
  contentType: string | null;
  requestId: string | null;
  text: string;
}

const CALL_LIMIT = 3;
let gw: TestGateway;
let plain: GatewayApp;
const lines = { short: [] as Record<string, unknown>[], plain: [] as Record<string, unknown>[] };
let meetingId = '';
let meetingGlobalId = '';

function capture(into: Record<string, unknown>[]) {
  return pino({ level: 'info' }, { write: (line: string) => void into.push(JSON.parse(line)) });
}

beforeAll(async () => {
  const env = { MAX_UPSTREAM_CALLS_PER_OPERATION: String(CALL_LIMIT) };
  gw = await startTestGateway({ env, logger: capture(lines.short) });
  plain = createApp({
    config: { ...gw.config, shortPath: false },
    upstreamUrl: gw.sandbox.baseUrl,
    logger: capture(lines.plain),
  });
  const first = await send(gw.app, {
    body: JSON.stringify({ query: '{ meetings(first: 1) { nodes { id meetingId } } }' }),
    headers: { 'content-type': 'application/json' },
  });
  const node = JSON.parse(first.text).data.meetings.nodes[0];
  meetingId = node.meetingId;
  meetingGlobalId = node.id;
});

afterAll(async () => {
  await plain?.close();
  await gw?.close();
});

async function send(app: GatewayApp, sent: Sent): Promise<Answer> {
  const response = await app.fetch(`http://gateway.test${sent.path ?? '/graphql'}`, {
    method: 'POST',
    headers: sent.headers,
    body: sent.body,
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    requestId: response.headers.get('x-request-id'),
    text: await response.text(),
  };
}

/** Both apps, twice each, alternating; the short path's answers and the full path's. */
async function both(sent: Sent): Promise<{ short: Answer[]; full: Answer[] }> {
  const short: Answer[] = [];
  const full: Answer[] = [];
  for (let i = 0; i < 2; i++) {
    short.push(await send(gw.app, sent));
    full.push(await send(plain, sent));
  }
  return { short, full };
}

const withoutId = ({ requestId: _, ...answer }: Answer) => answer;

async function expectSameAnswers(sent: Sent): Promise<Answer[]> {
  const { short, full } = await both(sent);
  expect(short.map(withoutId)).toEqual(full.map(withoutId));
  for (const answer of [...short, ...full]) expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);
  return short;
}

async function metricsText(app: GatewayApp): Promise<string> {
  return (await app.fetch('http://gateway.test/metrics')).text();
}

async function shortPathTotal(app: GatewayApp): Promise<number> {
  return sample(await metricsText(app), 'gateway_graphql_short_path_total', {}) ?? 0;
}

const json = (params: unknown, headers: Record<string, string> = {}): Sent => ({
  body: JSON.stringify(params),
  headers: { 'content-type': 'application/json', ...headers },
});

const LIST = `query List($n: Int, $after: String) {
  meetings(first: $n, after: $after) {
    edges { cursor node { id meetingId title status createdAt recordOnStart } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const TWO = `query A { meetings(first: 2) { nodes { title } } }
query B($id: ID!) { node(id: $id) { id ... on Meeting { title } } }`;

/** Queries, by what the short path does with them. */
function queries() {
  return {
    taken: [
      { query: '{ meetings(first: 3) { nodes { id title status } } }' },
      { query: LIST, variables: { n: 2 } },
      { query: LIST, variables: { n: 4 }, operationName: 'List' },
      { query: TWO, operationName: 'A' },
      { query: TWO, operationName: 'B', variables: { id: meetingGlobalId } },
      { query: `{ meeting(meetingId: "${meetingId}") { title recordingConfig { fileNamePrefix } } }` },
      { query: '{ __typename }' },
      {
        query: 'query E($r: [_Any!]!) { _entities(representations: $r) { ... on Meeting { title } } }',
        variables: { r: [{ __typename: 'Meeting', id: meetingGlobalId }] },
      },
    ],
    handedBack: [
      // Errors in the result (masked and coded by yoga).
      { query: `{ nodes(ids: ["bad", "${meetingGlobalId}", "zzz"]) { id } }` },
      // Variables that do not fit.
      { query: LIST, variables: { n: 'two' } },
      // Too many representations.
      {
        query: 'query E($r: [_Any!]!) { _entities(representations: $r) { ... on Meeting { title } } }',
        variables: { r: Array.from({ length: MAX_IDS + 1 }, () => ({ __typename: 'Meeting', id: 'x' })) },
      },
      // Predicted above the call limit.
      {
        query: `{ a: meetings(search: "a") { nodes { id } } b: meetings(search: "b") { nodes { id } }
                  c: meetings(search: "c") { nodes { id } } d: meetings(search: "d") { nodes { id } } }`,
      },
      // Missing operation name in a document with two.
      { query: TWO },
      // Parameters yoga refuses or treats itself.
      { query: '{ __typename }', extensions: { persistedQuery: { version: 1 } } },
      { query: '{ __typename }', unknown: 1 },
      { query: '{ __typename }', variables: [1] },
      { query: '{ __typename }', operationName: 7 },
      { query: 42 },
      [{ query: '{ __typename }' }],
      // A mutation (its input names no meeting that exists: an error, nothing changes).
      {
        query: 'mutation U($id: ID!) { updateMeeting(input: { id: $id, title: "x" }) { meeting { id } } }',
        variables: { id: 'TWVldGluZzpub3BlOm5vcGU6bm9wZQ==' },
      },
    ],
  };
}

const ACCEPTS = [
  undefined,
  '*/*',
  'application/json',
  'application/graphql-response+json',
  'application/graphql-response+json, application/json',
  'application/json, application/graphql-response+json',
  'application/graphql-response+json;charset=utf-8, application/json;q=0.9',
  'application/json; charset=latin1',
  'application/*',
  'text/event-stream',
  'multipart/mixed',
  'text/html',
  'text/event-stream, application/json',
  'application/json, multipart/mixed',
  'APPLICATION/JSON',
];

/** Random `Accept` headers: media types (wildcards included), charsets, q-values, case and spaces. */
function acceptHeader(): fc.Arbitrary<string> {
  const type = fc.constantFrom(
    'application/json',
    'application/graphql-response+json',
    'application/*',
    '*/*',
    'text/event-stream',
    'multipart/mixed',
    'text/html',
    'application/xml',
  );
  const entry = fc
    .tuple(
      type,
      fc.option(fc.constantFrom('charset=utf-8', 'charset=UTF-8', 'charset=latin1', 'charset=iso-8859-1')),
      fc.option(fc.constantFrom('q=0.9', 'q=1', 'q=0')),
      fc.boolean(),
    )
    .map(([mediaType, charset, q, upper]) => {
      const text = [mediaType, charset, q].filter((part) => part !== null).join('; ');
      return upper ? text.toUpperCase() : text;
    });
  return fc.array(entry, { minLength: 1, maxLength: 4 }).map((entries) => entries.join(', '));
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json, text/plain',
  'application/graphql+json',
  'text/plain',
];

describe('the short path answers what yoga answers', () => {
  it('repeated queries: the same answers, and the short path takes them', async () => {
    const before = await shortPathTotal(gw.app);
    for (const params of queries().taken) {
      const answers = await expectSameAnswers(json(params));
      expect(answers[1]?.status).toBe(200);
      expect(JSON.parse(answers[1]?.text ?? '')).not.toHaveProperty('errors');
    }
    const taken = (await shortPathTotal(gw.app)) - before;
    // Each text's second request at least (an earlier test may have admitted some already).
    expect(taken).toBeGreaterThanOrEqual(queries().taken.length);
    expect(await shortPathTotal(plain)).toBe(0);
  });

  it('what it hands back to yoga: the same answers, and none taken', async () => {
    const before = await shortPathTotal(gw.app);
    for (const params of queries().handedBack) await expectSameAnswers(json(params));
    await expectSameAnswers({
      body: '{"query": "{ __typename }"',
      headers: { 'content-type': 'application/json' },
    });
    await expectSameAnswers({ body: 'null', headers: { 'content-type': 'application/json' } });
    await expectSameAnswers({ ...json({ query: '{ __typename }' }), path: '/graphql?x=1' });
    expect((await shortPathTotal(gw.app)) - before).toBe(0);
  });

  it('a result with errors is handed back, not run again; too costly and bad input are refused', async () => {
    const [withErrors, badVariables, , tooCostly] = queries().handedBack;
    const callsOf = async (app: GatewayApp, sent: Sent) => {
      const start = gw.calls();
      const answer = await send(app, sent);
      return { calls: gw.calls() - start, answer };
    };
    for (let i = 0; i < 2; i++) {
      const short = await callsOf(gw.app, json(withErrors));
      const full = await callsOf(plain, json(withErrors));
      expect(short.calls).toBe(full.calls);
      expect(short.calls).toBeGreaterThan(0);
      expect(JSON.parse(short.answer.text).errors.length).toBe(2);
    }
    // Sent to both apps, so that their logs and metrics stay comparable (last test).
    const codes = async (params: unknown) => {
      const [short] = await expectSameAnswers(json(params));
      return (JSON.parse(short?.text ?? '').errors ?? []).map(
        (e: { extensions: { code: string } }) => e.extensions.code,
      );
    };
    expect(await codes(badVariables)).toEqual(['BAD_USER_INPUT']);
    expect(await codes(tooCostly)).toEqual(['QUERY_TOO_EXPENSIVE']);
  });

  it('any Accept and content type, any query: the same answers (property)', async () => {
    const all = [...queries().taken, ...queries().handedBack];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...all),
        fc.oneof(fc.constantFrom(...ACCEPTS), acceptHeader()),
        fc.constantFrom(...CONTENT_TYPES),
        async (params, accept, contentType) => {
          const headers: Record<string, string> = { 'content-type': contentType };
          if (accept !== undefined) headers.accept = accept;
          await expectSameAnswers({ body: JSON.stringify(params), headers });
        },
      ),
      { numRuns: 120 },
    );
  });

  it('the request log and the operation metrics say the same of both paths', async () => {
    const fields = (line: Record<string, unknown>) => {
      const { requestId: _, durationMs: __, time: ___, pid: ____, hostname: _____, ...rest } = line;
      return rest;
    };
    const requestLines = (from: Record<string, unknown>[]) => from.filter((l) => l.msg === 'request');
    const shortLines = requestLines(lines.short);
    // The first request of beforeAll went to the short path's app only.
    expect(shortLines.slice(1).map(fields)).toEqual(requestLines(lines.plain).map(fields));
    expect(shortLines.length).toBeGreaterThan(100);

    const operationSamples = (text: string) =>
      text
        .split('\n')
        .filter((line) => /^gateway_graphql_(operations|errors)_total\{/.test(line))
        .sort();
    const [shortText, plainText] = [await metricsText(gw.app), await metricsText(plain)];
    const shortSamples = operationSamples(shortText);
    const plainSamples = operationSamples(plainText);
    expect(shortSamples.length).toBeGreaterThan(3);
    // Again less the first request of beforeAll (an anonymous query, ok).
    const anonymousOk = (samples: string[]) =>
      Number(
        samples.find((s) => s.includes('operation="anonymous",type="query",outcome="ok"'))?.split(' ')[1],
      );
    expect(anonymousOk(shortSamples)).toBe(anonymousOk(plainSamples) + 1);
    const rest = (samples: string[]) =>
      samples.filter((s) => !s.includes('operation="anonymous",type="query",outcome="ok"'));
    expect(rest(shortSamples)).toEqual(rest(plainSamples));
  });
});

describe('the short path with caller authentication (AUTH_JWT_SECRET)', () => {
  it('answers what yoga answers to no token, a bad token, another app and a good token', async () => {
    const auth = await startTestGateway({
      env: {
        AUTH_JWT_SECRET: HS256_SECRET,
        AUTH_AUDIENCE: 'gateway-tests',
        AUTH_ISSUER: 'https://issuer.test',
      },
    });
    const full = createApp({
      config: { ...auth.config, shortPath: false },
      upstreamUrl: auth.sandbox.baseUrl,
    });
    try {
      const claims = { aud: 'gateway-tests', iss: 'https://issuer.test' };
      const authorizations = [
        undefined,
        'Bearer not-a-jwt',
        `Bearer ${await hs256Token({ ...claims, realtimekit_apps: ['another-app'] })}`,
        `Bearer ${await hs256Token({ ...claims, realtimekit_apps: [DEFAULT_APP_ID] })}`,
      ];
      const sent = json({ query: '{ meetings(first: 2) { nodes { title } } }' });
      const answers: string[] = [];
      for (const authorization of [...authorizations, ...authorizations]) {
        const headers = authorization ? { ...sent.headers, authorization } : sent.headers;
        const [short, plainAnswer] = [
          await send(auth.app, { ...sent, headers }),
          await send(full, { ...sent, headers }),
        ];
        expect(withoutId(short)).toEqual(withoutId(plainAnswer));
        answers.push(short.text);
      }
      // The good token reads the meetings; the others get errors and no data.
      expect(JSON.parse(answers[7] ?? '').data.meetings.nodes).toHaveLength(2);
      for (const i of [4, 5, 6]) expect(JSON.parse(answers[i] ?? '').errors.length).toBeGreaterThan(0);
      expect(await shortPathTotal(auth.app)).toBeGreaterThan(0);
    } finally {
      await full.close();
      await auth.close();
    }
  });
});
