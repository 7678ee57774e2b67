// One paged upstream list (meetings of a filter set, participants of a meeting): which
// pages to fetch for a set of Relay windows, what a fetched page teaches, and how a
// window becomes a connection. Everything here is free of I/O: `fetchWindows` is handed
// the function that fetches one page, and the cost prediction (`predictListCalls`) reads
// the same policy, so what is predicted and what is fetched cannot drift apart.
//
// The policy, round by round:
// 1. Plan. Positions of `range` windows not known yet are planned together by `planPages`
//    (fewest calls, then fewest rows), at the largest page size the upstream was seen to
//    serve (`cap`).
// 2. Probe for `last`. When nothing planned in round 1 tells the total (only empty windows,
//    or `last` without `before`), one probe page is fetched: page 1, as large as allowed
//    when a tail needs the total (it serves the whole tail whenever the list fits one
//    page), size 1 otherwise.
// 3. Tails and repair. Once the total is known, every window is made concrete and its
//    missing positions planned again: that fetches the tails, and whatever pages shorter
//    than asked left out (positions come from the upstream's offsets, never from
//    data.length). At most `REPAIR_ROUNDS` such rounds, and none once a round brings
//    nothing new.
// 4. Cap learning. A page that comes back shorter than asked while more items follow shows
//    an upstream limit below `per_page`; later plans use that size.
// 5. Realignment. A window from anchored cursors (`after`/`before` that carry their node's
//    id and the list's total) is planned as it is (round 1 stays the plan with the fewest
//    calls, then rows). Once the total is known: unchanged, and the anchor's position not
//    fetched anyway → nothing says the list shifted, the window stands. Otherwise the
//    node is looked for where the shift says it is (position + new total − old total),
//    where it was, anywhere already fetched, and last, with one more call, around the
//    expected position (that call also takes the window as it would be there). Found: the
//    window is rebuilt around it, and what the pages fetched anyway do not cover is
//    fetched. Gone (removed): the window continues from where it would be, and the result
//    says `drifted`.
import { type Interval, type PageRequest, planPages } from './plan.ts';
import { placeItems, sliceWindow } from './slice.ts';
import { type Anchor, concreteWindow, type WindowSpec, windowBetween } from './window.ts';

/** One upstream page, positioned in the list. */
export interface FetchedPage<T> {
  /** 0-based position of `items[0]` (from the upstream's `start_offset`). */
  offset: number;
  items: T[];
  /** Upstream `paging.total_count`. */
  totalCount: number;
}

/** What one request knows about one list. */
export interface ListState<T> {
  total: number | undefined;
  items: Map<number, T>;
  /** Largest page the upstream serves in full: `maxPerPage` until a short page says less. */
  cap: number;
  /** Largest `per_page` ever sent (UPSTREAM_MAX_PER_PAGE). */
  readonly maxPerPage: number;
  /** The id anchored cursors carry for an item; without it, windows are not realigned. */
  readonly idOf: ((item: T) => string) | undefined;
}

/** Positions looked at on each side of an anchor's expected position by the lookup call. */
export const SLACK = 5;

/** Rounds after the first that fetch tails and repair short pages. */
export const REPAIR_ROUNDS = 3;

export function createListState<T>(maxPerPage: number, idOf?: (item: T) => string): ListState<T> {
  if (!Number.isSafeInteger(maxPerPage) || maxPerPage < 1) {
    throw new RangeError(`maxPerPage must be a positive integer, got ${maxPerPage}.`);
  }
  return { total: undefined, items: new Map(), cap: maxPerPage, maxPerPage, idOf };
}

function anchorsOf(spec: WindowSpec): Anchor[] {
  const anchors: Anchor[] = [];
  if (spec.anchors?.afterAnchor) anchors.push(spec.anchors.afterAnchor);
  if (spec.anchors?.beforeAnchor) anchors.push(spec.anchors.beforeAnchor);
  return anchors;
}

