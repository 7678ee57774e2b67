import DataLoader from 'dataloader';
import { GatewayError } from '../errors.ts';
import {
  createListState,
  type FetchedPage,
  fetchWindows,
  type ListState,
  type ListWindow,
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
  maxPerPage: number;
  /** What the list holds, for error messages: "meetings", "participants". */
  noun: string;
}

export interface PageLoader<Q, T> {
  loader: DataLoader<WindowRequest<Q>, ListWindow<T>, string>;
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
  return spec.kind === 'range'
    ? `${request.key}|r${spec.start}-${spec.end}`
    : `${request.key}|t${spec.count}-${spec.min}`;
}

export function createPageLoader<Q, T>(options: PageLoaderOptions<Q, T>): PageLoader<Q, T> {
  const lists = new Map<string, LoadedList<Q, T>>();
  const inFlight = new Set<Promise<unknown>>();

  function loaded(request: WindowRequest<Q>): LoadedList<Q, T> {
    let entry = lists.get(request.key);
    if (!entry) {
      entry = { list: request.list, state: createListState(options.maxPerPage), pages: new Map() };
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

  function read(entry: LoadedList<Q, T>, spec: WindowSpec): ListWindow<T> | GatewayError {
    const window = readWindow(entry.state, spec);
    if ('missing' in window) {
      return new GatewayError(
        'UPSTREAM_ERROR',
        `The meetings service returned pages that disagree with its total count (${window.missing} of the requested ${options.noun} are missing).`,
      );
    }
    return window;
  }

  const loader = new DataLoader<WindowRequest<Q>, ListWindow<T>, string>(
    async (requests) => {
      const groups = new Map<LoadedList<Q, T>, WindowSpec[]>();
      for (const request of requests) {
        const entry = loaded(request);
        const group = groups.get(entry);
        if (group) group.push(request.spec);
        else groups.set(entry, [request.spec]);
      }
      const outcomes = new Map<LoadedList<Q, T>, Error | undefined>();
      await Promise.all(
        [...groups].map(([entry, specs]) =>
          fetchWindows(entry.state, specs, (page) => fetchPage(entry, page)).then(
            () => outcomes.set(entry, undefined),
            (error: unknown) =>
              outcomes.set(entry, error instanceof Error ? error : new Error(String(error))),
          ),
        ),
      );
      return requests.map((request) => {
        const entry = loaded(request);
        return outcomes.get(entry) ?? read(entry, request.spec);
      });
    },
    { cacheKeyFn: specKey },
  );

  async function settled(): Promise<void> {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  }

  return { loader, settled };
}
