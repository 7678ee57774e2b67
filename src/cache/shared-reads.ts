import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import { isGatewayError } from '../errors.ts';
import type { CredentialKey } from '../shared-state/credential-key.ts';
import type { RedisLink } from '../shared-state/redis-link.ts';

// Upstream reads shared across requests: a cache with coalescing, stale answers and
// invalidation, in-process or in Redis (`REDIS_URL`). It sits under the per-request loaders
// (they decide which pages to read; this decides whether a read needs the upstream), so
// planning and cost prediction are the same with or without it.
//
// - **Scope.** Every entry belongs to one upstream credential and one account/app. The
//   credential appears only as a keyed hash (`credential-key.ts`); values are the gateway's
//   own models, which have no field for a storage credential or a join token. Callers must
//   never put anything carrying a token in it.
// - **Reuse.** An entry answers later reads for `ttlMs`. `ttlMs = 0` turns every kind of
//   sharing off: `read` just calls `fetch`.
// - **Coalescing.** Identical reads in flight at once (same credential, app, resource and
//   generation) are made once in this process; every waiter gets the one answer.
// - **Fresh reads.** `fresh: true` (a request with `Cache-Control: no-cache`) skips the
//   lookup and never joins a read that started earlier; its answer refreshes the entry.
// - **Stale answers.** When a read fails with an upstream or budget error (`UPSTREAM_ERROR`,
//   `UPSTREAM_TIMEOUT`, `UPSTREAM_UNAVAILABLE` incl. an open breaker, `RATE_LIMITED`), an
//   entry of the same generation at most `ttlMs + staleMs` old answers instead, with its age
//   (`Served.staleAgeMs`). Never for 401/403 or bad input.
// - **Invalidation (for writes).** `invalidate({ authorization, accountId, appId })` bumps the
//   generation of that credential and app, in Redis when it is usable (so every replica sees
//   it on its next read) and in this process. Entries and in-flight reads of older
//   generations are never served again, not even as stale answers. Await it before a
//   mutation answers: a read that starts after that never sees the state before the write.
//   Generations bumped while Redis was away are bumped again in Redis when it returns.
// - **Redis.** When the link is usable, one `MGET` (generation + entries) per lookup and one
//   `SET … PX` per store; no `KEYS`/`SCAN`. When it is not (down, slow, not yet connected),
//   the in-process LRU (bounded by `maxBytes`) is used, and it is emptied whenever the link
//   changes state, so it never serves what another replica may have invalidated meanwhile.

export interface SharedReadsOptions {
  ttlMs: number;
  staleMs: number;
  /** Bound on the in-process entries, in bytes (their serialized size). */
  maxBytes: number;
  credentialKey: CredentialKey;
  /**
   * With Redis: how long a process that starts a read holds the fill lock of that entry, so
   * that other processes wait for its answer instead of calling too (released as soon as the
   * read ends; this bounds only a process that died mid-read). Default 11 s.
   */
  fillLockMs?: number;
  /** Shared Redis; undefined → in-process only. */
  link?: RedisLink | undefined;
  logger: Logger;
}

/** Whose read it is: the upstream credential and the app it reads. */
export interface ReadScope {
  authorization: string;
  accountId: string;
  appId: string;
}

export interface ReadOptions {
  /** Skip the cache and in-flight reads (`Cache-Control: no-cache`). */
  fresh?: boolean;
}

export interface Served<T> {
  value: T;
  /** Set when the value is a stale entry served instead of an error: its age. */
  staleAgeMs?: number;
}

/** Counters for metrics and tests. */
export interface SharedReadCounts {
  hits: number;
  misses: number;
  stale: number;
  coalesced: number;
}

/** An entry as looked up: its header, and its value decoded only when asked for. */
interface Entry {
  storedAt: number;
  generation: number;
  value(): unknown;
}

interface LocalEntry {
  storedAt: number;
  generation: number;
  value: unknown;
  size: number;
}

const PREFIX = 'rtk:v1';

