import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, type ServerProcess, startServerProcess, strayOutput } from '../support/server-process.ts';

/**
 * `npm start` as users run it: a real process, real sockets, sandbox mode with no setup.
 */

const startServer = startServerProcess;

async function runToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['src/server.ts'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

/** Resolves once `condition()` holds (checked every 20 ms, for at most 5 s). */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 250 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('npm start in sandbox mode', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer({ PORT: '0' });
  });
  afterAll(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });

  it('prints one human line naming the mode and the GraphiQL URL, then only JSON log lines', async () => {
    await until(() => server.stdout.join('').includes('"gateway started"'));
    const [first, ...rest] = server.stdout.join('').trim().split('\n');
    expect(first).toMatch(
      /^mode=sandbox: .*sample meetings.*; GraphiQL at http:\/\/127\.0\.0\.1:\d+\/graphql$/,
    );
    const logs = rest.map((line) => JSON.parse(line) as { msg: string; mode?: string });
    expect(logs.find((log) => log.msg === 'gateway started')?.mode).toBe('sandbox');
  });

  it('answers /health', async () => {
    const response = await fetch(new URL('/health', server.url));
    expect(response.status).toBe(200);
  });

  it('serves GraphiQL with the example operations to a browser', async () => {
    const response = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/graphiql/i);
    expect(html).toContain('FirstPage');
  });

  it('answers the issue’s example query from the sandbox with no header and no setup', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          '{ meetings(first: 5) { totalCount edges { cursor node { title createdAt recordingConfig { videoConfig { codec watermark { position } } } } } pageInfo { hasNextPage endCursor } } }',
      }),
    });
    const body = (await response.json()) as {
      errors?: unknown;
      data: {
        meetings: {
          totalCount: number;
          edges: { node: { title: string } }[];
          pageInfo: { hasNextPage: boolean };
        };
      };
    };
    expect(body.errors).toBeUndefined();
    expect(body.data.meetings.edges).toHaveLength(5);
    expect(body.data.meetings.totalCount).toBeGreaterThan(5);
    expect(body.data.meetings.edges.every((e) => e.node.title.length > 0)).toBe(true);
    expect(body.data.meetings.pageInfo.hasNextPage).toBe(true);
  });

  it('answers a plain GET /graphql (GraphQL over HTTP)', async () => {
    const url = new URL(server.url);
    url.searchParams.set('query', '{ meetings(first: 1) { totalCount } }');
    // Outside a browser no CSRF header is needed (csrf-cors.test.ts covers browsers).
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: unknown }).data).toBeTruthy();
  });

  it('writes only JSON log lines for odd requests (inline literals, bad parameters, wrong operation types)', async () => {
    const post = (query: string, variables?: unknown) =>
      fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
    const get = (params: Record<string, string>) =>
      fetch(`${server.url}?${new URLSearchParams(params)}`, { headers: { accept: 'application/json' } });
    const answers = await Promise.all([
      post('{ meeting(meetingId: "0b8a3f4e-2c1d-4e5f-8a9b-0c1d2e3f4a5b") { title } }'),
      post(
        '{ meetings(first: 2, startTime: "2025-01-01T00:00:00Z", endTime: "2027-01-01T00:00:00Z") { totalCount } }',
      ),
      post('{ nodes(ids: ["bad", "zzz"]) { id } }'),
      post('subscription { meetings { totalCount } }'),
      post('mutation { createMeeting { id } }'),
      post('{ meetings(first: 1) { nope } }'),
      post('{ meetings(first: $n) { totalCount } }', '{not json'),
      get({ query: '{ meetings(first: 1) { totalCount } }', variables: '{oops' }),
      get({ query: '{ meetings(first: 1) { totalCount } }', extensions: 'nope' }),
      get({ query: 'subscription { x }' }),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBeLessThan(500);
      await answer.text();
    }
    await until(() => (server.stdout.join('').match(/"msg"/g)?.length ?? 0) >= answers.length);
    expect(strayOutput(server)).toEqual([]);
  });

  it('exits 0 on SIGTERM after finishing an in-flight request', async () => {
    const inFlight = fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ meetings(first: 100) { nodes { aiConfig { transcription { language } } } } }',
      }),
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    server.child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    const [code] = (await once(server.child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });
});

describe('configuration errors stop start-up with one clear sentence', () => {
  it.each([
    [
      { PORT: 'abc' },
      /^realtimekit-graphql-gateway: PORT must be a whole number from 0 to 65535, got "abc"\.\n$/,
    ],
    [{ MAX_PAGE_SIZE: '0' }, /MAX_PAGE_SIZE must be a whole number/],
    [{ REALTIMEKIT_API_URL: 'not a url' }, /REALTIMEKIT_API_URL must be an absolute http\(s\) URL/],
    [{ UPSTREAM_TIMEOUT_MS: '-5' }, /UPSTREAM_TIMEOUT_MS/],
    [
      { CLOUDFLARE_API_TOKEN: 'x', HOST: '0.0.0.0' },
      /Service mode on HOST=0\.0\.0\.0 needs caller authentication: set AUTH_JWT_SECRET or AUTH_JWKS_URL/,
    ],
    [{ AUTH_JWT_SECRET: 'short' }, /AUTH_JWT_SECRET must be at least 32 bytes/],
    [{ CORS_ORIGINS: 'example.com' }, /CORS_ORIGINS must be \* or comma-separated origins/],
  ])('%o', async (env, message) => {
    const { code, stderr } = await runToExit(env as Record<string, string>);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('npm start in service mode on the default loopback HOST, as the contract starts it', () => {
  it('starts, and warns in a JSON log line that callers are not authenticated', async () => {
    const server = await startServer({
      PORT: '0',
      CLOUDFLARE_API_TOKEN: 'service-token-never-logged',
      REALTIMEKIT_API_URL: 'http://127.0.0.1:9/client/v4',
    });
    try {
      await until(() => server.stdout.join('').includes('"level":"warn"'));
      const [first, ...rest] = server.stdout.join('').trim().split('\n');
      expect(first).toMatch(/^mode=service: /);
      const warning = rest
        .map((line) => JSON.parse(line) as { level: string; msg: string })
        .find((l) => l.level === 'warn');
      expect(warning?.msg).toMatch(/anyone who reaches this port reads meetings with the service token/);
      expect(warning?.msg).toMatch(/HOST=127\.0\.0\.1 is reachable from this machine only/);
      expect(server.stdout.join('')).not.toContain('service-token-never-logged');
    } finally {
      server.child.kill('SIGKILL');
    }
  });
});
