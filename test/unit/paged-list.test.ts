import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Connection,
  connectionOf,
  createListState,
  type FetchedPage,
  fetchWindows,
  pagesToFetch,
  predictListCalls,
  readWindow,
} from '../../src/pagination/paged-list.ts';
import type { PageRequest } from '../../src/pagination/plan.ts';
import { type WindowSpec, windowBetween } from '../../src/pagination/window.ts';

/**
 * The paged-list fetch policy against a fake upstream: a list of `total` items that serves
 * at most `cap` items per page (numbering pages by the capped size, as an upstream with a
 * lower limit does) and records every call. The oracle for a window is plain array slicing.
 */
function fakeUpstream(total: number, cap = Number.POSITIVE_INFINITY) {
  const calls: PageRequest[] = [];
  const fetchPage = async (request: PageRequest): Promise<FetchedPage<string>> => {
    calls.push(request);
    const size = Math.min(request.perPage, cap);
    const start = (request.pageNo - 1) * size;
    const items = Array.from(
      { length: Math.max(0, Math.min(total, start + size) - start) },
      (_, i) => `item${start + i}`,
    );
    return { offset: start, items, totalCount: total };
  };
  return { calls, fetchPage };
}

/** Brute force: the positions a window covers in a list of `total` items. */
function expected(spec: WindowSpec, total: number): string[] {
  const all = Array.from({ length: total }, (_, i) => `item${i}`);
  if (spec.kind === 'range') return all.slice(Math.min(spec.start, total), Math.min(spec.end, total));
  return all.slice(Math.min(total, Math.max(spec.min, total - spec.count)), total);
}

const specArb: fc.Arbitrary<WindowSpec> = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 100 }))
    .map(([start, n]) => ({ kind: 'range' as const, start, end: start + n })),
  fc
    .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 400 }))
    .map(([count, min]) => ({ kind: 'tail' as const, count, min })),
);

describe('paged-list fetch policy', () => {
  it('serves every window exactly, within the predicted number of calls', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(specArb, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 450 }),
        fc.constantFrom(1, 7, 50, 100),
        async (specs, total, maxPerPage) => {
          const upstream = fakeUpstream(total);
          const state = createListState<string>(maxPerPage);
          await fetchWindows(state, specs, upstream.fetchPage);
          for (const spec of specs) {
            const window = readWindow(state, spec);
            expect('missing' in window).toBe(false);
            if ('missing' in window) continue;
            expect(window.items).toEqual(expected(spec, total));
            expect(window.totalCount).toBe(total);
          }
          for (const call of upstream.calls) {
            expect(call.pageNo).toBeGreaterThanOrEqual(1);
            expect(call.perPage).toBeGreaterThanOrEqual(1);
            expect(call.perPage).toBeLessThanOrEqual(maxPerPage);
          }
          expect(upstream.calls.length).toBeLessThanOrEqual(predictListCalls(specs, maxPerPage));
        },
      ),
      { numRuns: 300, seed: 20261130 },
    );
  });

  it('plans the windows of one list together: [0,5) and [90,95) are one call', async () => {
    const upstream = fakeUpstream(240);
    const state = createListState<string>(100);
    await fetchWindows(
      state,
      [
        { kind: 'range', start: 0, end: 5 },
        { kind: 'range', start: 90, end: 95 },
      ],
      upstream.fetchPage,
    );
    expect(upstream.calls).toEqual([{ pageNo: 1, perPage: 95 }]);
  });

  it('probes page 1 for `last` without `before`, and fetches nothing more when it covers the tail', async () => {
    const upstream = fakeUpstream(60);
    const state = createListState<string>(100);
    await fetchWindows(state, [{ kind: 'tail', count: 10, min: 0 }], upstream.fetchPage);
    expect(upstream.calls).toEqual([{ pageNo: 1, perPage: 100 }]);
    expect(readWindow(state, { kind: 'tail', count: 10, min: 0 })).toMatchObject({ start: 50 });
  });

  it('fetches the tail after the probe when the list is longer than one page', async () => {
    const upstream = fakeUpstream(250);
    const state = createListState<string>(100);
    await fetchWindows(state, [{ kind: 'tail', count: 10, min: 0 }], upstream.fetchPage);
    expect(upstream.calls).toEqual([
      { pageNo: 1, perPage: 100 },
      { pageNo: 25, perPage: 10 },
    ]);
  });

  it('an empty window costs a probe of one item (the total is still needed)', async () => {
    const upstream = fakeUpstream(30);
    const state = createListState<string>(100);
    await fetchWindows(state, [{ kind: 'range', start: 4, end: 4 }], upstream.fetchPage);
    expect(upstream.calls).toEqual([{ pageNo: 1, perPage: 1 }]);
  });

  it('repairs short pages and learns the upstream cap', async () => {
    const upstream = fakeUpstream(300, 30);
    const state = createListState<string>(100);
    const spec: WindowSpec = { kind: 'range', start: 0, end: 100 };
    await fetchWindows(state, [spec], upstream.fetchPage);
    expect(state.cap).toBe(30);
    expect(readWindow(state, spec)).toMatchObject({ start: 0, items: expected(spec, 300) });
    // The first call asked for 100 and got 30; the repair asks for pages of at most 30.
    expect(upstream.calls[0]).toEqual({ pageNo: 1, perPage: 100 });
    for (const call of upstream.calls.slice(1)) expect(call.perPage).toBeLessThanOrEqual(30);
  });

  it('asks for nothing once the state holds every window', async () => {
    const upstream = fakeUpstream(50);
    const state = createListState<string>(100);
    const spec: WindowSpec = { kind: 'range', start: 10, end: 20 };
    await fetchWindows(state, [spec], upstream.fetchPage);
    expect(pagesToFetch(state, [spec, { kind: 'range', start: 12, end: 18 }])).toEqual([]);
  });

  it('rejects when a page fetch fails', async () => {
    const state = createListState<string>(100);
    await expect(
      fetchWindows(state, [{ kind: 'range', start: 0, end: 5 }], () => Promise.reject(new Error('down'))),
    ).rejects.toThrow('down');
  });

  it('reports positions a lying upstream left out instead of inventing them', async () => {
    const state = createListState<string>(100);
    // Claims 50 items but serves none.
    await fetchWindows(state, [{ kind: 'range', start: 0, end: 5 }], async () => ({
      offset: 0,
      items: [],
      totalCount: 50,
    }));
    expect(readWindow(state, { kind: 'range', start: 0, end: 5 })).toEqual({ missing: 5 });
  });
});

