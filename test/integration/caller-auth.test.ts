import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT_ID, DEFAULT_APP_ID } from '../../src/sandbox/seed.ts';
import { encodeGlobalID, meetingLocalId } from '../../src/schema/global-id.ts';
import { graphql } from '../gql/index.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { HS256_SECRET, hs256Token, type JwksServer, startJwksServer } from '../support/jwt.ts';

const Meetings = graphql(`
  query CallerAuthMeetings($appId: String) {
    meetings(first: 2, appId: $appId) {
      totalCount
    }
  }
`);

const Nodes = graphql(`
  query CallerAuthNodes($ids: [ID!]!) {
    nodes(ids: $ids) {
      id
    }
  }
`);

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const OTHER_APP = 'another-app-of-the-account';
const codes = (body: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  (body.errors ?? []).map((e) => e.extensions?.code);

/** The global ID of a sandbox meeting, as if it belonged to an app the caller may not read. */
function foreignMeetingId(gw: TestGateway): string {
  return encodeGlobalID(
    'Meeting',
    meetingLocalId({
      accountId: DEFAULT_ACCOUNT_ID,
      appId: OTHER_APP,
      meetingId: gw.sandbox.meetings[0]?.id ?? '',
    }),
  );
}

describe('service mode with AUTH_JWT_SECRET (HS256)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      env: {
        AUTH_JWT_SECRET: HS256_SECRET,
        AUTH_AUDIENCE: 'gateway-tests',
        AUTH_ISSUER: 'https://issuer.test',
      },
    });
  });
  afterAll(() => gw.close());
  beforeEach(() => gw.sandbox.reset());

  const claims = { aud: 'gateway-tests', iss: 'https://issuer.test', realtimekit_apps: [DEFAULT_APP_ID] };

  it('a valid token listing the app reads it', async () => {
    const { body } = await gw.run(Meetings, {}, bearer(await hs256Token(claims)));
    expect(body.errors).toBeUndefined();
    expect(body.data?.meetings?.totalCount).toBe(240);
    expect(gw.calls()).toBe(1);
  });

  it('a token whose claim is "*" reads any app', async () => {
    const { body } = await gw.run(
      Meetings,
      {},
      bearer(await hs256Token({ ...claims, realtimekit_apps: '*' })),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.meetings?.totalCount).toBe(240);
  });

  it.each([
    ['no Authorization header', async () => ({}), /Authorization header with a Bearer token/],
    ['a non-Bearer Authorization header', async () => ({ authorization: 'Basic dXNlcjpwYXNz' }), /Bearer/],
    ['a token that is not a JWT', async () => bearer('not-a-jwt'), /not valid/],
    [
      'a token signed with another secret',
      async () => bearer(await hs256Token(claims, 'another-secret-that-is-also-long-enough-xyz')),
      /not valid/,
    ],
    [
      'an expired token',
      async () => bearer(await hs256Token({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 })),
      /expired/,
    ],
    [
      'a token not valid yet (nbf)',
      async () => bearer(await hs256Token({ ...claims, nbf: Math.floor(Date.now() / 1000) + 600 })),
      /not valid yet/,
    ],
    [
      'a token for another audience',
      async () => bearer(await hs256Token({ ...claims, aud: 'other' })),
      /audience/,
    ],
    [
      'a token from another issuer',
      async () => bearer(await hs256Token({ ...claims, iss: 'https://x.test' })),
      /issuer/,
    ],
  ])('%s → UNAUTHENTICATED, no upstream call', async (_name, headers, message) => {
    const sent: Record<string, string> = await headers();
    const { status, body } = await gw.run(Meetings, {}, sent);
    expect(status).toBe(200);
    expect(body.data?.meetings).toBeNull();
    expect(codes(body)).toEqual(['UNAUTHENTICATED']);
    expect(body.errors?.[0]?.message).toMatch(message);
    const token = sent.authorization?.replace(/^\S+\s+/, '');
    if (token) expect(JSON.stringify(body)).not.toContain(token);
    expect(gw.calls()).toBe(0);
  });

  it('another app than the claim lists → FORBIDDEN for that field only, no upstream call for it', async () => {
    const token = await hs256Token(claims);
    const { body } = await gw
      .post(
        {
          query: `query Two($other: String) {
          mine: meetings(first: 1) { totalCount }
          theirs: meetings(first: 1, appId: $other) { totalCount }
        }`,
          variables: { other: OTHER_APP },
        },
        bearer(token),
      )
      .then(({ text }) => ({
        body: JSON.parse(text) as {
          data: Record<string, unknown>;
          errors: { path: string[]; extensions: { code: string } }[];
        },
      }));
    expect(body.data.mine).toEqual({ totalCount: 240 });
    expect(body.data.theirs).toBeNull();
    expect(body.errors.map((e) => [e.path[0], e.extensions.code])).toEqual([['theirs', 'FORBIDDEN']]);
    expect(gw.calls()).toBe(1);
  });

  it('a token without the claim reads nothing (FORBIDDEN)', async () => {
    const { body } = await gw.run(
      Meetings,
      {},
      bearer(await hs256Token({ aud: claims.aud, iss: claims.iss })),
    );
    expect(codes(body)).toEqual(['FORBIDDEN']);
    expect(gw.calls()).toBe(0);
  });

  it('node IDs of another app → FORBIDDEN per entry, with no upstream call', async () => {
    const foreign = foreignMeetingId(gw);
    const { body } = await gw.run(Nodes, { ids: [foreign, foreign] }, bearer(await hs256Token(claims)));
    expect(body.data?.nodes).toEqual([null, null]);
    expect(codes(body)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(gw.calls()).toBe(0);
  });

  it('_entities representations of another app → FORBIDDEN, no upstream call', async () => {
    const foreign = foreignMeetingId(gw);
    const { text } = await gw.post(
      {
        query: 'query E($r: [_Any!]!) { _entities(representations: $r) { ... on Meeting { title } } }',
        variables: { r: [{ __typename: 'Meeting', id: foreign }] },
      },
      bearer(await hs256Token(claims)),
    );
    const body = JSON.parse(text) as { errors?: { extensions: { code: string } }[] };
    expect(body.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
    expect(gw.calls()).toBe(0);
  });

  it("the caller's token is never sent upstream", async () => {
    const token = await hs256Token(claims);
    await gw.run(Meetings, {}, bearer(token));
    expect(gw.sandbox.requests.map((r) => r.authorization)).toEqual(['Bearer service-token-for-tests']);
  });
});

