import type { Logger } from 'pino';
import type { CallerAuthenticator } from '../auth/caller-auth.ts';
import { guardLoaders } from '../auth/guard-loaders.ts';
import type { SharedReads } from '../cache/shared-reads.ts';
import { StaleLog } from '../cache/stale-log.ts';
import type { UpstreamReads } from '../cache/upstream-reads.ts';
import type { GatewayConfig } from '../config.ts';
import { createRequestLoaders } from '../loaders/request-loaders.ts';
import { requestIdOf } from '../observability/request-id.ts';
import type { RequestHeaders } from '../request-headers.ts';
import type { ArgumentRules, GatewayContext } from '../schema/context.ts';
import type { UpstreamClient } from '../upstream/client.ts';
import { RetryBudget } from '../upstream/retry.ts';
import { createRequestWrites } from '../writes/request-writes.ts';

// Context creation: what each GraphQL request gets before any resolver runs — its own
// loaders and writes (never shared between requests) behind the caller's access check,
// over the upstream reads shared across requests, with the credential this request may use.

export interface ContextOptions {
  config: GatewayConfig;
  /** The upstream client, for writes (reads go through `reads`). */
  client: UpstreamClient;
  /** Upstream reads through the shared cache. */
  reads: UpstreamReads;
  /** The shared cache, for invalidation after writes. */
  shared: SharedReads;
  callerAuth: CallerAuthenticator;
  argumentRules: ArgumentRules;
  /** Where a failed cache invalidation is reported. */
  logger: Logger;
  /** Token the gateway sends in sandbox mode (service mode uses `config.apiToken`). */
  sandboxToken?: string | undefined;
}

/** The upstream `Authorization` of one request: the caller's (passthrough) or the gateway's. */
export function upstreamAuthorization(
  config: GatewayConfig,
  sandboxToken: string | undefined,
  request: RequestHeaders,
): string | undefined {
  if (config.mode === 'passthrough') {
    const header = request.headers.get('authorization');
    return header === null || header.trim() === '' ? undefined : header;
  }
  const token = config.mode === 'service' ? config.apiToken : sandboxToken;
  return token === undefined ? undefined : `Bearer ${token}`;
}

/** `Cache-Control: no-cache` (or `Pragma: no-cache`) asks for fresh upstream reads. */
export function wantsFresh(request: RequestHeaders): boolean {
  const cacheControl = request.headers.get('cache-control');
  if (cacheControl !== null && /(^|,)\s*no-cache\s*(,|$)/i.test(cacheControl)) return true;
  return cacheControl === null && /no-cache/i.test(request.headers.get('pragma') ?? '');
}

/**
 * Builds each request's context (yoga's `context` option calls it): its own loaders, writes
 * and retry budget behind the caller's access check, over the reads shared across requests
 * (`Cache-Control: no-cache` asks for fresh ones).
 */
export function createContextFactory(
  options: ContextOptions,
): (request: RequestHeaders) => Promise<GatewayContext> {
  const { config, client, reads, shared, callerAuth, argumentRules, logger, sandboxToken } = options;
  return async (request) => {
    const authorization = upstreamAuthorization(config, sandboxToken, request);
    const stale = new StaleLog();
    // Shared by every upstream call of the request; the call limit may lower it.
    const retryBudget = new RetryBudget(config.upstreamRetryBudget);
    const scope = {
      authorization,
      budget: retryBudget,
      fresh: wantsFresh(request),
      // Sent upstream with every call, to follow one request through both logs.
      requestId: requestIdOf(request),
    };
    const access = await callerAuth.authenticate(request);
    // Every upstream read first checks that this caller may read the app.
    const freshLoaders = () =>
      guardLoaders(
        createRequestLoaders({
          reads,
          scope,
          stale,
          maxPerPage: config.upstreamMaxPerPage,
          concurrency: config.upstreamConcurrency,
        }),
        access,
      );
    /** Makes every cached read of this credential for the app unusable, in every replica. */
    const invalidate = async (app: { accountId: string; appId: string }) => {
      if (authorization !== undefined) await shared.invalidate({ authorization, ...app });
    };
    const context: GatewayContext = {
      argumentRules,
      retryBudget,
      stale,
      warnings: [],
      invalidate,
      loaders: freshLoaders(),
      // Every write checks the caller's app and scope first, and, before it answers,
      // forgets what it can have changed: this request's loaders, and the shared cache.
      writes: createRequestWrites({
        client,
        scope,
        access,
        afterWrite: async (change) => {
          context.loaders = freshLoaders();
          await invalidate(change).catch((error: unknown) =>
            logger.warn(
              { err: { message: error instanceof Error ? error.message : String(error) } },
              'cache invalidation failed',
            ),
          );
        },
      }),
    };
    return context;
  };
}
