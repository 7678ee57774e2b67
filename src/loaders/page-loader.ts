import DataLoader from 'dataloader';
import { GatewayError } from '../errors.ts';
import {
  createListState,
  type FetchedPage,
  fetchWindows,
  type ListState,
  type ListWindow,
  type ResolvedWindow,
  readWindow,
} from '../pagination/paged-list.ts';
import type { Interval, PageRequest } from '../pagination/plan.ts';
import { placeItems } from '../pagination/slice.ts';
import type { WindowSpec } from '../pagination/window.ts';

// The per-request loader of one kind of paged upstream list (meetings of a filter set,
// participants of a meeting). It only does the I/O: the fetch policy is
// `pagination/paged-list.ts`. Its batch function receives every window asked for in the
// same tick and hands the windows of one list to the policy together, so identical pages
// are fetched once and positions fetched earlier in the request are never fetched again;
// the lists of one batch are loaded in parallel (participants of 10 meetings: 10 calls at
// once, one per distinct page).
//
// With the cross-request cache (`shared`): a single range window of a list this request
// has not read yet may be served whole from one fresh cached page (`coveringPage`, no
// call); pages of different moments that disagree on the total are all read again fresh,
// so totalCount, cursors and pageInfo come from answers that agree; and a window served
// from stale entries says how old the oldest was (`staleAgeMs`).

export interface WindowRequest<Q> {
  /** What names the list upstream (filters, meeting). */
  list: Q;
  /** The list's key (`filterKey`, `participantsKey`), computed once by the caller. */
  key: string;
  spec: WindowSpec;
}

/** One page as read: from the upstream, or from the cache (then maybe stale). */
export interface ServedPage<T> {
  value: FetchedPage<T>;
  /** Set when the page was a stale cache entry: its age. */
  staleAgeMs?: number;
}

export interface PageLoaderOptions<Q, T> {
  /** Reads one page of `list`; `fresh` skips the cache. */
  fetchPage(list: Q, page: PageRequest, fresh: boolean): Promise<ServedPage<T>>;
  /** A fresh cached page holding the whole window, without any call (shared reads only). */
  coveringPage?(list: Q, window: Interval, cap: number): Promise<FetchedPage<T> | undefined>;
  /** Whether pages may come from the cross-request cache (`fresh` then means something). */
  shared: boolean;
  /** The request asked for fresh reads (`Cache-Control: no-cache`). */
  fresh: boolean;
  /** The id anchored cursors carry for an item (windows are realigned on it). */
  idOf(item: T): string;
  maxPerPage: number;
  /** What the list holds, for error messages: "meetings", "participants". */
  noun: string;
}

/**
 * A window as served: `drifted` when an anchored cursor's node was gone (CURSOR_DRIFT),
 * `staleAgeMs` when a page behind it was a stale cache entry (the oldest one's age).
 */
export type ServedWindow<T> = ListWindow<T> & { drifted: boolean; staleAgeMs?: number };

export interface PageLoader<Q, T> {
  loader: DataLoader<WindowRequest<Q>, ServedWindow<T>, string>;
  /** Resolves once no page fetch of this request is in flight. */
  settled(): Promise<void>;
}

interface LoadedList<Q, T> {
  list: Q;
  state: ListState<T>;
  /** Pages fetched or in flight, by `pageNo:perPage`. */
  pages: Map<string, Promise<FetchedPage<T>>>;
  /** Age of the oldest stale cache entry among the pages used, if any. */
  staleAgeMs: number | undefined;
  /** The `total_count`s the pages used reported (more than one: pages of different moments). */
  totals: Set<number>;
}

function specKey(request: WindowRequest<unknown>): string {
  const { spec } = request;
  const window =
    spec.kind === 'range'
      ? `${request.key}|r${spec.start}-${spec.end}`
      : `${request.key}|t${spec.count}-${spec.min}`;
  const { afterAnchor, beforeAnchor } = spec.anchors ?? {};
  const anchor = (a: typeof afterAnchor) => (a ? `${a.position}:${a.total}:${a.id}` : '');
  return afterAnchor || beforeAnchor ? `${window}|a${anchor(afterAnchor)}|b${anchor(beforeAnchor)}` : window;
}

