import { describe, expect, it } from 'vitest';
import {
  type Interval,
  optimalSingleCall,
  type PageRequest,
  pageInterval,
  planPages,
} from '../../src/pagination/plan.ts';
import { createRandom } from '../../src/sandbox/random.ts';

interface Cost {
  calls: number;
  rows: number;
}

/** Seeded PRNG (the sandbox's mulberry32) so random cases are reproducible. */
const prng = (seed: number): (() => number) => createRandom(seed).next;

/** The sorted, distinct positions of a set of intervals. */
function positionsOf(intervals: readonly Interval[]): number[] {
  const set = new Set<number>();
  for (const { start, end } of intervals) for (let p = start; p < end; p++) set.add(p);
  return [...set].sort((a, b) => a - b);
}

/** Checks that a plan is well formed and covers every needed position; returns its cost. */
function checkPlan(plan: readonly PageRequest[], needed: readonly number[], maxPerPage: number): Cost {
  let rows = 0;
  let previousStart = -1;
  for (const page of plan) {
    expect(Number.isInteger(page.pageNo) && page.pageNo >= 1).toBe(true);
    expect(Number.isInteger(page.perPage) && page.perPage >= 1 && page.perPage <= maxPerPage).toBe(true);
    const { start } = pageInterval(page);
    expect(start).toBeGreaterThanOrEqual(previousStart);
    previousStart = start;
    rows += page.perPage;
  }
  for (const x of needed) {
    const covered = plan.some((page) => {
      const { start, end } = pageInterval(page);
      return start <= x && x < end;
    });
    if (!covered) throw new Error(`position ${x} is not covered by ${JSON.stringify(plan)}`);
  }
  return { calls: plan.length, rows };
}

/**
 * Oracle 1, pure enumeration: every set of candidate pages (per_page <= M, covering at
 * least one needed position), by increasing size; the first size with a cover gives the
 * fewest calls, and the cheapest cover of that size the fewest rows. Only for tiny inputs.
 */
function subsetOracle(needed: readonly number[], maxPerPage: number): Cost {
  if (needed.length === 0) return { calls: 0, rows: 0 };
  expect(needed.length).toBeLessThanOrEqual(30);
  const full = 2 ** needed.length - 1;
  const candidates: { mask: number; rows: number }[] = [];
  const last = needed[needed.length - 1] as number;
  for (let k = 1; k <= maxPerPage; k++) {
    for (let p = 1; (p - 1) * k <= last; p++) {
      let mask = 0;
      needed.forEach((x, i) => {
        if ((p - 1) * k <= x && x < p * k) mask |= 1 << i;
      });
      if (mask !== 0) candidates.push({ mask, rows: k });
    }
  }
  for (let size = 1; size <= needed.length; size++) {
    let bestRows = Number.POSITIVE_INFINITY;
    const choose = (from: number, left: number, mask: number, rows: number): void => {
      if (left === 0) {
        if (mask >>> 0 === full >>> 0 && rows < bestRows) bestRows = rows;
        return;
      }
      for (let i = from; i <= candidates.length - left; i++) {
        const c = candidates[i] as { mask: number; rows: number };
        choose(i + 1, left - 1, mask | c.mask, rows + c.rows);
      }
    };
    choose(0, size, 0, 0);
    if (bestRows < Number.POSITIVE_INFINITY) return { calls: size, rows: bestRows };
  }
  throw new Error('unreachable: one page per position always covers');
}

/**
 * Oracle 2, exhaustive search by increasing number of calls: the smallest uncovered
 * position must lie on some page of the plan, and for each per_page k exactly one page
 * contains it, so branching on k (1..M) at each step reaches every minimal plan.
 * Pruned only by sound lower bounds (each call covers at most M new positions, each
 * uncovered position costs at least one more row).
 */
