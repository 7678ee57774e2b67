import { describe, expect, it } from 'vitest';
import { isGatewayError } from '../../src/errors.ts';
import { createPageLoader } from '../../src/loaders/page-loader.ts';
import type { FetchedPage } from '../../src/pagination/paged-list.ts';
import type { PageRequest } from '../../src/pagination/plan.ts';

/**
 * The generic page loader as a unit, with a fake `fetchPage`: windows asked for in the same
 * tick are planned together per list, identical pages are fetched once per request, lists
 * fail independently, and `settled` waits for every fetch in flight.
 */
function fakeLists(totals: Record<string, number>, failing: ReadonlySet<string> = new Set()) {
  const calls: string[] = [];
  const fetchPage = async (list: string, page: PageRequest): Promise<{ value: FetchedPage<string> }> => {
    calls.push(`${list}:${page.pageNo}:${page.perPage}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (failing.has(list)) throw new Error(`${list} is down`);
    const total = totals[list] ?? 0;
    const start = (page.pageNo - 1) * page.perPage;
    const items = Array.from(
      { length: Math.max(0, Math.min(total, start + page.perPage) - start) },
      (_, i) => `${list}${start + i}`,
    );
    return { value: { offset: start, items, totalCount: total } };
  };
  return { calls, fetchPage };
}

const request = (list: string, start: number, end: number) => ({
  list,
  key: list,
  spec: { kind: 'range' as const, start, end },
});

describe('createPageLoader', () => {
  it('plans the windows of one list asked in the same tick together, and fetches a page once', async () => {
    const lists = fakeLists({ a: 300 });
    const { loader } = createPageLoader({
      ...lists,
      maxPerPage: 100,
      noun: 'items',
      idOf: (item: string) => item,
      shared: false,
      fresh: false,
    });
    const [head, tail, again] = await Promise.all([
      loader.load(request('a', 0, 5)),
      loader.load(request('a', 90, 95)),
      loader.load(request('a', 0, 5)),
    ]);
    expect(head?.items).toEqual(['a0', 'a1', 'a2', 'a3', 'a4']);
    expect(tail?.items[0]).toBe('a90');
    expect(again).toBe(head);
    expect(lists.calls).toEqual(['a:1:95']);
    // A later window inside what was fetched costs nothing.
    await loader.load(request('a', 10, 20));
    expect(lists.calls).toEqual(['a:1:95']);
  });

  it('loads lists in parallel and isolates a failing one', async () => {
    const lists = fakeLists({ a: 10, b: 10 }, new Set(['b']));
    const { loader } = createPageLoader({
      ...lists,
      maxPerPage: 100,
      noun: 'items',
      idOf: (item: string) => item,
      shared: false,
      fresh: false,
    });
    const [a, b] = await Promise.allSettled([
      loader.load(request('a', 0, 3)),
      loader.load(request('b', 0, 3)),
    ]);
    expect(a.status === 'fulfilled' && a.value.items).toEqual(['a0', 'a1', 'a2']);
    expect(b.status === 'rejected' && (b.reason as Error).message).toBe('b is down');
  });

  it('reports a window the pages did not fill as UPSTREAM_ERROR naming the noun', async () => {
    const { loader } = createPageLoader({
      fetchPage: async () => ({ value: { offset: 0, items: [] as string[], totalCount: 50 } }),
      shared: false,
      fresh: false,
      maxPerPage: 100,
      noun: 'participants',
      idOf: (item: string) => item,
    });
    const error = await loader.load(request('x', 0, 5)).catch((e: unknown) => e);
    expect(isGatewayError(error) && error.code).toBe('UPSTREAM_ERROR');
    expect((error as Error).message).toContain('participants');
  });

  it('settled() waits for every page fetch in flight', async () => {
    const lists = fakeLists({ a: 10 });
    const pages = createPageLoader({
      ...lists,
      maxPerPage: 100,
      noun: 'items',
      idOf: (item: string) => item,
      shared: false,
      fresh: false,
    });
    const pending = pages.loader.load(request('a', 0, 3));
    await new Promise((resolve) => setImmediate(resolve));
    let done = false;
    void pending.then(() => {
      done = true;
    });
    await pages.settled();
    await Promise.resolve();
    expect(lists.calls).toHaveLength(1);
    await pending;
    expect(done).toBe(true);
  });
});
