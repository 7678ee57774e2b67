import fc from 'fast-check';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isGatewayError } from '../../src/errors.ts';
import {
  decodeCursor,
  encodeCursor,
  filterFingerprint,
  MAX_CURSOR_POSITION,
} from '../../src/pagination/cursor.ts';
import { filterKey } from '../../src/pagination/filters.ts';
import { type Interval, pageInterval, planPages } from '../../src/pagination/plan.ts';
import { concreteWindow, resolveWindow } from '../../src/pagination/window.ts';

// Property-based tests (fast-check) of the pure pagination code.

const KEY = filterKey({ accountId: 'acc', appId: 'app' });
const OTHER_KEY = filterKey({ accountId: 'acc', appId: 'app', status: 'ACTIVE' });

/** Runs `decode`; returns the position, or the error it threw after checking that it is BAD_USER_INPUT. */
function decodeOrBadInput(decode: () => number): number | 'rejected' {
  try {
    const position = decode();
    expect(Number.isSafeInteger(position) && position >= 0 && position <= MAX_CURSOR_POSITION).toBe(true);
    return position;
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect(isGatewayError(error) && error.code).toBe('BAD_USER_INPUT');
    return 'rejected';
  }
}

const cursorLike = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.base64String(),
  fc.stringMatching(/^[A-Za-z0-9_-]{0,60}$/),
  fc
    .tuple(fc.constantFrom('v1', 'v2', 'v01', 'V1', ''), fc.string(), fc.string({ maxLength: 14 }))
    .map(([v, p, f]) => Buffer.from(`${v}:${p}:${f}`, 'latin1').toString('base64url')),
  // Well-formed payloads with any integer, for these filters or others.
  fc
    .tuple(fc.bigInt({ min: -10n, max: 2n ** 60n }), fc.constantFrom(KEY, OTHER_KEY))
    .map(([p, key]) => Buffer.from(`v1:${p}:${filterFingerprint(key)}`, 'latin1').toString('base64url')),
);

describe('decodeCursor', () => {
  it('never throws anything but a BAD_USER_INPUT GraphQLError, whatever the string', () => {
    fc.assert(
      fc.property(cursorLike, (cursor) => {
        decodeOrBadInput(() => decodeCursor(cursor, KEY, 'after'));
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws anything else for values that are not strings either', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(decodeOrBadInput(() => decodeCursor(value as string, KEY))).toBe('rejected');
      }),
    );
  });

  it('decodes what it encodes, and only under the same filters', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_CURSOR_POSITION }), (position) => {
        const cursor = encodeCursor(position, KEY);
        expect(decodeCursor(cursor, KEY)).toBe(position);
        expect(decodeOrBadInput(() => decodeCursor(cursor, OTHER_KEY))).toBe('rejected');
      }),
    );
  });

  it('rejects every one-character change of a real cursor, or decodes it to a real position', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 1 }),
        (position, at, replacement) => {
          const cursor = encodeCursor(position, KEY);
          const i = at % cursor.length;
          const changed = cursor.slice(0, i) + replacement + cursor.slice(i + 1);
          decodeOrBadInput(() => decodeCursor(changed, KEY));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

const interval = (maxStart: number, maxLength: number) =>
  fc
    .tuple(fc.integer({ min: 0, max: maxStart }), fc.integer({ min: 0, max: maxLength }))
    .map(([start, length]): Interval => ({ start, end: start + length }));

describe('planPages', () => {
  it('covers every needed position with pages inside the limits, in order, never more calls than aligned pages', () => {
    fc.assert(
      fc.property(
        fc.array(interval(600, 120), { maxLength: 5 }),
        fc.integer({ min: 1, max: 100 }),
        (needed, maxPerPage) => {
          const pages = planPages(needed, maxPerPage);
          const covered = new Set<number>();
          for (const page of pages) {
            expect(Number.isSafeInteger(page.pageNo) && page.pageNo >= 1).toBe(true);
            expect(page.perPage >= 1 && page.perPage <= maxPerPage).toBe(true);
            const { start, end } = pageInterval(page);
            for (let p = start; p < end; p++) covered.add(p);
          }
          const aligned = new Set<number>();
          for (const { start, end } of needed) {
            for (let p = start; p < end; p++) {
              expect(covered.has(p)).toBe(true);
              aligned.add(Math.floor(p / maxPerPage));
            }
          }
          // The planner is optimal, so never worse than fetching each touched page of maxPerPage.
          expect(pages.length).toBeLessThanOrEqual(aligned.size);
          const starts = pages.map((page) => pageInterval(page).start);
          expect(starts).toEqual([...starts].sort((a, b) => a - b));
          expect(planPages([...needed].reverse(), maxPerPage)).toEqual(pages);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('serves any window resolveWindow accepts within UPSTREAM_MAX_PER_PAGE', () => {
    const maxPageSize = 100;
    fc.assert(
      fc.property(
        fc.record(
          {
            first: fc.option(fc.integer({ min: -5, max: 120 })),
            last: fc.option(fc.integer({ min: -5, max: 120 })),
            after: fc.option(fc.integer({ min: 0, max: 10_000 }).map((p) => encodeCursor(p, KEY))),
            before: fc.option(fc.integer({ min: 0, max: 10_000 }).map((p) => encodeCursor(p, KEY))),
          },
          { requiredKeys: [] },
        ),
        fc.integer({ min: 0, max: 12_000 }),
        fc.integer({ min: 1, max: 100 }),
        (args, total, maxPerPage) => {
          let spec: ReturnType<typeof resolveWindow>;
          try {
            spec = resolveWindow(args, KEY, maxPageSize);
          } catch (error) {
            expect(isGatewayError(error) && error.code).toBe('BAD_USER_INPUT');
            return;
          }
          const window = concreteWindow(spec, total);
          expect(window.start <= window.end && window.end <= total).toBe(true);
          expect(window.end - window.start).toBeLessThanOrEqual(maxPageSize);
          const pages = planPages([window], maxPerPage);
          for (let p = window.start; p < window.end; p++) {
            expect(pages.some((page) => pageInterval(page).start <= p && p < pageInterval(page).end)).toBe(
              true,
            );
          }
          expect(pages.length).toBeLessThanOrEqual(Math.ceil(maxPageSize / maxPerPage) + 1);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
