import { request } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerRateShare } from '../../src/config.ts';
import { DEFAULT_ACCOUNT_ID, DEFAULT_APP_ID } from '../../src/sandbox/seed.ts';
import { type Sandbox, startSandbox } from '../../src/sandbox/server.ts';
import { descendants, until } from '../support/processes.ts';
import { sample } from '../support/prometheus.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';

/**
 * WEB_CONCURRENCY=2: two workers on one port. Without a shared budget, each paces with its
 * share, so together they stay within UPSTREAM_RATE_LIMIT/BURST; `/metrics` sums the workers.
 */

const TOKEN = 'cluster-test-service-token';

/** One POST on a new connection (so that the cluster hands it to the next worker). */
function post(url: string, query: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', connection: 'close' } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ query }));
  });
}

describe('WEB_CONCURRENCY=2 without Redis', () => {
  let sandbox: Sandbox;
  let gateway: ServerProcess;
  beforeAll(async () => {
    sandbox = await startSandbox({ requiredToken: TOKEN, recordRequests: true });
    gateway = await startServerProcess(
      {
        PORT: '0',
        WEB_CONCURRENCY: '2',
        REALTIMEKIT_API_URL: sandbox.baseUrl,
        CLOUDFLARE_API_TOKEN: TOKEN,
        CLOUDFLARE_ACCOUNT_ID: DEFAULT_ACCOUNT_ID,
        REALTIMEKIT_APP_ID: DEFAULT_APP_ID,
        // A burst of 4 for the whole gateway, and (almost) no refill during the test.
        UPSTREAM_RATE_LIMIT: '10/3600s',
        UPSTREAM_RATE_BURST: '4',
        UPSTREAM_RATE_MAX_WAIT_MS: '0',
        // Every query goes upstream (no cross-request cache), so the budget is what limits.
        CACHE_TTL_MS: '0',
        LOG_LEVEL: 'warn',
      },
      45_000,
    );
  }, 60_000);
  afterAll(async () => {
    if (gateway?.child.exitCode === null) gateway.child.kill('SIGTERM');
    await sandbox?.close();
  });

  it('the workers together never exceed the budget; /metrics counts both', async () => {
    const answers = [];
    for (let i = 0; i < 20; i++)
      answers.push(await post(gateway.url, '{ meetings(first: 1) { totalCount } }'));
    const limited = answers.filter((a) => a.body.includes('"RATE_LIMITED"')).length;
    // Each worker has 2 of the 4: without the split, the two would make 8 calls.
    expect(sandbox.requests).toHaveLength(4);
    expect(limited).toBe(16);

    const text = await (await fetch(new URL('/metrics', gateway.url))).text();
    expect(sample(text, 'gateway_upstream_budget_refused_total', {})).toBe(16);
    expect(
      sample(text, 'gateway_graphql_operations_total', {
        operation: 'anonymous',
        type: 'query',
        outcome: 'ok',
      }),
    ).toBe(4);
    expect(sample(text, 'gateway_upstream_budget_tokens', {})).toBe(0);
  });

  it('a worker that dies is replaced, and the port keeps answering', async () => {
    const primary = gateway.child.pid ?? 0;
    const workers = descendants(primary);
    expect(workers).toHaveLength(2);
    process.kill(workers[0] ?? 0, 'SIGKILL');
    expect(
      await until(() => {
        const now = descendants(primary);
        return now.length === 2 && !now.includes(workers[0] ?? 0);
      }, 20_000),
    ).toBe(true);
    for (let i = 0; i < 4; i++) expect((await post(gateway.url, '{ __typename }')).status).toBe(200);
  });
});

describe('workerRateShare', () => {
  it('never lets N workers exceed the total, and keeps at least one call each', () => {
    for (const calls of [1, 2, 7, 100, 1200]) {
      for (const burst of [1, 3, 20, calls]) {
        for (const workers of [1, 2, 3, 4, 8]) {
          const share = workerRateShare({ calls, periodMs: 300_000, burst, maxWaitMs: 0 }, workers);
          expect(share?.calls).toBeGreaterThanOrEqual(1);
          expect(share?.burst).toBeGreaterThanOrEqual(1);
          if (workers <= calls) expect((share?.calls ?? 0) * workers).toBeLessThanOrEqual(calls);
          if (workers <= burst) expect((share?.burst ?? 0) * workers).toBeLessThanOrEqual(burst);
          expect(share?.periodMs).toBe(300_000);
        }
      }
    }
    expect(workerRateShare(undefined, 4)).toBeUndefined();
  });
});

describe('METRICS_PORT', () => {
  it('serves /metrics on its own port, not on the public one', async () => {
    const free = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const gateway = await startServerProcess(
      { PORT: '0', METRICS_PORT: String(free), LOG_LEVEL: 'warn' },
      45_000,
    );
    try {
      await post(gateway.url, 'query OnePage { meetings(first: 1) { totalCount } }');
      expect((await fetch(new URL('/metrics', gateway.url))).status).toBe(404);
      const text = await (await fetch(`http://127.0.0.1:${free}/metrics`)).text();
      expect(
        sample(text, 'gateway_graphql_operations_total', {
          operation: 'OnePage',
          type: 'query',
          outcome: 'ok',
        }),
      ).toBe(1);
      expect(text).toContain('process_cpu_user_seconds_total');
    } finally {
      gateway.child.kill('SIGTERM');
    }
  });
});