/** Errors a stale entry may stand in for. */
const STALE_CODES = new Set(['UPSTREAM_ERROR', 'UPSTREAM_TIMEOUT', 'UPSTREAM_UNAVAILABLE', 'RATE_LIMITED']);

/** Generations remembered in process before they are all forgotten (with the entries). */
const MAX_LOCAL_GENERATIONS = 10_000;

/** How often a process waiting for another process's read looks for its entry. */
const FILL_POLL_MS = 15;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SharedReads {
  readonly #options: SharedReadsOptions;
  readonly #local: LRUCache<string, LocalEntry>;
  readonly #generations = new Map<string, number>();
  /** Generation keys bumped while Redis was unusable, replayed when it is back. */
  readonly #pendingBumps = new Set<string>();
  readonly #inFlight = new Map<string, Promise<unknown>>();
  readonly counts: SharedReadCounts = { hits: 0, misses: 0, stale: 0, coalesced: 0 };

  constructor(options: SharedReadsOptions) {
    this.#options = options;
    this.#local = new LRUCache<string, LocalEntry>({
      maxSize: options.maxBytes,
      sizeCalculation: (entry) => Math.max(1, entry.size),
      ttl: Math.max(1, options.ttlMs + options.staleMs),
    });
    options.link?.onChange((state) => {
      this.#local.clear();
      if (state === 'up') void this.#replayBumps();
    });
  }

  /** False when `CACHE_TTL_MS=0`: nothing is shared across requests. */
  get enabled(): boolean {
    return this.#options.ttlMs > 0;
  }

  /** Bytes held by the in-process cache. */
  get localBytes(): number {
    return this.#local.calculatedSize;
  }

  #keys(scope: ReadScope): { gen: string; base: string } {
    const credential = this.#options.credentialKey(scope.authorization);
    const app = `${scope.accountId}/${scope.appId}`;
    return { gen: `${PREFIX}:g:${credential}:${app}`, base: `${PREFIX}:e:${credential}:${app}:` };
  }

  /**
   * Reads `resource` (a string naming the upstream read, e.g. its path and query) for
   * `scope`: a fresh entry, else the in-flight read, else `fetch()` (stored on success), else
   * on failure a stale entry. Throws `fetch`'s error when nothing may stand in for it.
   */
  async read<T>(
    scope: ReadScope,
    resource: string,
    fetch: () => Promise<T>,
    options: ReadOptions = {},
  ): Promise<Served<T>> {
    if (!this.enabled) return { value: await fetch() };
    const keys = this.#keys(scope);
    const entryKey = keys.base + resourceId(resource);
    const { generation, entries } = await this.#lookup(keys.gen, [entryKey]);
    const entry = entries[0];
    const now = Date.now();
    if (!options.fresh && entry && now - entry.storedAt < this.#options.ttlMs) {
      this.counts.hits += 1;
      return { value: entry.value() as T };
    }
    const flightKey = `${entryKey}#${generation}`;
    let flight = options.fresh ? undefined : (this.#inFlight.get(flightKey) as Promise<T> | undefined);
    if (flight) {
      this.counts.coalesced += 1;
    } else {
      this.counts.misses += 1;
      flight = this.#fill(keys.gen, entryKey, generation, fetch, options.fresh === true);
      const started = flight;
      this.#inFlight.set(flightKey, started);
      const forget = () => {
        if (this.#inFlight.get(flightKey) === started) this.#inFlight.delete(flightKey);
      };
      started.then(forget, forget);
    }
    try {
      return { value: await flight };
    } catch (error) {
      const age = entry ? Date.now() - entry.storedAt : Number.POSITIVE_INFINITY;
      if (
        entry &&
        isGatewayError(error) &&
        STALE_CODES.has(error.code) &&
        age < this.#options.ttlMs + this.#options.staleMs
      ) {
        this.counts.stale += 1;
        return { value: entry.value() as T, staleAgeMs: age };
      }
      throw error;
    }
  }

  /** The first of `resources` with a fresh entry (no upstream call), or undefined. */
  async peek<T>(scope: ReadScope, resources: readonly string[]): Promise<T | undefined> {
    if (!this.enabled || resources.length === 0) return undefined;
    const keys = this.#keys(scope);
    const { entries } = await this.#lookup(
      keys.gen,
      resources.map((resource) => keys.base + resourceId(resource)),
    );
    const now = Date.now();
    const found = entries.find((entry) => entry !== undefined && now - entry.storedAt < this.#options.ttlMs);
    if (found) this.counts.hits += 1;
    return found?.value() as T | undefined;
  }

  /**
   * Reads from the upstream and stores the answer. With Redis, the read takes the entry's
   * fill lock first (`SET … NX PX`): a process that finds it taken waits for the entry the
   * holder stores (polling, at most the lock's time) and reads itself only when the holder
   * ends without one or the generation moves on; so N processes missing the same entry at
   * once make one upstream call, as N requests in one process do.
   */
  async #fill<T>(
    gen: string,
    entryKey: string,
    generation: number,
    fetch: () => Promise<T>,
    fresh: boolean,
  ): Promise<T> {
    const link = this.#options.link;
    // Per generation: a read that started before an invalidation never holds up one after it.
    const lockKey = `${entryKey.replace(`${PREFIX}:e:`, `${PREFIX}:f:`)}#${generation}`;
    let locked = false;
    if (!fresh && link?.usable) {
      const lockMs = this.#options.fillLockMs ?? 11_000;
      try {
        locked = (await link.redis.set(lockKey, '1', 'PX', lockMs, 'NX')) === 'OK';
        if (!locked) {
          const filled = await this.#awaitFill(gen, entryKey, lockKey, generation, Date.now() + lockMs);
          if (filled !== undefined) {
            this.counts.coalesced += 1;
            this.counts.misses -= 1;
            return filled.value() as T;
          }
        }
      } catch (error) {
        link.failed(error);
      }
    }
    try {
      const value = await fetch();
      this.#store(entryKey, generation, value);
      return value;
    } finally {
      if (locked) link?.redis.del(lockKey).catch(() => {});
    }
  }

  /** Waits for another process's read of `entryKey`; undefined when it ended without an entry. */
  async #awaitFill(
    gen: string,
    entryKey: string,
    lockKey: string,
    generation: number,
    deadline: number,
  ): Promise<Entry | undefined> {
    const link = this.#options.link;
    while (link?.usable && Date.now() < deadline) {
      await sleep(FILL_POLL_MS);
      const [genValue, entryValue, lockValue] = await link.redis.mgetBuffer(gen, entryKey, lockKey);
      if (parseGeneration(genValue ?? null) !== generation) return undefined;
      const entry = entryValue ? decode(entryValue) : undefined;
      if (entry && entry.generation === generation && Date.now() - entry.storedAt < this.#options.ttlMs) {
        return entry;
      }
      if (!lockValue) return undefined;
    }
    return undefined;
  }

  /**
   * Stores `value` as `resource` without a read (e.g. the meetings of a list page, each under
   * its own id), for the current generation. Fire and forget.
   */
  async put(scope: ReadScope, items: readonly { resource: string; value: unknown }[]): Promise<void> {
    if (!this.enabled || items.length === 0) return;
    const keys = this.#keys(scope);
    const { generation } = await this.#lookup(keys.gen, []);
    for (const { resource, value } of items) {
      this.#store(keys.base + resourceId(resource), generation, value);
    }
  }

  /**
   * Makes every entry and in-flight read of this credential and app unusable, in every
   * process sharing the Redis. Call it, and await it, before a mutation answers.
   */
  async invalidate(scope: ReadScope): Promise<void> {
    const { gen } = this.#keys(scope);
    this.#bumpLocal(gen);
    const link = this.#options.link;
    if (!link) return;
    if (link.usable) {
      try {
        await this.#bumpRemote(gen);
        return;
      } catch (error) {
        link.failed(error);
      }
    }
    this.#pendingBumps.add(gen);
  }

  #bumpLocal(gen: string): void {
    if (this.#generations.size >= MAX_LOCAL_GENERATIONS && !this.#generations.has(gen)) {
      // Forgetting generations would revive old entries: forget those too.
      this.#generations.clear();
      this.#local.clear();
    }
    this.#generations.set(gen, (this.#generations.get(gen) ?? 0) + 1);
  }

  async #bumpRemote(gen: string): Promise<void> {
    const { ttlMs, staleMs } = this.#options;
    const keepMs = Math.max(86_400_000, 2 * (ttlMs + staleMs));
    const redis = this.#options.link?.redis;
    if (!redis) return;
    const results = await redis.multi().incr(gen).pexpire(gen, keepMs).exec();
    const failure = results?.find(([error]) => error !== null)?.[0];
    if (failure) throw failure;
  }

  async #replayBumps(): Promise<void> {
    for (const gen of [...this.#pendingBumps]) {
      try {
        await this.#bumpRemote(gen);
        this.#pendingBumps.delete(gen);
        this.#options.logger.debug('replayed an invalidation made while Redis was away');
      } catch (error) {
        this.#options.link?.failed(error);
        return;
      }
    }
  }

  /** The current generation and the entries of that generation (older ones count as absent). */
  async #lookup(
    gen: string,
    entryKeys: string[],
  ): Promise<{ generation: number; entries: (Entry | undefined)[] }> {
    const link = this.#options.link;
    // A generation bumped while Redis was away counts only once Redis has it too.
    if (link?.usable && !this.#pendingBumps.has(gen)) {
      try {
        const values = await link.redis.mgetBuffer(gen, ...entryKeys);
        const generation = parseGeneration(values[0] ?? null);
        const entries = values.slice(1).map((buffer) => {
          if (!buffer) return undefined;
          const entry = decode(buffer);
          return entry?.generation === generation ? entry : undefined;
        });
        return { generation, entries };
      } catch (error) {
        link.failed(error);
      }
    }
    const generation = this.#generations.get(gen) ?? 0;
    const entries = entryKeys.map((key): Entry | undefined => {
      const entry = this.#local.get(key);
      if (entry?.generation !== generation) return undefined;
      return { storedAt: entry.storedAt, generation, value: () => entry.value };
    });
    return { generation, entries };
  }

  #store(entryKey: string, generation: number, value: unknown): void {
    const storedAt = Date.now();
    const encoded = encode(storedAt, generation, value);
    const link = this.#options.link;
    const keepMs = this.#options.ttlMs + this.#options.staleMs;
    if (link?.usable) {
      link.redis
        .set(entryKey, encoded, 'PX', Math.max(1, keepMs))
        .catch((error: unknown) => link.failed(error));
      return;
    }
    const size = encoded.byteLength + entryKey.length;
    if (size <= this.#options.maxBytes) this.#local.set(entryKey, { storedAt, generation, value, size });
  }
}

