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
import type { PageRequest } from '../pagination/plan.ts';
import type { WindowSpec } from '../pagination/window.ts';

// The per-request loader of one kind of paged upstream list (meetings of a filter set,
// participants of a meeting). It only does the I/O: the fetch policy is
// `pagination/paged-list.ts`. Its batch function receives every window asked for in the
// same tick and hands the windows of one list to the policy together, so identical pages
// are fetched once and positions fetched earlier in the request are never fetched again;
// the lists of one batch are loaded in parallel (participants of 10 meetings: 10 calls at
// once, one per distinct page).

export interface WindowRequest<Q> {
  /** What names the list upstream (filters, meeting). */
  list: Q;
  /** The list's key (`filterKey`, `participantsKey`), computed once by the caller. */
  key: string;
  spec: WindowSpec;
}

export interface PageLoaderOptions<Q, T> {
  /** Fetches one page of `list`. */
  fetchPage(list: Q, page: PageRequest): Promise<FetchedPage<T>>;
  /** The id anchored cursors carry for an item (windows are realigned on it). */
  idOf(item: T): string;
  maxPerPage: number;
  /** What the list holds, for error messages: "meetings", "participants". */
  noun: string;
}

/** A window as served: `drifted` when an anchored cursor's node was gone (CURSOR_DRIFT). */
export type ServedWindow<T> = ListWindow<T> & { drifted: boolean };

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

  function loaded(request: WindowRequest<Q>): LoadedList<Q, T> {
    let entry = lists.get(request.key);
    if (!entry) {
      entry = {
        list: request.list,
        state: createListState(options.maxPerPage, options.idOf),
        pages: new Map(),
      };
      lists.set(request.key, entry);
    }
    return entry;
  }

  function fetchPage(entry: LoadedList<Q, T>, page: PageRequest): Promise<FetchedPage<T>> {
    const id = `${page.pageNo}:${page.perPage}`;
    let pending = entry.pages.get(id);
    if (!pending) {
      pending = options.fetchPage(entry.list, page);
      const tracked = pending.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      tracked.catch(() => {});
      entry.pages.set(id, pending);
    }
    return pending;
  }

  function read(entry: LoadedList<Q, T>, served: ResolvedWindow): ServedWindow<T> | GatewayError {
    const window = readWindow(entry.state, served.spec);
    if ('missing' in window) {
      return new GatewayError(
        'UPSTREAM_ERROR',
        `The meetings service returned pages that disagree with its total count (${window.missing} of the requested ${options.noun} are missing).`,
      );
    }
    return { ...window, drifted: served.drifted };
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
      await Promise.all(
        [...groups].map(([entry, indexes]) =>
          fetchWindows(
            entry.state,
            indexes.map((i) => (requests[i] as WindowRequest<Q>).spec),
            (page) => fetchPage(entry, page),
          ).then(
            (windows) => {
              indexes.forEach((i, at) => {
                served[i] = windows[at] as ResolvedWindow;
              });
            },
            (error: unknown) => {
              for (const i of indexes) served[i] = error instanceof Error ? error : new Error(String(error));
            },
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
