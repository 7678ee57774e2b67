import DataLoader from 'dataloader';
import type { UpstreamReads } from '../cache/upstream-reads.ts';
import { GatewayError } from '../errors.ts';
import type { Meeting } from '../model.ts';
import type { FilterSet } from '../pagination/filters.ts';
import { type Interval, type PageRequest, planPages } from '../pagination/plan.ts';
import { placeItems, sliceWindow } from '../pagination/slice.ts';
import { concreteWindow, type WindowSpec } from '../pagination/window.ts';
import type { CallScope } from '../upstream/client.ts';
import { meetingCacheKey } from './meeting-key.ts';

/**
 * The per-request page loader. Its batch function receives every connection window asked
 * for in the same tick and plans the windows of one filter set together: pages are chosen
 * by `planPages` (fewest calls, then fewest rows), identical pages are fetched once, and
 * positions already fetched earlier in the request are never fetched again.
 *
 * A window whose end depends on the total (`last` without `before`) is planned in a
 * second step, once a first call has told the total; when nothing else in the batch
 * tells it, one probe page is fetched (page 1, as large as allowed, which serves the whole
 * window whenever the list fits in one page).
 */

export interface WindowRequest {
  filters: FilterSet;
  /** `filterKey(filters)`, computed once by the caller. */
  key: string;
  spec: WindowSpec;
}

export interface WindowResult {
  /** 0-based position of `meetings[0]`. */
  start: number;
  meetings: Meeting[];
  totalCount: number;
  /** Set when a page behind this window was a stale cache entry: the oldest one's age. */
  staleAgeMs?: number;
}

export interface PageLoaderDeps {
  reads: UpstreamReads;
  scope: CallScope;
  maxPerPage: number;
  /** Every meeting a list page returned, by `meetingCacheKey` (shared with the meeting loaders). */
  listed: Map<string, Meeting>;
}

/** What this request knows about one filter set's ordered list. */
interface ListState {
  filters: FilterSet;
  total: number | undefined;
  items: Map<number, Meeting>;
  /** Pages fetched or in flight, by `pageNo:perPage`. */
  pages: Map<string, Promise<void>>;
  /**
   * Largest page the upstream was seen to serve in full: `maxPerPage` until a page comes
   * back shorter than asked while more items follow (an upstream with a lower cap).
   */
  cap: number;
  /** Age of the oldest stale cache entry among the pages used, if any. */
  staleAgeMs: number | undefined;
  /** The `total_count`s the pages used reported (more than one: pages of different moments). */
  totals: Set<number>;
}

/** Follow-up rounds for windows that short pages left incomplete. */
const REPAIR_ROUNDS = 3;

export interface PageLoader {
  loader: DataLoader<WindowRequest, WindowResult, string>;
  /** Resolves once no page fetch of this request is in flight. */
  settled(): Promise<void>;
}

function specKey(request: WindowRequest): string {
  const { spec } = request;
  return spec.kind === 'range'
    ? `${request.key}|r${spec.start}-${spec.end}`
    : `${request.key}|t${spec.count}-${spec.min}-${spec.max ?? ''}`;
}

