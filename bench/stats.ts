// Small, exact statistics helpers for the benchmark (no dependencies).

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Percentile by nearest rank on a sorted copy; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const s = sorted(values);
  const rank = Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length)));
  return s[rank - 1] as number;
}

/** Percentiles of an already sorted array (avoids re-sorting large latency arrays). */
export function percentileOfSorted(s: Float64Array | readonly number[], p: number): number {
  if (s.length === 0) return Number.NaN;
  const rank = Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length)));
  return s[rank - 1] as number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = sorted(values);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  const s = sorted(values);
  return { median: median(s), min: s[0] as number, max: s[s.length - 1] as number };
}

/** `spread` with each figure rounded to `digits` decimals, as the results files report it. */
export function roundedSpread(values: readonly number[], digits = 3): Spread {
  const s = spread(values);
  return { median: round(s.median, digits), min: round(s.min, digits), max: round(s.max, digits) };
}

export function round(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
