// Many callers, one upstream budget (README "Caching and running several replicas"):
//
// - `manyCallers`: one gateway, service mode, default configuration (budget 1200/300s, cache
//   CACHE_TTL_MS=5000), 50 connections. Mix per request: 70 % the first page, 20 % pages 2–5
//   by cursor, 10 % `meeting(meetingId)` over 10 meetings spread over the list. A warm-up run,
//   then the measured run: error rate (non-2xx or a body with `errors`), upstream calls per
//   second (all requests the sandbox received), req/s.
// - `manyCallersRedis`: the same through 3 gateway processes on one redis-server (Debian's,
//   started here on a free loopback port, persistence off), connections split between them;
//   upstream calls counted across all three.
// - `cached`: the hot first page (the bench query) from a gateway with the default cache,
//   req/s as a ratio to direct REST in the same run, and its CPU time per request.
import autocannon from 'autocannon';
import type { Child } from './children.ts';
import { GATEWAY_ARGS, GATEWAY_READY, quiesce } from './children.ts';
import { MEETINGS_REQUEST_BODY } from './query.ts';
import type { SandboxStats } from './sandbox-proc.ts';

export interface ManyCallersResult {
  processes: number;
  connections: number;
  warmupS: number;
  durationS: number;
  requests: number;
  errors: number;
  /** Errors / requests in the measured run (after the warm-up). */
  errorRate: number;
  upstreamCalls: number;
  upstreamCallsPerSecond: number;
  rps: number;
}

export interface CachedResult {
  rps: number;
  directRps: number;
  rpsVsDirect: number;
  cpuUsPerReq: number;
}