/** Positions of `window` (clipped to the total when known) that `state` does not hold. */
function missingRuns<T>(state: ListState<T>, window: Interval, into: Interval[]): void {
  const end = state.total === undefined ? window.end : Math.min(window.end, state.total);
  let runStart = -1;
  for (let p = window.start; p <= end; p++) {
    const missing = p < end && !state.items.has(p);
    if (missing && runStart < 0) runStart = p;
    if (!missing && runStart >= 0) {
      into.push({ start: runStart, end: p });
      runStart = -1;
    }
  }
}

/** The windows' positions, made concrete once the total is known; `range`s only before. */
function neededWindows<T>(state: ListState<T>, specs: readonly WindowSpec[]): Interval[] {
  const windows: Interval[] = [];
  for (const spec of specs) {
    if (state.total !== undefined) windows.push(concreteWindow(spec, state.total));
    else if (spec.kind === 'range') windows.push({ start: spec.start, end: spec.end });
  }
  return windows;
}

/**
 * The pages to fetch next for `specs`, or `[]` when `state` already serves them all.
 * Before the total is known this is round 1 (plan the ranges, or the probe); after, the
 * tails and repairs (steps 1 to 3 above).
 */
export function pagesToFetch<T>(state: ListState<T>, specs: readonly WindowSpec[]): PageRequest[] {
  const needed: Interval[] = [];
  for (const window of neededWindows(state, specs)) missingRuns(state, window, needed);
  const pages = planPages(needed, state.cap);
  if (pages.length === 0 && state.total === undefined) {
    const tails = specs.some((spec) => spec.kind === 'tail');
    return [{ pageNo: 1, perPage: tails ? state.maxPerPage : 1 }];
  }
  return pages;
}

/** Learns from one fetched page: its items, the total, and a lower upstream cap. */
export function recordPage<T>(state: ListState<T>, request: PageRequest, page: FetchedPage<T>): void {
  state.total = page.totalCount;
  const served = page.items.length;
  if (served > 0 && served < request.perPage && page.offset + served < page.totalCount) {
    state.cap = Math.min(state.cap, served);
  }
  placeItems(state.items, page.offset, page.items);
}

/** A window as the policy served it: realigned on its anchors, and whether one was gone. */
export interface ResolvedWindow {
  spec: WindowSpec;
  /** An anchored cursor's node is no longer in the list: the window continues from where it was. */
  drifted: boolean;
}

/** Where `anchor`'s node is in `state` (total known), or undefined when it is not among the items held. */
function findAnchor<T>(state: ListState<T>, anchor: Anchor): number | undefined {
  const idOf = state.idOf;
  if (idOf === undefined || state.total === undefined) return undefined;
  const expected = anchor.position + (state.total - anchor.total);
  for (const position of [expected, anchor.position]) {
    const item = state.items.get(position);
    if (item !== undefined && idOf(item) === anchor.id) return position;
  }
  for (const [position, item] of state.items) if (idOf(item) === anchor.id) return position;
  return undefined;
}

/**
 * Runs the policy for `specs`: asks `fetchPage` for every page it plans (the pages of one
 * round in parallel), records each answer, realigns anchored windows, and stops when
 * nothing is missing, after `REPAIR_ROUNDS` repair rounds, or when a round brings nothing
 * new. A failed fetch rejects the whole call. `fetchPage` may share identical requests
 * (the loader does). Returns the windows as served, in the order of `specs`.
 */
export async function fetchWindows<T>(
  state: ListState<T>,
  specs: readonly WindowSpec[],
  fetchPage: (request: PageRequest) => Promise<FetchedPage<T>>,
): Promise<ResolvedWindow[]> {
  const round = async (pages: PageRequest[]) => {
    await Promise.all(
      pages.map(async (request) => {
        recordPage(state, request, await fetchPage(request));
      }),
    );
  };
  // Round 1 always fetches something (the ranges, or the probe), so it tells the total.
  await round(pagesToFetch(state, specs));
  const resolved = await realign(state, specs, round);
  const served = resolved.map((r) => r.spec);
  for (let repair = 0; repair < REPAIR_ROUNDS; repair++) {
    const pages = pagesToFetch(state, served);
    if (pages.length === 0) break;
    const known = state.items.size;
    await round(pages);
    if (state.items.size === known) break;
  }
  return resolved;
}

