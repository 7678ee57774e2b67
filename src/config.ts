import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parse } from 'graphql';
import { parseRateLimit } from './upstream/rate-limiter.ts';

// Environment → typed, validated configuration. A bad value stops start-up with one
// sentence naming the variable (`ConfigError`). The mode is decided here, once:
// - `sandbox`: neither `REALTIMEKIT_API_URL` nor `CLOUDFLARE_API_TOKEN` is set;
// - `passthrough`: only `REALTIMEKIT_API_URL` is set (callers' Authorization forwarded);
// - `service`: `CLOUDFLARE_API_TOKEN` is set (the gateway's own token, always).

export type Mode = 'sandbox' | 'passthrough' | 'service';

export interface GatewayConfig {
  mode: Mode;
  port: number;
  host: string;
  /**
   * `Host` header names (lower case, without port) the gateway answers; others get 421.
   * `'*'` → any. Default: the loopback names when HOST is loopback, any otherwise.
   */
  allowedHosts: '*' | ReadonlySet<string>;
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
  /** How callers must authenticate (service mode, and sandbox mode when configured). */
  callerAuth: CallerAuthConfig;
  /** Largest number of upstream calls one operation may be predicted to need. */
  maxUpstreamCallsPerOperation: number;
  /** Deepest field nesting an operation may have. */
  maxDepth: number;
  /** Most aliases an operation may use. */
  maxAliases: number;
  /** Most lexical tokens a document may have. */
  maxTokens: number;
  /** Most root fields an operation may select. */
  maxRootFields: number;
  /** Origins allowed cross-origin; empty → no CORS headers at all; `['*']` → any origin. */
  corsOrigins: readonly string[];
  /** Whether `__schema`/`__type` and "Did you mean" suggestions are served. */
  introspection: boolean;
  /** Trusted operations, id → document; when set, nothing else runs. */
  trustedOperations: ReadonlyMap<string, string> | undefined;
  logLevel: LogLevel;
  /** Pacing per upstream credential; undefined = no pacing (sandbox mode unless set). */
  upstreamRate: { calls: number; periodMs: number; burst: number; maxWaitMs: number } | undefined;
  /** Consecutive failed upstream calls that open the circuit breaker. */
  upstreamBreakerFailures: number;
  /** How long the breaker stays open before a probe call. */
  upstreamBreakerCooldownMs: number;
  /** Bound on the upstream bodies kept to recognise repeated answers (UPSTREAM_REPEATED_BODIES_MB); 0 = off. */
  upstreamRepeatedBodiesBytes: number;
  /** Whether repeated query texts take the short path in front of yoga (GRAPHQL_SHORT_PATH). */
  shortPath: boolean;
  /** Whether `_service { sdl }` is served while introspection is off (FEDERATION_SDL). */
  federationSdl: boolean;
  /** Prometheus metrics (METRICS_ENABLED, METRICS_PORT). */
  metrics: { enabled: boolean; port: number | undefined };
  /** Whether OpenTelemetry traces are exported (OTEL_EXPORTER_OTLP_ENDPOINT or ..._TRACES_ENDPOINT set). */
  tracing: boolean;
  /** Worker processes sharing the port (WEB_CONCURRENCY; `auto` = available cores). */
  webConcurrency: number;
  /** Cross-request sharing of upstream reads (see `src/cache/shared-reads.ts`). */
  cache: CacheConfig;
}

