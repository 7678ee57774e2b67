import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Agent, request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT_ID, DEFAULT_APP_ID } from '../../src/sandbox/seed.ts';
import { startSandbox } from '../../src/sandbox/server.ts';
import { encodeGlobalID, meetingLocalId } from '../../src/schema/global-id.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { HS256_SECRET, hs256Token } from '../support/jwt.ts';

/**
 * One regression test per finding of the local security review (issue 11). Each fails on
 * the code before the fix.
 */

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

const codes = (body: Body) => (body.errors ?? []).map((e) => e.extensions?.code);

async function post(gw: TestGateway, payload: unknown, headers: Record<string, string> = {}) {
  const { status, text } = await gw.post(payload, headers);
  return { status, body: JSON.parse(text) as Body, text };
}

const meetingGlobalId = (meetingId: string, appId = DEFAULT_APP_ID) =>
  encodeGlobalID('Meeting', meetingLocalId({ accountId: DEFAULT_ACCOUNT_ID, appId, meetingId }));

let gateways: TestGateway[] = [];
async function gateway(options: Parameters<typeof startTestGateway>[0] = {}): Promise<TestGateway> {
  const gw = await startTestGateway(options);
  gateways.push(gw);
  return gw;
}
afterEach(async () => {
  await Promise.all(gateways.map((gw) => gw.close()));
  gateways = [];
});

describe('1. _entities representations are capped before authentication and coercion', () => {
  const ENTITIES = 'query E($r: [_Any!]!) { _entities(representations: $r) { __typename } }';

  it('101 representations → one BAD_USER_INPUT with the limit, no upstream call, no per-item work', async () => {
    const gw = await gateway({ env: { AUTH_JWT_SECRET: HS256_SECRET } });
    const r = Array.from({ length: 101 }, () => ({}));
    const { body, text } = await post(gw, { query: ENTITIES, variables: { r } });
    expect(codes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors?.[0]?.extensions?.limit).toBe(100);
    expect(body.data ?? null).toBeNull();
    // Refused before authentication: no UNAUTHENTICATED per item, and a small answer.
    expect(text.length).toBeLessThan(1000);
    expect(gw.calls()).toBe(0);
  });

  it('counts across aliases and fragments: 12 aliases of 10 representations are refused', async () => {
    const gw = await gateway();
    const aliases = Array.from(
      { length: 12 },
      (_, i) => `a${i}: _entities(representations: $r) { __typename }`,
    ).join(' ');
    const r = Array.from({ length: 10 }, () => ({ __typename: 'Meeting', id: 'x' }));
    const { body } = await post(gw, { query: `query E($r: [_Any!]!) { ${aliases} }`, variables: { r } });
    expect(codes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors?.[0]?.message).toContain('got 120');
    expect(gw.calls()).toBe(0);

    const spread = await post(gw, {
      query:
        'query E($r: [_Any!]!) { ...F } fragment F on Query { x: _entities(representations: $r) { __typename } }',
      variables: { r: Array.from({ length: 150 }, () => ({})) },
    });
    expect(codes(spread.body)).toEqual(['BAD_USER_INPUT']);
  });

  it('100 representations are still served, one entry per representation', async () => {
    const gw = await gateway();
    const r = Array.from({ length: 100 }, () => ({ __typename: 'Meeting', id: 'not-an-id' }));
    const { body } = await post(gw, { query: ENTITIES, variables: { r } });
    expect((body.data?._entities as unknown[] | undefined)?.length).toBe(100);
  });
});

describe('2. the operation named in each request is the one that runs', () => {
  it('Cheap after Expensive in one document answers Cheap, with no upstream call', async () => {
    const gw = await gateway({ env: { MAX_UPSTREAM_CALLS_PER_OPERATION: '5' } });
    const query =
      'query Cheap { __typename } query Expensive($r: [_Any!]!) { _entities(representations: $r) { ... on Meeting { title } } }';
    const r = gw.sandbox.meetings
      .slice(0, 6)
      .map((m) => ({ __typename: 'Meeting', id: meetingGlobalId(m.id) }));

    const refused = await post(gw, { query, operationName: 'Expensive', variables: { r } });
    expect(codes(refused.body)).toEqual(['QUERY_TOO_EXPENSIVE']);
    const empty = await post(gw, { query, operationName: 'Expensive', variables: { r: [] } });
    expect(empty.body).toEqual({ data: { _entities: [] } });
    const cheap = await post(gw, { query, operationName: 'Cheap', variables: { r } });
    expect(cheap.body).toEqual({ data: { __typename: 'Query' } });
    expect(gw.calls()).toBe(0);

    const expensive = await post(gw, { query, operationName: 'Expensive', variables: { r: r.slice(0, 2) } });
    expect((expensive.body.data?._entities as unknown[] | undefined)?.length).toBe(2);
    expect(gw.calls()).toBe(2);
  });
});

