import { Counter, Gauge, Histogram, Registry } from 'prom-client';

// Every Prometheus metric of the gateway, in one registry per app (so tests and workers
// each count their own). Labels are bounded: operation names pass through
// `operationLabel` (at most MAX_OPERATION_NAMES distinct, then `other`), upstream calls are
// labelled by route template (never the raw URL), error codes by `codeLabel`.
//
// Other modules record through the fields below, e.g. `metrics.cacheHits.inc({ kind: 'meeting' })`.

export type BreakerStateName = 'closed' | 'half-open' | 'open';

/** Distinct operation names kept as label values; later new names count as `other`. */
export const MAX_OPERATION_NAMES = 200;
/** Distinct error codes kept as label values; later new codes count as `OTHER`. */
const MAX_CODES = 50;

const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;
const CODE = /^[A-Z][A-Z0-9_]{0,49}$/;

const BREAKER_VALUE: Record<BreakerStateName, number> = { closed: 0, 'half-open': 1, open: 2 };

/** Seconds; from a fast cached answer to the upstream timeout. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const WAIT_BUCKETS = [0, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export type UpstreamOutcome =
  | 'ok'
  | 'not_found'
  | 'client_error'
  | 'rate_limited'
  | 'server_error'
  | 'invalid_body'
  | 'timeout'
  | 'connection_error';

export interface CacheTotals {
  hits: number;
  misses: number;
  stale: number;
  coalesced: number;
}

export interface GatewayMetrics {
  registry: Registry;
  /** GraphQL operations by bounded operation name, type and outcome (`ok`, `partial`, `error`). */
  operations: Counter<'operation' | 'type' | 'outcome'>;
  operationDuration: Histogram<'operation' | 'type'>;
  /** Errors returned to callers, by `extensions.code`. */
  errors: Counter<'code'>;
  /** Operations the short path answered (pipeline/short-path.ts): repeated queries without errors. */
  shortPathAnswers: Counter;
  /** Upstream HTTP calls (each attempt), by route template, method, status class and outcome. */
  upstreamCalls: Counter<'route' | 'method' | 'status_class' | 'outcome'>;
  upstreamDuration: Histogram<'route' | 'method' | 'status_class'>;
  /** Calls the local budget still allows at once, for the credential that made the latest call. */
  budgetTokens: Gauge;
  /** Time upstream calls waited for a budget slot (0 when they went at once). */
  budgetWait: Histogram;
  /** Calls not made because the wait would exceed UPSTREAM_RATE_MAX_WAIT_MS. */
  budgetRefused: Counter;
  /** Upstream 429 answers that paused every call of their credential. */
  upstreamPauses: Counter;
  /** Calls refused by the open circuit breaker. */
  breakerRejected: Counter;
  /** Cross-request cache, by kind of read (e.g. `meetings_page`, `meeting`). */
  cacheHits: Counter<'kind'>;
  cacheMisses: Counter<'kind'>;
  /** Stale entries served because a fresh read failed. */
  cacheStale: Counter<'kind'>;
  /** Reads that joined an identical upstream read already in flight. */
  cacheCoalesced: Counter<'kind'>;
  /**
   * For a cache that keeps its own running totals: at each scrape, the cache counters grow by
   * what `read()` grew since the previous scrape (label `kind` = `kind`).
   */
  observeCacheTotals(read: () => CacheTotals, kind?: string): void;
  /** Maps a caller-chosen operation name to a bounded label value. */
  operationLabel(name: string | undefined): string;
  /** Maps an error code to a bounded label value. */
  codeLabel(code: string | undefined): string;
  /**
   * Reads the circuit breakers (one per credential, account and app) at each scrape: the
   * worst state as `gateway_upstream_breaker_state` and the count per state.
   */
  observeBreakers(read: () => Record<BreakerStateName, number>): void;
  /**
   * Reads, at each scrape, how many upstream answers repeated the bytes of the previous
   * answer from their URL and were not decoded again (`gateway_upstream_repeated_bodies_total`).
   */
  observeRepeatedBodies(read: () => number): void;
}