export interface CacheConfig {
  /** How long an upstream read is reused by later requests; 0 = no cross-request sharing at all. */
  ttlMs: number;
  /** How long past its TTL an entry may still answer when a fresh read fails. */
  staleMs: number;
  /** Bound on the in-process cache, in bytes. */
  maxBytes: number;
  /** `redis://` or `rediss://` URL shared by every gateway process; undefined = in-process only. */
  redisUrl: string | undefined;
  /**
   * Key of the keyed hash that turns credentials into cache and budget keys. Undefined → a
   * random key per process (no Redis), or one derived from the service token (service mode).
   */
  keySecret: string | undefined;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** JWT checks shared by both key sources. */
export interface JwtRules {
  /** Required `aud` (AUTH_AUDIENCE), when set. */
  audience: string | undefined;
  /** Required `iss` (AUTH_ISSUER), when set. */
  issuer: string | undefined;
  /** Claim listing the app ids a caller may read (AUTH_APPS_CLAIM). */
  appsClaim: string;
  /** Claim listing the account ids a caller may read, when present (AUTH_ACCOUNTS_CLAIM). */
  accountsClaim: string;
  /** Whether a token without `exp` is accepted (AUTH_ALLOW_NO_EXP; default: refused). */
  allowNoExp: boolean;
}

/**
 * - `none`: callers are not authenticated (passthrough and sandbox modes, or service mode
 *   with AUTH_MODE=none);
 * - `hs256`: `Authorization: Bearer <JWT>` signed with AUTH_JWT_SECRET;
 * - `jwks`: `Authorization: Bearer <JWT>` signed (RS256/ES256) by a key of AUTH_JWKS_URL.
 */
export type CallerAuthConfig =
  | { kind: 'none' }
  | ({ kind: 'hs256'; secret: string } & JwtRules)
  | ({ kind: 'jwks'; jwksUrl: string } & JwtRules);

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

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(host: string): boolean {
  return (
    host === 'localhost' ||
    host === '::1' ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

/** Names a browser uses for a loopback address: what a DNS-rebinding page cannot send. */
const LOOPBACK_HOST_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * ALLOWED_HOSTS: comma-separated host names (a port, if given, is ignored), or `*`. Unset:
 * the loopback names when HOST is loopback (so a DNS-rebinding page cannot reach a
 * gateway bound to 127.0.0.1), any host otherwise.
 */
function allowedHosts(env: Env, host: string): '*' | ReadonlySet<string> {
  const raw = read(env, 'ALLOWED_HOSTS');
  if (raw === undefined) {
    return isLoopbackHost(host) ? new Set([...LOOPBACK_HOST_NAMES, host.toLowerCase()]) : '*';
  }
  const names = raw
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  if (names.includes('*')) return '*';
  if (names.length === 0) throw new ConfigError('ALLOWED_HOSTS must list at least one host name, or "*".');
  for (const name of names) {
    if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(name)) {
      throw new ConfigError(`ALLOWED_HOSTS has an entry that is not a host name: ${JSON.stringify(name)}.`);
    }
  }
  return new Set(names.map(hostName));
}

/** The name part of a `Host` header value (`example.com:4000` → `example.com`, `[::1]:80` → `[::1]`). */
export function hostName(value: string): string {
  const lower = value.trim().toLowerCase();
  if (lower.startsWith('[')) {
    const end = lower.indexOf(']');
    return end === -1 ? lower : lower.slice(0, end + 1);
  }
  const colon = lower.lastIndexOf(':');
  return colon === -1 ? lower : lower.slice(0, colon);
}

/**
 * AUTH_JWT_SECRET / AUTH_JWKS_URL (one of them), AUTH_AUDIENCE, AUTH_ISSUER, AUTH_APPS_CLAIM
 * and AUTH_MODE. Service mode bound to an address other machines can reach needs caller
 * authentication unless AUTH_MODE=none says otherwise; on a loopback address (the default
 * HOST) it starts without, with a warning, as the contract's service mode promises.
 * Passthrough mode cannot have it (the caller's Authorization is the upstream token).
 */
function callerAuth(env: Env, mode: Mode, host: string): CallerAuthConfig {
  const secret = read(env, 'AUTH_JWT_SECRET');
  const jwksRaw = read(env, 'AUTH_JWKS_URL');
  const authMode = read(env, 'AUTH_MODE');
  if (authMode !== undefined && authMode !== 'jwt' && authMode !== 'none') {
    throw new ConfigError(`AUTH_MODE must be "jwt" or "none", got ${JSON.stringify(authMode)}.`);
  }
  if (secret !== undefined && jwksRaw !== undefined) {
    throw new ConfigError('Set only one of AUTH_JWT_SECRET and AUTH_JWKS_URL, not both.');
  }
  const configured = secret !== undefined || jwksRaw !== undefined;
  if (authMode === 'none' && configured) {
    throw new ConfigError('AUTH_MODE=none contradicts AUTH_JWT_SECRET/AUTH_JWKS_URL: unset one of them.');
  }
  if (configured && mode === 'passthrough') {
    throw new ConfigError(
      "AUTH_JWT_SECRET and AUTH_JWKS_URL need service mode: in passthrough mode the caller's Authorization header is the upstream token.",
    );
  }
  if (!configured) {
    if (mode === 'service' && authMode !== 'none' && !isLoopbackHost(host)) {
      throw new ConfigError(
        `Service mode on HOST=${host} needs caller authentication: set AUTH_JWT_SECRET or AUTH_JWKS_URL, or AUTH_MODE=none to let anyone who reaches the port read with the service token.`,
      );
    }
    return { kind: 'none' };
  }
  const rules: JwtRules = {
    audience: read(env, 'AUTH_AUDIENCE'),
    issuer: read(env, 'AUTH_ISSUER'),
    appsClaim: read(env, 'AUTH_APPS_CLAIM') ?? 'realtimekit_apps',
    accountsClaim: read(env, 'AUTH_ACCOUNTS_CLAIM') ?? 'realtimekit_accounts',
    allowNoExp: boolean(env, 'AUTH_ALLOW_NO_EXP', false),
  };
  if (secret !== undefined) {
    if (Buffer.byteLength(secret, 'utf8') < 32) {
      throw new ConfigError('AUTH_JWT_SECRET must be at least 32 bytes long (HS256 needs a 256-bit key).');
    }
    return { kind: 'hs256', secret, ...rules };
  }
  let url: URL | undefined;
  try {
    url = new URL(jwksRaw ?? '');
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
    throw new ConfigError(
      `AUTH_JWKS_URL must be an absolute http(s) URL without credentials, got ${JSON.stringify(jwksRaw)}.`,
    );
  }
  return { kind: 'jwks', jwksUrl: url.toString(), ...rules };
}

/** CORS_ORIGINS: comma-separated origins (`https://app.example.com`) or `*`; unset → none. */
function corsOrigins(env: Env): string[] {
  const raw = read(env, 'CORS_ORIGINS');
  if (raw === undefined) return [];
  const entries = raw.split(',').map((entry) => entry.trim());
  if (entries.includes('*')) {
    if (entries.length > 1)
      throw new ConfigError('CORS_ORIGINS must be either * alone or a list of origins.');
    return ['*'];
  }
  return entries.map((entry) => {
    let origin: string | undefined;
    try {
      const url = new URL(entry);
      if (url.protocol === 'http:' || url.protocol === 'https:') origin = url.origin;
    } catch {
      origin = undefined;
    }
    if (origin === undefined || origin !== entry.replace(/\/$/, '')) {
      throw new ConfigError(
        `CORS_ORIGINS must be * or comma-separated origins like https://app.example.com, got ${JSON.stringify(entry)}.`,
      );
    }
    return origin;
  });
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = read(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be true or false, got ${JSON.stringify(raw)}.`);
}

/**
 * PERSISTED_OPERATIONS_FILE: a JSON object from operation id (hash) to GraphQL document,
 * as GraphQL Code Generator's client preset writes it with `persistedDocuments: true`.
 */
function trustedOperations(env: Env): Map<string, string> | undefined {
  const file = read(env, 'PERSISTED_OPERATIONS_FILE');
  if (file === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new ConfigError(
      `PERSISTED_OPERATIONS_FILE must name a readable JSON file, got ${JSON.stringify(file)}.`,
    );
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ConfigError('PERSISTED_OPERATIONS_FILE must hold a JSON object from operation id to document.');
  }
  const operations = new Map<string, string>();
  for (const [id, document] of Object.entries(json)) {
    let valid = typeof document === 'string';
    try {
      if (valid) parse(document as string);
    } catch {
      valid = false;
    }
    if (!valid) {
      throw new ConfigError(
        `PERSISTED_OPERATIONS_FILE entry ${JSON.stringify(id.slice(0, 80))} is not a GraphQL document.`,
      );
    }
    operations.set(id, document as string);
  }
  return operations;
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function logLevel(env: Env): LogLevel {
  const raw = read(env, 'LOG_LEVEL')?.toLowerCase() ?? 'info';
  const level = LOG_LEVELS.find((candidate) => candidate === raw);
  if (level === undefined) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(raw)}.`);
  }
  return level;
}

/**
 * CACHE_TTL_MS, CACHE_STALE_MS, CACHE_MAX_MB, REDIS_URL and CACHE_KEY_SECRET. Processes that
 * share a Redis must hash credentials with the same key: in service mode it is derived from
 * the service token unless CACHE_KEY_SECRET is set; in passthrough mode it must be set.
 */
function cacheConfig(env: Env, mode: Mode): CacheConfig {
  const redisRaw = read(env, 'REDIS_URL');
  let redisUrl: string | undefined;
  if (redisRaw !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(redisRaw);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || url.hostname === '') {
      throw new ConfigError(
        'REDIS_URL must look like redis://[:password@]host:port[/db] or rediss://…; the value given is not such a URL.',
      );
    }
    redisUrl = redisRaw;
  }
  const keySecret = read(env, 'CACHE_KEY_SECRET');
  if (keySecret !== undefined && Buffer.byteLength(keySecret, 'utf8') < 32) {
    throw new ConfigError('CACHE_KEY_SECRET must be at least 32 bytes long.');
  }
  const ttlMs = integer(env, 'CACHE_TTL_MS', 5_000, 0, 86_400_000);
  if (redisUrl !== undefined && keySecret === undefined && mode === 'passthrough') {
    throw new ConfigError(
      "CACHE_KEY_SECRET (at least 32 bytes, the same in every process) must be set when REDIS_URL is set in passthrough mode: it keys the hash that scopes shared entries to each caller's token.",
    );
  }
  return {
    ttlMs,
    staleMs: integer(env, 'CACHE_STALE_MS', 60_000, 0, 86_400_000),
    maxBytes: integer(env, 'CACHE_MAX_MB', 64, 1, 65_536) * 1024 * 1024,
    redisUrl,
    keySecret,
  };
}