export function createPageLoader<Q, T>(options: PageLoaderOptions<Q, T>): PageLoader<Q, T> {
  const lists = new Map<string, LoadedList<Q, T>>();
  const inFlight = new Set<Promise<unknown>>();

  const track = <V>(work: Promise<V>): Promise<V> => {
    const tracked = work.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    tracked.catch(() => {});
    return work;
  };

  function loaded(request: WindowRequest<Q>): LoadedList<Q, T> {
    let entry = lists.get(request.key);
    if (!entry) {
      entry = {
        list: request.list,
        state: createListState(options.maxPerPage, options.idOf),
        pages: new Map(),
        staleAgeMs: undefined,
        totals: new Set(),
      };
      lists.set(request.key, entry);
    }
    return entry;
  }

  function fetchPage(entry: LoadedList<Q, T>, page: PageRequest, fresh: boolean): Promise<FetchedPage<T>> {
    const id = `${page.pageNo}:${page.perPage}`;
    let pending = entry.pages.get(id);
    if (!pending) {
      pending = track(
        options.fetchPage(entry.list, page, fresh).then(({ value, staleAgeMs }) => {
          if (staleAgeMs !== undefined) entry.staleAgeMs = Math.max(entry.staleAgeMs ?? 0, staleAgeMs);
          entry.totals.add(value.totalCount);
          return value;
        }),
      );
      entry.pages.set(id, pending);
    }
    return pending;
  }

  /**
   * Shared reads only: one range window alone in its list, which this request has not
   * read yet, is placed from a fresh cached page that holds it whole (no call).
   */
  async function cover(entry: LoadedList<Q, T>, specs: readonly WindowSpec[]): Promise<void> {
    const [spec] = specs;
    if (!options.shared || !options.coveringPage || specs.length !== 1 || spec?.kind !== 'range') return;
    if (entry.state.total !== undefined || entry.pages.size > 0) return;
    const page = await options.coveringPage(entry.list, spec, entry.state.cap);
    if (!page) return;
    entry.state.total = page.totalCount;
    entry.totals.add(page.totalCount);
    placeItems(entry.state.items, page.offset, page.items);
  }

  /** Forgets what a list holds, so that it is read again. */
  function reset(entry: LoadedList<Q, T>): void {
    entry.state = createListState(options.maxPerPage, options.idOf);
    entry.pages.clear();
    entry.staleAgeMs = undefined;
    entry.totals.clear();
  }

  async function loadGroup(entry: LoadedList<Q, T>, specs: WindowSpec[]): Promise<ResolvedWindow[]> {
    await cover(entry, specs);
    const served = await fetchWindows(entry.state, specs, (page) => fetchPage(entry, page, options.fresh));
    if (!options.shared || entry.totals.size <= 1 || options.fresh) return served;
    // Cached pages from different moments disagree on the total: read them all fresh, so
    // totalCount, cursors and pageInfo come from answers that agree.
    reset(entry);
    return fetchWindows(entry.state, specs, (page) => fetchPage(entry, page, true));
  }

  function read(entry: LoadedList<Q, T>, served: ResolvedWindow): ServedWindow<T> | GatewayError {
    const window = readWindow(entry.state, served.spec);
    if ('missing' in window) {
      return new GatewayError(
        'UPSTREAM_ERROR',
        `The meetings service returned pages that disagree with its total count (${window.missing} of the requested ${options.noun} are missing).`,
      );
    }
    const answer: ServedWindow<T> = { ...window, drifted: served.drifted };
    if (entry.staleAgeMs !== undefined) answer.staleAgeMs = entry.staleAgeMs;
    return answer;
  }

  const loader = new DataLoader<WindowRequest<Q>, ServedWindow<T>, string>(
    async (requests) => {
      const groups = new Map<LoadedList<Q, T>, number[]>();
      requests.forEach((request, index) => {
        const entry = loaded(request);
        const group = groups.get(entry);
        if (group) group.push(index);
        else groups.set(entry, [index]);
      });
      const served: (ResolvedWindow | Error)[] = [];
      // In flight from now on (cache lookups included), for `settled()`.
      await track(
        Promise.all(
          [...groups].map(([entry, indexes]) =>
            loadGroup(
              entry,
              indexes.map((i) => (requests[i] as WindowRequest<Q>).spec),
            ).then(
              (windows) => {
                indexes.forEach((i, at) => {
                  served[i] = windows[at] as ResolvedWindow;
                });
              },
              (error: unknown) => {
                for (const i of indexes)
                  served[i] = error instanceof Error ? error : new Error(String(error));
              },
            ),
          ),
        ),
      );
      return requests.map((request, i) => {
        const outcome = served[i] as ResolvedWindow | Error;
        return outcome instanceof Error ? outcome : read(loaded(request), outcome);
      });
    },
    { cacheKeyFn: specKey },
  );

  async function settled(): Promise<void> {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  }

  return { loader, settled };
}
