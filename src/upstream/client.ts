import type { Agent } from 'undici';
import type { GatewayConfig } from '../config.ts';
import { GatewayError } from '../errors.ts';
import type { Meeting, MeetingKey, MeetingPage } from '../model.ts';
import { type GatewayMetrics, statusClass, type UpstreamOutcome } from '../observability/metrics.ts';
import { endUpstreamSpan, injectTraceHeaders, startUpstreamSpan } from '../observability/tracing.ts';
import type { FilterSet } from '../pagination/filters.ts';
import type { PageRequest } from '../pagination/plan.ts';
import { type BreakerOptions, CircuitBreakers } from './circuit-breaker.ts';
import { parseListBody, parseMeetingBody } from './parse.ts';
import { meetingPath, meetingsPath } from './paths.ts';
import { type Pacer, type RateLimit, RateLimiter } from './rate-limiter.ts';
import { errorFromResponse, parseRetryAfter } from './response-errors.ts';
import { isRetryableStatus, type RetryBudget, type RetryPolicy, retryDelayMs } from './retry.ts';
import { createDispatcher, getJson, type TransportResult } from './transport.ts';

// The RealtimeKit REST client: list pages and single meetings, with auth, retries,
// error normalization and body checks. Ids reaching it were already checked by
// `paths.ts` (callers build `FilterSet`/`MeetingKey` through it).

export interface UpstreamOptions {
  /** e.g. `https://api.cloudflare.com/client/v4`, without a trailing slash. */
  baseUrl: string;
  timeoutMs: number;
  retry: RetryPolicy;
  /** Sockets per upstream origin. */
  connections: number;
  /** Pacing per credential; undefined → none. */
  rate: RateLimit | undefined;
  /** Paces calls instead of an in-process `RateLimiter` for `rate` (e.g. shared through Redis). */
  pacer?: Pacer | undefined;
  breaker: BreakerOptions;
  /** Where calls, latencies, budget waits and breaker state are counted. */
  metrics?: GatewayMetrics;
}

/** Route templates: what metrics and spans name a call by (never the raw URL). */
export const ROUTES = {
  meetings: '/accounts/{account_id}/realtime/kit/{app_id}/meetings',
  meeting: '/accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}',
} as const;