describe('connectionOf', () => {
  const readPageInfo = ({
    hasNextPage,
    hasPreviousPage,
    startCursor,
    endCursor,
  }: Connection<unknown>['pageInfo']) => ({
    hasNextPage,
    hasPreviousPage,
    startCursor,
    endCursor,
  });

  it('builds edges and pageInfo from a window', () => {
    const connection = connectionOf(
      { start: 3, items: ['a', 'b'], totalCount: 10 },
      (position, node) => `${node}@${position}`,
    );
    // Edges and pageInfo compute their cursors in getters; read every field as a resolver does.
    expect({
      edges: connection.edges.map(({ cursor, node }) => ({ cursor, node })),
      totalCount: connection.totalCount,
      pageInfo: readPageInfo(connection.pageInfo),
    }).toEqual({
      edges: [
        { cursor: 'a@3', node: 'a' },
        { cursor: 'b@4', node: 'b' },
      ],
      totalCount: 10,
      pageInfo: { hasNextPage: true, hasPreviousPage: true, startCursor: 'a@3', endCursor: 'b@4' },
    });
  });

  it('has no getter of its own on any edge or pageInfo (V8 would keep the page alive through young collections)', () => {
    const connection = connectionOf({ start: 0, items: ['a', 'b'], totalCount: 2 }, () => 'x');
    const ownGetters = (value: object) =>
      Object.values(Object.getOwnPropertyDescriptors(value)).filter((d) => d.get !== undefined).length;
    expect(connection.edges.map(ownGetters)).toEqual([0, 0]);
    expect(ownGetters(connection.pageInfo)).toBe(0);
    expect(ownGetters(connection)).toBe(0);
  });

  it('encodes a cursor only when it is read, once per edge', () => {
    const encoded: number[] = [];
    const connection = connectionOf({ start: 5, items: ['a', 'b', 'c'], totalCount: 8 }, (position) => {
      encoded.push(position);
      return `@${position}`;
    });
    expect(connection.edges.map((edge) => edge.node)).toEqual(['a', 'b', 'c']);
    expect(encoded).toEqual([]);
    expect(connection.pageInfo.endCursor).toBe('@7');
    expect(connection.edges[2]?.cursor).toBe('@7');
    expect(connection.pageInfo.startCursor).toBe('@5');
    expect(encoded).toEqual([7, 5]);
  });

  it('has null cursors when the page is empty', () => {
    const connection = connectionOf({ start: 0, items: [], totalCount: 0 }, () => 'x');
    expect(readPageInfo(connection.pageInfo)).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });
});

