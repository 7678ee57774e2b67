import type { Agent } from 'undici';
import { GatewayError, isGatewayError } from '../errors.ts';
import type {
  ActiveSession,
  Meeting,
  MeetingKey,
  MeetingPage,
  Participant,
  ParticipantKey,
  ParticipantWithToken,
} from '../model.ts';
import { type GatewayMetrics, statusClass, type UpstreamOutcome } from '../observability/metrics.ts';
import { endUpstreamSpan, injectTraceHeaders, startUpstreamSpan } from '../observability/tracing.ts';
import type { FilterSet } from '../pagination/filters.ts';
import type { FetchedPage } from '../pagination/paged-list.ts';
import type { PageRequest } from '../pagination/plan.ts';
import { type BreakerOptions, CircuitBreakers } from './circuit-breaker.ts';
import { parseListBody, parseMeetingBody } from './parse.ts';
import {
  parseActiveSessionBody,
  parseParticipantBody,
  parseParticipantsBody,
  parseParticipantWithTokenBody,
  parseRemovedBody,
  parseTokenBody,
  parseWrittenMeetingBody,
} from './parse-writes.ts';
import { activeSessionPath, meetingPath, meetingsPath, participantPath, participantsPath } from './paths.ts';
import { type Pacer, type RateLimit, RateLimiter } from './rate-limiter.ts';
import { RepeatedBodies } from './repeated-bodies.ts';
import { errorFromResponse, parseRetryAfter } from './response-errors.ts';
import { isRetryableStatus, type RetryBudget, type RetryPolicy, retryDelayMs } from './retry.ts';
import { callJson, createDispatcher, type TransportResult } from './transport.ts';

// The RealtimeKit REST client: meeting and participant reads and writes, with auth,
// retries (reads: 429, 502-504 and resets; writes: only 429 and refused connections),
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
  /** Bound on the read bodies kept to recognise repeated answers (`repeated-bodies.ts`), in bytes; 0: none. */
  repeatedBodiesMaxBytes: number;
}

/** Route templates: what metrics and spans name a call by (never the raw URL). */
export const ROUTES = {
  meetings: '/accounts/{account_id}/realtime/kit/{app_id}/meetings',
  meeting: '/accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}',
  participants: '/accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/participants',
  participant:
    '/accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/participants/{participant_id}',
  participantToken:
    '/accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/participants/{participant_id}/token',
  activeSession: '/accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/active-session',
} as const;

/** Who calls upstream for one GraphQL request: its credential, retry budget and cache wishes (not an account or app). */
export interface UpstreamCaller {
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
  /** Reads whose answer repeats the last bytes from their URL skip decoding them again. */
  readonly #repeats: RepeatedBodies | undefined;

  constructor(options: UpstreamOptions) {
    this.#options = { ...options, baseUrl: options.baseUrl.replace(/\/+$/, '') };
    this.#dispatcher = createDispatcher({ connections: options.connections, keepAliveTimeoutMs: 30_000 });
    this.#limiter = options.pacer ?? (options.rate ? new RateLimiter(options.rate) : undefined);
    this.#breakers = new CircuitBreakers(options.breaker);
    const repeatsBytes = options.repeatedBodiesMaxBytes;
    this.#repeats = repeatsBytes > 0 ? new RepeatedBodies({ maxBytes: repeatsBytes }) : undefined;
    const breakers = this.#breakers;
    options.metrics?.observeBreakers(() => breakers.states());
    const repeats = this.#repeats;
    if (repeats !== undefined) options.metrics?.observeRepeatedBodies(() => repeats.reused);
  }

