import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

const SECRET = 'x'.repeat(32);
const SERVICE = { CLOUDFLARE_API_TOKEN: 't' };

describe('caller authentication settings', () => {
  it('service mode on a reachable HOST refuses to start without caller authentication or AUTH_MODE=none', () => {
    for (const HOST of ['0.0.0.0', '::', '10.1.2.3', 'gateway.internal']) {
      expect(() => loadConfig({ ...SERVICE, HOST })).toThrow(
        new RegExp(`^Service mode on HOST=${HOST.replace('.', '\\.')} needs caller authentication`),
      );
      expect(loadConfig({ ...SERVICE, HOST, AUTH_MODE: 'none' }).callerAuth).toEqual({ kind: 'none' });
    }
  });

  it('service mode on a loopback HOST (the default) starts without caller authentication', () => {
    for (const HOST of [undefined, '127.0.0.1', '127.1.2.3', 'localhost', '::1']) {
      const env = HOST === undefined ? SERVICE : { ...SERVICE, HOST };
      expect(loadConfig(env).callerAuth).toEqual({ kind: 'none' });
    }
  });

  it('AUTH_JWT_SECRET → HS256 with the default claim; AUTH_AUDIENCE and AUTH_ISSUER when set', () => {
    expect(loadConfig({ ...SERVICE, AUTH_JWT_SECRET: SECRET }).callerAuth).toEqual({
      kind: 'hs256',
      secret: SECRET,
      audience: undefined,
      issuer: undefined,
      appsClaim: 'realtimekit_apps',
      accountsClaim: 'realtimekit_accounts',
      allowNoExp: false,
    });
    expect(
      loadConfig({
        ...SERVICE,
        AUTH_JWKS_URL: 'https://idp.example.com/.well-known/jwks.json',
        AUTH_AUDIENCE: 'gw',
        AUTH_ISSUER: 'https://idp.example.com/',
        AUTH_APPS_CLAIM: 'apps',
        AUTH_ACCOUNTS_CLAIM: 'accounts',
      }).callerAuth,
    ).toEqual({
      kind: 'jwks',
      jwksUrl: 'https://idp.example.com/.well-known/jwks.json',
      audience: 'gw',
      issuer: 'https://idp.example.com/',
      appsClaim: 'apps',
      accountsClaim: 'accounts',
      allowNoExp: false,
    });
  });

  it('sandbox and passthrough modes need none', () => {
    expect(loadConfig({}).callerAuth).toEqual({ kind: 'none' });
    expect(loadConfig({ REALTIMEKIT_API_URL: 'https://x.test' }).callerAuth).toEqual({ kind: 'none' });
  });

  it.each([
    [
      { ...SERVICE, AUTH_JWT_SECRET: 'short' },
      'AUTH_JWT_SECRET must be at least 32 bytes long (HS256 needs a 256-bit key).',
    ],
    [
      { ...SERVICE, AUTH_JWT_SECRET: SECRET, AUTH_JWKS_URL: 'https://x.test/jwks' },
      'Set only one of AUTH_JWT_SECRET and AUTH_JWKS_URL, not both.',
    ],
    [
      { ...SERVICE, AUTH_JWKS_URL: 'ftp://x.test/jwks' },
      'AUTH_JWKS_URL must be an absolute http(s) URL without credentials, got "ftp://x.test/jwks".',
    ],
    [
      { ...SERVICE, AUTH_JWT_SECRET: SECRET, AUTH_MODE: 'none' },
      'AUTH_MODE=none contradicts AUTH_JWT_SECRET/AUTH_JWKS_URL: unset one of them.',
    ],
    [{ ...SERVICE, AUTH_MODE: 'off' }, 'AUTH_MODE must be "jwt" or "none", got "off".'],
    [
      { REALTIMEKIT_API_URL: 'https://x.test', AUTH_JWT_SECRET: SECRET },
      "AUTH_JWT_SECRET and AUTH_JWKS_URL need service mode: in passthrough mode the caller's Authorization header is the upstream token.",
    ],
  ])('rejects %o with one sentence naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });
});

describe('operation limits, CORS, introspection, logging', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      maxUpstreamCallsPerOperation: 50,
      maxDepth: 12,
      maxAliases: 30,
      maxTokens: 2000,
      maxRootFields: 20,
      corsOrigins: [],
      introspection: true,
      persistedOperations: undefined,
      logLevel: 'info',
    });
  });

  it('reads each variable', () => {
    expect(
      loadConfig({
        MAX_UPSTREAM_CALLS_PER_OPERATION: '7',
        MAX_DEPTH: '5',
        MAX_ALIASES: '0',
        MAX_TOKENS: '100',
        MAX_ROOT_FIELDS: '2',
        CORS_ORIGINS: 'https://app.example.com, http://localhost:5173',
        GRAPHQL_INTROSPECTION: 'false',
        LOG_LEVEL: 'silent',
      }),
    ).toMatchObject({
      maxUpstreamCallsPerOperation: 7,
      maxDepth: 5,
      maxAliases: 0,
      maxTokens: 100,
      maxRootFields: 2,
      corsOrigins: ['https://app.example.com', 'http://localhost:5173'],
      introspection: false,
      logLevel: 'silent',
    });
    expect(loadConfig({ CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
  });

  it.each([
    [{ MAX_UPSTREAM_CALLS_PER_OPERATION: '0' }, /^MAX_UPSTREAM_CALLS_PER_OPERATION must be a whole number/],
    [{ MAX_DEPTH: 'deep' }, /^MAX_DEPTH must be a whole number/],
    [{ CORS_ORIGINS: 'https://app.example.com/path' }, /^CORS_ORIGINS must be \* or comma-separated origins/],
    [{ CORS_ORIGINS: '*, https://a.test' }, /^CORS_ORIGINS must be either \* alone/],
    [{ GRAPHQL_INTROSPECTION: 'maybe' }, /^GRAPHQL_INTROSPECTION must be true or false, got "maybe"\.$/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/],
  ])('rejects %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('PERSISTED_OPERATIONS_FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'persisted-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads an id → document map', () => {
    const path = file('ok.json', JSON.stringify({ abc: 'query A { meetings { totalCount } }' }));
    expect([...(loadConfig({ PERSISTED_OPERATIONS_FILE: path }).persistedOperations ?? [])]).toEqual([
      ['abc', 'query A { meetings { totalCount } }'],
    ]);
  });

  it.each([
    ['missing.json', undefined, /^PERSISTED_OPERATIONS_FILE must name a readable JSON file/],
    ['array.json', '[]', /^PERSISTED_OPERATIONS_FILE must hold a JSON object/],
    [
      'bad.json',
      JSON.stringify({ abc: 'query {' }),
      /^PERSISTED_OPERATIONS_FILE entry "abc" is not a GraphQL document\.$/,
    ],
    [
      'number.json',
      JSON.stringify({ abc: 1 }),
      /^PERSISTED_OPERATIONS_FILE entry "abc" is not a GraphQL document\.$/,
    ],
  ])('rejects %s', (name, text, message) => {
    const path = text === undefined ? join(dir, name) : file(name, text);
    expect(() => loadConfig({ PERSISTED_OPERATIONS_FILE: path })).toThrow(message);
  });
});
