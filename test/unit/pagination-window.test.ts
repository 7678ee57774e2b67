import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/pagination/cursor.ts';
import { filterKey } from '../../src/pagination/filters.ts';
import {
  type ConnectionArgs,
  concreteWindow,
  DEFAULT_PAGE_SIZE,
  resolveWindow,
  type WindowSpec,
} from '../../src/pagination/window.ts';
import { rejection } from '../support/bad-user-input.ts';

const key = filterKey({ accountId: 'acc', appId: 'app' });
const otherKey = filterKey({ accountId: 'acc', appId: 'app', status: 'ACTIVE' });
const MAX = 100;
const c = (position: number) => encodeCursor(position, key);
const resolve = (args: ConnectionArgs) => resolveWindow(args, key, MAX);
/** The window's positions in a list of `total` items. */
const window = (args: ConnectionArgs, total: number) => concreteWindow(resolve(args), total);

/**
 * Reference: the Relay spec's algorithm run on an explicit list of positions
 * (ApplyCursorsToEdges, then first/last), with positional cursors whose edge may be absent.
 */
function relay(args: ConnectionArgs, total: number): { start: number; end: number } {
  let edges = Array.from({ length: total }, (_, i) => i);
  const after = args.after != null ? Number(decodePosition(args.after)) : null;
  const before = args.before != null ? Number(decodePosition(args.before)) : null;
  if (after !== null) edges = edges.filter((p) => p > after);
  if (before !== null) edges = edges.filter((p) => p < before);
  const first = args.first ?? (args.last == null ? DEFAULT_PAGE_SIZE : null);
  if (first != null) edges = edges.slice(0, first);
  if (args.last != null) edges = edges.slice(Math.max(0, edges.length - args.last));
  return edges.length === 0
    ? { start: -1, end: -1 }
    : { start: edges[0] as number, end: (edges.at(-1) as number) + 1 };
}
const decodePosition = (cursor: string) => Buffer.from(cursor, 'base64url').toString('latin1').split(':')[1];