function searchOracle(needed: readonly number[], maxPerPage: number): Cost {
  const n = needed.length;
  if (n === 0) return { calls: 0, rows: 0 };
  const coverCount = new Int32Array(n);
  for (let calls = 1; ; calls++) {
    let bestRows = Number.POSITIVE_INFINITY;
    const search = (depth: number, rows: number, uncovered: number, from: number): void => {
      if (uncovered === 0) {
        if (rows < bestRows) bestRows = rows;
        return;
      }
      if (depth + Math.ceil(uncovered / maxPerPage) > calls || rows + uncovered >= bestRows) return;
      let i = from;
      while ((coverCount[i] as number) > 0) i++;
      const x = needed[i] as number;
      for (let k = 1; k <= maxPerPage; k++) {
        const end = (Math.floor(x / k) + 1) * k;
        let newly = 0;
        for (let j = i; j < n && (needed[j] as number) < end; j++) {
          if ((coverCount[j] as number) === 0) newly++;
          coverCount[j] = (coverCount[j] as number) + 1;
        }
        search(depth + 1, rows + k, uncovered - newly, i);
        for (let j = i; j < n && (needed[j] as number) < end; j++)
          coverCount[j] = (coverCount[j] as number) - 1;
      }
    };
    search(0, 0, n, 0);
    if (bestRows < Number.POSITIVE_INFINITY) return { calls, rows: bestRows };
  }
}

/**
 * Oracle 3, for one window [start, end) with end - start <= M: every single-call plan
 * (the page is forced by k), then every two-call plan (a page holding `start` and one
 * holding `end - 1`). Two calls of per_page M always suffice for such a window.
 */
function twoCallOracle(start: number, end: number, maxPerPage: number): Cost {
  const last = end - 1;
  for (let k = 1; k <= maxPerPage; k++) {
    if (Math.floor(start / k) === Math.floor(last / k)) return { calls: 1, rows: k };
  }
  let bestRows = Number.POSITIVE_INFINITY;
  for (let k1 = 1; k1 <= maxPerPage; k1++) {
    const end1 = (Math.floor(start / k1) + 1) * k1;
    for (let k2 = 1; k2 <= maxPerPage; k2++) {
      const start2 = Math.floor(last / k2) * k2;
      if (end1 >= start2 && k1 + k2 < bestRows) bestRows = k1 + k2;
    }
  }
  expect(bestRows).toBeLessThan(Number.POSITIVE_INFINITY);
  return { calls: 2, rows: bestRows };
}

/** Random needed intervals in [0, span): some empty, overlapping, unsorted. */
function randomIntervals(random: () => number, span: number, maxCount: number, maxWidth: number): Interval[] {
  const count = 1 + Math.floor(random() * maxCount);
  const intervals: Interval[] = [];
  for (let i = 0; i < count; i++) {
    const start = Math.floor(random() * span);
    const width = random() < 0.1 ? 0 : 1 + Math.floor(random() * maxWidth);
    intervals.push({ start, end: Math.min(span, start + width) });
  }
  return intervals;
}

describe('the oracles agree with each other', () => {
  it('on every single window of up to 10 positions, M = 1..4', () => {
    for (let m = 1; m <= 4; m++) {
      for (let start = 0; start < 10; start++) {
        for (let end = start + 1; end <= 10; end++) {
          const needed = positionsOf([{ start, end }]);
          expect(searchOracle(needed, m)).toEqual(subsetOracle(needed, m));
        }
      }
    }
  });

  it('on random multi-window sets within [0, 14), M = 1..5', () => {
    const random = prng(1);
    for (let n = 0; n < 300; n++) {
      const m = 1 + Math.floor(random() * 5);
      const needed = positionsOf(randomIntervals(random, 14, 3, 5));
      expect(searchOracle(needed, m)).toEqual(subsetOracle(needed, m));
    }
  });
});

