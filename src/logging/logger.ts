import type { YogaLogger } from 'graphql-yoga';
import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from '../config.ts';

// The gateway's structured logger: one JSON object per line, ISO timestamps, level names.
// Whatever a log call is given, values under the keys below (at the top level or one
// level down) are replaced by "[redacted]": tokens, JWTs, Authorization headers and
// storage credentials. Callers still never pass raw headers or configuration to it.

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

const REDACT_PATHS = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.headers.${key}`]);

/**
 * pino's `timestamp` option: `,"time":"<ISO 8601 with milliseconds>"`, as pino's own
 * `isoTime` writes it, with the date and time up to the second formatted once per second
 * (`toISOString` on every line was about 1 % of the gateway's CPU under load).
 */
export function isoTimestamp(now: number = Date.now()): string {
  const second = Math.floor(now / 1000);
  if (second !== formattedSecond) {
    const iso = new Date(second * 1000).toISOString();
    secondPrefix = `,"time":"${iso.slice(0, -4)}`; // without "000Z"
    formattedSecond = second;
  }
  const ms = now - second * 1000;
  return `${secondPrefix}${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z"`;
}
let formattedSecond = Number.NaN;
let secondPrefix = '';

/** Log bytes gathered before stdout is written to, and the longest a line waits for the write. */
const LOG_WRITE_BYTES = 4096;
const LOG_WRITE_WAIT_MS = 100;

/**
 * stdout, written asynchronously in batches: a write is made once `LOG_WRITE_BYTES` are
 * waiting, else `LOG_WRITE_WAIT_MS` after the first line that waits (no timer while nothing
 * is logged). A synchronous write per request cost about 3 % of the gateway's CPU in `npm run
 * bench`, and an asynchronous write per line (a thread-pool round trip each) 170–300 µs per
 * request when requests came one at a time. pino writes what is waiting when the process
 * exits; `logger.flush()` too.
 */
function batchedStdout(): DestinationStream & { flush(cb?: (error?: Error) => void): void } {
  const stdout = pino.destination({ dest: 1, sync: false, minLength: LOG_WRITE_BYTES });
  let timer: NodeJS.Timeout | undefined;
  const flushWaiting = () => {
    timer = undefined;
    stdout.flush();
  };
  return {
    write(line: string) {
      stdout.write(line);
      if (timer === undefined) timer = setTimeout(flushWaiting, LOG_WRITE_WAIT_MS).unref();
    },
    flush(cb) {
      stdout.flush(cb);
    },
  };
}

/** `destination` defaults to stdout, batched (above); call `logger.flush()` before exit. */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'realtimekit-graphql-gateway' },
      timestamp: () => isoTimestamp(),
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    destination ?? batchedStdout(),
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
