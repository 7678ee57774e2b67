import type { ChildProcess } from 'node:child_process';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharedReads } from '../../src/cache/shared-reads.ts';
import { CREDENTIAL_MARKER, DEFAULT_ACCOUNT_ID, DEFAULT_APP_ID } from '../../src/sandbox/seed.ts';
import { type Sandbox, startSandbox } from '../../src/sandbox/server.ts';
import { credentialKeyFn } from '../../src/shared-state/credential-key.ts';
import { RedisLink } from '../../src/shared-state/redis-link.ts';
import { freePort, type RedisServer, redisContents, startRedisServer } from '../support/redis-server.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';

// Several gateway processes (`npm start`) on one real redis-server (contract §5): shared
// entries, one upstream budget, shared 429 pauses, invalidation reaching every replica,
// Redis outages that fail no request, and nothing secret written to Redis.

const TOKEN = 'replica-service-token-0123456789';
const FIRST_PAGE = '{ meetings(first: 20) { totalCount edges { cursor node { id meetingId title } } } }';
const ONE_MEETING = 'query ($id: UUID!) { meeting(meetingId: $id) { title } }';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { extensions?: { code?: string; retryAfterSeconds?: number } }[];
    extensions?: { stale?: unknown[] };
  };
}

async function ask(
  proc: ServerProcess,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(proc.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}

/** How many times `proc` logged that Redis became usable. */
const ups = (proc: ServerProcess) => proc.stdout.join('').split('Redis is usable').length - 1;
const downs = (proc: ServerProcess) => proc.stdout.join('').split('Redis is not usable').length - 1;

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

let sandbox: Sandbox;
let redis: RedisServer;
const procs: ServerProcess[] = [];

function env(redisUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    REALTIMEKIT_API_URL: sandbox.baseUrl,
    CLOUDFLARE_API_TOKEN: TOKEN,
    CLOUDFLARE_ACCOUNT_ID: DEFAULT_ACCOUNT_ID,
    REALTIMEKIT_APP_ID: DEFAULT_APP_ID,
    AUTH_MODE: 'none',
    PORT: '0',
    LOG_LEVEL: 'warn',
    REDIS_URL: redisUrl,
    ...extra,
  };
}

async function startProcs(count: number, extra: Record<string, string>): Promise<ServerProcess[]> {
  const started = await Promise.all(
    Array.from({ length: count }, () => startServerProcess(env(redis.url, extra), 40_000)),
  );
  procs.push(...started);
  return started;
}

beforeAll(async () => {
  redis = await startRedisServer();
  sandbox = await startSandbox({ requiredToken: TOKEN, recordRequests: true });
});

afterAll(async () => {
  await Promise.all(procs.map((proc) => stopProcess(proc.child)));
  await sandbox?.close();
  await redis?.stop();
});