describe('resolveWindow: the rules', () => {
  it('first: n alone is [0, n)', () => {
    expect(resolve({ first: 10 })).toEqual({ kind: 'range', start: 0, end: 10 });
    expect(resolve({ first: MAX })).toEqual({ kind: 'range', start: 0, end: MAX });
  });

  it('first: n, after: c is [pos(c) + 1, pos(c) + 1 + n)', () => {
    expect(resolve({ first: 10, after: c(0) })).toEqual({ kind: 'range', start: 1, end: 11 });
    expect(resolve({ first: 25, after: c(149) })).toEqual({ kind: 'range', start: 150, end: 175 });
  });

  it('last: n, before: c is [max(0, pos(c) - n), pos(c))', () => {
    expect(resolve({ last: 10, before: c(50) })).toEqual({ kind: 'range', start: 40, end: 50 });
    expect(resolve({ last: 10, before: c(3) })).toEqual({ kind: 'range', start: 0, end: 3 });
    expect(resolve({ last: 10, before: c(0) })).toEqual({ kind: 'range', start: 0, end: 0 });
  });

  it('last: n alone is the last n of the total', () => {
    const spec = resolve({ last: 10 });
    expect(spec).toEqual({ kind: 'tail', count: 10, min: 0 });
    expect(concreteWindow(spec, 95)).toEqual({ start: 85, end: 95 });
    expect(concreteWindow(spec, 4)).toEqual({ start: 0, end: 4 });
    expect(concreteWindow(spec, 0)).toEqual({ start: 0, end: 0 });
  });

  it('last: n, after: c is the last n of what follows c', () => {
    const spec = resolve({ last: 10, after: c(80) });
    expect(spec).toEqual({ kind: 'tail', count: 10, min: 81 });
    expect(concreteWindow(spec, 200)).toEqual({ start: 190, end: 200 });
    expect(concreteWindow(spec, 86)).toEqual({ start: 81, end: 86 });
    expect(concreteWindow(spec, 81)).toEqual({ start: 81, end: 81 });
    expect(concreteWindow(spec, 50)).toEqual({ start: 50, end: 50 });
  });

  it('after and before together bound the slice; first takes from its start', () => {
    expect(resolve({ first: 5, after: c(9), before: c(30) })).toEqual({ kind: 'range', start: 10, end: 15 });
    expect(resolve({ first: 50, after: c(9), before: c(30) })).toEqual({ kind: 'range', start: 10, end: 30 });
  });

  it('after and before together bound the slice; last takes from its end', () => {
    expect(resolve({ last: 5, after: c(9), before: c(30) })).toEqual({ kind: 'range', start: 25, end: 30 });
    expect(resolve({ last: 50, after: c(9), before: c(30) })).toEqual({ kind: 'range', start: 10, end: 30 });
  });

  it('before with first is [0, min(before, n))', () => {
    expect(resolve({ first: 5, before: c(30) })).toEqual({ kind: 'range', start: 0, end: 5 });
    expect(resolve({ first: 50, before: c(30) })).toEqual({ kind: 'range', start: 0, end: 30 });
    expect(resolve({ before: c(7) })).toEqual({ kind: 'range', start: 0, end: 7 });
  });

  it('is empty when before <= after + 1', () => {
    for (const [after, before] of [
      [10, 11],
      [10, 10],
      [10, 3],
      [0, 1],
      [0, 0],
    ] as const) {
      for (const args of [
        { first: 5, after: c(after), before: c(before) },
        { last: 5, after: c(after), before: c(before) },
        { after: c(after), before: c(before) },
      ]) {
        const spec = resolve(args);
        expect(spec.kind).toBe('range');
        if (spec.kind === 'range') expect(spec.end).toBe(spec.start);
        const w = concreteWindow(spec, 1000);
        expect(w.end - w.start).toBe(0);
      }
    }
    expect(resolve({ first: 5, after: c(10), before: c(12) })).toEqual({ kind: 'range', start: 11, end: 12 });
  });

  it('defaults to first: 20 without first or last', () => {
    expect(DEFAULT_PAGE_SIZE).toBe(20);
    expect(resolve({})).toEqual({ kind: 'range', start: 0, end: 20 });
    expect(resolve({ first: null, last: null, after: null, before: null })).toEqual({
      kind: 'range',
      start: 0,
      end: 20,
    });
    expect(resolve({ after: c(4) })).toEqual({ kind: 'range', start: 5, end: 25 });
    expect(resolveWindow({}, key, 10)).toEqual({ kind: 'range', start: 0, end: 10 });
  });

  it('accepts first: 0 and last: 0 as empty windows', () => {
    expect(resolve({ first: 0 })).toEqual({ kind: 'range', start: 0, end: 0 });
    expect(resolve({ first: 0, after: c(5) })).toEqual({ kind: 'range', start: 6, end: 6 });
    expect(window({ last: 0 }, 30)).toEqual({ start: 30, end: 30 });
    expect(window({ last: 0, before: c(10) }, 30)).toEqual({ start: 10, end: 10 });
  });

  it('clips past-the-end windows to the total', () => {
    expect(resolve({ first: 10, after: c(95) })).toEqual({ kind: 'range', start: 96, end: 106 });
    expect(window({ first: 10, after: c(95) }, 100)).toEqual({ start: 96, end: 100 });
    expect(window({ first: 10, after: c(99) }, 100)).toEqual({ start: 100, end: 100 });
    expect(window({ first: 10, after: c(500) }, 100)).toEqual({ start: 100, end: 100 });
    expect(window({ last: 10, before: c(500) }, 100)).toEqual({ start: 100, end: 100 });
    expect(window({ last: 10, before: c(105) }, 100)).toEqual({ start: 95, end: 100 });
    expect(window({ first: 10 }, 0)).toEqual({ start: 0, end: 0 });
    expect(window({ first: 10 }, 3)).toEqual({ start: 0, end: 3 });
  });

  it('matches the Relay algorithm on explicit lists', () => {
    const total = 30;
    const cursors: (number | null)[] = [null, 0, 1, 5, 13, 14, 15, 28, 29];
    const counts: (number | null)[] = [null, 0, 1, 3, 14, 30];
    let checked = 0;
    for (const after of cursors) {
      for (const before of cursors) {
        for (const first of counts) {
          for (const last of counts) {
            if (first != null && last != null) continue;
            const args: ConnectionArgs = {
              first,
              last,
              after: after === null ? null : c(after),
              before: before === null ? null : c(before),
            };
            const got = window(args, total);
            const want = relay(args, total);
            if (want.start === -1) expect(got.end - got.start).toBe(0);
            else expect(got).toEqual(want);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(800);
  });
});

describe('resolveWindow: validation', () => {
  it('rejects first and last together', () => {
    expect(rejection(() => resolve({ first: 1, last: 1 }))).toContain('"first" and "last"');
    rejection(() => resolve({ first: 0, last: 0 }));
  });

  it('rejects negative and too large counts, echoing the value', () => {
    expect(rejection(() => resolve({ first: 150 }))).toBe('"first" must be between 0 and 100, got 150.');
    expect(rejection(() => resolve({ first: -1 }))).toBe('"first" must be between 0 and 100, got -1.');
    expect(rejection(() => resolve({ last: 101 }))).toBe('"last" must be between 0 and 100, got 101.');
    expect(rejection(() => resolve({ last: -5, before: c(3) }))).toContain('"last"');
    rejection(() => resolve({ first: 1.5 }));
    rejection(() => resolve({ first: Number.NaN }));
    rejection(() => resolve({ last: Number.POSITIVE_INFINITY }));
    expect(rejection(() => resolveWindow({ first: 11 }, key, 10))).toContain('between 0 and 10');
  });

  it('rejects malformed cursors, naming the argument', () => {
    expect(rejection(() => resolve({ first: 5, after: 'garbage!' }))).toContain('"after"');
    expect(rejection(() => resolve({ last: 5, before: '' }))).toContain('"before"');
    rejection(() => resolve({ after: c(5).slice(0, -2) }));
  });

  it('rejects cursors made under other filters', () => {
    const foreign = encodeCursor(5, otherKey);
    expect(rejection(() => resolve({ first: 5, after: foreign }))).toContain('other filters');
    expect(rejection(() => resolve({ last: 5, before: foreign }))).toContain('other filters');
  });

  it('validates counts before cursors, and first/last conflicts first of all', () => {
    expect(rejection(() => resolve({ first: 1, last: 1, after: 'bad!' }))).toContain('together');
    expect(rejection(() => resolve({ first: 500, after: 'bad!' }))).toContain('"first"');
  });

  it('treats a bad maxPageSize as a programming error', () => {
    expect(() => resolveWindow({}, key, 0)).toThrow(RangeError);
  });
});

describe('concreteWindow', () => {
  it('always lies within [0, total] with start <= end', () => {
    const specs: WindowSpec[] = [
      { kind: 'range', start: 0, end: 0 },
      { kind: 'range', start: 5, end: 50 },
      { kind: 'range', start: 60, end: 80 },
      { kind: 'tail', count: 10, min: 0 },
      { kind: 'tail', count: 10, min: 25 },
      { kind: 'tail', count: 0, min: 0 },
    ];
    for (const spec of specs) {
      for (const total of [0, 1, 10, 14, 15, 16, 30, 100]) {
        const w = concreteWindow(spec, total);
        expect(0 <= w.start && w.start <= w.end && w.end <= total).toBe(true);
      }
    }
  });

  it('rejects a bad total as a programming error', () => {
    expect(() => concreteWindow({ kind: 'range', start: 0, end: 5 }, -1)).toThrow(RangeError);
    expect(() => concreteWindow({ kind: 'range', start: 0, end: 5 }, 1.5)).toThrow(RangeError);
  });
});
