import { describe, expect, it } from 'vitest';
import { placeItems, sliceWindow } from '../../src/pagination/slice.ts';

const letters = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => String.fromCharCode(97 + ((from + i) % 26)));

describe('placeItems', () => {
  it('records a page at consecutive positions', () => {
    const fetched = new Map<number, string>();
    placeItems(fetched, 10, ['k', 'l', 'm']);
    expect([...fetched]).toEqual([
      [10, 'k'],
      [11, 'l'],
      [12, 'm'],
    ]);
  });
});

describe('sliceWindow', () => {
  it('returns the window in position order, from overlapping pages', () => {
    const fetched = new Map<number, string>();
    placeItems(fetched, 15, letters(15, 15)); // page 2 of 15: [15, 30)
    placeItems(fetched, 0, letters(0, 20)); // page 1 of 20: [0, 20)
    const result = sliceWindow(fetched, { start: 12, end: 22 }, 100);
    expect(result).toEqual({
      ok: true,
      items: letters(12, 10).map((item, i) => ({ position: 12 + i, item })),
    });
  });

  it('clips the window to the total', () => {
    const fetched = new Map<number, string>();
    placeItems(fetched, 0, letters(0, 7));
    const result = sliceWindow(fetched, { start: 5, end: 15 }, 7);
    expect(result).toEqual({
      ok: true,
      items: [
        { position: 5, item: 'f' },
        { position: 6, item: 'g' },
      ],
    });
    expect(sliceWindow(fetched, { start: 7, end: 15 }, 7)).toEqual({ ok: true, items: [] });
    expect(sliceWindow(fetched, { start: 3, end: 3 }, 7)).toEqual({ ok: true, items: [] });
  });

  it('reports every missing position inside the clipped window', () => {
    const fetched = new Map<number, string>();
    placeItems(fetched, 0, letters(0, 5));
    placeItems(fetched, 8, letters(8, 2));
    expect(sliceWindow(fetched, { start: 3, end: 12 }, 11)).toEqual({ ok: false, missing: [5, 6, 7, 10] });
  });

  it('keeps falsy items', () => {
    const fetched = new Map<number, number | null>([
      [0, 0],
      [1, null],
    ]);
    expect(sliceWindow(fetched, { start: 0, end: 2 }, 2)).toEqual({
      ok: true,
      items: [
        { position: 0, item: 0 },
        { position: 1, item: null },
      ],
    });
  });
});
