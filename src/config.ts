import { parseRateLimit } from './upstream/rate-limiter.ts';

/**
 * Environment → typed, validated configuration. A bad value stops start-up with one
 * sentence naming the variable (`ConfigError`). The mode is decided here, once:
 * - `sandbox`: neither `REALTIMEKIT_API_URL` nor `CLOUDFLARE_API_TOKEN` is set;
 * - `passthrough`: only `REALTIMEKIT_API_URL` is set (callers' Authorization forwarded);
 * - `service`: `CLOUDFLARE_API_TOKEN` is set (the gateway's own token, always).
 */

export type Mode = 'sandbox' | 'passthrough' | 'service';

export interface GatewayConfig {
  mode: Mode;
  port: number;
  host: string;
  /** Upstream base URL without trailing slash; in sandbox mode, replaced by the sandbox's. */
  apiUrl: string;
  /** Service token (service mode only). */
  apiToken: string | undefined;
  defaultAccountId: string | undefined;
  defaultAppId: string | undefined;
  maxPageSize: number;
  upstreamMaxPerPage: number;
  upstreamTimeoutMs: number;
  upstreamRetries: number;
  upstreamRetryBaseMs: number;
  upstreamRetryMaxWaitMs: number;
  upstreamRetryBudget: number;
  /** Concurrent single-meeting GETs per GraphQL request. */
  upstreamConcurrency: number;
  /** Sockets in the keep-alive pool to the upstream. */
  upstreamConnections: number;
  /** Pacing per upstream credential; undefined = no pacing (sandbox mode unless set). */
  upstreamRate: { calls: number; periodMs: number; burst: number; maxWaitMs: number } | undefined;
  /** Consecutive failed upstream calls that open the circuit breaker. */
  upstreamBreakerFailures: number;
  /** How long the breaker stays open before a probe call. */
  upstreamBreakerCooldownMs: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_API_URL = 'https://api.cloudflare.com/client/v4';

type Env = Readonly<Record<string, string | undefined>>;

/** A set, non-blank variable, trimmed; undefined otherwise. */
function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(
      `${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}.`,
    );
  }
  return Number(raw);
}

function httpUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute http(s) URL, got ${JSON.stringify(raw)}.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} must be an absolute http(s) URL, got ${JSON.stringify(raw)}.`);
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new ConfigError(`${name} must be a base URL without credentials, query or fragment.`);
  }
  return url.toString().replace(/\/+$/, '');
}

/**
 * `UPSTREAM_RATE_LIMIT` (`<calls>/<seconds>s`, default `1200/300s`), `UPSTREAM_RATE_BURST`
 * (default the smaller of the call count and 20), `UPSTREAM_RATE_MAX_WAIT_MS` (default 5000).
 * The embedded sandbox has no budget to protect: there pacing is off unless the variable is set.
 */
function rateLimit(env: Env, mode: Mode): GatewayConfig['upstreamRate'] {
  const raw = read(env, 'UPSTREAM_RATE_LIMIT');
  if (raw === undefined && mode === 'sandbox') return undefined;
  const parsed = parseRateLimit(raw ?? '1200/300s');
  if (!parsed) {
    throw new ConfigError(
      `UPSTREAM_RATE_LIMIT must look like <calls>/<seconds>s (e.g. 1200/300s), got ${JSON.stringify(raw)}.`,
    );
  }
  return {
    ...parsed,
    burst: integer(env, 'UPSTREAM_RATE_BURST', Math.min(parsed.calls, 20), 1, parsed.calls),
    maxWaitMs: integer(env, 'UPSTREAM_RATE_MAX_WAIT_MS', 5_000, 0, 600_000),
  };
}

export function loadConfig(env: Env = process.env): GatewayConfig {
  const apiUrlRaw = read(env, 'REALTIMEKIT_API_URL');
  const apiToken = read(env, 'CLOUDFLARE_API_TOKEN');
  const mode: Mode = apiToken !== undefined ? 'service' : apiUrlRaw !== undefined ? 'passthrough' : 'sandbox';
  const maxPageSize = integer(env, 'MAX_PAGE_SIZE', 100, 1, 10_000);
  return {
    mode,
    port: integer(env, 'PORT', 4000, 0, 65_535),
    host: read(env, 'HOST') ?? '127.0.0.1',
    apiUrl: apiUrlRaw === undefined ? DEFAULT_API_URL : httpUrl('REALTIMEKIT_API_URL', apiUrlRaw),
    apiToken,
    defaultAccountId: read(env, 'CLOUDFLARE_ACCOUNT_ID'),
    defaultAppId: read(env, 'REALTIMEKIT_APP_ID'),
    maxPageSize,
    upstreamMaxPerPage: integer(env, 'UPSTREAM_MAX_PER_PAGE', 100, 1, 1000),
    upstreamTimeoutMs: integer(env, 'UPSTREAM_TIMEOUT_MS', 10_000, 1, 600_000),
    upstreamRetries: integer(env, 'UPSTREAM_RETRIES', 2, 0, 10),
    upstreamRetryBaseMs: integer(env, 'UPSTREAM_RETRY_BASE_MS', 200, 0, 60_000),
    upstreamRetryMaxWaitMs: integer(env, 'UPSTREAM_RETRY_MAX_WAIT_MS', 5_000, 0, 600_000),
    upstreamRetryBudget: integer(env, 'UPSTREAM_RETRY_BUDGET', 10, 0, 1000),
    upstreamConcurrency: integer(env, 'UPSTREAM_CONCURRENCY', 8, 1, 100),
    upstreamConnections: integer(env, 'UPSTREAM_CONNECTIONS', 32, 1, 1024),
    upstreamRate: rateLimit(env, mode),
    upstreamBreakerFailures: integer(env, 'UPSTREAM_BREAKER_FAILURES', 5, 1, 1000),
    upstreamBreakerCooldownMs: integer(env, 'UPSTREAM_BREAKER_COOLDOWN_MS', 10_000, 1, 3_600_000),
  };
}

/** The one start-up log line naming the mode. */
export function describeMode(config: GatewayConfig, upstreamUrl: string): string {
  switch (config.mode) {
    case 'sandbox':
      return `mode=sandbox: serving sample meetings from the embedded RealtimeKit sandbox at ${upstreamUrl} (no credentials needed)`;
    case 'passthrough':
      return `mode=passthrough: forwarding each caller's Authorization header to ${upstreamUrl}`;
    case 'service':
      return `mode=service: calling ${upstreamUrl} with the gateway's CLOUDFLARE_API_TOKEN`;
  }
}