describe('3. one circuit breaker per credential, account and app', () => {
  it("a failing app opens only its own breaker: another app's reads still work", async () => {
    const gw = await gateway();
    const broken = '/realtime/kit/broken/';
    gw.sandbox.inject({ match: (r) => r.path.includes(broken), status: 500, times: 1000 });
    const query = 'query M($appId: String) { meetings(first: 1, appId: $appId) { totalCount } }';
    for (let i = 0; i < 6; i++) {
      const { body } = await post(gw, { query, variables: { appId: 'broken' } });
      expect(codes(body)[0]).toMatch(/UPSTREAM_ERROR|UPSTREAM_UNAVAILABLE/);
    }
    // The sixth call of the broken app was not made: its breaker is open.
    expect(gw.sandbox.requests.filter((r) => r.path.includes(broken)).length).toBe(5);
    const { body } = await post(gw, { query, variables: {} });
    expect(body.errors).toBeUndefined();
    expect((body.data?.meetings as { totalCount: number } | undefined)?.totalCount).toBe(240);
  });
});

describe('4. DNS rebinding: only allowed Host names are answered', () => {
  let gw: TestGateway;
  let server: Server;
  let port: number;
  beforeAll(async () => {
    gw = await startTestGateway();
    server = createServer(gw.app.yoga);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await gw.close();
  });

  const send = (host: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const body = JSON.stringify({ query: '{ meetings(first: 1) { totalCount nodes { title } } }' });
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/graphql',
          method: 'POST',
          headers: {
            host,
            origin: `http://${host}`,
            'sec-fetch-site': 'same-origin',
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  it('a rebinding page (Host: attacker-rebind.example) gets 421 and no data, with no upstream call', async () => {
    gw.sandbox.reset();
    const { status, body } = await send(`attacker-rebind.example:${port}`);
    expect(status).toBe(421);
    expect(body).not.toContain('totalCount');
    expect(gw.calls()).toBe(0);
  });

  it('loopback names are answered', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      const { status, body } = await send(host);
      expect(status).toBe(200);
      expect(JSON.parse(body).data.meetings.totalCount).toBe(240);
    }
  });
});

describe('5. retries come out of the operation call limit', () => {
  it('nodes of 10 ids of a rate-limited app with the limit at 10 makes at most 10 upstream requests', async () => {
    const gw = await gateway({
      env: { MAX_UPSTREAM_CALLS_PER_OPERATION: '10', UPSTREAM_RETRY_MAX_WAIT_MS: '1000' },
    });
    gw.sandbox.inject({ match: 'get', status: 429, headers: { 'retry-after': '0' }, times: 1000 });
    const ids = gw.sandbox.meetings.slice(0, 10).map((m) => meetingGlobalId(m.id));
    const { body } = await post(gw, {
      query: 'query N($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      variables: { ids },
    });
    expect(codes(body).every((code) => code === 'RATE_LIMITED')).toBe(true);
    expect(gw.calls()).toBeLessThanOrEqual(10);
  });

  it('the slack below the limit is still used for retries', async () => {
    const gw = await gateway({ env: { MAX_UPSTREAM_CALLS_PER_OPERATION: '10' } });
    gw.sandbox.inject({ match: 'get', status: 503, times: 1 });
    const ids = gw.sandbox.meetings.slice(0, 2).map((m) => meetingGlobalId(m.id));
    const { body } = await post(gw, {
      query: 'query N($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      variables: { ids },
    });
    expect(body.errors).toBeUndefined();
    expect(gw.calls()).toBe(3);
  });
});

