import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

// CSRF prevention (GET and form/multipart/text POSTs need a header) and CORS_ORIGINS.

const URL_BASE = 'http://gateway.test/graphql';

describe('CSRF prevention', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());
  beforeEach(() => gw.sandbox.reset());

  const getUrl = `${URL_BASE}?query=${encodeURIComponent('{ meetings(first: 1) { totalCount } }')}`;

  it('a cross-site browser GET without a CSRF header → 403 FORBIDDEN, nothing runs', async () => {
    const response = await gw.app.fetch(getUrl, {
      headers: { accept: 'application/json', 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
    expect(body.errors[0]?.message).toMatch(/x-graphql-yoga-csrf/);
    expect(gw.calls()).toBe(0);
  });

  it.each(['x-graphql-yoga-csrf', 'apollo-require-preflight'])('a GET with %s runs', async (header) => {
    const response = await gw.app.fetch(getUrl, {
      headers: { accept: 'application/json', 'sec-fetch-site': 'cross-site', [header]: '1' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { meetings: { totalCount: 240 } } });
  });

  it.each([
    [
      'application/x-www-form-urlencoded',
      `query=${encodeURIComponent('{ meetings(first: 1) { totalCount } }')}`,
    ],
    ['text/plain', JSON.stringify({ query: '{ meetings(first: 1) { totalCount } }' })],
    [
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{}\r\n--x--\r\n',
    ],
  ])('a cross-site %s POST without a CSRF header → 403', async (contentType, body) => {
    const response = await gw.app.fetch(URL_BASE, {
      method: 'POST',
      headers: { 'content-type': contentType, origin: 'https://evil.example' },
      body,
    });
    expect(response.status).toBe(403);
    expect(gw.calls()).toBe(0);
  });

  it('a GET from outside a browser (no Origin, no Fetch Metadata) runs: the contract promises GET /graphql', async () => {
    const response = await gw.app.fetch(getUrl, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { meetings: { totalCount: 240 } } });
  });

  it('a same-origin browser GET (GraphiQL) runs', async () => {
    const response = await gw.app.fetch(getUrl, {
      headers: { accept: 'application/json', 'sec-fetch-site': 'same-origin', origin: 'http://gateway.test' },
    });
    expect(response.status).toBe(200);
  });

  it('JSON POSTs and the GraphiQL page need no header', async () => {
    const { status } = await gw.post({ query: '{ __typename }' });
    expect(status).toBe(200);
    const page = await gw.app.fetch(URL_BASE, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/graphiql/i);
  });
});

describe('CORS', () => {
  const preflight = (gw: TestGateway, origin: string) =>
    gw.app.fetch(URL_BASE, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    });
  const post = (gw: TestGateway, origin: string) =>
    gw.app.fetch(URL_BASE, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

  it('CORS_ORIGINS unset: no CORS headers at all (same origin only)', async () => {
    const gw = await startTestGateway();
    try {
      for (const response of [
        await post(gw, 'https://app.example.com'),
        await preflight(gw, 'https://app.example.com'),
      ]) {
        expect(response.headers.get('access-control-allow-origin')).toBeNull();
        expect(response.headers.get('access-control-allow-methods')).toBeNull();
      }
    } finally {
      await gw.close();
    }
  });

  it('CORS_ORIGINS list: listed origins get CORS headers, others none', async () => {
    const gw = await startTestGateway({
      env: { CORS_ORIGINS: 'https://app.example.com,http://localhost:5173' },
    });
    try {
      const allowed = await preflight(gw, 'http://localhost:5173');
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect(allowed.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
      expect(allowed.headers.get('access-control-allow-headers')).toBe('content-type, authorization');
      expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
      const simple = await post(gw, 'https://app.example.com');
      expect(simple.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(simple.headers.get('access-control-expose-headers')).toBe('x-request-id');
      for (const response of [
        await post(gw, 'https://evil.example.com'),
        await preflight(gw, 'https://evil.example.com'),
      ]) {
        expect(response.headers.get('access-control-allow-origin')).toBeNull();
      }
    } finally {
      await gw.close();
    }
  });

  it('CORS_ORIGINS=* allows any origin, without credentials', async () => {
    const gw = await startTestGateway({ env: { CORS_ORIGINS: '*' } });
    try {
      const response = await post(gw, 'https://anyone.example.org');
      expect(response.headers.get('access-control-allow-origin')).toBe('https://anyone.example.org');
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    } finally {
      await gw.close();
    }
  });
});