export function createMetrics(): GatewayMetrics {
  const registry = new Registry();
  const registers = [registry];
  const names = new Set<string>();
  const codes = new Set<string>();
  const breakers: (() => Record<BreakerStateName, number>)[] = [];
  const cacheSources: (() => void)[] = [];
  const repeatedSources: (() => number)[] = [];
  const breakerCounts = () => {
    const total: Record<BreakerStateName, number> = { closed: 0, 'half-open': 0, open: 0 };
    for (const read of breakers) {
      const counts = read();
      for (const state of Object.keys(total) as BreakerStateName[]) total[state] += counts[state];
    }
    return total;
  };

  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Counter<L>({ name, help, labelNames, registers });

  const metrics: GatewayMetrics = {
    registry,
    operations: counter('gateway_graphql_operations_total', 'GraphQL operations executed or refused.', [
      'operation',
      'type',
      'outcome',
    ]),
    operationDuration: new Histogram({
      name: 'gateway_graphql_operation_duration_seconds',
      help: 'Time from request to response of GraphQL operations.',
      labelNames: ['operation', 'type'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    errors: counter('gateway_graphql_errors_total', 'Errors returned to callers, by extensions.code.', [
      'code',
    ]),
    shortPathAnswers: counter(
      'gateway_graphql_short_path_total',
      'GraphQL operations answered by the short path (repeated query texts, no errors).',
    ),
    upstreamCalls: counter('gateway_upstream_requests_total', 'HTTP calls made to the meetings service.', [
      'route',
      'method',
      'status_class',
      'outcome',
    ]),
    upstreamDuration: new Histogram({
      name: 'gateway_upstream_request_duration_seconds',
      help: 'Latency of HTTP calls to the meetings service.',
      labelNames: ['route', 'method', 'status_class'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    budgetTokens: new Gauge({
      name: 'gateway_upstream_budget_tokens',
      help: 'Upstream calls the local rate budget allows at once (credential of the latest call).',
      registers,
    }),
    budgetWait: new Histogram({
      name: 'gateway_upstream_budget_wait_seconds',
      help: 'Time upstream calls waited for a slot of the rate budget.',
      buckets: WAIT_BUCKETS,
      registers,
    }),
    budgetRefused: counter(
      'gateway_upstream_budget_refused_total',
      'Upstream calls not made because the rate budget would have made them wait too long.',
    ),
    upstreamPauses: counter(
      'gateway_upstream_429_pauses_total',
      'Upstream 429 answers that paused the calls of their credential for retry-after.',
    ),
    breakerRejected: counter(
      'gateway_upstream_breaker_rejected_total',
      'Upstream calls not made because the circuit breaker was open.',
    ),
    cacheHits: new Counter({
      name: 'gateway_cache_hits_total',
      help: 'Upstream reads answered from the cache.',
      labelNames: ['kind'],
      registers,
      // Totals a cache keeps itself (observeCacheTotals) are brought in at each scrape.
      collect() {
        for (const source of cacheSources) source();
      },
    }),
    cacheMisses: counter('gateway_cache_misses_total', 'Upstream reads not found in the cache.', ['kind']),
    cacheStale: counter(
      'gateway_cache_stale_total',
      'Stale cache entries served because a fresh read failed.',
      ['kind'],
    ),
    cacheCoalesced: counter(
      'gateway_cache_coalesced_total',
      'Upstream reads that joined an identical read already in flight.',
      ['kind'],
    ),
    operationLabel(name) {
      if (name === undefined || name === '') return 'anonymous';
      if (!OPERATION_NAME.test(name)) return 'other';
      if (names.has(name)) return name;
      if (names.size >= MAX_OPERATION_NAMES) return 'other';
      names.add(name);
      return name;
    },
    codeLabel(code) {
      if (code === undefined) return 'NONE';
      if (!CODE.test(code)) return 'OTHER';
      if (codes.has(code)) return code;
      if (codes.size >= MAX_CODES) return 'OTHER';
      codes.add(code);
      return code;
    },
    observeBreakers(read) {
      breakers.push(read);
    },
    observeRepeatedBodies(read) {
      repeatedSources.push(read);
    },
    observeCacheTotals(read, kind = 'all') {
      let last: CacheTotals = { hits: 0, misses: 0, stale: 0, coalesced: 0 };
      cacheSources.push(() => {
        const now = { ...read() };
        const grow = (counter: Counter<'kind'>, delta: number) => {
          if (delta > 0) counter.inc({ kind }, delta);
        };
        grow(metrics.cacheHits, now.hits - last.hits);
        grow(metrics.cacheMisses, now.misses - last.misses);
        grow(metrics.cacheStale, now.stale - last.stale);
        grow(metrics.cacheCoalesced, now.coalesced - last.coalesced);
        last = now;
      });
    },
  };

  new Gauge({
    name: 'gateway_upstream_breaker_state',
    help: 'Worst circuit breaker state in front of the meetings service: 0 closed, 1 half-open, 2 open.',
    // Across cluster workers: the worst state, not a sum.
    aggregator: 'max',
    registers,
    collect() {
      const counts = breakerCounts();
      const worst = (Object.keys(counts) as BreakerStateName[]).filter((state) => counts[state] > 0);
      this.set(Math.max(0, ...worst.map((state) => BREAKER_VALUE[state])));
    },
  });
  new Gauge({
    name: 'gateway_upstream_breakers',
    help: 'Circuit breakers (one per credential, account and app) in each state.',
    labelNames: ['state'],
    registers,
    collect() {
      const counts = breakerCounts();
      for (const state of Object.keys(counts) as BreakerStateName[]) this.set({ state }, counts[state]);
    },
  });
  let repeatedSeen = 0;
  new Counter({
    name: 'gateway_upstream_repeated_bodies_total',
    help: 'Upstream answers whose bytes repeated the previous answer from their URL, so not decoded again.',
    registers,
    collect() {
      const now = repeatedSources.reduce((sum, read) => sum + read(), 0);
      if (now > repeatedSeen) this.inc(now - repeatedSeen);
      repeatedSeen = now;
    },
  });
  return metrics;
}

/** `2xx`, `4xx`, …; `none` when no HTTP answer came back. */
export function statusClass(status: number | undefined): string {
  return status === undefined ? 'none' : `${Math.floor(status / 100)}xx`;
}