/** Step 5: every anchored window rebuilt around where its anchors' nodes are now. */
async function realign<T>(
  state: ListState<T>,
  specs: readonly WindowSpec[],
  round: (pages: PageRequest[]) => Promise<void>,
): Promise<ResolvedWindow[]> {
  const total = state.total ?? 0;
  const anchors = state.idOf === undefined ? [] : specs.flatMap(anchorsOf);
  // One more call around the expected positions of anchors not found among what was fetched,
  // unless the list kept its length and the anchor's position was not fetched (the common
  // case of a page boundary: nothing says the list shifted, so nothing is spent to check).
  const lost = anchors.filter(
    (anchor) =>
      findAnchor(state, anchor) === undefined && (total !== anchor.total || state.items.has(anchor.position)),
  );
  if (lost.length > 0) {
    const around: Interval[] = [];
    for (const anchor of lost) {
      const expected = anchor.position + (total - anchor.total);
      const window = { start: Math.max(0, expected - SLACK), end: Math.min(total, expected + SLACK + 1) };
      missingRuns(state, window, around);
    }
    // The same call takes each window as it would be with its anchors where expected.
    for (const spec of specs) {
      const marks = spec.anchors;
      if (marks === undefined) continue;
      const at = (anchor: Anchor | undefined, plain: number | null) =>
        anchor === undefined ? plain : Math.max(-1, anchor.position + (total - anchor.total));
      const shifted = windowBetween(
        at(marks.afterAnchor, marks.after),
        at(marks.beforeAnchor, marks.before),
        marks,
      );
      missingRuns(state, concreteWindow(shifted, total), around);
    }
    const pages = planPages(around, state.cap);
    if (pages.length > 0) await round(pages);
  }
  return specs.map((spec) => {
    const marks = spec.anchors;
    if (marks === undefined || state.idOf === undefined) return { spec, drifted: false };
    let drifted = false;
    /** Where the anchor's node is now; when it is gone, `gone(expected position)`. */
    const place = (anchor: Anchor, gone: (expected: number) => number): number => {
      const found = findAnchor(state, anchor);
      if (found !== undefined) return found;
      // Not fetched and nothing says the list changed: trust the position.
      if (total === anchor.total && !state.items.has(anchor.position)) return anchor.position;
      drifted = true;
      return gone(anchor.position + (total - anchor.total));
    };
    // A gone `after` node: continue right after where it would be (the next node took its
    // place). A gone `before` node: end where it would be, just past its predecessors.
    const after = marks.afterAnchor ? place(marks.afterAnchor, (at) => Math.max(-1, at)) : marks.after;
    const before = marks.beforeAnchor ? place(marks.beforeAnchor, (at) => Math.max(0, at + 1)) : marks.before;
    return { spec: windowBetween(after, before, marks), drifted };
  });
}

/** A window read out of the list. */
export interface ListWindow<T> {
  /** 0-based position of `items[0]`. */
  start: number;
  items: T[];
  totalCount: number;
}

/**
 * The window `spec` out of `state`, or the number of its positions no page supplied (the
 * upstream's pages disagree with its own total count).
 */
export function readWindow<T>(state: ListState<T>, spec: WindowSpec): ListWindow<T> | { missing: number } {
  const total = state.total ?? 0;
  const window = concreteWindow(spec, total);
  const result = sliceWindow(state.items, window, total);
  if (!result.ok) return { missing: result.missing.length };
  return { start: window.start, items: result.items.map((entry) => entry.item), totalCount: total };
}

/** A Relay connection as the schema's connection types expect it. */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  totalCount: number;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

/**
 * Edges and `pageInfo` of a window: `cursor(position, node)` encodes each edge's cursor;
 * `hasNextPage` is window end < total and `hasPreviousPage` window start > 0, whichever
 * direction was asked for. Cursors are encoded when first read (a selection without
 * `cursor` or `startCursor`/`endCursor` encodes none), once per edge.
 */
export function connectionOf<T>(
  window: ListWindow<T>,
  cursor: (position: number, node: T) => string,
): Connection<T> {
  const edges = window.items.map((node, i) => new LazyEdge(node, window.start + i, cursor));
  const end = window.start + window.items.length;
  return {
    edges,
    totalCount: window.totalCount,
    pageInfo: new EdgesPageInfo(edges, end < window.totalCount, window.start > 0),
  };
}

