// Assembling a window from the upstream pages fetched for it.
//
// Fetched items are kept in a map from 0-based list position to item; `placeItems` fills
// it from one page, `sliceWindow` reads a window out of it.
import type { Interval } from './plan.ts';

export interface PositionedItem<T> {
  /** 0-based position in the upstream's ordered list (what cursors encode). */
  position: number;
  item: T;
}

/**
 * The outcome of `sliceWindow`. A failure lists the positions inside the window that no
 * fetched page supplied; the caller reports it as an UPSTREAM_ERROR (the upstream
 * answered with fewer items than its own total count promised).
 */
export type WindowSlice<T> = { ok: true; items: PositionedItem<T>[] } | { ok: false; missing: number[] };

/**
 * Records a page's items at consecutive positions from `firstPosition` (for a page
 * request, (pageNo - 1) * perPage). Items already present are overwritten, so
 * overlapping pages may be placed in any order when they agree.
 */
export function placeItems<T>(into: Map<number, T>, firstPosition: number, items: readonly T[]): void {
  items.forEach((item, i) => {
    into.set(firstPosition + i, item);
  });
}

/**
 * The items of the window [start, end) clipped to [0, total), in position order.
 *
 * Never throws: if any position inside the clipped window is absent from `fetched`, the
 * result is `{ ok: false, missing }` with every such position, in order. Positions
 * outside the window are ignored.
 */
export function sliceWindow<T>(
  fetched: ReadonlyMap<number, T>,
  window: Interval,
  total: number,
): WindowSlice<T> {
  const end = Math.min(window.end, total);
  const items: PositionedItem<T>[] = [];
  const missing: number[] = [];
  for (let position = Math.max(0, window.start); position < end; position++) {
    if (fetched.has(position)) items.push({ position, item: fetched.get(position) as T });
    else missing.push(position);
  }
  return missing.length === 0 ? { ok: true, items } : { ok: false, missing };
}