describe('three gateway processes on one Redis', () => {
  let p: ServerProcess[] = [];
  beforeAll(async () => {
    p = await startProcs(3, {
      LOG_LEVEL: 'info',
      CACHE_TTL_MS: '60000',
      UPSTREAM_RATE_LIMIT: '5/1s',
      UPSTREAM_RATE_BURST: '2',
      UPSTREAM_RATE_MAX_WAIT_MS: '300',
      UPSTREAM_RETRY_MAX_WAIT_MS: '5000',
    });
    await until(() => p.every((proc) => ups(proc) >= 1), 10_000, 'every process to reach Redis');
  }, 60_000);

  it('an entry filled by one process serves the others, listed meetings included', async () => {
    sandbox.reset();
    const [a, b, c] = p as [ServerProcess, ServerProcess, ServerProcess];
    const first = await ask(a, FIRST_PAGE);
    expect(first.body.errors).toBeUndefined();
    expect(sandbox.requests).toHaveLength(1);
    expect((await ask(b, FIRST_PAGE)).body).toEqual(first.body);
    expect((await ask(c, FIRST_PAGE)).body).toEqual(first.body);
    const meetings = first.body.data?.meetings as { edges: { node: { meetingId: string } }[] } | undefined;
    const meetingId = meetings?.edges[2]?.node.meetingId;
    expect(meetingId).toBeTruthy();
    const one = await ask(c, ONE_MEETING, { id: meetingId });
    expect(one.body.errors).toBeUndefined();
    expect(sandbox.requests).toHaveLength(1);
  });

  it('concurrent identical reads in three processes make one upstream call', async () => {
    sandbox.reset();
    // The first call is slow, so the other processes' reads arrive while it is in flight.
    sandbox.inject({ match: 'list', delayMs: 400 });
    const query = '{ meetings(first: 7, status: INACTIVE) { totalCount nodes { meetingId } } }';
    const answers = await Promise.all(
      p.flatMap((proc) => [ask(proc, query), ask(proc, query), ask(proc, query)]),
    );
    for (const answer of answers) {
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body).toEqual(answers[0]?.body);
    }
    expect(sandbox.requests).toHaveLength(1);
  });

  it('an invalidation reaches every replica', async () => {
    const logger = pino({ level: 'silent' });
    const link = new RedisLink({ url: redis.url, logger });
    try {
      await until(() => link.usable, 5_000, 'the test link');
      // The same keyed hash the processes derive from the service token.
      const shared = new SharedReads({
        ttlMs: 60_000,
        staleMs: 0,
        maxBytes: 1 << 20,
        credentialKey: credentialKeyFn(undefined, TOKEN),
        link,
        logger,
      });
      await ask(p[0] as ServerProcess, FIRST_PAGE);
      sandbox.reset();
      await shared.invalidate({
        authorization: `Bearer ${TOKEN}`,
        accountId: DEFAULT_ACCOUNT_ID,
        appId: DEFAULT_APP_ID,
      });
      await ask(p[1] as ServerProcess, FIRST_PAGE);
      await ask(p[2] as ServerProcess, FIRST_PAGE);
      expect(sandbox.requests).toHaveLength(1);
    } finally {
      await link.close();
    }
  });

  it('the rate budget holds across processes: upstream calls ≤ limit + burst', async () => {
    await sleep(1_000);
    sandbox.reset();
    const started = Date.now();
    const endAt = started + 2_000;
    const loop = async (proc: ServerProcess) => {
      while (Date.now() < endAt) await ask(proc, FIRST_PAGE, {}, { 'cache-control': 'no-cache' });
    };
    await Promise.all(p.flatMap((proc) => Array.from({ length: 6 }, () => loop(proc))));
    const elapsedMs = Date.now() - started;
    const calls = sandbox.requests.length;
    // GCRA: burst 2, then one call per 200 ms, for all three processes together (each
    // process alone would allow as many).
    expect(calls).toBeGreaterThan(5);
    expect(calls).toBeLessThanOrEqual(2 + Math.ceil(elapsedMs / 200) + 1);
  });

  it('a 429 seen by one process pauses all of them', async () => {
    await sleep(1_000);
    sandbox.reset();
    sandbox.inject({ match: 'list', status: 429, headers: { 'retry-after': '2' } });
    const [a, b, c] = p as [ServerProcess, ServerProcess, ServerProcess];
    const first = ask(a, FIRST_PAGE, {}, { 'cache-control': 'no-cache' });
    await until(() => sandbox.requests.length >= 1, 5_000, 'the first call');
    await sleep(100);
    const others = await Promise.all([
      ask(b, FIRST_PAGE, {}, { 'cache-control': 'no-cache' }),
      ask(c, FIRST_PAGE, {}, { 'cache-control': 'no-cache' }),
    ]);
    const retried = await first;
    expect(retried.body.errors).toBeUndefined();
    const pausedAt = sandbox.requests[0]?.at ?? 0;
    // No process called the upstream during the pause the 429 asked for.
    for (const request of sandbox.requests.slice(1))
      expect(request.at - pausedAt).toBeGreaterThanOrEqual(1_900);
    // The others answered from their shared entry (stale) or said when to retry; none called.
    for (const other of others) {
      const stale = other.body.extensions?.stale;
      const code = other.body.errors?.[0]?.extensions?.code;
      expect(stale !== undefined || code === 'RATE_LIMITED').toBe(true);
    }
  });

  it('nothing secret is written to Redis: no token, no storage credential', async () => {
    // The upstream data read above carries storage credentials.
    const listed = sandbox.meetings.slice(0, 20);
    expect(listed.some((m) => JSON.stringify(m).includes(CREDENTIAL_MARKER))).toBe(true);
    const contents = await redisContents(redis.client());
    expect(contents.length).toBeGreaterThan(3);
    // Every seeded storage credential value starts with CREDENTIAL_MARKER.
    const forbidden = [TOKEN, CREDENTIAL_MARKER, 'Bearer'];
    for (const { key, type, texts } of contents) {
      if (type !== 'string' && type !== 'hash') throw new Error(`unexpected key type ${type} for ${key}`);
      for (const text of [key, ...texts]) {
        for (const word of forbidden) expect(text.toLowerCase()).not.toContain(word.toLowerCase());
      }
    }
  });
});

