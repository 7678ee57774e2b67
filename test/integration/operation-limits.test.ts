import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

// MAX_DEPTH, MAX_ALIASES, MAX_TOKENS and MAX_ROOT_FIELDS: refused before anything runs.

interface Body {
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({
    env: { MAX_DEPTH: '6', MAX_ALIASES: '3', MAX_TOKENS: '80', MAX_ROOT_FIELDS: '4' },
  });
});
afterAll(() => gw.close());
beforeEach(() => gw.sandbox.reset());

async function run(query: string): Promise<{ status: number; body: Body }> {
  const { status, text } = await gw.post({ query });
  return { status, body: JSON.parse(text) as Body };
}

function expectRefused(body: Body, message: RegExp, limit: number) {
  expect(body.data ?? null).toBeNull();
  expect(body.errors).toHaveLength(1);
  expect(body.errors?.[0]?.message).toMatch(message);
  expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit });
  expect(gw.calls()).toBe(0);
}

describe('MAX_DEPTH', () => {
  it('allows depth 6 and refuses 7, leaves included (fragments add no level)', async () => {
    // meetings > edges > node > recordingConfig > videoConfig > codec: 6.
    const ok = await run(
      '{ meetings(first: 1) { edges { node { recordingConfig { videoConfig { codec } } } } } }',
    );
    expect(ok.body.errors).toBeUndefined();
    gw.sandbox.reset();
    const deep = await run(
      '{ meetings(first: 1) { ...E } } fragment E on MeetingConnection { edges { node { recordingConfig { videoConfig { watermark { url } } } } } }',
    );
    expectRefused(deep.body, /^Query depth limit of 6 exceeded, found 7\.$/, 6);
  });
});

describe('MAX_ALIASES', () => {
  it('allows 3 aliases and refuses 4', async () => {
    const ok = await run('{ a: meetings(first: 1) { t: totalCount } b: meetings(first: 1) { totalCount } }');
    expect(ok.body.errors).toBeUndefined();
    gw.sandbox.reset();
    const many = await run(
      '{ a: meetings(first: 1) { t: totalCount u: totalCount } b: meetings(first: 1) { totalCount } }',
    );
    expectRefused(many.body, /^Aliases limit of 3 exceeded, found 4\.$/, 3);
  });
});

describe('MAX_ROOT_FIELDS', () => {
  it('allows 4 root fields and refuses 5, counting through fragments', async () => {
    const ok = await run(
      '{ a: meetings(first: 1) { totalCount } __typename ...R } fragment R on Query { _service { sdl } }',
    );
    expect(ok.body.errors).toBeUndefined();
    gw.sandbox.reset();
    const many = await run(
      '{ meetings(first: 1) { totalCount } _service { sdl } ...R } fragment R on Query { node(id: "x") { id } nodes(ids: []) { id } meeting(meetingId: "00000000-0000-4000-8000-000000000000") { id } }',
    );
    expectRefused(many.body, /^The operation selects 5 root fields; at most 4 are allowed\.$/, 4);
  });
});

describe('MAX_TOKENS', () => {
  it('refuses a document of more than 80 tokens while parsing', async () => {
    // 10 tokens around 75 fields: 85.
    const fields = Array.from({ length: 75 }, () => 'totalCount').join(' ');
    const { status, body } = await run(`{ meetings(first: 1) { ${fields} } }`);
    expect(status).toBeGreaterThanOrEqual(200);
    expectRefused(body, /^The document has more than 80 tokens, the most this gateway parses\.$/, 80);
  });
});

describe('defaults', () => {
  it('MAX_DEPTH 12, MAX_ALIASES 30, MAX_TOKENS 2000, MAX_ROOT_FIELDS 20', async () => {
    const defaults = await startTestGateway();
    try {
      const post = async (query: string) => JSON.parse((await defaults.post({ query })).text) as Body;
      const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: totalCount`).join(' ');
      expect((await post(`{ meetings(first: 1) { ${aliases} } }`)).errors?.[0]?.extensions).toMatchObject({
        code: 'QUERY_TOO_COMPLEX',
        limit: 30,
      });
      const roots = Array.from({ length: 21 }, (_, i) => `r${i}: _service { sdl }`).join(' ');
      expect((await post(`{ ${roots} }`)).errors?.[0]?.extensions).toMatchObject({ limit: 20 });
      const tokens = Array.from({ length: 1000 }, () => '__typename').join(' ');
      expect((await post(`{ ${tokens} ${tokens} }`)).errors?.[0]?.extensions).toMatchObject({ limit: 2000 });
      // Introspection (GraphiQL's query nests ofType deeper than 12) is not depth-limited.
      const introspection = `{ __schema { types { fields { type { ${'ofType { '.repeat(10)}name${' }'.repeat(10)} } } } } }`;
      expect((await post(introspection)).errors).toBeUndefined();
      expect(defaults.calls()).toBe(0);
    } finally {
      await defaults.close();
    }
  });
});
