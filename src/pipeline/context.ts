import type { CallerAuthenticator } from '../auth/caller-auth.ts';
import { guardLoaders } from '../auth/guard-loaders.ts';
import type { GatewayConfig } from '../config.ts';
import { createRequestLoaders } from '../loaders/request-loaders.ts';
import type { ArgumentRules, GatewayContext } from '../schema/context.ts';
import type { UpstreamClient } from '../upstream/client.ts';
import { RetryBudget } from '../upstream/retry.ts';

// Context creation: what each GraphQL request gets before any resolver runs — its own
// loaders (never shared between requests), behind the caller's access check, calling the
// upstream with the credential this request may use.

export interface ContextOptions {
  config: GatewayConfig;
  client: UpstreamClient;
  callerAuth: CallerAuthenticator;
  argumentRules: ArgumentRules;
  /** Token the gateway sends in sandbox mode (service mode uses `config.apiToken`). */
  sandboxToken?: string | undefined;
}

/** The upstream `Authorization` of one request: the caller's (passthrough) or the gateway's. */
export function upstreamAuthorization(
  config: GatewayConfig,
  sandboxToken: string | undefined,
  request: Request,
): string | undefined {
  if (config.mode === 'passthrough') {
    const header = request.headers.get('authorization');
    return header === null || header.trim() === '' ? undefined : header;
  }
  const token = config.mode === 'service' ? config.apiToken : sandboxToken;
  return token === undefined ? undefined : `Bearer ${token}`;
}

/** Builds each request's context (yoga's `context` option calls it). */
export function createContextFactory(options: ContextOptions): (request: Request) => Promise<GatewayContext> {
  const { config, client, callerAuth, argumentRules, sandboxToken } = options;
  return async (request) => {
    // Shared by every upstream call of the request; the call limit may lower it.
    const retryBudget = new RetryBudget(config.upstreamRetryBudget);
    return {
      argumentRules,
      retryBudget,
      // Every upstream read first checks that this caller may read the app.
      loaders: guardLoaders(
        createRequestLoaders({
          client,
          scope: { authorization: upstreamAuthorization(config, sandboxToken, request), budget: retryBudget },
          maxPerPage: config.upstreamMaxPerPage,
          concurrency: config.upstreamConcurrency,
        }),
        await callerAuth.authenticate(request),
      ),
    };
  };
}
