import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID } from '../../src/sandbox/seed.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { HS256_SECRET, hs256Token } from '../support/jwt.ts';

/** Tokens without `exp`, and `_service { sdl }` with introspection off. */

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

const MEETINGS = '{ meetings(first: 1) { totalCount } }';

describe('JWT caller auth and tokens without exp', () => {
  let strict: TestGateway;
  let lenient: TestGateway;
  beforeAll(async () => {
    strict = await startTestGateway({ env: { AUTH_JWT_SECRET: HS256_SECRET } });
    lenient = await startTestGateway({ env: { AUTH_JWT_SECRET: HS256_SECRET, AUTH_ALLOW_NO_EXP: 'true' } });
  });
  afterAll(async () => {
    await strict.close();
    await lenient.close();
  });
  beforeEach(() => {
    strict.sandbox.reset();
    lenient.sandbox.reset();
  });

  const noExp = () => hs256Token({ realtimekit_apps: [DEFAULT_APP_ID], exp: undefined });
  const run = async (gw: TestGateway, token: string) =>
    JSON.parse((await gw.post({ query: MEETINGS }, { authorization: `Bearer ${token}` })).text) as Body;

  it('is refused by default, with UNAUTHENTICATED and no upstream call', async () => {
    const token = await noExp();
    expect(JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString())).not.toHaveProperty(
      'exp',
    );
    const body = await run(strict, token);
    expect(body.data?.meetings ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0]?.message).toBe(
      'The bearer token has no expiry (exp claim); this gateway accepts only tokens that expire.',
    );
    expect(strict.calls()).toBe(0);
  });

  it('a token with exp is still accepted', async () => {
    const body = await run(strict, await hs256Token({ realtimekit_apps: [DEFAULT_APP_ID] }));
    expect(body).toEqual({ data: { meetings: { totalCount: 240 } } });
  });

  it('is accepted with AUTH_ALLOW_NO_EXP=true', async () => {
    const body = await run(lenient, await noExp());
    expect(body).toEqual({ data: { meetings: { totalCount: 240 } } });
  });
});

describe('_service { sdl } with GRAPHQL_INTROSPECTION=false', () => {
  const SDL = '{ _service { sdl } }';
  const gateways: TestGateway[] = [];
  const start = async (env: Record<string, string>) => {
    const gw = await startTestGateway({ env });
    gateways.push(gw);
    return gw;
  };
  afterAll(async () => {
    for (const gw of gateways) await gw.close();
  });
  const run = async (gw: TestGateway, query: string) => JSON.parse((await gw.post({ query })).text) as Body;

  it('is refused like introspection (also under an alias or in a fragment)', async () => {
    const gw = await start({ GRAPHQL_INTROSPECTION: 'false' });
    for (const query of [
      SDL,
      '{ s: _service { sdl } }',
      '{ ...F } fragment F on Query { _service { sdl } }',
    ]) {
      const body = await run(gw, query);
      expect(body.data ?? null).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.message).toMatch(/introspection has been disabled.*_service/);
    }
    expect(await run(gw, MEETINGS)).toEqual({ data: { meetings: { totalCount: 240 } } });
  });

  it('is served with FEDERATION_SDL=true, and whenever introspection is on', async () => {
    const envs: Record<string, string>[] = [{ GRAPHQL_INTROSPECTION: 'false', FEDERATION_SDL: 'true' }, {}];
    for (const env of envs) {
      const body = await run(await start(env), SDL);
      expect(body.errors).toBeUndefined();
      expect((body.data?._service as { sdl: string } | undefined)?.sdl).toContain('type Meeting');
    }
  });
});
