import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics, MAX_OPERATION_NAMES } from '../../src/observability/metrics.ts';
import { DEFAULT_ACCOUNT_ID } from '../../src/sandbox/seed.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { sample } from '../support/prometheus.ts';

/** `GET /metrics` after known traffic: every count is exact. */

const LIST = '/accounts/{account_id}/realtime/kit/{app_id}/meetings';
const ONE = '/accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}';

describe('GET /metrics after known traffic', () => {
  let gw: TestGateway;
  let text: string;
  const query = (query: string) =>
    // no-cache: each of these reads goes upstream, whatever cache the gateway has.
    gw.post({ query }, { 'cache-control': 'no-cache' });

  beforeAll(async () => {
    gw = await startTestGateway({
      env: {
        UPSTREAM_RETRIES: '1',
        UPSTREAM_RETRY_BASE_MS: '1',
        UPSTREAM_RATE_LIMIT: '50/3600s',
        UPSTREAM_RATE_BURST: '50',
        UPSTREAM_BREAKER_FAILURES: '2',
        UPSTREAM_BREAKER_COOLDOWN_MS: '600000',
      },
    });
    await query('query MetricsList { meetings(first: 3) { totalCount } }');
    await query('query MetricsList { meetings(first: 3) { totalCount } }');
    await query(`query MetricsMissing { meeting(meetingId: "${randomUUID()}") { id } }`);
    await query('query MetricsBad { meetings(first: -1) { totalCount } }');
    await gw.post({ query: '{ meetings(', operationName: 'MetricsUnparsable' });
    await query(`query ${'N'.repeat(150)} { meetings(first: 1) { totalCount } }`);
    gw.sandbox.inject({ match: 'list', status: 429, headers: { 'retry-after': '0' } });
    await query('query MetricsRetry { meetings(first: 2) { totalCount } }');
    await query('{ meetings(first: 1) { totalCount } }');
    gw.sandbox.inject({ match: 'list', status: 500, times: 2 });
    // Two failures open the breaker: the third is refused without a call.
    for (let i = 0; i < 3; i++) await query('query MetricsFail { meetings(first: 4) { totalCount } }');
    const response = await gw.app.fetch('http://gateway.test/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    text = await response.text();
  });
  afterAll(() => gw.close());

  it('counts operations by name, type and outcome; unusable names are bounded to "other"', () => {
    const ops = (operation: string, type: string, outcome: string) =>
      sample(text, 'gateway_graphql_operations_total', { operation, type, outcome });
    expect(ops('MetricsList', 'query', 'ok')).toBe(2);
    expect(ops('MetricsMissing', 'query', 'ok')).toBe(1);
    expect(ops('MetricsBad', 'query', 'error')).toBe(1);
    expect(ops('MetricsUnparsable', 'unknown', 'error')).toBe(1);
    expect(ops('other', 'query', 'ok')).toBe(1);
    expect(ops('MetricsRetry', 'query', 'ok')).toBe(1);
    expect(ops('anonymous', 'query', 'ok')).toBe(1);
    expect(ops('MetricsFail', 'query', 'error')).toBe(3);
    expect(text).not.toContain('N'.repeat(150));
    expect(
      sample(text, 'gateway_graphql_operation_duration_seconds_count', {
        operation: 'MetricsList',
        type: 'query',
      }),
    ).toBe(2);
  });

  it('counts returned errors by code', () => {
    // MetricsBad and MetricsUnparsable.
    expect(sample(text, 'gateway_graphql_errors_total', { code: 'BAD_USER_INPUT' })).toBe(2);
    expect(sample(text, 'gateway_graphql_errors_total', { code: 'UPSTREAM_ERROR' })).toBe(2);
    expect(sample(text, 'gateway_graphql_errors_total', { code: 'UPSTREAM_UNAVAILABLE' })).toBe(1);
  });

  it('counts upstream calls by route template, status class and outcome, never by raw URL', () => {
    const calls = (route: string, status_class: string, outcome: string) =>
      sample(text, 'gateway_upstream_requests_total', { route, method: 'GET', status_class, outcome });
    expect(calls(LIST, '2xx', 'ok')).toBe(5);
    expect(calls(LIST, '4xx', 'rate_limited')).toBe(1);
    expect(calls(LIST, '5xx', 'server_error')).toBe(2);
    expect(calls(ONE, '4xx', 'not_found')).toBe(1);
    expect(gw.calls()).toBe(9);
    expect(
      sample(text, 'gateway_upstream_request_duration_seconds_count', {
        route: LIST,
        method: 'GET',
        status_class: '2xx',
      }),
    ).toBe(5);
    expect(text).not.toContain(DEFAULT_ACCOUNT_ID);
    expect(text).not.toContain('page_no=');
  });

  it('reports the budget, 429 pauses and the breaker', () => {
    // 9 calls made + 1 reserved then refused by the open breaker, of a 50-call burst.
    expect(sample(text, 'gateway_upstream_budget_tokens', {})).toBe(40);
    expect(sample(text, 'gateway_upstream_budget_wait_seconds_count', {})).toBe(10);
    expect(sample(text, 'gateway_upstream_budget_refused_total', {})).toBe(0);
    expect(sample(text, 'gateway_upstream_429_pauses_total', {})).toBe(1);
    expect(sample(text, 'gateway_upstream_breaker_state', {})).toBe(2);
    expect(sample(text, 'gateway_upstream_breakers', { state: 'open' })).toBe(1);
    expect(sample(text, 'gateway_upstream_breakers', { state: 'closed' })).toBe(0);
    expect(sample(text, 'gateway_upstream_breaker_rejected_total', {})).toBe(1);
  });

  it('has the cache counters, at zero until a cache increments them', () => {
    for (const name of ['hits', 'misses', 'stale', 'coalesced']) {
      expect(text).toContain(`# TYPE gateway_cache_${name}_total counter`);
    }
  });
});

describe('metrics configuration', () => {
  it('METRICS_ENABLED=false: no /metrics', async () => {
    const gw = await startTestGateway({ env: { METRICS_ENABLED: 'false' } });
    try {
      expect((await gw.app.fetch('http://gateway.test/metrics')).status).toBe(404);
    } finally {
      await gw.close();
    }
  });

  it('METRICS_PORT set: not on the public port', async () => {
    const gw = await startTestGateway({ env: { METRICS_PORT: '0' } });
    try {
      expect((await gw.app.fetch('http://gateway.test/metrics')).status).toBe(404);
    } finally {
      await gw.close();
    }
  });

  it('the cross-request cache is counted: a repeated read is one miss, then one hit', async () => {
    const gw = await startTestGateway({ env: { CACHE_TTL_MS: '60000' } });
    try {
      for (let i = 0; i < 2; i++) await gw.post({ query: '{ meetings(first: 2) { totalCount } }' });
      expect(gw.calls()).toBe(1);
      const text = await (await gw.app.fetch('http://gateway.test/metrics')).text();
      expect(sample(text, 'gateway_cache_misses_total', { kind: 'all' })).toBe(1);
      expect(sample(text, 'gateway_cache_hits_total', { kind: 'all' })).toBe(1);
    } finally {
      await gw.close();
    }
  });

  it('budget refusals are counted', async () => {
    const gw = await startTestGateway({
      env: { UPSTREAM_RATE_LIMIT: '1/3600s', UPSTREAM_RATE_BURST: '1', UPSTREAM_RATE_MAX_WAIT_MS: '0' },
    });
    try {
      await gw.post({ query: '{ meetings(first: 1) { totalCount } }' });
      const body = JSON.parse((await gw.post({ query: '{ meetings(first: 1) { totalCount } }' })).text);
      expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
      const text = await (await gw.app.fetch('http://gateway.test/metrics')).text();
      expect(sample(text, 'gateway_upstream_budget_refused_total', {})).toBe(1);
      expect(sample(text, 'gateway_upstream_budget_tokens', {})).toBe(0);
      expect(sample(text, 'gateway_graphql_errors_total', { code: 'RATE_LIMITED' })).toBe(1);
    } finally {
      await gw.close();
    }
  });
});

describe('cache counters from a cache that keeps its own totals', () => {
  it('grow by what the totals grew between scrapes', async () => {
    const metrics = createMetrics();
    const totals = { hits: 3, misses: 1, stale: 0, coalesced: 2 };
    metrics.observeCacheTotals(() => totals);
    metrics.cacheHits.inc({ kind: 'meeting' });
    let text = await metrics.registry.metrics();
    expect(sample(text, 'gateway_cache_hits_total', { kind: 'all' })).toBe(3);
    expect(sample(text, 'gateway_cache_hits_total', { kind: 'meeting' })).toBe(1);
    expect(sample(text, 'gateway_cache_coalesced_total', { kind: 'all' })).toBe(2);
    totals.hits = 10;
    totals.misses = 4;
    text = await metrics.registry.metrics();
    expect(sample(text, 'gateway_cache_hits_total', { kind: 'all' })).toBe(10);
    expect(sample(text, 'gateway_cache_misses_total', { kind: 'all' })).toBe(4);
    expect(sample(text, 'gateway_cache_stale_total', { kind: 'all' })).toBeUndefined();
  });
});

describe('label cardinality', () => {
  it(`keeps at most ${MAX_OPERATION_NAMES} operation names, then "other"; odd names are "other"`, () => {
    const metrics = createMetrics();
    const labels = new Set<string>();
    for (let i = 0; i < MAX_OPERATION_NAMES + 50; i++) labels.add(metrics.operationLabel(`Op${i}`));
    expect(labels.size).toBe(MAX_OPERATION_NAMES + 1);
    expect(labels.has('other')).toBe(true);
    expect(metrics.operationLabel('Op0')).toBe('Op0');
    expect(metrics.operationLabel(`Op${MAX_OPERATION_NAMES + 10}`)).toBe('other');
    expect(metrics.operationLabel(undefined)).toBe('anonymous');
    expect(createMetrics().operationLabel('a"b')).toBe('other');
    expect(createMetrics().codeLabel('not a code')).toBe('OTHER');
  });
});
