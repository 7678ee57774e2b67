// The pagination grid: for every `first` in FIRSTS and after-position p (the window is
// [p + 1, p + 1 + first)), one GraphQL query to a real gateway process in front of a
// sandbox of 1,200 meetings; the sandbox's request log says how many upstream calls the
// query made and how many rows they asked for (sum of per_page). Beside it, the
// brute-force optimum of `optimum.ts` for the same windows.
import { Pool } from 'undici';
import { cursorEncoder, decodeCursor } from '../src/pagination/cursor.ts';
import { filterKey } from '../src/pagination/filters.ts';
import { seedMeetings } from '../src/sandbox/seed.ts';
import { startSandbox } from '../src/sandbox/server.ts';
import { BENCH_GATEWAY_ENV, type Child, GATEWAY_ARGS, GATEWAY_READY, PROBE, spawnChild } from './children.ts';
import { bruteForceOptimum } from './optimum.ts';

export const FIRSTS = [1, 5, 10, 20, 25, 50, 100] as const;
export const MAX_POSITION = 1000;

export interface GridOptions {
  /** Step between after-positions (1: every position 0..1000). */
  positionStep: number;
  accountId: string;
  appId: string;
  maxPerPage: number;
}

export interface GridRow {
  first: number;
  windows: number;
  meanCalls: number;
  optimumMeanCalls: number;
  fetchedPerReturned: number;
  optimumFetchedPerReturned: number;
  windowsOffOptimum: number;
}

export interface GridResult {
  windows: number;
  positions: string;
  meanCalls: number;
  optimumMeanCalls: number;
  fetchedPerReturned: number;
  optimumFetchedPerReturned: number;
  /** Windows where the gateway made more calls, or as many calls with more rows, than the optimum. */
  windowsOffOptimum: number;
  windowsBetterThanOptimum: number;
  examplesOffOptimum: { first: number; after: number; gateway: string; optimum: string }[];
  byFirst: GridRow[];
  seconds: number;
}

const GRID_QUERY =
  'query Grid($n: Int!, $after: String!) { meetings(first: $n, after: $after) { edges { cursor } } }';

export function gridPositions(step: number): number[] {
  const positions: number[] = [];
  for (let p = 0; p <= MAX_POSITION; p += step) positions.push(p);
  if (positions[positions.length - 1] !== MAX_POSITION) positions.push(MAX_POSITION);
  return positions;
}