// The lazy cursors are getters of classes, not of object literals: V8 gives every object
// literal that has a getter a new accessor pair in its old generation, which only a full
// collection frees. Until then it kept its getter, the edge, the page's models and their
// parsed JSON alive through every young-generation collection, so each request's page was
// copied and promoted (V8's counters, `--trace-gc-nvp`, bench page resolved one request at a
// time: about 14 KB promoted per request from this alone).

/** An edge whose cursor is encoded when first read. */
class LazyEdge<T> {
  readonly node: T;
  readonly #position: number;
  #encode: ((position: number, node: T) => string) | undefined;
  #cursor: string | undefined;

  constructor(node: T, position: number, encode: (position: number, node: T) => string) {
    this.node = node;
    this.#position = position;
    this.#encode = encode;
  }

  get cursor(): string {
    if (this.#encode !== undefined) {
      this.#cursor = this.#encode(this.#position, this.node);
      this.#encode = undefined;
    }
    return this.#cursor as string;
  }
}

/** `pageInfo` whose start and end cursors are the first and last edges' (read lazily). */
class EdgesPageInfo<T> {
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  readonly #edges: readonly LazyEdge<T>[];

  constructor(edges: readonly LazyEdge<T>[], hasNextPage: boolean, hasPreviousPage: boolean) {
    this.#edges = edges;
    this.hasNextPage = hasNextPage;
    this.hasPreviousPage = hasPreviousPage;
  }

  get startCursor(): string | null {
    return this.#edges[0]?.cursor ?? null;
  }

  get endCursor(): string | null {
    return this.#edges.at(-1)?.cursor ?? null;
  }
}

/**
 * The most list calls `fetchWindows` makes for `specs` on one list, before anything is
 * known: round 1 exactly as `pagesToFetch` plans it (planned ranges, or the probe), plus,
 * for `last` without `before`, the widest tail at its worst alignment
 * (`ceil((n - 1) / maxPerPage) + 1` pages, which some total attains), plus one call when
 * anchored cursors moved beyond the pages fetched (the lookup, or the rest of the
 * realigned window). Repairs after short pages
 * (an upstream whose cap is below UPSTREAM_MAX_PER_PAGE) are not counted.
 */
export function predictListCalls(specs: readonly WindowSpec[], maxPerPage: number): number {
  const first = pagesToFetch(createListState(maxPerPage), specs).length;
  let widestTail = 0;
  for (const spec of specs) if (spec.kind === 'tail') widestTail = Math.max(widestTail, spec.count);
  // Anchored cursors: one lookup call when the anchors moved beyond what was fetched.
  const lookup = specs.some((spec) => anchorsOf(spec).length > 0) ? 1 : 0;
  return first + (widestTail > 0 ? Math.ceil((widestTail - 1) / maxPerPage) + 1 : 0) + lookup;
}

/**
 * A lower bound of `predictListCalls`, in time linear in the windows (no planning): each
 * call covers at most `maxPerPage` positions, and at least one call is made.
 */
export function predictListCallsAtLeast(specs: readonly WindowSpec[], maxPerPage: number): number {
  return Math.max(1, Math.ceil(rangePositions(specs) / maxPerPage));
}

/** Number of distinct positions the windows `specs` can cover at most (a tail counts its size). */
export function predictListPositions(specs: readonly WindowSpec[]): number {
  let widestTail = 0;
  for (const spec of specs) if (spec.kind === 'tail') widestTail = Math.max(widestTail, spec.count);
  return rangePositions(specs) + widestTail;
}

/** Number of distinct positions in the union of the `range` windows. */
function rangePositions(specs: readonly WindowSpec[]): number {
  const ranges = specs
    .filter((spec) => spec.kind === 'range' && spec.end > spec.start)
    .map((spec) => spec as { start: number; end: number })
    .sort((a, b) => a.start - b.start);
  let count = 0;
  let reach = 0;
  for (const { start, end } of ranges) {
    const from = Math.max(start, reach);
    if (end > from) count += end - from;
    reach = Math.max(reach, end);
  }
  return count;
}