/** What one GraphQL request brings to each of its upstream calls. */
export interface CallScope {
  /** The `Authorization` header value to send; undefined → `UNAUTHENTICATED`, no call. */
  authorization: string | undefined;
  budget: RetryBudget;
  /** The GraphQL request's id, sent upstream as `x-request-id`. */
  requestId?: string;
  /** `Cache-Control: no-cache`: read from the upstream, not from entries other requests left. */
  fresh?: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class UpstreamClient {
  readonly #options: UpstreamOptions;
  readonly #dispatcher: Agent;
  readonly #limiter: Pacer | undefined;
  /** One breaker per credential, account and app. */
  readonly #breakers: CircuitBreakers;

  constructor(options: UpstreamOptions) {
    this.#options = { ...options, baseUrl: options.baseUrl.replace(/\/+$/, '') };
    this.#dispatcher = createDispatcher({ connections: options.connections, keepAliveTimeoutMs: 30_000 });
    this.#limiter = options.pacer ?? (options.rate ? new RateLimiter(options.rate) : undefined);
    this.#breakers = new CircuitBreakers(options.breaker);
    const breakers = this.#breakers;
    options.metrics?.observeBreakers(() => breakers.states());
  }

  /**
   * The client's options from the gateway's configuration, calling `baseUrl`; `pacer`
   * replaces the in-process rate limiter (a budget shared through Redis), and calls are
   * counted in `metrics`.
   */
  static optionsFrom(
    config: GatewayConfig,
    baseUrl: string,
    extras: { pacer?: Pacer | undefined; metrics?: GatewayMetrics } = {},
  ): UpstreamOptions {
    return {
      ...extras,
      baseUrl,
      timeoutMs: config.upstreamTimeoutMs,
      connections: config.upstreamConnections,
      rate: config.upstreamRate,
      breaker: { failures: config.upstreamBreakerFailures, cooldownMs: config.upstreamBreakerCooldownMs },
      retry: {
        retries: config.upstreamRetries,
        baseDelayMs: config.upstreamRetryBaseMs,
        maxDelayMs: Math.max(config.upstreamRetryBaseMs, 2_000),
        maxWaitMs: config.upstreamRetryMaxWaitMs,
      },
    };
  }

  /** One list page for a filter set. */
  async listMeetings(scope: CallScope, filters: FilterSet, page: PageRequest): Promise<MeetingPage> {
    const body = await this.#get(scope, filters, listPath(filters, page), false, ROUTES.meetings, {
      'realtimekit.page_no': page.pageNo,
      'realtimekit.per_page': page.perPage,
    });
    return parseListBody(body, filters);
  }

  /** One meeting with its AI settings; `null` when the upstream answers 404. */
  async getMeeting(scope: CallScope, key: MeetingKey): Promise<Meeting | null> {
    const body = await this.#get(scope, key, meetingPath(key), true, ROUTES.meeting, {});
    return body === NOT_FOUND ? null : parseMeetingBody(body, key);
  }

  close(): Promise<void> {
    return this.#dispatcher.close();
  }

  async #get(
    scope: CallScope,
    tenant: { accountId: string; appId: string },
    path: string,
    notFoundIsNull: boolean,
    route: string,
    attributes: Record<string, number>,
  ): Promise<unknown> {
    if (scope.authorization === undefined) {
      throw new GatewayError(
        'UNAUTHENTICATED',
        'Send an Authorization header: this gateway forwards it to the meetings service.',
      );
    }
    const { baseUrl, timeoutMs, retry } = this.#options;
    const credential = scope.authorization;
    const metrics = this.#options.metrics;
    const breaker = this.#breakers.for(credential, tenant.accountId, tenant.appId);
    for (let attempt = 0; ; attempt++) {
      const pace = await this.#reserve(credential);
      if (pace > 0) await sleep(pace);
      try {
        breaker.admit();
      } catch (error) {
        metrics?.breakerRejected.inc();
        throw error;
      }
      const span = startUpstreamSpan('GET', route, {
        ...attributes,
        'gateway.upstream.attempt': attempt + 1,
        'gateway.cache.outcome': 'miss',
      });
      const headers: Record<string, string> = { authorization: credential, accept: 'application/json' };
      if (scope.requestId !== undefined) headers['x-request-id'] = scope.requestId;
      injectTraceHeaders(span, headers);
      const started = performance.now();
      const result = await getJson(this.#dispatcher, `${baseUrl}${path}`, headers, timeoutMs);
      const status = result.kind === 'response' ? result.status : undefined;
      if (metrics) {
        const labels = { route, method: 'GET', status_class: statusClass(status) };
        metrics.upstreamDuration.observe(labels, (performance.now() - started) / 1000);
        metrics.upstreamCalls.inc({ ...labels, outcome: outcomeOf(result, notFoundIsNull) });
      }
      endUpstreamSpan(
        span,
        status,
        result.kind === 'failure'
          ? result.error.code
          : status !== undefined && status >= 400
            ? `HTTP_${status}`
            : undefined,
      );
      let error: GatewayError;
      let wait: number | undefined;
      if (result.kind === 'failure') {
        breaker.recordFailure();
        error = result.error;
        wait = result.retryable ? retryDelayMs(retry, attempt, undefined) : undefined;
      } else {
        const { status, body } = result;
        if (status >= 500) breaker.recordFailure();
        else breaker.recordSuccess();
        if (status >= 200 && status < 300 && isSuccess(body)) return body;
        if (status === 404 && notFoundIsNull) return NOT_FOUND;
        const retryAfter = parseRetryAfter(result.retryAfter);
        if (status === 429 && retryAfter !== undefined && this.#limiter) {
          this.#limiter.pause(credential, retryAfter);
          metrics?.upstreamPauses.inc();
        }
        error = errorFromResponse(status, body, retryAfter);
        wait = isRetryableStatus(status) ? retryDelayMs(retry, attempt, retryAfter) : undefined;
      }
      if (wait === undefined || !scope.budget.take()) throw error;
      await sleep(wait);
    }
  }

  /** Reserves a budget slot, counting the wait, the tokens left and refusals. */
  async #reserve(credential: string): Promise<number> {
    const limiter = this.#limiter;
    if (!limiter) return 0;
    const metrics = this.#options.metrics;
    let wait: number;
    try {
      wait = await limiter.reserve(credential);
    } catch (error) {
      metrics?.budgetRefused.inc();
      throw error;
    }
    if (metrics) {
      metrics.budgetWait.observe(wait / 1000);
      const left = limiter.tokensLeft?.(credential);
      if (left !== undefined) metrics.budgetTokens.set(left);
    }
    return wait;
  }
}

const NOT_FOUND = Symbol('not found');

function outcomeOf(result: TransportResult, notFoundIsNull: boolean): UpstreamOutcome {
  if (result.kind === 'failure')
    return result.error.code === 'UPSTREAM_TIMEOUT' ? 'timeout' : 'connection_error';
  const { status } = result;
  if (status >= 200 && status < 300) return isSuccess(result.body) ? 'ok' : 'invalid_body';
  if (status === 404 && notFoundIsNull) return 'not_found';
  if (status === 429) return 'rate_limited';
  return status >= 500 ? 'server_error' : 'client_error';
}

/** The upstream path and query of one list page (also what names it in the shared cache). */
export function listPath(filters: FilterSet, page: PageRequest): string {
  const query = new URLSearchParams({ page_no: String(page.pageNo), per_page: String(page.perPage) });
  if (filters.status !== undefined) query.set('status', filters.status);
  if (filters.search !== undefined) query.set('search', filters.search);
  if (filters.startTime !== undefined) query.set('start_time', filters.startTime);
  if (filters.endTime !== undefined) query.set('end_time', filters.endTime);
  return `${meetingsPath(filters.accountId, filters.appId)}?${query.toString()}`;
}

function isSuccess(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { success?: unknown }).success === true;
}
