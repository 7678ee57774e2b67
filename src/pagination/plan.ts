// The page planner: which upstream list pages to fetch so that every needed position is
// covered, with as few calls as possible.
//
// The upstream pages with a 1-based `page_no` and a `per_page` of k, so page p covers the
// 0-based positions [(p - 1)k, pk). Any k from 1 to the upstream's maximum may be used,
// which lets one call cover a window that straddles the boundary of the "natural" pages.

export interface PageRequest {
  pageNo: number;
  perPage: number;
}

/** Positions [start, end). */
export interface Interval {
  start: number;
  end: number;
}

/** The positions [start, end) that a page covers. */
export function pageInterval(page: PageRequest): Interval {
  return { start: (page.pageNo - 1) * page.perPage, end: page.pageNo * page.perPage };
}

/**
 * The single page that covers all of [start, end) with the smallest `perPage`, or null
 * if no page with `perPage <= maxPerPage` does. Throws `RangeError` for an empty or
 * invalid interval or a bad `maxPerPage`.
 */
export function optimalSingleCall(start: number, end: number, maxPerPage: number): PageRequest | null {
  checkMaxPerPage(maxPerPage);
  checkInterval({ start, end });
  if (start >= end) throw new RangeError(`Interval [${start}, ${end}) is empty.`);
  const last = end - 1;
  for (let k = end - start; k <= maxPerPage; k++) {
    const p = Math.floor(start / k);
    if (p === Math.floor(last / k)) return { pageNo: p + 1, perPage: k };
  }
  return null;
}

/**
 * Plans the pages that cover every position of every interval in `needed`.
 *
 * The plan is optimal: it makes the fewest calls and, among plans with that many calls,
 * fetches the fewest rows (sum of `perPage`). Every page has 1 <= perPage <= maxPerPage
 * and pageNo >= 1. Intervals may be empty, overlap or come in any order; they are all
 * planned together (so [0,5) and [95,100) with maxPerPage 100 is the single call
 * page 1, per_page 100). The output is deterministic and sorted by first covered
 * position, then by perPage; no needed positions gives [].
 *
 * Method: exact dynamic programming over needed positions. The smallest needed position
 * x still uncovered must lie on some page, and for each k there is exactly one page of
 * size k containing it, ending at y = (floor(x / k) + 1)k; the rest of the plan then
 * covers the needed positions >= y. Cost is O(N * maxPerPage) for N needed positions,
 * with a fast path when one call can cover everything.
 *
 * Throws `RangeError` (a programming error) for intervals that are not integer ranges of
 * safe non-negative numbers, or a `maxPerPage` that is not a positive integer.
 */
export function planPages(needed: readonly Interval[], maxPerPage: number): PageRequest[] {
  checkMaxPerPage(maxPerPage);
  const runs = mergeIntervals(needed);
  const firstRun = runs[0];
  const lastRun = runs[runs.length - 1];
  if (firstRun === undefined || lastRun === undefined) return [];

  // One call is the best possible; among single calls, the smallest page wins.
  const single = optimalSingleCall(firstRun.start, lastRun.end, maxPerPage);
  if (single !== null) return [single];

  // offsets[i] is the index (among all needed positions, in order) of runs[i].start.
  const offsets: number[] = [];
  let total = 0;
  for (const run of runs) {
    offsets.push(total);
    total += run.end - run.start;
  }

  // Index of the first needed position >= y (or `total` when there is none).
  const indexAtOrAfter = (y: number): number => {
    if (y >= lastRun.end) return total;
    let lo = 0;
    let hi = runs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((runs[mid] as Interval).end <= y) lo = mid + 1;
      else hi = mid;
    }
    if (lo === runs.length) return total;
    const run = runs[lo] as Interval;
    return (offsets[lo] as number) + Math.max(0, y - run.start);
  };

  // calls[i], rows[i]: optimal cost of covering needed positions with index >= i;
  // choice[i]: the page size of the page that covers position i in that plan.
  const calls = new Float64Array(total + 1);
  const rows = new Float64Array(total + 1);
  const choice = new Uint32Array(total);
  for (let r = runs.length - 1; r >= 0; r--) {
    const run = runs[r] as Interval;
    const offset = offsets[r] as number;
    for (let x = run.end - 1; x >= run.start; x--) {
      const i = offset + (x - run.start);
      let bestCalls = Number.POSITIVE_INFINITY;
      let bestRows = Number.POSITIVE_INFINITY;
      let bestK = 0;
      for (let k = 1; k <= maxPerPage; k++) {
        const y = (Math.floor(x / k) + 1) * k;
        if (y >= lastRun.end) {
          // The first page size that covers everything left wins: one call beats the two or
          // more that every earlier choice needed, and every larger size has more rows.
          bestK = k;
          bestCalls = 1;
          bestRows = k;
          break;
        }
        const j = indexAtOrAfter(y);
        const c = 1 + (calls[j] as number);
        const w = k + (rows[j] as number);
        if (c < bestCalls || (c === bestCalls && w < bestRows)) {
          bestCalls = c;
          bestRows = w;
          bestK = k;
        }
      }
      calls[i] = bestCalls;
      rows[i] = bestRows;
      choice[i] = bestK;
    }
  }

  const pages: PageRequest[] = [];
  let i = 0;
  while (i < total) {
    const k = choice[i] as number;
    const x = positionAt(runs, offsets, i);
    const pageNo = Math.floor(x / k) + 1;
    pages.push({ pageNo, perPage: k });
    i = indexAtOrAfter(pageNo * k);
  }
  return pages.sort(
    (a, b) => (a.pageNo - 1) * a.perPage - (b.pageNo - 1) * b.perPage || a.perPage - b.perPage,
  );
}

/** The needed position with index i (i < number of needed positions). */
function positionAt(runs: readonly Interval[], offsets: readonly number[], i: number): number {
  let r = runs.length - 1;
  while ((offsets[r] as number) > i) r--;
  return (runs[r] as Interval).start + (i - (offsets[r] as number));
}

/** Drops empty intervals and merges overlapping or touching ones, sorted by start. */
function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals
    .filter((interval) => {
      checkInterval(interval);
      return interval.start < interval.end;
    })
    .map(({ start, end }) => ({ start, end }))
    .sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push(interval);
  }
  return merged;
}

function checkInterval({ start, end }: Interval): void {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < 0) {
    throw new RangeError(`Interval [${start}, ${end}) must have non-negative integer bounds.`);
  }
}

function checkMaxPerPage(maxPerPage: number): void {
  if (!Number.isSafeInteger(maxPerPage) || maxPerPage < 1) {
    throw new RangeError(`maxPerPage must be a positive integer, got ${maxPerPage}.`);
  }
}
