// An embedded, RealtimeKit-compatible upstream on loopback, in memory: the meetings,
// participants and active-session endpoints under a Cloudflare-like base path, with
// optional bearer-token check, fixed added latency, a request log (bodies included), a
// connection counter and fault injection.
//
// Routes (all under `{baseUrl}/accounts/{account_id}/realtime/kit/{app_id}`):
// - `GET /meetings` → `{success:true, data: WireMeeting[] (without ai_config), paging}`;
//   bad `page_no`/`per_page`/`status`/`start_time`/`end_time` → 400 RealtimeKit envelope.
//   `POST /meetings` creates one (201), listed first from then on.
// - `GET|PATCH /meetings/{meeting_id}` → `{success:true, data: WireMeeting}`; unknown → 404.
// - `GET|POST /meetings/{meeting_id}/participants` (paged like meetings; POST answers 201
//   with a join token), `GET|PATCH|DELETE …/participants/{participant_id}`,
//   `POST …/participants/{participant_id}/token`.
// - `GET /meetings/{meeting_id}/active-session` → 200 for live meetings, 404 otherwise.
// Write bodies are checked as strictly as `write-shapes.ts` says (unknown fields → 400).
//
// Error answers are described in `answer.ts`. Every answer has an exact content-length,
// is `application/json` (unless a fault's headers say otherwise) and leaves the connection
// open. A queued fault is consumed when a request arrives; the configured latency plus the
// fault's delay are then waited before anything is sent.
import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createAnswerer, INVALID_JSON, type Reply } from './answer.ts';
import { MeetingCatalog } from './catalog.ts';
import { realtimeKitError } from './envelopes.ts';
import { type Fault, FaultQueue } from './faults.ts';
import { ParticipantStore, seedParticipants, type WireParticipant } from './participants.ts';
import type { RecordedRequest, RequestKind } from './recorded-request.ts';
import { BASE_PATH, parseTarget, type Route } from './route.ts';
import { DEFAULT_ACCOUNT_ID, DEFAULT_APP_ID, seedMeetings } from './seed.ts';
import type { WireMeeting } from './wire.ts';

export { cloudflareError, realtimeKitError } from './envelopes.ts';
export type { Fault, FaultMatch } from './faults.ts';
export type { RecordedRequest, RequestKind } from './recorded-request.ts';

export interface SandboxOptions {
  /** Bind address (default `127.0.0.1`). */
  host?: string;
  /** Port (default 0: an ephemeral port). */
  port?: number;
  /** The only account id served (default `DEFAULT_ACCOUNT_ID`). */
  accountId?: string;
  /** The only app id served (default `DEFAULT_APP_ID`). */
  appId?: string;
  /** Meetings served at start (default `seedMeetings()`); writes change the sandbox's copy only. */
  meetings?: WireMeeting[];
  /** Participants per meeting id at start (default `seedParticipants(meetings)`: 150 for the first meeting, 0 to 6 for the others). */
  participants?: Map<string, WireParticipant[]>;
  /** Meetings with a live session (default every 7th meeting, the first included). */
  liveMeetings?: readonly string[];
  /** When set, every request needs `Authorization: Bearer <requiredToken>`. */
  requiredToken?: string;
  /** Delay added before every answer, in milliseconds (default 0). */
  latencyMs?: number;
  /**
   * Serve at most this many items per page, whatever `per_page` asked, numbering pages by
   * the capped size (as an upstream with a lower limit would); offsets stay truthful.
   */
  perPageCap?: number;
  /**
   * Keep every request in `requests` (tests and benchmarks that count calls). Default false:
   * a sandbox left running for a demo or as a dev upstream must not grow without bound, so
   * only `requestCount` is kept.
   */
  recordRequests?: boolean;
}

