/**
 * The sandbox upstream in its own process (so that it does not share an event loop with
 * the load generator). Spawned with an IPC channel by `children.ts`; options come from
 * the environment:
 *   BENCH_SANDBOX_LATENCY_MS  added latency (default 0)
 *   BENCH_SANDBOX_COUNT       number of seeded meetings (default: the seed's default)
 *   BENCH_SANDBOX_TOKEN       required bearer token (default 'x')
 * It prints one JSON line `{"baseUrl": …}` when listening, then answers IPC messages:
 *   { type: 'stats', id }  → running totals of requests, list requests, requested rows
 *                            (sum of per_page of list requests) and accepted TCP connections.
 * The sandbox's request log is folded into the totals and emptied as it goes, so memory
 * stays bounded however long the load lasts.
 */
import { seedMeetings } from '../src/sandbox/seed.ts';
import { startSandbox } from '../src/sandbox/server.ts';

export interface SandboxStats {
  requests: number;
  listRequests: number;
  getRequests: number;
  /** Sum of `per_page` over list requests. */
  rowsRequested: number;
  /** Accepted TCP connections since start. */
  connections: number;
}

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`);
  return value;
}

const latencyMs = envInt('BENCH_SANDBOX_LATENCY_MS', 0);
const count = process.env.BENCH_SANDBOX_COUNT ? envInt('BENCH_SANDBOX_COUNT', 240) : undefined;
const sandbox = await startSandbox({
  latencyMs,
  requiredToken: process.env.BENCH_SANDBOX_TOKEN ?? 'x',
  // The stats below count recorded requests (folded and dropped every second).
  recordRequests: true,
  ...(count === undefined ? {} : { meetings: seedMeetings({ count }) }),
});

const totals: SandboxStats = {
  requests: 0,
  listRequests: 0,
  getRequests: 0,
  rowsRequested: 0,
  connections: 0,
};

function fold(): SandboxStats {
  const batch = sandbox.requests.splice(0);
  for (const request of batch) {
    totals.requests++;
    if (request.kind === 'list') {
      totals.listRequests++;
      totals.rowsRequested += Number(request.query.per_page ?? 0);
    } else if (request.kind === 'get') {
      totals.getRequests++;
    }
  }
  totals.connections = sandbox.connections;
  return { ...totals };
}

const folding = setInterval(fold, 1000);
folding.unref();

process.on('message', (message: unknown) => {
  const m = message as { type?: unknown; id?: unknown };
  if (m?.type === 'stats' && typeof m.id === 'number') process.send?.({ type: 'stats', id: m.id, ...fold() });
});

const stop = () => {
  clearInterval(folding);
  void sandbox.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

process.stdout.write(
  `${JSON.stringify({ baseUrl: sandbox.baseUrl, latencyMs, meetings: sandbox.meetings.length })}\n`,
);