describe('planPages is optimal', () => {
  it('on every single window within [0, 40], M = 1..8', () => {
    let checked = 0;
    for (let m = 1; m <= 8; m++) {
      for (let start = 0; start < 40; start++) {
        for (let end = start + 1; end <= 40; end++) {
          const needed = positionsOf([{ start, end }]);
          const cost = checkPlan(planPages([{ start, end }], m), needed, m);
          expect(cost, `[${start}, ${end}) M=${m}`).toEqual(searchOracle(needed, m));
          checked++;
        }
      }
    }
    expect(checked).toBe(8 * 820);
  });

  it('on random multi-window sets within [0, 40), M = 1..8', () => {
    const random = prng(2024);
    for (let n = 0; n < 2000; n++) {
      const m = 1 + Math.floor(random() * 8);
      const intervals = randomIntervals(random, 40, 4, 12);
      const needed = positionsOf(intervals);
      const cost = checkPlan(planPages(intervals, m), needed, m);
      expect(cost, `${JSON.stringify(intervals)} M=${m}`).toEqual(searchOracle(needed, m));
    }
  });

  it('on tiny multi-window sets, against pure enumeration', () => {
    const random = prng(99);
    for (let n = 0; n < 300; n++) {
      const m = 1 + Math.floor(random() * 5);
      const intervals = randomIntervals(random, 14, 4, 4);
      const needed = positionsOf(intervals);
      expect(checkPlan(planPages(intervals, m), needed, m)).toEqual(subsetOracle(needed, m));
    }
  });

  it('with M = 100 on windows after positions 100..1000, against all one- and two-call plans', () => {
    let checked = 0;
    for (let after = 100; after <= 1000; after++) {
      for (const first of [1, 5, 10, 20, 25, 50, 100]) {
        const start = after + 1;
        const end = start + first;
        const needed = positionsOf([{ start, end }]);
        const cost = checkPlan(planPages([{ start, end }], 100), needed, 100);
        expect(cost, `[${start}, ${end})`).toEqual(twoCallOracle(start, end, 100));
        checked++;
      }
    }
    expect(checked).toBe(901 * 7);
  });

  it('with M = 100 on random sparse multi-window sets up to position 1000', () => {
    const random = prng(7);
    for (let n = 0; n < 150; n++) {
      const intervals = randomIntervals(random, 1000, 3, 6);
      const needed = positionsOf(intervals);
      const cost = checkPlan(planPages(intervals, 100), needed, 100);
      expect(cost, JSON.stringify(intervals)).toEqual(searchOracle(needed, 100));
    }
  });
});

