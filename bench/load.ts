// autocannon as a library: closed-loop runs at N connections (maximum throughput) and
// paced runs at a fixed overall rate. No pipelining. Every response body is checked
// against the target's verified reference body (byte equality, which implies the right
// number of edges and no `errors`); latencies are kept per response with sub-millisecond
// precision (autocannon's own histogram rounds to whole milliseconds).
import autocannon from 'autocannon';
import { percentileOfSorted } from './stats.ts';

export interface LoadTarget {
  name: string;
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Exact body every response must have. */
  expectBody: string;
}

export interface LoadOptions {
  connections: number;
  durationS: number;
  /** Fixed overall request rate (requests per second, all connections together). */
  overallRate?: number;
}

export interface LoadResult {
  target: string;
  connections: number;
  durationS: number;
  overallRate: number | null;
  /** Completed 2xx responses per second. */
  rps: number;
  sent: number;
  completed: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  firstMismatch: string | null;
}

/** autocannon's client, with the members the pacing relies on. */
interface PacedClient {
  _doRequest: (...args: unknown[]) => void;
  destroyed: boolean;
}

/**
 * Spreads each client's requests evenly over time. autocannon's `overallRate` alone gives
 * every client a quota per second that it spends back to back at the start of each second,
 * so "half the maximum rate" would really be bursts at full load; here each of the C
 * clients sends one request every C / rate seconds, clients phase-shifted, and the
 * autocannon quota (`overallRate`) still caps the rate.
 */
function pacedSetup(rate: number, connections: number): (client: autocannon.Client) => void {
  const intervalMs = (connections / rate) * 1000;
  let index = 0;
  const start = performance.now();
  return (client) => {
    const c = client as unknown as PacedClient;
    const original = c._doRequest.bind(c);
    let next = start + ((index++ % connections) * intervalMs) / connections;
    c._doRequest = (...args: unknown[]) => {
      const now = performance.now();
      const due = Math.max(next, now);
      next = due + intervalMs;
      const wait = due - now;
      if (wait < 0.25) {
        original(...args);
        return;
      }
      setTimeout(() => {
        if (!c.destroyed) original(...args);
      }, wait);
    };
  };
}

export async function runLoad(target: LoadTarget, options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let firstMismatch: string | null = null;
  const rate = options.overallRate;
  const connections =
    rate === undefined ? options.connections : Math.min(options.connections, Math.max(1, rate));
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        method: target.method,
        headers: target.headers,
        ...(target.body === undefined ? {} : { body: target.body }),
        connections,
        pipelining: 1,
        duration: options.durationS,
        timeout: 10,
        verifyBody: (body) => body === target.expectBody,
        ...(rate === undefined
          ? {}
          : {
              overallRate: rate,
              ignoreCoordinatedOmission: true,
              setupClient: pacedSetup(rate, connections),
            }),
      },
      (error: unknown, res: autocannon.Result) => (error ? reject(error) : resolve(res)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
    // Emitted by autocannon for each body verifyBody rejected (not in @types/autocannon).
    (instance as NodeJS.EventEmitter).on('reqMismatch', (body: unknown) => {
      firstMismatch ??= String(body).slice(0, 500);
    });
  });
  const sortedLatencies = Float64Array.from(latencies).sort();
  return {
    target: target.name,
    connections,
    durationS: result.duration,
    overallRate: rate ?? null,
    rps: result['2xx'] / result.duration,
    sent: result.requests.sent,
    completed: result.requests.total,
    p50Ms: percentileOfSorted(sortedLatencies, 50),
    p90Ms: percentileOfSorted(sortedLatencies, 90),
    p99Ms: percentileOfSorted(sortedLatencies, 99),
    maxMs:
      sortedLatencies.length === 0 ? Number.NaN : (sortedLatencies[sortedLatencies.length - 1] as number),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
    firstMismatch,
  };
}

/** Why a run is invalid (any error, timeout, non-2xx or body mismatch, or nothing served), or null. */
export function invalidity(result: LoadResult): string | null {
  const problems: string[] = [];
  if (result.errors > 0) problems.push(`${result.errors} errors`);
  if (result.timeouts > 0) problems.push(`${result.timeouts} timeouts`);
  if (result.non2xx > 0) problems.push(`${result.non2xx} non-2xx`);
  if (result.mismatches > 0)
    problems.push(`${result.mismatches} body mismatches (first: ${result.firstMismatch})`);
  if (result.completed === 0) problems.push('no response');
  return problems.length === 0 ? null : `${result.target}: ${problems.join(', ')}`;
}
