import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_API_URL, describeMode, loadConfig } from '../../src/config.ts';

describe('loadConfig', () => {
  it('defaults to sandbox mode with the contract defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: 'sandbox',
      port: 4000,
      host: '127.0.0.1',
      apiUrl: DEFAULT_API_URL,
      maxPageSize: 100,
      upstreamMaxPerPage: 100,
      upstreamTimeoutMs: 10_000,
    });
  });

  it('decides the mode once from REALTIMEKIT_API_URL and CLOUDFLARE_API_TOKEN', () => {
    expect(loadConfig({ REALTIMEKIT_API_URL: 'http://127.0.0.1:9/client/v4/' }).mode).toBe('passthrough');
    expect(loadConfig({ CLOUDFLARE_API_TOKEN: 't', AUTH_MODE: 'none' }).mode).toBe('service');
    expect(
      loadConfig({ CLOUDFLARE_API_TOKEN: 't', REALTIMEKIT_API_URL: 'https://x.test', AUTH_MODE: 'none' })
        .mode,
    ).toBe('service');
    expect(loadConfig({ CLOUDFLARE_API_TOKEN: '   ' }).mode).toBe('sandbox');
  });

  it('normalizes the upstream URL', () => {
    expect(loadConfig({ REALTIMEKIT_API_URL: 'http://127.0.0.1:9/client/v4/' }).apiUrl).toBe(
      'http://127.0.0.1:9/client/v4',
    );
  });

  it.each([
    [{ PORT: '70000' }, 'PORT must be a whole number from 0 to 65535, got "70000".'],
    [{ PORT: '4e3' }, 'PORT must be a whole number from 0 to 65535, got "4e3".'],
    [{ MAX_PAGE_SIZE: '0' }, 'MAX_PAGE_SIZE must be a whole number from 1 to 1000, got "0".'],
    [{ UPSTREAM_TIMEOUT_MS: '-5' }, 'UPSTREAM_TIMEOUT_MS must be a whole number from 1 to 600000, got "-5".'],
    [{ PORT: 'abc' }, 'PORT must be a whole number from 0 to 65535, got "abc".'],
    [
      { UPSTREAM_MAX_PER_PAGE: '1.5' },
      'UPSTREAM_MAX_PER_PAGE must be a whole number from 1 to 100, got "1.5".',
    ],
    [
      { REALTIMEKIT_API_URL: 'ftp://x' },
      'REALTIMEKIT_API_URL must be an absolute http(s) URL, got "ftp://x".',
    ],
    [
      { REALTIMEKIT_API_URL: 'https://u:p@x.test' },
      'REALTIMEKIT_API_URL must be a base URL without credentials, query or fragment.',
    ],
  ])('rejects %o with one sentence naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it('describes each mode in one line', () => {
    expect(describeMode(loadConfig({}), 'http://127.0.0.1:1/client/v4')).toMatch(/^mode=sandbox: /);
    expect(
      describeMode(loadConfig({ CLOUDFLARE_API_TOKEN: 'secret-token', AUTH_MODE: 'none' }), DEFAULT_API_URL),
    ).not.toContain('secret-token');
  });
});

describe('cache configuration (CACHE_TTL_MS, CACHE_STALE_MS, CACHE_MAX_MB, REDIS_URL, CACHE_KEY_SECRET)', () => {
  it('has the contract defaults, and no Redis', () => {
    expect(loadConfig({}).cache).toEqual({
      ttlMs: 5_000,
      staleMs: 60_000,
      maxBytes: 64 * 1024 * 1024,
      redisUrl: undefined,
      keySecret: undefined,
    });
    expect(loadConfig({ CACHE_TTL_MS: '0' }).cache.ttlMs).toBe(0);
    expect(loadConfig({ REDIS_URL: 'rediss://:pw@cache.internal:6380/2' }).cache.redisUrl).toBe(
      'rediss://:pw@cache.internal:6380/2',
    );
  });

  it.each([
    [{ CACHE_TTL_MS: '-1' }, 'CACHE_TTL_MS must be a whole number from 0 to 86400000, got "-1".'],
    [{ CACHE_STALE_MS: 'soon' }, 'CACHE_STALE_MS must be a whole number from 0 to 86400000, got "soon".'],
    [{ CACHE_MAX_MB: '0' }, 'CACHE_MAX_MB must be a whole number from 1 to 65536, got "0".'],
    [
      { REDIS_URL: 'http://127.0.0.1:6379' },
      'REDIS_URL must look like redis://[:password@]host:port[/db] or rediss://…; the value given is not such a URL.',
    ],
    [{ CACHE_KEY_SECRET: 'short' }, 'CACHE_KEY_SECRET must be at least 32 bytes long.'],
    [
      { REALTIMEKIT_API_URL: 'http://127.0.0.1:9', REDIS_URL: 'redis://127.0.0.1:6379' },
      "CACHE_KEY_SECRET (at least 32 bytes, the same in every process) must be set when REDIS_URL is set in passthrough mode: it keys the hash that scopes shared entries to each caller's token.",
    ],
  ])('%o → %s', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it('a bad REDIS_URL never echoes its password', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis//:hunter2@host' })).toThrow(/^(?!.*hunter2)/);
  });
});

describe('UPSTREAM_REPEATED_BODIES_MB', () => {
  it('defaults to 8 MiB; 0 turns the recognition of repeated upstream answers off', () => {
    expect(loadConfig({}).upstreamRepeatedBodiesBytes).toBe(8 * 1024 * 1024);
    expect(loadConfig({ UPSTREAM_REPEATED_BODIES_MB: '0' }).upstreamRepeatedBodiesBytes).toBe(0);
    expect(() => loadConfig({ UPSTREAM_REPEATED_BODIES_MB: '2000' })).toThrow(
      new ConfigError('UPSTREAM_REPEATED_BODIES_MB must be a whole number from 0 to 1024, got "2000".'),
    );
  });
});

describe('GRAPHQL_SHORT_PATH', () => {
  it('is on by default; false turns the short path off; anything else is refused', () => {
    expect(loadConfig({}).shortPath).toBe(true);
    expect(loadConfig({ GRAPHQL_SHORT_PATH: 'false' }).shortPath).toBe(false);
    expect(() => loadConfig({ GRAPHQL_SHORT_PATH: 'sometimes' })).toThrow(ConfigError);
  });
});