describe('service mode with AUTH_JWKS_URL (RS256)', () => {
  let jwks: JwksServer;
  let gw: TestGateway;
  beforeAll(async () => {
    jwks = await startJwksServer();
    gw = await startTestGateway({ env: { AUTH_JWKS_URL: jwks.url, AUTH_APPS_CLAIM: 'apps' } });
  });
  afterAll(async () => {
    await gw.close();
    await jwks.close();
  });
  beforeEach(() => gw.sandbox.reset());

  it('a token signed by a key of the JWKS reads the apps of AUTH_APPS_CLAIM; keys are fetched once', async () => {
    for (let i = 0; i < 3; i++) {
      const { body } = await gw.run(Meetings, {}, bearer(await jwks.sign({ apps: [DEFAULT_APP_ID] })));
      expect(body.errors).toBeUndefined();
      expect(body.data?.meetings?.totalCount).toBe(240);
    }
    expect(jwks.hits()).toBe(1);
  });

  it('the default claim name is not read when AUTH_APPS_CLAIM names another', async () => {
    const { body } = await gw.run(Meetings, {}, bearer(await jwks.sign({ realtimekit_apps: '*' })));
    expect(codes(body)).toEqual(['FORBIDDEN']);
    expect(gw.calls()).toBe(0);
  });

  it('an HS256 token (even with a matching claim) is refused', async () => {
    const { body } = await gw.run(Meetings, {}, bearer(await hs256Token({ apps: '*' })));
    expect(codes(body)).toEqual(['UNAUTHENTICATED']);
    expect(gw.calls()).toBe(0);
  });

  it('an expired RS256 token → UNAUTHENTICATED', async () => {
    const token = await jwks.sign({ apps: '*', exp: Math.floor(Date.now() / 1000) - 5 });
    const { body } = await gw.run(Meetings, {}, bearer(token));
    expect(codes(body)).toEqual(['UNAUTHENTICATED']);
    expect(body.errors?.[0]?.message).toMatch(/expired/);
  });
});

describe('AUTH_JWKS_URL unreachable', () => {
  it("→ UPSTREAM_UNAVAILABLE (not the caller's fault), no upstream call", async () => {
    const jwks = await startJwksServer();
    const token = await jwks.sign({ realtimekit_apps: '*' });
    await jwks.close();
    const gw = await startTestGateway({ env: { AUTH_JWKS_URL: jwks.url } });
    try {
      const { body } = await gw.run(Meetings, {}, bearer(token));
      expect(codes(body)).toEqual(['UPSTREAM_UNAVAILABLE']);
      expect(body.errors?.[0]?.message).toBe(
        'The keys that check bearer tokens could not be fetched; try again later.',
      );
      expect(gw.calls()).toBe(0);
    } finally {
      await gw.close();
    }
  });
});

describe('passthrough mode needs no caller authentication', () => {
  it('forwards the Authorization header as before', async () => {
    const gw = await startTestGateway({ mode: 'passthrough', sandbox: { requiredToken: 'caller-token' } });
    try {
      const { body } = await gw.run(Meetings, {}, { authorization: 'Bearer caller-token' });
      expect(body.data?.meetings?.totalCount).toBe(240);
    } finally {
      await gw.close();
    }
  });
});