describe('paged-list realignment of anchored cursors', () => {
  /** A fake upstream over an explicit list of ids (the list as it is now). */
  function listUpstream(ids: string[]) {
    const calls: PageRequest[] = [];
    const fetchPage = async (request: PageRequest): Promise<FetchedPage<string>> => {
      calls.push(request);
      const start = (request.pageNo - 1) * request.perPage;
      return { offset: start, items: ids.slice(start, start + request.perPage), totalCount: ids.length };
    };
    return { calls, fetchPage };
  }
  const original = Array.from({ length: 100 }, (_, i) => `item${i}`);
  const identity = (item: string) => item;

  /** The spec `first: n, after: <cursor of item p made when the list had `total` items>`. */
  const afterSpec = (p: number, n: number, total = 100): WindowSpec => ({
    ...windowBetween(p, null, { first: n, last: null }),
    anchors: {
      after: p,
      before: null,
      first: n,
      last: null,
      afterAnchor: { position: p, id: `item${p}`, total },
    },
  });
  const beforeSpec = (p: number, n: number, total = 100): WindowSpec => ({
    ...windowBetween(null, p, { first: 0, last: n }),
    anchors: {
      after: null,
      before: p,
      first: 0,
      last: n,
      beforeAnchor: { position: p, id: `item${p}`, total },
    },
  });

  async function serve(ids: string[], spec: WindowSpec) {
    const upstream = listUpstream(ids);
    const state = createListState<string>(100, identity);
    const [resolved] = await fetchWindows(state, [spec], upstream.fetchPage);
    if (!resolved) throw new Error('no window');
    const window = readWindow(state, resolved.spec);
    if ('missing' in window) throw new Error('missing items');
    return { items: window.items, drifted: resolved.drifted, calls: upstream.calls.length };
  }

  it('an item created at the top: after continues right after its node (page 2 of 10 does not cover the shift: one more call)', async () => {
    const served = await serve(['new', ...original], afterSpec(9, 10));
    expect(served).toEqual({ items: original.slice(10, 20), drifted: false, calls: 2 });
  });

  it('an item removed before the anchor: no gap, one lookup call', async () => {
    const served = await serve(
      original.filter((id) => id !== 'item3'),
      afterSpec(9, 10),
    );
    expect(served).toEqual({ items: original.slice(10, 20), drifted: false, calls: 2 });
  });

  it('the anchor itself removed: continues from where it was, drifted', async () => {
    const served = await serve(
      original.filter((id) => id !== 'item9'),
      afterSpec(9, 10),
    );
    expect(served).toEqual({ items: original.slice(10, 20), drifted: true, calls: 2 });
  });

  it('before: an item created at the top', async () => {
    const served = await serve(['new', ...original], beforeSpec(20, 10));
    expect(served).toEqual({ items: original.slice(10, 20), drifted: false, calls: 2 });
  });

  it('before: the anchor itself removed, drifted', async () => {
    const served = await serve(
      original.filter((id) => id !== 'item20'),
      beforeSpec(20, 10),
    );
    expect(served).toEqual({ items: original.slice(10, 20), drifted: true, calls: 2 });
  });

  it('a shift within the pages fetched anyway costs nothing more: the plan stays optimal', async () => {
    // [13, 23) is served by page 2 of 12, [12, 24): a create at the top moves the window to [14, 24).
    const created = await serve(['new', ...original], afterSpec(12, 10));
    expect(created).toEqual({ items: original.slice(13, 23), drifted: false, calls: 1 });
    // [12, 22) is served by page 2 of 11, [11, 22): a removal before it moves it to [11, 21).
    const removed = await serve(
      original.filter((id) => id !== 'item5'),
      beforeSpec(22, 10),
    );
    expect(removed).toEqual({ items: original.slice(12, 22), drifted: false, calls: 1 });
  });

  it('a shift beyond the pages fetched costs one lookup, and still lands on the node', async () => {
    const many = Array.from({ length: 40 }, (_, i) => `new${i}`);
    const served = await serve([...many, ...original], afterSpec(9, 10));
    expect(served.items).toEqual(original.slice(10, 20));
    expect(served.drifted).toBe(false);
    expect(served.calls).toBeLessThanOrEqual(predictListCalls([afterSpec(9, 10)], 100) + 1);
  });

  it('an unchanged list costs what a positional cursor costs', async () => {
    const anchored = await serve(original, afterSpec(99, 100, 100));
    expect(anchored).toEqual({ items: [], drifted: false, calls: 1 });
    const aligned = await serve([...original, ...original.map((id) => `${id}b`)], afterSpec(99, 100, 200));
    expect(aligned.items).toHaveLength(100);
    expect(aligned.calls).toBe(1);
  });

  it('agrees with brute force for random single creates and removes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 98 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 99 }),
        fc.boolean(),
        async (p, n, at, create) => {
          const now = [...original];
          if (create) now.splice(at, 0, 'new');
          else now.splice(at, 1);
          const served = await serve(now, afterSpec(p, n));
          const anchorGone = !create && at === p;
          // Brute force: the n items after the anchor in the new list (after where it was when gone).
          const from = anchorGone ? at : now.indexOf(`item${p}`) + 1;
          expect(served.items).toEqual(now.slice(from, from + n));
          expect(served.drifted).toBe(anchorGone);
          expect(served.calls).toBeLessThanOrEqual(predictListCalls([afterSpec(p, n)], 100));
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });
});
