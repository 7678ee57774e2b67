import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isGatewayError } from '../../src/errors.ts';
import { UpstreamClient } from '../../src/upstream/client.ts';
import { RetryBudget } from '../../src/upstream/retry.ts';
import { callJson, createDispatcher } from '../../src/upstream/transport.ts';

/**
 * A refused connection proves that nothing was sent, so a write may be retried after it;
 * these checks need no timing: a loopback port nobody listens on refuses every time.
 */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('writes after a refused connection', () => {
  it('the transport says "refused" when nothing listens', async () => {
    const dispatcher = createDispatcher({ connections: 1, keepAliveTimeoutMs: 1000 });
    const result = await callJson(dispatcher, {
      method: 'POST',
      url: `http://127.0.0.1:${await closedPort()}/x`,
      headers: {},
      body: { a: 1 },
      timeoutMs: 2000,
    });
    await dispatcher.close();
    expect(result.kind === 'failure' && result.cause).toBe('refused');
  });

  it('a write is retried after a refusal (it was not applied) and says so; a read is not', async () => {
    const client = new UpstreamClient({
      baseUrl: `http://127.0.0.1:${await closedPort()}/client/v4`,
      timeoutMs: 2000,
      connections: 2,
      rate: undefined,
      breaker: { failures: 100, cooldownMs: 1000 },
      retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2, maxWaitMs: 10 },
      repeatedBodiesMaxBytes: 0,
    });
    try {
      const app = { accountId: 'acc', appId: 'app' };
      const writeScope = { authorization: 'Bearer t', budget: new RetryBudget(10) };
      const error = await client.createMeeting(writeScope, app, { title: 'x' }, []).catch((e: unknown) => e);
      expect(isGatewayError(error) && error.code).toBe('UPSTREAM_UNAVAILABLE');
      expect((error as Error).message).not.toContain('may or may not');
      expect(writeScope.budget.remaining).toBe(8);

      const readScope = { authorization: 'Bearer t', budget: new RetryBudget(10) };
      await client
        .getMeeting(readScope, { ...app, meetingId: '00000000-0000-4000-8000-000000000000' })
        .catch(() => {});
      expect(readScope.budget.remaining).toBe(10);
    } finally {
      await client.close();
    }
  });
});