/**
 * Traces are exported when OTEL_EXPORTER_OTLP_ENDPOINT (or ..._TRACES_ENDPOINT) is set and
 * OTEL_SDK_DISABLED is not true; the exporter reads the other standard OTEL_* variables.
 */
function tracing(env: Env): boolean {
  if (read(env, 'OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return false;
  let enabled = false;
  for (const name of ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']) {
    const raw = read(env, name);
    if (raw === undefined) continue;
    let url: URL | undefined;
    try {
      url = new URL(raw);
    } catch {
      url = undefined;
    }
    if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new ConfigError(
        `${name} must be an absolute http(s) URL (an OTLP/HTTP collector), got ${JSON.stringify(raw)}.`,
      );
    }
    enabled = true;
  }
  return enabled;
}

/** WEB_CONCURRENCY: a whole number of workers, or `auto` for one per available core. */
function webConcurrency(env: Env, cores: number): number {
  const raw = read(env, 'WEB_CONCURRENCY');
  if (raw === undefined) return 1;
  if (raw.toLowerCase() === 'auto') return Math.max(1, cores);
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 256) {
    throw new ConfigError(
      `WEB_CONCURRENCY must be a whole number from 1 to 256 or "auto", got ${JSON.stringify(raw)}.`,
    );
  }
  return Number(raw);
}

