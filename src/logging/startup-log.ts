import type { Logger } from 'pino';
import { type GatewayConfig, isLoopbackHost } from '../config.ts';

/**
 * The structured start-up lines: one `info` line with the mode, the GraphiQL URL and the
 * protections in force (never a token, secret or key), and a `warn` line when service
 * mode runs without caller authentication (AUTH_MODE=none, or a loopback HOST).
 */
export function logStartup(logger: Logger, config: GatewayConfig, graphqlUrl: string): void {
  logger.info(
    {
      mode: config.mode,
      graphqlUrl,
      callerAuth: config.callerAuth.kind,
      maxUpstreamCallsPerOperation: config.maxUpstreamCallsPerOperation,
      limits: {
        depth: config.maxDepth,
        aliases: config.maxAliases,
        tokens: config.maxTokens,
        rootFields: config.maxRootFields,
      },
      corsOrigins: config.corsOrigins,
      introspection: config.introspection,
      trustedOperations: config.persistedOperations?.size ?? null,
      cache: {
        ttlMs: config.cache.ttlMs,
        staleMs: config.cache.staleMs,
        maxBytes: config.cache.maxBytes,
        // Where Redis is, never its password.
        redis: config.cache.redisUrl === undefined ? null : redisLocation(config.cache.redisUrl),
      },
    },
    'gateway started',
  );
  if (config.mode === 'service' && config.callerAuth.kind === 'none') {
    logger.warn(
      `callers are not authenticated (no AUTH_JWT_SECRET/AUTH_JWKS_URL), so anyone who reaches this port reads meetings with the service token${isLoopbackHost(config.host) ? `; HOST=${config.host} is reachable from this machine only, and another HOST needs caller authentication or AUTH_MODE=none` : ''}`,
    );
  }
}

/** `host:port/db` of a REDIS_URL, without user or password. */
function redisLocation(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}
