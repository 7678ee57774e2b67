import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

describe('GRAPHQL_INTROSPECTION=false', () => {
  let gw: TestGateway;
  const run = async (query: string, variables?: Record<string, unknown>) =>
    JSON.parse((await gw.post({ query, variables })).text) as Body;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { GRAPHQL_INTROSPECTION: 'false' } });
  });
  afterAll(() => gw.close());
  beforeEach(() => gw.sandbox.reset());

  it.each(['{ __schema { types { name } } }', '{ __type(name: "Meeting") { fields { name } } }'])(
    'refuses %s',
    async (query) => {
      const body = await run(query);
      expect(body.data ?? null).toBeNull();
      expect(body.errors?.[0]?.message).toMatch(/introspection has been disabled/);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    },
  );

  it('still answers __typename and ordinary queries', async () => {
    expect(await run('{ __typename meetings(first: 1) { totalCount } }')).toEqual({
      data: { __typename: 'Query', meetings: { totalCount: 240 } },
    });
  });

  it('gives no "Did you mean" suggestions (fields, arguments, enum values)', async () => {
    const messages = [
      ...((await run('{ meetings(first: 1) { totalCoun } }')).errors ?? []),
      ...((await run('{ meetings(frist: 1) { totalCount } }')).errors ?? []),
      ...((await run('query($s: MeetingStatus) { meetings(status: $s) { totalCount } }', { s: 'ACTIV' }))
        .errors ?? []),
    ].map((e) => e.message);
    expect(messages).toHaveLength(3);
    for (const message of messages) expect(message).not.toMatch(/Did you mean|totalCount|first|ACTIVE/);
    expect(gw.calls()).toBe(0);
  });

  it('with introspection on (the default), suggestions are given', async () => {
    const open = await startTestGateway();
    try {
      const body = JSON.parse(
        (await open.post({ query: '{ meetings(first: 1) { totalCoun } }' })).text,
      ) as Body;
      expect(body.errors?.[0]?.message).toMatch(/Did you mean "totalCount"\?/);
    } finally {
      await open.close();
    }
  });
});

describe('PERSISTED_OPERATIONS_FILE (trusted operations only)', () => {
  // As GraphQL Code Generator's client preset writes it with `persistedDocuments: true`.
  const documents = [
    'query TrustedCount { meetings(first: 1) { totalCount } }',
    'query TrustedPage($first: Int) { meetings(first: $first) { nodes { title } } }',
  ];
  const hash = (document: string) => createHash('sha256').update(document).digest('hex');
  const [countId, pageId] = documents.map(hash) as [string, string];
  let gw: TestGateway;
  const send = async (body: unknown) => {
    const { status, text } = await gw.post(body);
    return { status, body: JSON.parse(text) as Body };
  };

  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'trusted-')), 'persisted-documents.json');
    writeFileSync(file, JSON.stringify(Object.fromEntries(documents.map((d) => [hash(d), d]))));
    gw = await startTestGateway({ env: { PERSISTED_OPERATIONS_FILE: file } });
  });
  afterAll(() => gw.close());
  beforeEach(() => gw.sandbox.reset());

  it('runs a listed operation sent as {"documentId"}', async () => {
    expect(await send({ documentId: countId })).toEqual({
      status: 200,
      body: { data: { meetings: { totalCount: 240 } } },
    });
  });

  it('runs a listed operation sent as extensions.persistedQuery.sha256Hash, with variables', async () => {
    const { body } = await send({
      extensions: { persistedQuery: { version: 1, sha256Hash: pageId } },
      variables: { first: 3 },
    });
    expect((body.data?.meetings as { nodes: unknown[] } | undefined)?.nodes).toHaveLength(3);
  });

  it.each([
    ['a query text', { query: '{ meetings(first: 1) { totalCount } }' }, 'PERSISTED_QUERY_REQUIRED'],
    ['a listed document sent as text', { query: documents[0] }, 'PERSISTED_QUERY_REQUIRED'],
    ['no id at all', {}, 'PERSISTED_QUERY_REQUIRED'],
    ['an unknown id', { documentId: hash('query Other { __typename }') }, 'PERSISTED_QUERY_NOT_FOUND'],
  ])('refuses %s with 400 and nothing runs', async (_name, request, code) => {
    const { status, body } = await send(request);
    expect(status).toBe(400);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    expect(gw.calls()).toBe(0);
  });

  it('checks the arguments of trusted operations as usual', async () => {
    const { body } = await send({ documentId: pageId, variables: { first: 500 } });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
