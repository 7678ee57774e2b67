import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.ts';
import { CREDENTIAL_MARKER, DEFAULT_APP_ID } from '../../src/sandbox/seed.ts';
import { SERVICE_TOKEN, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { HS256_SECRET, hs256Token } from '../support/jwt.ts';

// Structured request logs: one JSON line per request, with a request id, and no secret ever.

interface LogLine {
  level: string;
  msg: string;
  requestId?: string;
  method?: string;
  path?: string;
  status?: number;
  durationMs?: number;
  operationName?: string;
  errorCodes?: string[];
}

function capture() {
  const lines: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => void lines.push(line) });
  return { lines, logger, parsed: () => lines.map((line) => JSON.parse(line) as LogLine) };
}

describe('request logs', () => {
  const logs = capture();
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { AUTH_JWT_SECRET: HS256_SECRET }, logger: logs.logger });
  });
  afterAll(() => gw.close());
  beforeEach(() => {
    logs.lines.length = 0;
    gw.sandbox.reset();
  });

  const requests = () => logs.parsed().filter((line) => line.msg === 'request');

  it('one line per request with method, path, status, duration, operation name, request id and error codes', async () => {
    const token = await hs256Token({ realtimekit_apps: [DEFAULT_APP_ID] });
    const response = await gw.app.fetch('http://gateway.test/graphql?ignored=secret-query-param', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-request-id': 'req-42',
      },
      body: JSON.stringify({
        query:
          'query Listed { meetings(first: 1) { totalCount } other: meetings(first: 1, appId: "x") { totalCount } }',
      }),
    });
    expect(response.headers.get('x-request-id')).toBe('req-42');
    const [line, ...others] = requests();
    expect(others).toEqual([]);
    expect(line).toMatchObject({
      level: 'info',
      requestId: 'req-42',
      method: 'POST',
      path: '/graphql',
      status: 200,
      operationName: 'Listed',
      errorCodes: ['FORBIDDEN'],
    });
    expect(line?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('logs probes and scrapes at debug level, other paths at info, each with its path alone', async () => {
    for (const path of [
      '/health',
      '/ready',
      '/metrics',
      '/graphql?query=%7B__typename%7D',
      '/nowhere/x?y=1',
    ]) {
      await gw.app.fetch(`http://gateway.test${path}`, { headers: { accept: 'application/json' } });
    }
    expect(requests().map((line) => [line.path, line.level])).toEqual([
      ['/health', 'debug'],
      ['/ready', 'debug'],
      ['/metrics', 'debug'],
      ['/graphql', 'info'],
      ['/nowhere/x', 'info'],
    ]);
  });

  it('makes up a request id when there is none or it is not a plain token', async () => {
    for (const header of [undefined, 'has spaces', 'x'.repeat(129)]) {
      const response = await gw.app.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(header ? { 'x-request-id': header } : {}) },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    const ids = requests().map((line) => line.requestId);
    expect(new Set(ids).size).toBe(3);
  });

  it('never logs a token, a JWT, the service token or storage credentials', async () => {
    const valid = await hs256Token({ realtimekit_apps: '*' });
    const expired = await hs256Token({ realtimekit_apps: '*', exp: Math.floor(Date.now() / 1000) - 10 });
    const wrongApp = await hs256Token({ realtimekit_apps: ['another-app'] });
    const storage = `recordingConfig { storageConfig { type bucket username host } } aiConfig { transcription { language } }`;
    const sent: [string, Record<string, string>][] = [
      [`{ meetings(first: 40) { nodes { id ${storage} } } }`, { authorization: `Bearer ${valid}` }],
      ['{ meetings(first: 1) { totalCount } }', { authorization: `Bearer ${expired}` }],
      ['{ meetings(first: 1) { totalCount } }', { authorization: `Bearer ${wrongApp}` }],
      [
        '{ meetings(first: 1) { totalCount } }',
        { authorization: `Basic ${Buffer.from('u:p').toString('base64')}` },
      ],
      ['{ meetings(first: 1) { totalCount } }', {}],
      ['{ meetings(first: 1) { totalCoun } }', { authorization: `Bearer ${valid}` }],
      [`{ meetings(first: 100) { nodes { ${storage} } } }`, { authorization: `Bearer ${valid}` }],
    ];
    for (const [query, headers] of sent) await gw.post({ query }, headers);
    gw.sandbox.inject({
      match: 'list',
      status: 500,
      body: { success: false, errors: [{ code: 1, message: SERVICE_TOKEN }] },
    });
    await gw.post({ query: '{ meetings(first: 1) { totalCount } }' }, { authorization: `Bearer ${valid}` });

    const text = logs.lines.join('');
    expect(requests().map((line) => line.errorCodes ?? [])).toEqual([
      [],
      ['UNAUTHENTICATED'],
      ['FORBIDDEN'],
      ['UNAUTHENTICATED'],
      ['UNAUTHENTICATED'],
      ['BAD_USER_INPUT'],
      ['QUERY_TOO_EXPENSIVE'],
      ['UPSTREAM_ERROR'],
    ]);
    const secrets = [valid, expired, wrongApp, HS256_SECRET, SERVICE_TOKEN, CREDENTIAL_MARKER, 'dTpw'];
    for (const meeting of gw.sandbox.meetings) {
      const storageConfig = meeting.recording_config?.storage_config;
      secrets.push(
        ...[
          storageConfig?.secret,
          storageConfig?.access_key,
          storageConfig?.password,
          storageConfig?.private_key,
        ].filter((value): value is string => typeof value === 'string'),
      );
    }
    for (const secret of secrets) expect(text).not.toContain(secret);
    // The JWT's parts (header.payload.signature) do not show up either.
    for (const part of valid.split('.')) expect(text).not.toContain(part);
  });
});

describe('the logger', () => {
  it('redacts tokens, Authorization headers and credentials whatever it is given', () => {
    const logs = capture();
    logs.logger.info(
      {
        authorization: 'Bearer a.b.c',
        headers: { authorization: 'Bearer d.e.f', cookie: 'session=1' },
        token: 'tok',
        config: { apiToken: 'service-token-value', secret: 'hs-secret' },
        storage: { secret: 's', access_key: 'ak', password: 'pw', private_key: 'pk' },
      },
      'anything',
    );
    const text = logs.lines.join('');
    for (const value of [
      'a.b.c',
      'd.e.f',
      'session=1',
      'tok"',
      'service-token-value',
      'hs-secret',
      '"s"',
      '"ak"',
      '"pw"',
      '"pk"',
    ]) {
      expect(text).not.toContain(value);
    }
    expect(text).toContain('[redacted]');
  });

  it('LOG_LEVEL=silent logs nothing', async () => {
    const lines: string[] = [];
    const silent = createLogger('silent', { write: (line: string) => void lines.push(line) });
    silent.error('nothing');
    expect(lines).toEqual([]);
  });
});
