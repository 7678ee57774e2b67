import type { CredentialKey } from '../shared-state/credential-key.ts';
import type { RedisLink } from '../shared-state/redis-link.ts';
import { type Pacer, pacingError, type RateLimit, RateLimiter } from './rate-limiter.ts';

// The upstream rate budget and 429 pauses shared by every gateway process on one Redis:
// the same generic cell rate algorithm as `RateLimiter`, run atomically in Redis by a Lua
// script on Redis's own clock, one hash per credential (`rtk:v1:rl:<keyed hash>`, fields
// `tat` and `paused`, expiring once idle). Together the processes make at most
// `burst + elapsed / interval` calls per credential.
//
// When Redis is not usable, each process paces itself with its in-process `RateLimiter`
// over `fallback` (default: the whole limit; a cluster worker passes its share, so the
// workers of one machine stay within the budget together), so a Redis outage never fails a
// request.

/** KEYS[1] cell; ARGV interval ms, tolerance ms, max wait ms. Returns {wait ms, 1 if refused}. */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local maxWait = tonumber(ARGV[3])
local cell = redis.call('HMGET', KEYS[1], 'tat', 'paused')
local tat = tonumber(cell[1]) or 0
local paused = tonumber(cell[2]) or 0
if tat < now then tat = now end
local wait = math.max(0, tat - tolerance - now, paused - now)
if wait > maxWait then return {math.ceil(wait), 1} end
local nextTat = math.max(tat, now + wait) + interval
redis.call('HSET', KEYS[1], 'tat', tostring(nextTat))
redis.call('PEXPIRE', KEYS[1], math.ceil(math.max(nextTat, paused) - now) + 1000)
return {math.ceil(wait), 0}
`;

/** KEYS[1] cell; ARGV pause ms. */
const PAUSE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilMs = now + tonumber(ARGV[1])
local paused = tonumber(redis.call('HGET', KEYS[1], 'paused')) or 0
if untilMs > paused then
  redis.call('HSET', KEYS[1], 'paused', tostring(untilMs))
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < tonumber(ARGV[1]) + 1000 then redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]) + 1000) end
end
return 0
`;

type PacingRedis = RedisLink['redis'] & {
  rtkReserve(key: string, interval: number, tolerance: number, maxWait: number): Promise<[number, number]>;
  rtkPause(key: string, pauseMs: number): Promise<number>;
};

export class SharedRateLimiter implements Pacer {
  readonly #limit: RateLimit;
  readonly #link: RedisLink;
  readonly #credentialKey: CredentialKey;
  readonly #local: RateLimiter;
  readonly #interval: number;
  readonly #tolerance: number;

  constructor(limit: RateLimit, link: RedisLink, credentialKey: CredentialKey, fallback: RateLimit = limit) {
    this.#limit = limit;
    this.#link = link;
    this.#credentialKey = credentialKey;
    this.#local = new RateLimiter(fallback);
    this.#interval = limit.periodMs / limit.calls;
    this.#tolerance = (limit.burst - 1) * this.#interval;
    link.redis.defineCommand('rtkReserve', { numberOfKeys: 1, lua: RESERVE });
    link.redis.defineCommand('rtkPause', { numberOfKeys: 1, lua: PAUSE });
  }

  #key(credential: string): string {
    return `rtk:v1:rl:${this.#credentialKey(credential)}`;
  }

  async reserve(credential: string): Promise<number> {
    if (this.#link.usable) {
      let answer: [number, number] | undefined;
      try {
        answer = await (this.#link.redis as PacingRedis).rtkReserve(
          this.#key(credential),
          this.#interval,
          this.#tolerance,
          this.#limit.maxWaitMs,
        );
      } catch (error) {
        this.#link.failed(error);
      }
      if (answer) {
        const [wait, refused] = answer;
        if (refused === 1) throw pacingError(wait);
        return wait;
      }
    }
    return this.#local.reserve(credential);
  }

  pause(credential: string, seconds: number): void {
    this.#local.pause(credential, seconds);
    if (!this.#link.usable) return;
    (this.#link.redis as PacingRedis)
      .rtkPause(this.#key(credential), Math.round(seconds * 1000))
      .catch((error: unknown) => this.#link.failed(error));
  }
}