/** Resource names can be long (filters); keys carry a hash of them (not secret, just short). */
function resourceId(resource: string): string {
  return createHash('sha256').update(resource).digest('base64url').slice(0, 32);
}

function parseGeneration(value: Buffer | null): number {
  return value ? Number(value.toString()) || 0 : 0;
}

/** A stored entry: 16 bytes of header (stored at, generation; float64 BE), then the value (v8). */
const HEADER = 16;

function encode(storedAt: number, generation: number, value: unknown): Buffer {
  const body = serialize(value);
  const buffer = Buffer.allocUnsafe(HEADER + body.byteLength);
  buffer.writeDoubleBE(storedAt, 0);
  buffer.writeDoubleBE(generation, 8);
  body.copy(buffer, HEADER);
  return buffer;
}

/** The header now; the value only when asked for (most lookups decide on the header alone). */
function decode(buffer: Buffer): Entry | undefined {
  if (buffer.byteLength <= HEADER) return undefined;
  const storedAt = buffer.readDoubleBE(0);
  const generation = buffer.readDoubleBE(8);
  let decoded: { value: unknown } | undefined;
  return {
    storedAt,
    generation,
    value: () => {
      decoded ??= { value: deserialize(buffer.subarray(HEADER)) };
      return decoded.value;
    },
  };
}