export async function runGrid(options: GridOptions): Promise<GridResult> {
  const began = performance.now();
  const sandbox = await startSandbox({
    recordRequests: true,
    requiredToken: 'x',
    meetings: seedMeetings({ count: 1200 }),
  });
  let gateway: Child | undefined;
  let gatewayPool: Pool | undefined;
  try {
    gateway = await spawnChild({
      name: 'gateway (grid)',
      args: ['--import', PROBE, ...GATEWAY_ARGS],
      env: {
        ...BENCH_GATEWAY_ENV,
        CLOUDFLARE_API_TOKEN: 'x',
        REALTIMEKIT_API_URL: sandbox.baseUrl,
        CLOUDFLARE_ACCOUNT_ID: options.accountId,
        REALTIMEKIT_APP_ID: options.appId,
        UPSTREAM_MAX_PER_PAGE: String(options.maxPerPage),
        PORT: '0',
      },
      ready: GATEWAY_READY,
    });
    const url = new URL(gateway.readyLine);
    const origin = url.origin;
    const client = new Pool(origin, { connections: 1, pipelining: 1 });
    gatewayPool = client;

    const post = async (body: string): Promise<unknown> => {
      const response = await client.request({
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body,
      });
      const text = await response.body.text();
      if (response.statusCode !== 200) throw new Error(`grid query answered ${response.statusCode}: ${text}`);
      return JSON.parse(text);
    };

    // The cursors the bench makes (positional, v1) must name the positions the gateway's own
    // (anchored, v2) name: compare with a walk of the first edges.
    const key = filterKey({ accountId: options.accountId, appId: options.appId });
    const encode = cursorEncoder(key);
    const walk = (await post(JSON.stringify({ query: '{ meetings(first: 5) { edges { cursor } } }' }))) as {
      data?: { meetings?: { edges?: { cursor: string }[] } };
    };
    const walked = walk.data?.meetings?.edges?.map((edge) => edge.cursor) ?? [];
    for (let i = 0; i < 5; i++) {
      const walkedCursor = walked[i];
      if (
        walkedCursor === undefined ||
        decodeCursor(walkedCursor, key) !== i ||
        decodeCursor(encode(i), key) !== i
      ) {
        throw new Error(`cursor ${i} differs from the gateway's: ${walkedCursor}`);
      }
    }

    const positions = gridPositions(options.positionStep);
    const rows: GridRow[] = [];
    let totalCalls = 0;
    let totalOptCalls = 0;
    let totalFetched = 0;
    let totalOptFetched = 0;
    let totalReturned = 0;
    let windows = 0;
    let off = 0;
    let better = 0;
    const examples: GridResult['examplesOffOptimum'] = [];
    for (const first of FIRSTS) {
      let calls = 0;
      let optCalls = 0;
      let fetched = 0;
      let optFetched = 0;
      let returned = 0;
      let offHere = 0;
      for (const p of positions) {
        sandbox.requests.length = 0;
        const answer = (await post(
          JSON.stringify({ query: GRID_QUERY, variables: { n: first, after: encode(p) } }),
        )) as {
          errors?: unknown;
          data?: { meetings?: { edges?: { cursor: string }[] } };
        };
        const edges = answer.data?.meetings?.edges;
        if (answer.errors !== undefined || !Array.isArray(edges) || edges.length !== first) {
          throw new Error(`grid window first=${first} after=${p}: ${JSON.stringify(answer).slice(0, 300)}`);
        }
        const start = edges[0]?.cursor;
        if (start === undefined || decodeCursor(start, key) !== p + 1)
          throw new Error(`grid window first=${first} after=${p}: wrong start`);
        const lists = sandbox.requests.filter((r) => r.kind === 'list');
        if (lists.length !== sandbox.requests.length)
          throw new Error('grid: unexpected non-list upstream call');
        const c = lists.length;
        const f = lists.reduce((sum, r) => sum + Number(r.query.per_page), 0);
        const opt = bruteForceOptimum(p + 1, p + 1 + first, options.maxPerPage);
        calls += c;
        fetched += f;
        optCalls += opt.calls;
        optFetched += opt.rows;
        returned += first;
        if (c > opt.calls || (c === opt.calls && f > opt.rows)) {
          offHere++;
          if (examples.length < 10) {
            examples.push({
              first,
              after: p,
              gateway: lists
                .map((r) => `page_no=${r.query.page_no}&per_page=${r.query.per_page}`)
                .join(' + '),
              optimum: opt.pages.map((page) => `page_no=${page.pageNo}&per_page=${page.perPage}`).join(' + '),
            });
          }
        } else if (c < opt.calls || f < opt.rows) {
          better++;
        }
      }
      rows.push({
        first,
        windows: positions.length,
        meanCalls: calls / positions.length,
        optimumMeanCalls: optCalls / positions.length,
        fetchedPerReturned: fetched / returned,
        optimumFetchedPerReturned: optFetched / returned,
        windowsOffOptimum: offHere,
      });
      totalCalls += calls;
      totalOptCalls += optCalls;
      totalFetched += fetched;
      totalOptFetched += optFetched;
      totalReturned += returned;
      windows += positions.length;
      off += offHere;
    }
    return {
      windows,
      positions:
        options.positionStep === 1
          ? `every after-position 0..${MAX_POSITION}`
          : `after-positions 0..${MAX_POSITION} step ${options.positionStep} (plus ${MAX_POSITION})`,
      meanCalls: totalCalls / windows,
      optimumMeanCalls: totalOptCalls / windows,
      fetchedPerReturned: totalFetched / totalReturned,
      optimumFetchedPerReturned: totalOptFetched / totalReturned,
      windowsOffOptimum: off,
      windowsBetterThanOptimum: better,
      examplesOffOptimum: examples,
      byFirst: rows,
      seconds: (performance.now() - began) / 1000,
    };
  } finally {
    await gatewayPool?.close();
    await gateway?.stop();
    await sandbox.close();
  }
}