describe('planPages: shapes of input', () => {
  it('plans tiny windows (length 1) as one row', () => {
    for (const m of [1, 7, 100]) {
      for (let x = 0; x <= 1000; x += 37) {
        expect(planPages([{ start: x, end: x + 1 }], m)).toEqual([{ pageNo: x + 1, perPage: 1 }]);
      }
    }
  });

  it('plans aligned maximal windows (length = M) as that page', () => {
    expect(planPages([{ start: 0, end: 100 }], 100)).toEqual([{ pageNo: 1, perPage: 100 }]);
    expect(planPages([{ start: 300, end: 400 }], 100)).toEqual([{ pageNo: 4, perPage: 100 }]);
    expect(planPages([{ start: 0, end: 20 }], 100)).toEqual([{ pageNo: 1, perPage: 20 }]);
  });

  it('finds a single straddling page when one exists', () => {
    // [95, 105) fits one page of 15: page 7 covers [90, 105).
    const plan = planPages([{ start: 95, end: 105 }], 100);
    expect(plan).toHaveLength(1);
    expect(checkPlan(plan, positionsOf([{ start: 95, end: 105 }]), 100)).toEqual(twoCallOracle(95, 105, 100));
  });

  it('needs two calls for an unaligned maximal window', () => {
    const plan = planPages([{ start: 150, end: 250 }], 100);
    expect(plan).toHaveLength(2);
    expect(optimalSingleCall(150, 250, 100)).toBeNull();
  });

  it('needs several calls when the window is wider than M', () => {
    const random = prng(5);
    for (let n = 0; n < 40; n++) {
      const m = 10 + Math.floor(random() * 91);
      const width = m + 1 + Math.floor(random() * 2.5 * m);
      const start = Math.floor(random() * 2000);
      const needed = positionsOf([{ start, end: start + width }]);
      const cost = checkPlan(planPages([{ start, end: start + width }], m), needed, m);
      expect(cost.calls).toBeGreaterThanOrEqual(Math.ceil(width / m));
      expect(cost.calls).toBeLessThanOrEqual(Math.ceil(width / m) + 1);
      if (n < 12) expect(cost, `[${start}, ${start + width}) M=${m}`).toEqual(searchOracle(needed, m));
    }
    expect(planPages([{ start: 0, end: 300 }], 100)).toEqual([
      { pageNo: 1, perPage: 100 },
      { pageNo: 2, perPage: 100 },
      { pageNo: 3, perPage: 100 },
    ]);
  });

  it('plans several windows together', () => {
    expect(
      planPages(
        [
          { start: 0, end: 5 },
          { start: 95, end: 100 },
        ],
        100,
      ),
    ).toEqual([{ pageNo: 1, perPage: 100 }]);
    const far = [
      { start: 0, end: 5 },
      { start: 195, end: 200 },
    ];
    expect(planPages(far, 100)).toEqual([
      { pageNo: 1, perPage: 5 },
      { pageNo: 40, perPage: 5 },
    ]);
  });

  it('returns [] when nothing is needed', () => {
    expect(planPages([], 100)).toEqual([]);
    expect(
      planPages(
        [
          { start: 5, end: 5 },
          { start: 9, end: 3 },
        ],
        100,
      ),
    ).toEqual([]);
  });

  it('does not depend on the order, overlap or splitting of the intervals', () => {
    const random = prng(11);
    for (let n = 0; n < 300; n++) {
      const m = 1 + Math.floor(random() * 30);
      const intervals = randomIntervals(random, 300, 5, 40);
      const expected = planPages(intervals, m);
      const shuffled = [...intervals].sort(() => random() - 0.5);
      const split = intervals.flatMap(({ start, end }) => {
        const mid = start + Math.floor((end - start) / 2);
        return [
          { start, end: mid },
          { start: Math.max(start, mid - 1), end },
        ];
      });
      expect(planPages(shuffled, m)).toEqual(expected);
      expect(planPages(split, m)).toEqual(expected);
    }
  });

  it('does not modify its input', () => {
    const intervals = [
      { start: 10, end: 20 },
      { start: 0, end: 12 },
    ];
    const copy = structuredClone(intervals);
    planPages(intervals, 8);
    expect(intervals).toEqual(copy);
  });

  it('rejects invalid input as a programming error', () => {
    expect(() => planPages([{ start: 0, end: 5 }], 0)).toThrow(RangeError);
    expect(() => planPages([{ start: -1, end: 5 }], 10)).toThrow(RangeError);
    expect(() => planPages([{ start: 0.5, end: 5 }], 10)).toThrow(RangeError);
    expect(() => planPages([{ start: 0, end: Number.POSITIVE_INFINITY }], 10)).toThrow(RangeError);
    expect(() => optimalSingleCall(5, 5, 10)).toThrow(RangeError);
  });
});

describe('optimalSingleCall', () => {
  it('matches a brute-force search over every page that exists', () => {
    for (const m of [1, 3, 10, 100]) {
      for (let start = 0; start < 300; start += 7) {
        for (const width of [1, 2, 5, 10, 33, 100, 101]) {
          const end = start + width;
          // Every (perPage, pageNo) pair whose rows [(pageNo - 1) * perPage, pageNo * perPage)
          // hold all of [start, end); the best has the fewest rows.
          let expected: PageRequest | null = null;
          for (let perPage = 1; perPage <= m; perPage++) {
            for (let pageNo = 1; (pageNo - 1) * perPage <= start; pageNo++) {
              const covers = (pageNo - 1) * perPage <= start && pageNo * perPage >= end;
              if (covers && (expected === null || perPage < expected.perPage)) expected = { pageNo, perPage };
            }
          }
          expect(optimalSingleCall(start, end, m)).toEqual(expected);
        }
      }
    }
  });
});
