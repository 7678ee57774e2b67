// What the sandbox remembers about each request it received, in arrival order.

/** `list` and `get` are GET requests on the two meetings routes; everything else is `other`. */
export type RequestKind = 'list' | 'get' | 'other';

export interface RecordedRequest {
  method: string;
  /** Percent-decoded pathname, without the query string (raw if it does not decode). */
  path: string;
  /** Query parameters; when a name repeats, the first value. */
  query: Record<string, string>;
  /** The `Authorization` header as received, if any. */
  authorization: string | undefined;
  kind: RequestKind;
  /** Arrival time, milliseconds since the epoch. */
  at: number;
}
