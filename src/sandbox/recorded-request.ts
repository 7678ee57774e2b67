// What the sandbox remembers about each request it received, in arrival order.

/**
 * `list` and `get` are GET requests on the two meetings routes, `participants`,
 * `participant` and `session` GETs of the participants list, one participant and the
 * active session; `write` is any POST, PATCH or DELETE on a known route; everything else
 * is `other`.
 */
export type RequestKind = 'list' | 'get' | 'participants' | 'participant' | 'session' | 'write' | 'other';

export interface RecordedRequest {
  method: string;
  /** Percent-decoded pathname, without the query string (raw if it does not decode). */
  path: string;
  /** Query parameters; when a name repeats, the first value. */
  query: Record<string, string>;
  /** The `Authorization` header as received, if any. */
  authorization: string | undefined;
  kind: RequestKind;
  /** The JSON body as parsed (the raw text if it is not JSON); undefined without a body. */
  body?: unknown;
  /** Arrival time, milliseconds since the epoch. */
  at: number;
}