export function createPageLoader(deps: PageLoaderDeps): PageLoader {
  const { reads, maxPerPage, listed } = deps;
  const shared = reads.shared.enabled;
  const lists = new Map<string, ListState>();
  const inFlight = new Set<Promise<void>>();

  function state(request: WindowRequest): ListState {
    let list = lists.get(request.key);
    if (!list) {
      list = {
        filters: request.filters,
        total: undefined,
        items: new Map(),
        pages: new Map(),
        cap: maxPerPage,
        staleAgeMs: undefined,
        totals: new Set(),
      };
      lists.set(request.key, list);
    }
    return list;
  }

  function fetchPage(list: ListState, page: PageRequest, scope: CallScope = deps.scope): Promise<void> {
    const id = `${page.pageNo}:${page.perPage}`;
    let pending = list.pages.get(id);
    if (!pending) {
      pending = reads.listMeetings(scope, list.filters, page).then(({ value: result, staleAgeMs }) => {
        if (staleAgeMs !== undefined) list.staleAgeMs = Math.max(list.staleAgeMs ?? 0, staleAgeMs);
        list.totals.add(result.totalCount);
        list.total = result.totalCount;
        const served = result.meetings.length;
        if (served > 0 && served < page.perPage && result.offset + served < result.totalCount) {
          list.cap = Math.min(list.cap, served);
        }
        placeItems(list.items, result.offset, result.meetings);
        for (const meeting of result.meetings) listed.set(meetingCacheKey(meeting), meeting);
      });
      const tracked = pending.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      tracked.catch(() => {});
      list.pages.set(id, pending);
    }
    return pending;
  }

  /** Fetches whatever `windows` need that the list does not hold yet. */
  async function fill(list: ListState, windows: Interval[], scope: CallScope = deps.scope): Promise<void> {
    const needed: Interval[] = [];
    for (const window of windows) {
      const end = list.total === undefined ? window.end : Math.min(window.end, list.total);
      let runStart = -1;
      for (let p = window.start; p <= end; p++) {
        const missing = p < end && !list.items.has(p);
        if (missing && runStart < 0) runStart = p;
        if (!missing && runStart >= 0) {
          needed.push({ start: runStart, end: p });
          runStart = -1;
        }
      }
    }
    await Promise.all(planPages(needed, list.cap).map((page) => fetchPage(list, page, scope)));
  }

  function concrete(list: ListState, spec: WindowSpec): Interval {
    return concreteWindow(spec, list.total ?? 0);
  }

  function slice(list: ListState, spec: WindowSpec): WindowResult | GatewayError {
    const total = list.total ?? 0;
    const window = concrete(list, spec);
    const result = sliceWindow(list.items, window, total);
    if (!result.ok) {
      return new GatewayError(
        'UPSTREAM_ERROR',
        `The meetings service returned pages that disagree with its total count (${result.missing.length} of the requested meetings are missing).`,
      );
    }
    const answer: WindowResult = {
      start: window.start,
      meetings: result.items.map((entry) => entry.item),
      totalCount: total,
    };
    if (list.staleAgeMs !== undefined) answer.staleAgeMs = list.staleAgeMs;
    return answer;
  }

  /**
   * Shared reads only: one range window alone in its list is served from a fresh cached page
   * that holds it whole (`coveringPage`), with no call. Returns whether it was.
   */
  async function cover(list: ListState, requests: WindowRequest[]): Promise<boolean> {
    const spec = requests[0]?.spec;
    if (!shared || requests.length !== 1 || spec?.kind !== 'range') return false;
    // Only for a list this request has not read yet: one window, one upstream answer.
    if (list.total !== undefined || list.pages.size > 0) return false;
    const page = await reads.coveringPage(deps.scope, list.filters, spec, list.cap);
    if (!page) return false;
    list.total = page.totalCount;
    list.totals.add(page.totalCount);
    placeItems(list.items, page.offset, page.meetings);
    for (const meeting of page.meetings) listed.set(meetingCacheKey(meeting), meeting);
    return true;
  }

  /** Forgets what a list holds, so that it is read again. */
  function reset(list: ListState): void {
    list.total = undefined;
    list.items.clear();
    list.pages.clear();
    list.staleAgeMs = undefined;
    list.totals.clear();
  }

  async function loadGroup(list: ListState, requests: WindowRequest[]): Promise<void> {
    if (await cover(list, requests)) return;
    await loadPages(list, requests, deps.scope);
    if (shared && list.totals.size > 1 && !deps.scope.fresh) {
      // Cached pages from different moments disagree on the total: read them all fresh, so
      // totalCount, cursors and pageInfo come from answers that agree.
      reset(list);
      await loadPages(list, requests, { ...deps.scope, fresh: true });
    }
  }

  async function loadPages(list: ListState, requests: WindowRequest[], scope: CallScope): Promise<void> {
    const ranges: Interval[] = [];
    let tails = false;
    for (const { spec } of requests) {
      if (spec.kind === 'range') ranges.push({ start: spec.start, end: spec.end });
      else tails = true;
    }
    await fill(list, ranges, scope);
    if (list.total === undefined) {
      // Nothing fetched told the total (empty windows, or only tails): probe page 1.
      await fetchPage(list, { pageNo: 1, perPage: tails ? maxPerPage : 1 }, scope);
    }
    // The total is known now: fetch the tails, and whatever short pages left out (positions
    // come from the upstream's offsets, never from data.length), until nothing is missing
    // or a round brings nothing new.
    for (let round = 0; round < REPAIR_ROUNDS; round++) {
      const known = list.items.size;
      await fill(
        list,
        requests.map((r) => concrete(list, r.spec)),
        scope,
      );
      if (list.items.size === known) break;
    }
  }

  const loader = new DataLoader<WindowRequest, WindowResult, string>(
    async (requests) => {
      const groups = new Map<ListState, WindowRequest[]>();
      for (const request of requests) {
        const list = state(request);
        const group = groups.get(list);
        if (group) group.push(request);
        else groups.set(list, [request]);
      }
      const outcomes = new Map<ListState, Error | undefined>();
      const work = Promise.all(
        [...groups].map(([list, group]) =>
          loadGroup(list, group).then(
            () => outcomes.set(list, undefined),
            (error: unknown) => outcomes.set(list, error instanceof Error ? error : new Error(String(error))),
          ),
        ),
      ).then(() => {});
      // In flight from now on (cache lookups included), for `settled()`.
      const tracked = work.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      await work;
      return requests.map((request) => {
        const list = state(request);
        return outcomes.get(list) ?? slice(list, request.spec);
      });
    },
    { cacheKeyFn: specKey },
  );

  async function settled(): Promise<void> {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  }

  return { loader, settled };
}