export interface ScenarioDeps {
  /** Starts a child the runner stops at the end. */
  start(name: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<Child>;
  sandbox: Child;
  baseUrl: string;
  token: string;
  accountId: string;
  appId: string;
  probe: string;
  log(message: string): void;
}

const GRAPHQL_READY = GATEWAY_READY;

const PAGE_QUERY = `query Dashboard($after: String) {
  meetings(first: 20, after: $after) {
    totalCount
    edges { cursor node { id meetingId title status createdAt updatedAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const MEETING_QUERY = `query OneMeeting($id: UUID!) {
  meeting(meetingId: $id) { id meetingId title status createdAt updatedAt }
}`;

/** The gateway as it runs by default, in service mode; only the bench's clients need AUTH_MODE=none. */
function gatewayEnv(deps: ScenarioDeps, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    AUTH_MODE: 'none',
    CLOUDFLARE_API_TOKEN: deps.token,
    REALTIMEKIT_API_URL: deps.baseUrl,
    CLOUDFLARE_ACCOUNT_ID: deps.accountId,
    REALTIMEKIT_APP_ID: deps.appId,
    PORT: '0',
    ...extra,
  };
}

/** Request bodies of the mix, from the list as the gateway serves it. */
async function mixBodies(url: string): Promise<{ first: string; pages: string[]; meetings: string[] }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cache-control': 'no-cache' },
    body: JSON.stringify({ query: '{ meetings(first: 100) { edges { cursor node { meetingId } } } }' }),
  });
  const body = (await response.json()) as {
    data: { meetings: { edges: { cursor: string; node: { meetingId: string } }[] } };
  };
  const edges = body.data.meetings.edges;
  const cursorAt = (i: number) => edges[i]?.cursor ?? '';
  const all = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cache-control': 'no-cache' },
    body: JSON.stringify({ query: '{ meetings(last: 100) { totalCount nodes { meetingId } } }' }),
  });
  const tail = ((await all.json()) as { data: { meetings: { nodes: { meetingId: string }[] } } }).data
    .meetings.nodes;
  // Ten meetings spread over the list: five inside pages 1–5, five beyond them.
  const ids = [0, 24, 48, 72, 96].map((i) => edges[i]?.node.meetingId ?? '');
  ids.push(...[10, 30, 50, 70, 90].map((i) => tail[i]?.meetingId ?? ''));
  return {
    first: JSON.stringify({ query: PAGE_QUERY, variables: {} }),
    pages: [19, 39, 59, 79].map((i) =>
      JSON.stringify({ query: PAGE_QUERY, variables: { after: cursorAt(i) } }),
    ),
    meetings: ids.map((id) => JSON.stringify({ query: MEETING_QUERY, variables: { id } })),
  };
}

/** A seeded PRNG (mulberry32), so every run sends the same mix. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface MixRun {
  requests: number;
  errors: number;
  ok: number;
  durationS: number;
}

async function runMix(
  urls: string[],
  bodies: { first: string; pages: string[]; meetings: string[] },
  connections: number,
  durationS: number,
): Promise<MixRun> {
  const next = random(20260105);
  const pick = (items: string[]) => items[Math.floor(next() * items.length)] as string;
  const body = () => {
    const r = next();
    return r < 0.7 ? bodies.first : r < 0.9 ? pick(bodies.pages) : pick(bodies.meetings);
  };
  let requests = 0;
  let errors = 0;
  const runs = urls.map((url, index) => {
    const share = Math.floor(connections / urls.length) + (index < connections % urls.length ? 1 : 0);
    return new Promise<autocannon.Result>((resolve, reject) => {
      autocannon(
        {
          url,
          connections: share,
          pipelining: 1,
          duration: durationS,
          timeout: 10,
          requests: [
            {
              method: 'POST',
              headers: { 'content-type': 'application/json', accept: 'application/json' },
              setupRequest: (request) => ({ ...request, body: body() }),
              onResponse: (status, responseBody) => {
                requests += 1;
                if (status !== 200 || responseBody.includes('"errors"')) errors += 1;
              },
            },
          ],
        },
        (error: unknown, result: autocannon.Result) => (error ? reject(error) : resolve(result)),
      );
    });
  });
  const results = await Promise.all(runs);
  for (const result of results) errors += result.errors + result.timeouts;
  const duration = Math.max(...results.map((r) => r.duration));
  return { requests, errors, ok: requests - errors, durationS: duration };
}

export async function runManyCallers(
  deps: ScenarioDeps,
  options: { processes: number; redisUrl?: string; connections: number; warmupS: number; durationS: number },
): Promise<ManyCallersResult> {
  const extra: Record<string, string> = options.redisUrl ? { REDIS_URL: options.redisUrl } : {};
  const gateways: Child[] = [];
  for (let i = 0; i < options.processes; i++) {
    gateways.push(
      await deps.start(
        `manyCallers gateway ${i + 1}`,
        ['--import', deps.probe, ...GATEWAY_ARGS],
        gatewayEnv(deps, extra),
        GRAPHQL_READY,
      ),
    );
  }
  const urls = gateways.map((g) => g.readyLine);
  const bodies = await mixBodies(urls[0] as string);
  deps.log(`manyCallers ×${options.processes}: warm-up ${options.warmupS} s`);
  await runMix(urls, bodies, options.connections, options.warmupS);
  const s0 = await deps.sandbox.ask<SandboxStats>('stats');
  const t0 = performance.now();
  const run = await runMix(urls, bodies, options.connections, options.durationS);
  for (const gateway of gateways) await quiesce(gateway);
  const seconds = (performance.now() - t0) / 1000;
  const s1 = await deps.sandbox.ask<SandboxStats>('stats');
  const upstreamCalls = s1.requests - s0.requests;
  for (const gateway of gateways) await gateway.stop();
  return {
    processes: options.processes,
    connections: options.connections,
    warmupS: options.warmupS,
    durationS: run.durationS,
    requests: run.requests,
    errors: run.errors,
    errorRate: run.requests === 0 ? 1 : run.errors / run.requests,
    upstreamCalls,
    upstreamCallsPerSecond: upstreamCalls / seconds,
    rps: run.ok / run.durationS,
  };
}

async function maxRps(
  url: string,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
  connections: number,
  durationS: number,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, ...init, connections, pipelining: 1, duration: durationS, timeout: 10 },
      (error: unknown, result: autocannon.Result) => (error ? reject(error) : resolve(result)),
    );
  });
}

export async function runCached(
  deps: ScenarioDeps,
  options: { connections: number; warmupS: number; durationS: number },
): Promise<CachedResult> {
  const gateway = await deps.start(
    'cached gateway',
    ['--import', deps.probe, ...GATEWAY_ARGS],
    gatewayEnv(deps, { UPSTREAM_RATE_LIMIT: '1000000000/1s', UPSTREAM_RATE_BURST: '1000000000' }),
    GRAPHQL_READY,
  );
  const graphql = {
    method: 'POST' as const,
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
    },
    body: MEETINGS_REQUEST_BODY,
  };
  const direct = {
    method: 'GET' as const,
    headers: { authorization: `Bearer ${deps.token}`, accept: 'application/json' },
  };
  const directUrl = `${deps.baseUrl}/accounts/${deps.accountId}/realtime/kit/${deps.appId}/meetings?page_no=1&per_page=20`;
  await maxRps(gateway.readyLine, graphql, options.connections, options.warmupS);
  await maxRps(directUrl, direct, options.connections, options.warmupS);
  await quiesce(gateway);
  const p0 = await gateway.probe();
  const cached = await maxRps(gateway.readyLine, graphql, options.connections, options.durationS);
  await quiesce(gateway);
  const p1 = await gateway.probe();
  const straight = await maxRps(directUrl, direct, options.connections, options.durationS);
  for (const result of [cached, straight]) {
    if (result.errors > 0 || result.non2xx > 0 || result.timeouts > 0) {
      throw new Error(
        `cached run invalid: ${result.errors} errors, ${result.non2xx} non-2xx, ${result.timeouts} timeouts`,
      );
    }
  }
  await gateway.stop();
  const rps = cached['2xx'] / cached.duration;
  const directRps = straight['2xx'] / straight.duration;
  return {
    rps,
    directRps,
    rpsVsDirect: rps / directRps,
    cpuUsPerReq: (p1.cpuUs - p0.cpuUs) / Math.max(1, p1.started - p0.started),
  };
}
