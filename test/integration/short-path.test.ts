import { request as httpRequest, type Server } from 'node:http';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type GatewayApp } from '../../src/app.ts';
import { DEFAULT_APP_ID } from '../../src/sandbox/seed.ts';
import { MAX_IDS } from '../../src/schema/global-id.ts';
import { serveOnLoopback, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { HS256_SECRET, hs256Token } from '../support/jwt.ts';
import { sample } from '../support/prometheus.ts';

// The short path (src/pipeline/short-path.ts) against yoga's full path: two apps over one
// sandbox, each served on loopback by node:http with its own listener, one with the short
// path on (the default) and one with GRAPHQL_SHORT_PATH=false. Every request goes to both,
// twice (the first sight of a query text admits it); the answers must be the same: status,
// header names in order, header values (but `Date`, and `x-request-id` unless the caller
// gave one), and body, byte for byte. So must the request log's lines and the operation
// metrics. Requests cover what the short path takes (repeated
// queries, with variables and operation names, under every `Accept`) and what it must hand
// back (other content types, parameters yoga refuses, mutations, bad variables, too many
// representations, too expensive operations, results with errors).

interface Sent {
  body: string;
  headers: Record<string, string>;
  /** Path and query of the URL (default /graphql). */
  path?: string;
  /** Send the body in chunks without a Content-Length. */
  chunked?: boolean;
}

interface Answer {
  status: number;
  /** The response's raw headers, name and value, in order; `Date`'s value blanked. */
  headers: string[];
  requestId: string | null;
  text: string;
}

/** An app served on loopback by node:http with the listener `npm start` uses. */
interface Served {
  app: GatewayApp;
  url: URL;
}

const CALL_LIMIT = 3;
let gw: TestGateway;
let plain: GatewayApp;
let shortServed: Served;
let plainServed: Served;
const servers: Server[] = [];
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
  shortServed = { app: gw.app, url: new URL(gw.url) };
  plainServed = await serve(plain);
  const first = await send(shortServed, {
    body: JSON.stringify({ query: '{ meetings(first: 1) { nodes { id meetingId } } }' }),
    headers: { 'content-type': 'application/json' },
  });
  const node = JSON.parse(first.text).data.meetings.nodes[0];
  meetingId = node.meetingId;
  meetingGlobalId = node.id;
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
  await plain?.close();
  await gw?.close();
});

async function serve(app: GatewayApp): Promise<Served> {
  const { server, url } = await serveOnLoopback(app);
  servers.push(server);
  return { app, url: new URL(url) };
}