describe('6. ids that are not well-formed Unicode', () => {
  it('a lone surrogate as appId or accountId is BAD_USER_INPUT, not an internal error', async () => {
    const gw = await gateway();
    const query =
      'query M($a: String) { meetings(first: 1, appId: $a) { totalCount } meeting(meetingId: "00000000-0000-4000-8000-000000000000", accountId: $a) { id } }';
    const { body } = await post(gw, { query, variables: { a: '\ud800' } });
    expect(codes(body)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(body.errors?.[0]?.message).toContain('well-formed');
    expect(gw.calls()).toBe(0);
  });
});

describe('7. the cost check stays cheap', () => {
  it('page settings above what the upstream serves are refused at start', async () => {
    await expect(startTestGateway({ env: { MAX_PAGE_SIZE: '10000' } })).rejects.toThrow(/MAX_PAGE_SIZE/);
    await expect(startTestGateway({ env: { UPSTREAM_MAX_PER_PAGE: '1000' } })).rejects.toThrow(
      /UPSTREAM_MAX_PER_PAGE/,
    );
  });

  it('20 aliases of 1000-item windows far apart are refused before any call', async () => {
    const gw = await gateway({ env: { MAX_PAGE_SIZE: '1000' } });
    const aliases = Array.from(
      { length: 20 },
      (_, i) => `a${i}: meetings(first: 1000, startTime: "2020-01-0${(i % 9) + 1}T00:00:00Z") { totalCount }`,
    ).join(' ');
    const { body } = await post(gw, { query: `{ ${aliases} }` });
    expect(codes(body)).toEqual(['QUERY_TOO_EXPENSIVE']);
    expect(gw.calls()).toBe(0);
  });
});

describe('8. the apps claim wildcard and the accounts claim', () => {
  const query =
    'query M($appId: String, $accountId: String) { meetings(first: 1, appId: $appId, accountId: $accountId) { totalCount } }';
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('["*"] allows every app; realtimekit_accounts binds the account', async () => {
    const gw = await gateway({ env: { AUTH_JWT_SECRET: HS256_SECRET } });
    const any = await post(
      gw,
      { query, variables: {} },
      bearer(await hs256Token({ realtimekit_apps: ['*'] })),
    );
    expect(any.body.errors).toBeUndefined();
    const mixed = await post(
      gw,
      { query, variables: {} },
      bearer(await hs256Token({ realtimekit_apps: ['other', '*'] })),
    );
    expect(mixed.body.errors).toBeUndefined();

    gw.sandbox.reset();
    const bound = bearer(
      await hs256Token({ realtimekit_apps: '*', realtimekit_accounts: [DEFAULT_ACCOUNT_ID] }),
    );
    expect((await post(gw, { query, variables: {} }, bound)).body.errors).toBeUndefined();
    const other = await post(gw, { query, variables: { accountId: 'another-account' } }, bound);
    expect(codes(other.body)).toEqual(['FORBIDDEN']);
    expect(gw.calls()).toBe(1);
  });
});

describe('9. the embedded sandbox does not keep what it served', () => {
  it('heap after GC stays flat over rounds of requests (recording off, as npm start runs it)', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const sandbox = await startSandbox({ requiredToken: 't' });
    const agent = new Agent({ connections: 16 });
    const url = `${sandbox.baseUrl}/accounts/${sandbox.accountId}/realtime/kit/${sandbox.appId}/meetings?per_page=1&search=`;
    const round = async () => {
      for (let batch = 0; batch < 40; batch++) {
        await Promise.all(
          Array.from({ length: 100 }, async (_, i) => {
            const response = await request(`${url}${'x'.repeat(200)}${i}`, {
              dispatcher: agent,
              headers: { authorization: 'Bearer t' },
            });
            await response.body.dump();
          }),
        );
      }
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    try {
      const first = await round();
      await round();
      const third = await round();
      expect(sandbox.requestCount).toBe(12_000);
      expect(sandbox.requests.length).toBe(0);
      // Recording 8,000 more requests with ~300-byte queries would keep several MB.
      expect(third - first).toBeLessThan(2 * 1024 * 1024);
    } finally {
      await agent.close();
      await sandbox.close();
    }
  });
});
