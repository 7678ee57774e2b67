import type { Agent } from 'undici';
import { GatewayError } from '../errors.ts';
import type { Meeting, MeetingKey, MeetingPage } from '../model.ts';
import type { FilterSet } from '../pagination/filters.ts';
import type { PageRequest } from '../pagination/plan.ts';
import { type BreakerOptions, CircuitBreakers } from './circuit-breaker.ts';
import { errorFromResponse, parseRetryAfter } from './envelope.ts';
import { parseListBody, parseMeetingBody } from './parse.ts';
import { meetingPath, meetingsPath } from './paths.ts';
import { type Pacer, type RateLimit, RateLimiter } from './rate-limiter.ts';
import { isRetryableStatus, type RetryBudget, type RetryPolicy, retryDelayMs } from './retry.ts';
import { createDispatcher, getJson } from './transport.ts';

/**
 * The RealtimeKit REST client: list pages and single meetings, with auth, retries,
 * error normalization and body checks. Ids reaching it were already checked by
 * `paths.ts` (callers build `FilterSet`/`MeetingKey` through it).
 */

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
}

/** What one GraphQL request brings to each of its upstream calls. */
export interface CallScope {
  /** The `Authorization` header value to send; undefined → `UNAUTHENTICATED`, no call. */
  authorization: string | undefined;
  budget: RetryBudget;
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
  }

  get baseUrl(): string {
    return this.#options.baseUrl;
  }

  /** One list page for a filter set. */
  async listMeetings(scope: CallScope, filters: FilterSet, page: PageRequest): Promise<MeetingPage> {
    const body = await this.#get(scope, filters, listPath(filters, page), false);
    return parseListBody(body, filters);
  }

  /** One meeting with its AI settings; `null` when the upstream answers 404. */
  async getMeeting(scope: CallScope, key: MeetingKey): Promise<Meeting | null> {
    const body = await this.#get(scope, key, meetingPath(key), true);
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
  ): Promise<unknown> {
    if (scope.authorization === undefined) {
      throw new GatewayError(
        'UNAUTHENTICATED',
        'Send an Authorization header: this gateway forwards it to the meetings service.',
      );
    }
    const { baseUrl, timeoutMs, retry } = this.#options;
    const credential = scope.authorization;
    const headers = { authorization: credential, accept: 'application/json' };
    const breaker = this.#breakers.for(credential, tenant.accountId, tenant.appId);
    for (let attempt = 0; ; attempt++) {
      const pace = (await this.#limiter?.reserve(credential)) ?? 0;
      if (pace > 0) await sleep(pace);
      breaker.admit();
      const result = await getJson(this.#dispatcher, `${baseUrl}${path}`, headers, timeoutMs);
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
        if (status === 429 && retryAfter !== undefined) this.#limiter?.pause(credential, retryAfter);
        error = errorFromResponse(status, body, retryAfter);
        wait = isRetryableStatus(status) ? retryDelayMs(retry, attempt, retryAfter) : undefined;
      }
      if (wait === undefined || !scope.budget.take()) throw error;
      await sleep(wait);
    }
  }
}

const NOT_FOUND = Symbol('not found');

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