/** One request over a new connection; the raw answer. */
function send(served: Served, sent: Sent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = Buffer.from(sent.body);
    const headers = sent.chunked ? sent.headers : { 'content-length': String(body.length), ...sent.headers };
    const req = httpRequest(
      {
        host: served.url.hostname,
        port: served.url.port,
        path: sent.path ?? '/graphql',
        method: 'POST',
        headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const raw = [...res.rawHeaders];
          for (let i = 0; i < raw.length; i += 2) if (raw[i]?.toLowerCase() === 'date') raw[i + 1] = '';
          resolve({
            status: res.statusCode ?? 0,
            headers: raw,
            requestId: res.headers['x-request-id']?.toString() ?? null,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (sent.chunked) {
      req.write(body.subarray(0, 1));
      req.end(body.subarray(1));
    } else req.end(body);
  });
}

/** Both apps, twice each, alternating; the short path's answers and the full path's. */
async function both(sent: Sent): Promise<{ short: Answer[]; full: Answer[] }> {
  const short: Answer[] = [];
  const full: Answer[] = [];
  for (let i = 0; i < 2; i++) {
    short.push(await send(shortServed, sent));
    full.push(await send(plainServed, sent));
  }
  return { short, full };
}

/** The answer without its request id (a new one per request unless the caller gave one). */
function withoutId({ requestId, headers, ...answer }: Answer) {
  const given = requestId !== null && !/^[0-9a-f-]{36}$/.test(requestId);
  const kept = [...headers];
  for (let i = 0; i < kept.length; i += 2) if (kept[i] === 'x-request-id' && !given) kept[i + 1] = '';
  return { ...answer, headers: kept, requestId: given ? requestId : null };
}

async function expectSameAnswers(sent: Sent): Promise<Answer[]> {
  const { short, full } = await both(sent);
  expect(short.map(withoutId)).toEqual(full.map(withoutId));
  const given = sent.headers['x-request-id'];
  for (const answer of [...short, ...full]) {
    // node:http's own refusals (a bad Content-Length) reach neither path.
    if (answer.text === '' && answer.status === 400) continue;
    if (given === undefined) expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);
    else expect(answer.requestId).not.toBeNull();
  }
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
    // What yoga's HTTP steps treat differently from a plain JSON POST.
    const repeated = json({ query: '{ __typename }' });
    await expectSameAnswers(repeated);
    const before2 = await shortPathTotal(gw.app);
    const differences: Record<string, string>[] = [
      { origin: 'https://elsewhere.example' },
      { 'sec-fetch-site': 'cross-site', origin: 'https://elsewhere.example' },
      { host: 'attacker.example' },
      { 'content-encoding': 'identity' },
      // node:http itself refuses this one (400), on both.
      { 'content-length': '1e3' },
    ];
    for (const headers of differences) {
      await expectSameAnswers({ ...repeated, headers: { ...repeated.headers, ...headers } });
    }
    // Without Content-Length (chunked): yoga's body limit answers 411.
    await expectSameAnswers({ ...repeated, chunked: true });
    await expectSameAnswers(json({ query: '{ __typename }', pad: 'x'.repeat(300 * 1024) }));
    // Read by the short path (within the limit), then handed over in several chunks' worth.
    await expectSameAnswers(json({ query: '{ __typename }', pad: 'x'.repeat(200 * 1024) }));
    await expectSameAnswers(json({ query: LIST, variables: { n: 1, after: 'y'.repeat(200 * 1024) } }));
    expect((await shortPathTotal(gw.app)) - before2).toBe(0);
    expect((await shortPathTotal(gw.app)) - before).toBe(2);
  });

  it("the caller's x-request-id is echoed as yoga echoes it", async () => {
    const before = await shortPathTotal(gw.app);
    for (const id of ['trace-1.2:3_4', 'not a token', 'x'.repeat(129)]) {
      await expectSameAnswers(json({ query: LIST, variables: { n: 1 } }, { 'x-request-id': id }));
    }
    const [answer] = await expectSameAnswers(
      json({ query: LIST, variables: { n: 1 } }, { 'x-request-id': 'abc' }),
    );
    expect(answer?.requestId).toBe('abc');
    expect((await shortPathTotal(gw.app)) - before).toBeGreaterThanOrEqual(4);
  });

  it('a client that goes away while sending its body harms nothing', async () => {
    const sent = json({ query: LIST, variables: { n: 2 } });
    await expectSameAnswers(sent);
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: shortServed.url.hostname,
        port: shortServed.url.port,
        path: '/graphql',
        method: 'POST',
        headers: { ...sent.headers, 'content-length': '1000' },
      });
      req.on('error', () => resolve());
      req.write(sent.body.slice(0, 10), () => setTimeout(() => req.destroy(), 20));
      req.on('close', () => resolve());
    });
    const [answer] = await expectSameAnswers(sent);
    expect(answer?.status).toBe(200);
  });

  it('a result with errors is handed back, not run again; too costly and bad input are refused', async () => {
    const [withErrors, badVariables, , tooCostly] = queries().handedBack;
    const callsOf = async (served: Served, sent: Sent) => {
      const start = gw.calls();
      const answer = await send(served, sent);
      return { calls: gw.calls() - start, answer };
    };
    for (let i = 0; i < 2; i++) {
      const short = await callsOf(shortServed, json(withErrors));
      const full = await callsOf(plainServed, json(withErrors));
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
    const authServed = { app: auth.app, url: new URL(auth.url) };
    const fullServed = await serve(full);
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
          await send(authServed, { ...sent, headers }),
          await send(fullServed, { ...sent, headers }),
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
