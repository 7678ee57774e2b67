import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

// Mistakes real clients make before anything runs are 400 request errors with a clear
// message, never 500; and GET /graphql answers vary on Accept (GraphiQL or JSON).

interface ErrorBody {
  data?: unknown;
  errors: { message: string; extensions?: { code?: string } }[];
}

describe('request errors', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  const QUERY = '{ meetings(first: 1) { totalCount } }';
  const get = (params: Record<string, string>, accept = 'application/json') =>
    gw.app.fetch(`http://gateway.test/graphql?${new URLSearchParams(params)}`, { headers: { accept } });
  const post = (body: unknown, accept = 'application/json') =>
    gw.app.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept },
      body: JSON.stringify(body),
    });

  async function expectRequestError(response: Response, message: RegExp): Promise<void> {
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]?.message).toMatch(message);
    expect(body.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  }

  it.each([
    ['variables', '{"first": 1'],
    ['variables', 'undefined'],
    ['extensions', "{'persistedQuery': 1}"],
  ])('a GET whose %s is not JSON (%s) is a 400 naming the parameter', async (name, value) => {
    gw.sandbox.reset();
    const response = await get({ query: QUERY, [name]: value });
    await expectRequestError(response, new RegExp(`"${name}" parameter is not valid JSON`));
    expect(gw.calls()).toBe(0);
  });

  it('a form-encoded POST with variables that are not JSON is a 400', async () => {
    const response = await gw.app.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ query: QUERY, variables: '{oops' }).toString(),
    });
    await expectRequestError(response, /not valid JSON/);
  });

  for (const accept of ['application/json', 'application/graphql-response+json']) {
    it(`a subscription over GET or POST is a 400 (Accept: ${accept}), also when the document is cached`, async () => {
      const query = 'subscription OnMeeting { meetings { totalCount } }';
      for (let i = 0; i < 2; i++) {
        await expectRequestError(await get({ query }, accept), /no Subscription type/);
        await expectRequestError(await post({ query }, accept), /no Subscription type/);
      }
    });

    it(`a mutation over GET is refused without running, and one that does not validate is BAD_USER_INPUT (Accept: ${accept})`, async () => {
      gw.sandbox.reset();
      const query = 'mutation Create { createMeeting(input: { title: "x" }) { meeting { id } } }';
      const viaGet = await get({ query }, accept);
      expect(viaGet.status).toBe(405);
      await viaGet.text();
      const invalid = await post({ query: 'mutation Create { createMeeting(title: "x") { id } }' }, accept);
      const body = (await invalid.json()) as ErrorBody;
      expect(body.data).toBeUndefined();
      expect(body.errors.length).toBeGreaterThan(0);
      expect(body.errors.every((error) => error.extensions?.code === 'BAD_USER_INPUT')).toBe(true);
      expect(gw.calls()).toBe(0);
    });
  }

  it('a document with a query and a subscription is refused as a whole', async () => {
    const query = `query Q ${'{ meetings(first: 1) { totalCount } }'} subscription S { meetings { totalCount } }`;
    await expectRequestError(await post({ query, operationName: 'Q' }), /no Subscription type/);
  });

  it('queries over GET and POST still work', async () => {
    const viaGet = await get({ query: QUERY, variables: '{}' });
    expect(viaGet.status).toBe(200);
    expect(await viaGet.json()).toEqual({ data: { meetings: { totalCount: 240 } } });
    const viaPost = await post({ query: QUERY });
    expect(viaPost.status).toBe(200);
  });

  it('GET /graphql answers say Vary: Accept (JSON, GraphiQL and errors alike)', async () => {
    const vary = (response: Response) =>
      (response.headers.get('vary') ?? '')
        .split(',')
        .map((v) => v.trim().toLowerCase())
        .filter(Boolean);
    expect(vary(await get({ query: QUERY }))).toContain('accept');
    expect(vary(await get({}, 'text/html'))).toContain('accept');
    expect(vary(await get({ query: QUERY, variables: '{' }))).toContain('accept');
    // With CORS, Origin stays in the list next to Accept.
    const cors = await gw.app.fetch(`http://gateway.test/graphql?${new URLSearchParams({ query: QUERY })}`, {
      headers: { accept: 'application/json', origin: 'https://app.example' },
    });
    expect(vary(cors)).toContain('accept');
  });
});