/**
 * One worker's share of the upstream budget when `workers` processes pace calls on their own
 * (no shared budget): calls and burst are divided and rounded down, so that all workers
 * together never exceed the configured rate. Each keeps at least one call per period.
 */
export function workerRateShare(
  rate: GatewayConfig['upstreamRate'],
  workers: number,
): GatewayConfig['upstreamRate'] {
  if (rate === undefined || workers <= 1) return rate;
  return {
    ...rate,
    calls: Math.max(1, Math.floor(rate.calls / workers)),
    burst: Math.max(1, Math.floor(rate.burst / workers)),
  };
}

export function loadConfig(env: Env = process.env, cores: number = availableParallelism()): GatewayConfig {
  const apiUrlRaw = read(env, 'REALTIMEKIT_API_URL');
  const apiToken = read(env, 'CLOUDFLARE_API_TOKEN');
  const mode: Mode = apiToken !== undefined ? 'service' : apiUrlRaw !== undefined ? 'passthrough' : 'sandbox';
  const host = read(env, 'HOST') ?? '127.0.0.1';
  const maxPageSize = integer(env, 'MAX_PAGE_SIZE', 100, 1, 1000);
  return {
    mode,
    port: integer(env, 'PORT', 4000, 0, 65_535),
    host,
    allowedHosts: allowedHosts(env, host),
    apiUrl: apiUrlRaw === undefined ? DEFAULT_API_URL : httpUrl('REALTIMEKIT_API_URL', apiUrlRaw),
    apiToken,
    defaultAccountId: read(env, 'CLOUDFLARE_ACCOUNT_ID'),
    defaultAppId: read(env, 'REALTIMEKIT_APP_ID'),
    maxPageSize,
    upstreamMaxPerPage: integer(env, 'UPSTREAM_MAX_PER_PAGE', 100, 1, 100),
    upstreamTimeoutMs: integer(env, 'UPSTREAM_TIMEOUT_MS', 10_000, 1, 600_000),
    upstreamRetries: integer(env, 'UPSTREAM_RETRIES', 2, 0, 10),
    upstreamRetryBaseMs: integer(env, 'UPSTREAM_RETRY_BASE_MS', 200, 0, 60_000),
    upstreamRetryMaxWaitMs: integer(env, 'UPSTREAM_RETRY_MAX_WAIT_MS', 5_000, 0, 600_000),
    upstreamRetryBudget: integer(env, 'UPSTREAM_RETRY_BUDGET', 10, 0, 1000),
    upstreamConcurrency: integer(env, 'UPSTREAM_CONCURRENCY', 8, 1, 100),
    upstreamConnections: integer(env, 'UPSTREAM_CONNECTIONS', 32, 1, 1024),
    callerAuth: callerAuth(env, mode, host),
    maxUpstreamCallsPerOperation: integer(env, 'MAX_UPSTREAM_CALLS_PER_OPERATION', 50, 1, 1000),
    maxDepth: integer(env, 'MAX_DEPTH', 12, 1, 1000),
    maxAliases: integer(env, 'MAX_ALIASES', 30, 0, 10_000),
    maxTokens: integer(env, 'MAX_TOKENS', 2000, 1, 1_000_000),
    maxRootFields: integer(env, 'MAX_ROOT_FIELDS', 20, 1, 10_000),
    corsOrigins: corsOrigins(env),
    introspection: boolean(env, 'GRAPHQL_INTROSPECTION', true),
    trustedOperations: trustedOperations(env),
    logLevel: logLevel(env),
    upstreamRate: rateLimit(env, mode),
    upstreamBreakerFailures: integer(env, 'UPSTREAM_BREAKER_FAILURES', 5, 1, 1000),
    upstreamBreakerCooldownMs: integer(env, 'UPSTREAM_BREAKER_COOLDOWN_MS', 10_000, 1, 3_600_000),
    upstreamRepeatedBodiesBytes: integer(env, 'UPSTREAM_REPEATED_BODIES_MB', 8, 0, 1024) * 1024 * 1024,
    shortPath: boolean(env, 'GRAPHQL_SHORT_PATH', true),
    federationSdl: boolean(env, 'FEDERATION_SDL', false),
    metrics: {
      enabled: boolean(env, 'METRICS_ENABLED', true),
      port: read(env, 'METRICS_PORT') === undefined ? undefined : integer(env, 'METRICS_PORT', 0, 0, 65_535),
    },
    tracing: tracing(env),
    webConcurrency: webConcurrency(env, cores),
    cache: cacheConfig(env, mode),
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
