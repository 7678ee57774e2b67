import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { SharedReads } from '../../src/cache/shared-reads.ts';
import { GatewayError } from '../../src/errors.ts';
import { credentialKeyFn } from '../../src/shared-state/credential-key.ts';

const scope = { authorization: 'Bearer t', accountId: 'acc', appId: 'app' };

function reads(maxBytes: number) {
  return new SharedReads({
    ttlMs: 60_000,
    staleMs: 0,
    maxBytes,
    credentialKey: credentialKeyFn(undefined, undefined),
    logger: pino({ level: 'silent' }),
  });
}

describe('SharedReads in process', () => {
  it('stays within its byte bound (CACHE_MAX_MB), forgetting the least recently used entries', async () => {
    const shared = reads(64 * 1024);
    const value = 'x'.repeat(10_000);
    for (let i = 0; i < 20; i++) await shared.read(scope, `r${i}`, async () => value);
    expect(shared.localBytes).toBeGreaterThan(50_000);
    expect(shared.localBytes).toBeLessThanOrEqual(64 * 1024);
    expect(await shared.peek(scope, ['r19'])).toBe(value);
    expect(await shared.peek(scope, ['r0'])).toBeUndefined();
  });

  it('a value larger than the bound is served but not kept', async () => {
    const shared = reads(1024);
    const served = await shared.read(scope, 'big', async () => 'y'.repeat(5_000));
    expect(served.value).toHaveLength(5_000);
    expect(shared.localBytes).toBe(0);
  });

  it('stale entries stand in only for upstream and budget errors', async () => {
    const shared = new SharedReads({
      ttlMs: 1,
      staleMs: 60_000,
      maxBytes: 1 << 20,
      credentialKey: credentialKeyFn(undefined, undefined),
      logger: pino({ level: 'silent' }),
    });
    await shared.read(scope, 'r', async () => 'old');
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (const code of [
      'UPSTREAM_ERROR',
      'UPSTREAM_TIMEOUT',
      'UPSTREAM_UNAVAILABLE',
      'RATE_LIMITED',
    ] as const) {
      const served = await shared.read(scope, 'r', async () => {
        throw new GatewayError(code, 'failed');
      });
      expect(served.value).toBe('old');
      expect(served.staleAgeMs).toBeGreaterThan(0);
    }
    for (const code of ['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT'] as const) {
      await expect(
        shared.read(scope, 'r', async () => {
          throw new GatewayError(code, 'refused');
        }),
      ).rejects.toThrow('refused');
    }
    // After an invalidation the old entry is gone, even as a stale answer.
    await shared.invalidate(scope);
    await expect(
      shared.read(scope, 'r', async () => {
        throw new GatewayError('UPSTREAM_ERROR', 'down');
      }),
    ).rejects.toThrow('down');
  });

  it('keys never contain the credential, and differ per credential', () => {
    const key = credentialKeyFn('a-secret-that-is-at-least-32-bytes-long', undefined);
    const a = key('Bearer token-a');
    expect(a).not.toContain('token-a');
    expect(a).not.toBe(key('Bearer token-b'));
    expect(a).toBe(key('Bearer token-a'));
    expect(credentialKeyFn('another-secret-that-is-at-least-32-bytes', undefined)('Bearer token-a')).not.toBe(
      a,
    );
  });
});
