// An independent brute force for the page-planning optimum of one window [start, end):
// every single-call plan (a page of size k = 1..maxPerPage covers the window when the
// window's first and last positions fall in the same page of size k), and when none
// exists every two-call plan (a page containing `start` and a page containing `end - 1`
// whose union has no gap). Fewest calls first, then fewest fetched rows (sum of per_page).
// It does not use src/pagination/plan.ts.

export interface Plan {
  calls: number;
  rows: number;
  pages: { pageNo: number; perPage: number }[];
}

export function bruteForceOptimum(start: number, end: number, maxPerPage: number): Plan {
  if (!(end > start) || start < 0) throw new RangeError(`bad window [${start}, ${end})`);
  const last = end - 1;
  for (let k = 1; k <= maxPerPage; k++) {
    // Sizes are tried in increasing order, so the first that covers has the fewest rows.
    if (Math.floor(start / k) === Math.floor(last / k)) {
      return { calls: 1, rows: k, pages: [{ pageNo: Math.floor(start / k) + 1, perPage: k }] };
    }
  }
  let best: Plan | null = null;
  for (let a = 1; a <= maxPerPage; a++) {
    const aPage = Math.floor(start / a);
    const aEnd = (aPage + 1) * a;
    for (let b = 1; b <= maxPerPage; b++) {
      const bPage = Math.floor(last / b);
      const bStart = bPage * b;
      if (bStart > aEnd) continue; // a gap between the two pages
      if (best === null || a + b < best.rows) {
        best = {
          calls: 2,
          rows: a + b,
          pages: [
            { pageNo: aPage + 1, perPage: a },
            { pageNo: bPage + 1, perPage: b },
          ],
        };
      }
    }
  }
  if (best === null) throw new RangeError(`window [${start}, ${end}) needs more than two calls`);
  return best;
}
