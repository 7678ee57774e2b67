// Fault injection for the sandbox: a FIFO queue of misbehaviours. Each incoming request
// consumes the first queued fault whose `match` accepts it; a fault is used up after
// `times` requests (default 1).
import type { RecordedRequest } from './recorded-request.ts';

export type FaultMatch = 'list' | 'get' | 'any' | ((request: RecordedRequest) => boolean);

export interface Fault {
  /** Which requests this fault applies to (default `'any'`). */
  match?: FaultMatch;
  /** How many requests it applies to before it is used up (default 1). */
  times?: number;
  /** Wait this long first; then answer with `status`, reset, hang, or, if none of those, answer normally. */
  delayMs?: number;
  /**
   * Answer with this status instead of the normal answer. Body: `body` if given (a string
   * is sent as-is, anything else as JSON), else a RealtimeKit error envelope for the status.
   * The content-type is application/json unless `headers` sets another.
   */
  status?: number;
  body?: string | object;
  /** Extra response headers, e.g. `{'retry-after': '0'}`; they may override `content-type`. */
  headers?: Record<string, string>;
  /** Destroy the connection without answering. */
  reset?: boolean;
  /** Never answer (the socket stays open until the client gives up or the sandbox closes). */
  hang?: boolean;
}

interface QueuedFault {
  fault: Fault;
  remaining: number;
}

export class FaultQueue {
  #queue: QueuedFault[] = [];

  /** Queues a fault. Throws on a contradictory fault (more than one of status/reset/hang) or bad `times`. */
  push(fault: Fault): void {
    const outcomes = [fault.status !== undefined, fault.reset === true, fault.hang === true];
    if (outcomes.filter(Boolean).length > 1) {
      throw new TypeError('A fault can have only one of status, reset and hang');
    }
    const times = fault.times ?? 1;
    if (!Number.isSafeInteger(times) || times < 1)
      throw new RangeError('fault.times must be an integer >= 1');
    if (fault.delayMs !== undefined && !(fault.delayMs >= 0))
      throw new RangeError('fault.delayMs must be >= 0');
    this.#queue.push({ fault, remaining: times });
  }

  /** Consumes one use of the first queued fault matching `request`, and returns it. */
  take(request: RecordedRequest): Fault | undefined {
    const index = this.#queue.findIndex((entry) => matches(entry.fault.match ?? 'any', request));
    const entry = this.#queue[index];
    if (entry === undefined) return undefined;
    entry.remaining--;
    if (entry.remaining === 0) this.#queue.splice(index, 1);
    return entry.fault;
  }

  /** Number of faults still queued. */
  get size(): number {
    return this.#queue.length;
  }

  clear(): void {
    this.#queue = [];
  }
}

function matches(match: FaultMatch, request: RecordedRequest): boolean {
  if (typeof match === 'function') return match(request);
  return match === 'any' || match === request.kind;
}
