// The Relay connection window: which 0-based positions of the upstream's ordered list a
// `first`/`after`/`last`/`before` query asks for.
//
// `resolveWindow` validates the arguments and decodes the cursors, with no I/O, so bad
// input is rejected before any upstream call. Its answer is either a range known up front
// or, for `last` without `before`, a tail that needs the list's total count.
// `concreteWindow` turns either into positions once the total is known.
import { badUserInput } from '../errors.ts';
import { type CursorAnchor, decodeAnchoredCursor } from './cursor.ts';

/** Page size when neither `first` nor `last` is given (capped at the maximum page size). */
export const DEFAULT_PAGE_SIZE = 20;

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export type WindowSpec =
  /** Positions [start, end), known without the total; `end` may exceed the total. */
  (
    | { kind: 'range'; start: number; end: number }
    /** The last `count` positions of [min, total): [max(min, total - count), total). Needs the total count. */
    | { kind: 'tail'; count: number; min: number }
  ) & {
    /** Set when a cursor was anchored: the window is realigned on its node if the list shifted. */
    anchors?: Anchors;
  };

/** A cursor's node, where the cursor said it was. */
export interface Anchor extends CursorAnchor {
  position: number;
}

/** A window's cursors and counts, to rebuild it at realigned positions (`windowBetween`). */
export interface Anchors {
  /** Position of `after` (null: none), and its node when the cursor was anchored. */
  after: number | null;
  afterAnchor?: Anchor;
  before: number | null;
  beforeAnchor?: Anchor;
  first: number;
  last: number | null;
}

/**
 * Resolves connection arguments to a window, following the Relay cursor-connections
 * algorithm with positional cursors:
 *
 * - `after: c` keeps positions > pos(c); `before: c` keeps positions < pos(c). Together
 *   they give [pos(after) + 1, pos(before)), empty when pos(before) <= pos(after) + 1.
 * - `first: n` then takes the first n of that slice: [lo, min(hi, lo + n)) where hi is
 *   pos(before) if given, else unbounded.
 * - `last: n` takes the last n: with `before`, [max(lo, pos(before) - n), pos(before));
 *   without it, a `tail` of the whole list after `lo`.
 * - Neither `first` nor `last`: `first: DEFAULT_PAGE_SIZE`. `first: 0` and `last: 0` are
 *   valid empty windows.
 * - A cursor past the end of the list keeps its position (it is not ignored, as Relay
 *   does with a cursor whose edge is gone): the range is clipped to the total later, so
 *   `first: 10, after: c(500)` and `last: 10, before: c(500)` over 100 items are empty.
 *
 * Throws `badUserInput` when `first` and `last` are both given, when either is not an
 * integer in [0, maxPageSize], or when a cursor is malformed or belongs to other filters
 * (see `decodeCursor`). `null` counts as absent. `key` is the list's key (`filterKey`,
 * `participantsKey`); undefined only for the cost prediction (see `decodeCursor`).
 */
export function resolveWindow(
  args: ConnectionArgs,
  key: string | undefined,
  maxPageSize: number,
): WindowSpec {
  if (!Number.isSafeInteger(maxPageSize) || maxPageSize < 1) {
    throw new RangeError(`maxPageSize must be a positive integer, got ${maxPageSize}.`);
  }
  const { first, last, after, before } = args;
  if (first != null && last != null) {
    throw badUserInput('"first" and "last" cannot be used together; pass only one of them.');
  }
  checkCount('first', first, maxPageSize);
  checkCount('last', last, maxPageSize);

  const afterCursor = after != null ? decodeAnchoredCursor(after, key, 'after') : undefined;
  const beforeCursor = before != null ? decodeAnchoredCursor(before, key, 'before') : undefined;
  const counts = { first: first ?? Math.min(DEFAULT_PAGE_SIZE, maxPageSize), last: last ?? null };
  if (last != null) counts.first = 0;
  const spec = windowBetween(afterCursor?.position ?? null, beforeCursor?.position ?? null, counts);
  if (afterCursor?.anchor === undefined && beforeCursor?.anchor === undefined) return spec;
  const anchors: Anchors = {
    ...counts,
    after: afterCursor?.position ?? null,
    before: beforeCursor?.position ?? null,
  };
  if (afterCursor?.anchor) anchors.afterAnchor = { position: afterCursor.position, ...afterCursor.anchor };
  if (beforeCursor?.anchor)
    anchors.beforeAnchor = { position: beforeCursor.position, ...beforeCursor.anchor };
  return { ...spec, anchors };
}

/**
 * The window between the positions of `after` and `before` (null: unbounded), taking the
 * last `counts.last` when it is set, else the first `counts.first`.
 */
export function windowBetween(
  after: number | null,
  before: number | null,
  counts: { first: number; last: number | null },
): WindowSpec {
  const lo = after !== null ? after + 1 : 0;
  const hi = before;
  if (hi !== null && hi <= lo) return { kind: 'range', start: lo, end: lo };
  if (counts.last !== null) {
    if (hi === null) return { kind: 'tail', count: counts.last, min: lo };
    return { kind: 'range', start: Math.max(lo, hi - counts.last), end: hi };
  }
  return { kind: 'range', start: lo, end: hi === null ? lo + counts.first : Math.min(hi, lo + counts.first) };
}

function checkCount(name: string, value: number | null | undefined, maxPageSize: number): void {
  if (value == null) return;
  if (!Number.isInteger(value) || value < 0 || value > maxPageSize) {
    throw badUserInput(`"${name}" must be between 0 and ${maxPageSize}, got ${value}.`);
  }
}

/**
 * The window's positions in a list of `total` items: [start, end) with
 * 0 <= start <= end <= total. A window that lies past the end becomes the empty window
 * [total, total). Throws `RangeError` if `total` is not a non-negative integer.
 */
export function concreteWindow(spec: WindowSpec, total: number): { start: number; end: number } {
  if (!Number.isSafeInteger(total) || total < 0) {
    throw new RangeError(`total must be a non-negative integer, got ${total}.`);
  }
  if (spec.kind === 'range') {
    const end = Math.min(spec.end, total);
    return { start: Math.min(spec.start, end), end };
  }
  const start = Math.min(Math.max(spec.min, total - spec.count), total);
  return { start, end: total };
}
