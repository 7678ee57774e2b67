import type { YogaLogger } from 'graphql-yoga';
import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from '../config.ts';

// The gateway's structured logger: one JSON object per line, ISO timestamps, level names.
// Whatever a log call is given, values under the keys below (at the top level, one level
// down, or in a `headers` object one level down) are replaced by "[redacted]": tokens,
// JWTs, Authorization headers and storage credentials. Callers still never pass raw
// headers or configuration to it.

export const REDACTED_KEYS = [
  'authorization',
  'token',
  'apiToken',
  'jwt',
  'secret',
  'password',
  'accessKey',
  'access_key',
  'privateKey',
  'private_key',
  'cookie',
] as const;

const SECRET_KEYS: ReadonlySet<string> = new Set(REDACTED_KEYS);
const CENSOR = '[redacted]';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * `object` with the value of every key of REDACTED_KEYS replaced by "[redacted]" at the
 * top level (depth 0), in plain objects one level down (depth 1), and in a plain `headers`
 * object one level down (depth 2). The caller's objects are never changed: what changes
 * is copied, the rest is shared, and an object with nothing to redact is returned as is.
 * (pino's own `redact` option did the same with paths parsed again on every call: about
 * 20 µs and 60 KB of garbage per log line, against about 1 µs here.)
 */
export function redactSecrets(object: Record<string, unknown>, depth = 0): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(object)) {
    const value = object[key];
    let next = value;
    if (SECRET_KEYS.has(key)) next = CENSOR;
    else if ((depth === 0 || (depth === 1 && key === 'headers')) && isPlainObject(value)) {
      next = redactSecrets(value, depth + 1);
    }
    if (next !== value) {
      copy ??= { ...object };
      copy[key] = next;
    }
  }
  return copy ?? object;
}

/**
 * `destination` defaults to stdout, written asynchronously (a synchronous write per request
 * cost about 3 % of the gateway's CPU in `npm run bench`); call `logger.flush()` before exit.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'realtimekit-graphql-gateway' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: (object) => redactSecrets(object) },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

/**
 * Yoga's own log calls, routed to `logger`. Yoga logs an error when it masks one (an
 * unexpected exception in a resolver): only its name, message and stack are kept.
 */
export function yogaLogger(logger: Logger): YogaLogger {
  const describe = (args: unknown[]) => {
    const [first] = args;
    if (first instanceof Error)
      return { err: { type: first.name, message: first.message, stack: first.stack } };
    return { detail: typeof first === 'string' ? first : undefined };
  };
  return {
    debug: (...args: unknown[]) => logger.debug(describe(args), 'yoga'),
    info: (...args: unknown[]) => logger.info(describe(args), 'yoga'),
    warn: (...args: unknown[]) => logger.warn(describe(args), 'yoga'),
    error: (...args: unknown[]) => logger.error(describe(args), 'unexpected error'),
  };
}
