import { Redis } from 'ioredis';
import type { Logger } from 'pino';

// The gateway's one connection to Redis (`REDIS_URL`), and whether it may be used right now.
// Redis is an optimisation, never a dependency: commands never queue while it is away
// (`enableOfflineQueue: false`, they fail at once and callers fall back to in-process
// state), each command gives up after `commandTimeoutMs`, and ioredis reconnects forever
// with a capped backoff. A slow Redis (a command timing out) is left alone for
// `SLOW_BACKOFF_MS` before it is tried again. Every change between usable and unusable is
// logged once, as a warning when it becomes unusable; listeners hear about it too (the cache
// drops its in-process copies and replays invalidations made while Redis was away).

export type LinkState = 'up' | 'down';

const SLOW_BACKOFF_MS = 1_000;

export interface RedisLinkOptions {
  url: string;
  logger: Logger;
  /**
   * How long one command may take before Redis counts as slow (default 1 s: a busy event
   * loop can delay replies by a few hundred milliseconds).
   */
  commandTimeoutMs?: number;
}

export class RedisLink {
  readonly redis: Redis;
  readonly #logger: Logger;
  #state: LinkState | 'connecting' = 'connecting';
  #ready = false;
  #slowUntil = 0;
  #closed = false;
  readonly #listeners: ((state: LinkState) => void)[] = [];

  constructor(options: RedisLinkOptions) {
    this.#logger = options.logger;
    this.redis = new Redis(options.url, {
      enableOfflineQueue: false,
      // Commands of concurrent requests issued in the same tick share one socket write.
      enableAutoPipelining: true,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 1_000,
      connectTimeout: 2_000,
      autoResubscribe: false,
      retryStrategy: (times) => Math.min(100 * times, 2_000),
      // A READONLY replica after a failover: reconnect to find the writable one.
      reconnectOnError: (error) => error.message.startsWith('READONLY'),
    });
    this.redis.on('ready', () => {
      this.#ready = true;
      this.#slowUntil = 0;
      this.#update('connected');
    });
    this.redis.on('close', () => {
      this.#ready = false;
      this.#update('connection closed');
    });
    // Errors are reported through state changes; without a listener ioredis would print them.
    this.redis.on('error', () => {});
  }

  /** True when commands may be sent now. */
  get usable(): boolean {
    return this.#ready && Date.now() >= this.#slowUntil;
  }

  get state(): LinkState {
    return this.#state === 'up' ? 'up' : 'down';
  }

  onChange(listener: (state: LinkState) => void): void {
    this.#listeners.push(listener);
  }

  /** A command failed or timed out: stop using Redis for a moment (the connection may be fine). */
  failed(error: unknown): void {
    if (this.#closed) return;
    const message = error instanceof Error ? error.message : String(error);
    if (/timed out/i.test(message)) this.#slowUntil = Date.now() + SLOW_BACKOFF_MS;
    this.#update(`command failed: ${message.slice(0, 120)}`);
    if (this.#slowUntil > 0) {
      setTimeout(() => this.#update('slow period over'), SLOW_BACKOFF_MS + 10).unref();
    }
  }

  #update(reason: string): void {
    if (this.#closed) return;
    const next: LinkState = this.usable ? 'up' : 'down';
    if (next === this.#state) return;
    this.#state = next;
    if (next === 'up')
      this.#logger.info({ redis: 'up' }, `Redis is usable (${reason}): cache, budget and pauses are shared`);
    else
      this.#logger.warn(
        { redis: 'down' },
        `Redis is not usable (${reason}): using the in-process cache and budget until it is back`,
      );
    for (const listener of this.#listeners) listener(next);
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.redis.status !== 'ready') {
      this.redis.disconnect();
      return;
    }
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }
}