describe('Redis outages', () => {
  it('a Redis unreachable at start fails no request, and is warned about', async () => {
    const port = await freePort();
    const proc = await startServerProcess(
      env(`redis://:redis-password-42@127.0.0.1:${port}`, { LOG_LEVEL: 'info' }),
    );
    procs.push(proc);
    const answer = await ask(proc, FIRST_PAGE);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    await until(() => downs(proc) >= 1, 5_000, 'the warning');
    expect(downs(proc)).toBe(1);
    // The start-up line says where Redis is, never its password.
    expect(proc.stdout.join('')).toContain(`"redis":"redis://127.0.0.1:${port}"`);
    expect(proc.stdout.join('') + proc.stderr.join('')).not.toContain('redis-password-42');
    await stopProcess(proc.child);
  });

  it('Redis killed during load: zero failed requests, and the processes reconnect when it returns', async () => {
    const [a, b] = await startProcs(2, { LOG_LEVEL: 'info', CACHE_TTL_MS: '200' });
    const both = [a, b] as ServerProcess[];
    await until(() => both.every((proc) => ups(proc) >= 1), 10_000, 'every process to reach Redis');
    let stop = false;
    const failures: unknown[] = [];
    let answered = 0;
    const loop = async (proc: ServerProcess, i: number) => {
      while (!stop) {
        try {
          const answer = await ask(proc, FIRST_PAGE, {}, i % 3 === 0 ? { 'cache-control': 'no-cache' } : {});
          if (answer.status !== 200 || answer.body.errors || !answer.body.data?.meetings)
            failures.push(answer.body);
          else answered += 1;
        } catch (error) {
          failures.push(String(error));
        }
      }
    };
    const load = Promise.all(both.flatMap((proc) => Array.from({ length: 4 }, (_, i) => loop(proc, i))));
    await sleep(500);
    await redis.kill();
    await until(() => both.every((proc) => downs(proc) >= 1), 10_000, 'every process to notice');
    await sleep(1_000);
    await redis.start();
    await until(() => both.every((proc) => ups(proc) >= 2), 15_000, 'every process to reconnect');
    await sleep(300);
    stop = true;
    await load;
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(20);
    // One warning per state change, not one per request.
    for (const proc of both) expect(downs(proc)).toBeLessThan(5);
    // Shared again: an entry filled by one serves the other.
    await sleep(300);
    sandbox.reset();
    await ask(both[0] as ServerProcess, FIRST_PAGE, {}, { 'cache-control': 'no-cache' });
    await ask(both[1] as ServerProcess, FIRST_PAGE);
    expect(sandbox.requests).toHaveLength(1);
  }, 60_000);
});