export interface Sandbox {
  /** E.g. `http://127.0.0.1:PORT/client/v4`; clients append `/accounts/…`. */
  baseUrl: string;
  port: number;
  accountId: string;
  appId: string;
  meetings: readonly WireMeeting[];
  /**
   * Every request received since start or the last `reset()`, in arrival order, when
   * `recordRequests` is set; always empty otherwise.
   */
  requests: RecordedRequest[];
  /** Requests received since start or the last `reset()`, recorded or not. */
  readonly requestCount: number;
  /** TCP connections accepted since start or the last `reset()`. */
  readonly connections: number;
  /** Queues a fault; see `Fault`. */
  inject(fault: Fault): void;
  /** Clears the request log, queued faults and the connection counter. */
  reset(): void;
  /** Stops listening and destroys every open socket, hung requests included. Idempotent. */
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  const appId = options.appId ?? DEFAULT_APP_ID;
  const meetings = options.meetings ?? seedMeetings();
  const latencyMs = options.latencyMs ?? 0;
  if (!(latencyMs >= 0)) throw new RangeError('latencyMs must be >= 0');
  const answer = createAnswerer({
    accountId,
    appId,
    catalog: new MeetingCatalog(meetings, options.perPageCap),
    participants: new ParticipantStore(
      options.participants ?? seedParticipants(meetings),
      options.perPageCap,
    ),
    live: new Set(options.liveMeetings ?? meetings.filter((_, i) => i % 7 === 0).map((m) => m.id)),
    requiredToken: options.requiredToken,
  });
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let connections = 0;
  let requestCount = 0;
  let closing: Promise<void> | undefined;

  const wait = (ms: number, then: () => void): void => {
    if (ms <= 0) {
      then();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      then();
    }, ms);
    timers.add(timer);
  };

  const server = createServer((req, res) => {
    const at = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => handle(req, res, at, Buffer.concat(chunks).toString('utf8')));
  });

  const handle = (req: IncomingMessage, res: ServerResponse, at: number, text: string): void => {
    const target = parseTarget(req.url ?? '/');
    const body = parseBody(text);
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: target.path,
      query: target.query,
      authorization: req.headers.authorization,
      kind: kindOf(req.method, target.route),
      at,
      ...(body === undefined ? {} : { body: body === INVALID_JSON ? text : body }),
    };
    requestCount++;
    if (options.recordRequests) requests.push(recorded);
    const fault = faults.take(recorded);

    wait(latencyMs + (fault?.delayMs ?? 0), () => {
      if (res.destroyed || closing !== undefined) return;
      if (fault?.reset) {
        req.socket.destroy();
      } else if (fault?.hang) {
        // Never answer; close() destroys the socket.
      } else if (fault?.status !== undefined) {
        send(res, faultReply(fault.status, fault.body, fault.headers));
      } else {
        send(res, answer(recorded.method, recorded.authorization, target, body));
      }
    });
  };

  server.on('connection', (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    baseUrl: `http://${urlHost}:${port}${BASE_PATH}`,
    port,
    accountId,
    appId,
    meetings,
    requests,
    get connections() {
      return connections;
    },
    get requestCount() {
      return requestCount;
    },
    inject: (fault) => faults.push(fault),
    reset: () => {
      requests.length = 0;
      requestCount = 0;
      faults.clear();
      connections = 0;
    },
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        faults.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

function kindOf(method: string | undefined, route: Route): RequestKind {
  if (route.name === 'unknown' || route.name === 'malformed' || route.name === 'token') {
    return route.name === 'token' && method === 'POST' ? 'write' : 'other';
  }
  if (method === 'POST' || method === 'PATCH' || method === 'DELETE') return 'write';
  if (method !== 'GET') return 'other';
  return route.name;
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return INVALID_JSON;
  }
}

/** Writes a reply with a JSON content-type (unless the reply overrides it) and an exact content-length. */
function send(res: ServerResponse, reply: Reply): void {
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json',
    ...reply.headers,
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * A fault's answer: `body` as-is if a string, as JSON otherwise, a RealtimeKit error
 * envelope for the status if absent. Content-type stays application/json unless the
 * fault's headers (names matched case-insensitively) say otherwise.
 */
function faultReply(
  status: number,
  body: string | object | undefined,
  headers: Record<string, string> = {},
): Reply {
  return {
    status,
    body: body ?? realtimeKitError(status, STATUS_CODES[status] ?? 'Error'),
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])),
  };
}