  /** One list page for a filter set. */
  async listMeetings(scope: UpstreamCaller, filters: FilterSet, page: PageRequest): Promise<MeetingPage> {
    const body = await this.#call(scope, {
      tenant: filters,
      method: 'GET',
      path: listPath(filters, page),
      route: ROUTES.meetings,
      attributes: { 'realtimekit.page_no': page.pageNo, 'realtimekit.per_page': page.perPage },
    });
    return this.#model(body, filters, parseListBody);
  }

  /** One meeting with its AI settings; `null` when the upstream answers 404. */
  async getMeeting(scope: UpstreamCaller, key: MeetingKey): Promise<Meeting | null> {
    const body = await this.#call(scope, {
      tenant: key,
      method: 'GET',
      path: meetingPath(key),
      notFoundIsNull: true,
      route: ROUTES.meeting,
    });
    return body === NOT_FOUND ? null : this.#model(body, key, parseMeetingBody);
  }

  /** One page of a meeting's participants. */
  async listParticipants(
    scope: UpstreamCaller,
    key: MeetingKey,
    page: PageRequest,
  ): Promise<FetchedPage<Participant>> {
    const body = await this.#call(scope, {
      tenant: key,
      method: 'GET',
      path: participantsListPath(key, page),
      route: ROUTES.participants,
      attributes: { 'realtimekit.page_no': page.pageNo, 'realtimekit.per_page': page.perPage },
    });
    return this.#model(body, key, parseParticipantsBody);
  }

  /** One participant; `null` when the upstream answers 404. */
  async getParticipant(scope: UpstreamCaller, key: ParticipantKey): Promise<Participant | null> {
    const body = await this.#call(scope, {
      tenant: key,
      method: 'GET',
      path: participantPath(key),
      notFoundIsNull: true,
      route: ROUTES.participant,
    });
    return body === NOT_FOUND ? null : parseParticipantBody(body, key);
  }

  /** The meeting's live session; `null` when the upstream answers 404 (nobody is in it). */
  async getActiveSession(scope: UpstreamCaller, key: MeetingKey): Promise<ActiveSession | null> {
    const body = await this.#call(scope, {
      tenant: key,
      method: 'GET',
      path: activeSessionPath(key),
      notFoundIsNull: true,
      route: ROUTES.activeSession,
    });
    return body === NOT_FOUND ? null : parseActiveSessionBody(body);
  }

  /** `POST …/meetings`. `secrets` are input values that must never appear in an error. */
  async createMeeting(
    scope: UpstreamCaller,
    where: AppKey,
    body: object,
    secrets: readonly string[],
  ): Promise<Meeting> {
    const path = meetingsPath(where.accountId, where.appId);
    return parseWrittenMeetingBody(
      await this.#write(scope, where, 'POST', path, ROUTES.meetings, body, secrets),
      where,
    );
  }

  /** `PATCH …/meetings/{meeting_id}` with only the fields to change. */
  async updateMeeting(
    scope: UpstreamCaller,
    key: MeetingKey,
    body: object,
    secrets: readonly string[],
  ): Promise<Meeting> {
    const meeting = parseWrittenMeetingBody(
      await this.#write(scope, key, 'PATCH', meetingPath(key), ROUTES.meeting, body, secrets),
      key,
    );
    if (meeting.meetingId !== key.meetingId) {
      throw new GatewayError(
        'UPSTREAM_ERROR',
        'The meetings service answered with another meeting than the one updated.',
        {
          upstreamStatus: 200,
        },
      );
    }
    return meeting;
  }

  /** `POST …/participants`: the new participant and its join token. */
  async addParticipant(scope: UpstreamCaller, key: MeetingKey, body: object): Promise<ParticipantWithToken> {
    return parseParticipantWithTokenBody(
      await this.#write(scope, key, 'POST', participantsPath(key), ROUTES.participants, body, []),
      key,
    );
  }

  /** `PATCH …/participants/{participant_id}`: the participant and a fresh join token. */
  async updateParticipant(
    scope: UpstreamCaller,
    key: ParticipantKey,
    body: object,
  ): Promise<ParticipantWithToken> {
    return parseParticipantWithTokenBody(
      await this.#write(scope, key, 'PATCH', participantPath(key), ROUTES.participant, body, []),
      key,
    );
  }

  /** `DELETE …/participants/{participant_id}`. */
  async removeParticipant(
    scope: UpstreamCaller,
    key: ParticipantKey,
  ): Promise<{ customParticipantId: string }> {
    return parseRemovedBody(
      await this.#write(scope, key, 'DELETE', participantPath(key), ROUTES.participant, undefined, []),
    );
  }

  /** `POST …/participants/{participant_id}/token`: a new join token. */
  async refreshParticipantToken(scope: UpstreamCaller, key: ParticipantKey): Promise<string> {
    return parseTokenBody(
      await this.#write(
        scope,
        key,
        'POST',
        `${participantPath(key)}/token`,
        ROUTES.participantToken,
        undefined,
        [],
      ),
    );
  }

  /** `parse(body, where)`, or what it gave for this very body, kept with it, read at the same place. */
  #model<W extends AppKey & { meetingId?: string }, T>(
    body: unknown,
    where: W,
    parse: (body: unknown, where: W) => T,
  ): T {
    const repeats = this.#repeats;
    if (repeats === undefined) return parse(body, where);
    const place = `${where.accountId}/${where.appId}/${where.meetingId ?? ''}`;
    return repeats.derived(body, place, () => parse(body, where));
  }

  close(): Promise<void> {
    return this.#dispatcher.close();
  }

  /**
   * A write: retried only when the upstream certainly did not apply it (connection refused,
   * or 429). After a timeout, a reset or a 5xx the error says the change may or may not have
   * been applied. Error messages never contain `secrets`.
   */
  async #write(
    scope: UpstreamCaller,
    tenant: AppKey,
    method: 'POST' | 'PATCH' | 'DELETE',
    path: string,
    route: string,
    body: object | undefined,
    secrets: readonly string[],
  ): Promise<unknown> {
    try {
      return await this.#call(scope, { tenant, method, path, route, body, write: true });
    } catch (error) {
      throw isGatewayError(error) ? withoutSecrets(error, secrets) : error;
    }
  }

  async #call(scope: UpstreamCaller, call: UpstreamCall): Promise<unknown> {
    if (scope.authorization === undefined) {
      throw new GatewayError(
        'UNAUTHENTICATED',
        'Send an Authorization header: this gateway forwards it to the meetings service.',
      );
    }
    const { baseUrl, timeoutMs, retry } = this.#options;
    const credential = scope.authorization;
    const write = call.write === true;
    const { route } = call;
    const metrics = this.#options.metrics;
    const breaker = this.#breakers.for(credential, call.tenant.accountId, call.tenant.appId);
    for (let attempt = 0; ; attempt++) {
      const pace = await this.#reserve(credential);
      if (pace > 0) await sleep(pace);
      try {
        breaker.admit();
      } catch (error) {
        metrics?.breakerRejected.inc();
        throw error;
      }
      const span = startUpstreamSpan(call.method, route, {
        ...call.attributes,
        'gateway.upstream.attempt': attempt + 1,
        'gateway.cache.outcome': 'miss',
      });
      const headers: Record<string, string> = { authorization: credential, accept: 'application/json' };
      if (scope.requestId !== undefined) headers['x-request-id'] = scope.requestId;
      injectTraceHeaders(span, headers);
      const started = performance.now();
      const result = await callJson(this.#dispatcher, {
        method: call.method,
        url: `${baseUrl}${call.path}`,
        headers,
        ...(call.body !== undefined ? { body: call.body } : {}),
        repeats: call.method === 'GET' ? this.#repeats : undefined,
        timeoutMs,
      });
      const status = result.kind === 'response' ? result.status : undefined;
      if (metrics) {
        const labels = { route, method: call.method, status_class: statusClass(status) };
        metrics.upstreamDuration.observe(labels, (performance.now() - started) / 1000);
        metrics.upstreamCalls.inc({ ...labels, outcome: outcomeOf(result, call.notFoundIsNull === true) });
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
        const retryable = write ? result.cause === 'refused' : result.retryable;
        wait = retryable ? retryDelayMs(retry, attempt, undefined) : undefined;
        if (write && (result.cause === 'timeout' || result.cause === 'reset')) error = maybeApplied(error);
      } else {
        const { status, body } = result;
        if (status >= 500) breaker.recordFailure();
        else breaker.recordSuccess();
        if (status >= 200 && status < 300 && isSuccess(body)) return body;
        if (status === 404 && call.notFoundIsNull) return NOT_FOUND;
        const retryAfter = parseRetryAfter(result.retryAfter);
        if (status === 429 && retryAfter !== undefined && this.#limiter) {
          this.#limiter.pause(credential, retryAfter);
          metrics?.upstreamPauses.inc();
        }
        error = errorFromResponse(status, body, retryAfter);
        const retryable = write ? status === 429 : isRetryableStatus(status);
        wait = retryable ? retryDelayMs(retry, attempt, retryAfter) : undefined;
        if (write && status >= 500) error = maybeApplied(error);
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

interface UpstreamCall {
  /** Account and app called (each has its own circuit breaker). */
  tenant: AppKey;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path and query under the base URL, from checked ids. */
  path: string;
  body?: object | undefined;
  /** Answer 404 with `NOT_FOUND` instead of an error. */
  notFoundIsNull?: boolean;
  /** Retry only what certainly was not applied. */
  write?: boolean;
  /** Route template that names the call in metrics and spans (`ROUTES`). */
  route: string;
  /** Extra span attributes. */
  attributes?: Record<string, number>;
}

/** Account and app a meeting is created in. */
export interface AppKey {
  accountId: string;
  appId: string;
}

/** The same error, saying that the write may or may not have happened. */
function maybeApplied(error: GatewayError): GatewayError {
  const sentence = error.message.replace(/\.$/, '');
  return new GatewayError(error.code, `${sentence}; the change may or may not have been applied.`, {
    ...(error.upstreamStatus !== undefined ? { upstreamStatus: error.upstreamStatus } : {}),
    ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
  });
}

/** The same error with every occurrence of a secret replaced. */
function withoutSecrets(error: GatewayError, secrets: readonly string[]): GatewayError {
  let message = error.message;
  for (const secret of secrets) if (secret !== '') message = message.split(secret).join('[redacted]');
  if (message === error.message) return error;
  return new GatewayError(error.code, message, {
    ...(error.upstreamStatus !== undefined ? { upstreamStatus: error.upstreamStatus } : {}),
    ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
  });
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

/** `page_no=…&per_page=…`: integers, which form encoding leaves as they are. */
function pageQuery(page: PageRequest): string {
  return `page_no=${page.pageNo}&per_page=${page.perPage}`;
}

/** Path and query of one participants page of a meeting (also its cache resource name). */
export function participantsListPath(key: MeetingKey, page: PageRequest): string {
  return `${participantsPath(key)}?${pageQuery(page)}`;
}

/**
 * The upstream path and query of one list page (also what names it in the shared cache, so
 * the text must not change between versions): the page, then the filters that are set,
 * form-encoded as URLSearchParams writes them.
 */
export function listPath(filters: FilterSet, page: PageRequest): string {
  const path = `${meetingsPath(filters.accountId, filters.appId)}?${pageQuery(page)}`;
  const { status, search, startTime, endTime } = filters;
  if (status === undefined && search === undefined && startTime === undefined && endTime === undefined) {
    return path;
  }
  const query = new URLSearchParams();
  if (status !== undefined) query.set('status', status);
  if (search !== undefined) query.set('search', search);
  if (startTime !== undefined) query.set('start_time', startTime);
  if (endTime !== undefined) query.set('end_time', endTime);
  return `${path}&${query.toString()}`;
}

function isSuccess(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { success?: unknown }).success === true;
}
