import { randomUUID } from 'node:crypto';
import type { RequestHeaders } from '../request-headers.ts';

// The id of one HTTP request: the caller's `x-request-id` when it is a plain token of at
// most 128 characters (letters, digits, `.`, `_`, `-`, `:`), a new UUID otherwise. Decided
// once per request; the request log, the response header and upstream calls all use it.

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const ids = new WeakMap<RequestHeaders, string>();

export function requestIdFrom(header: string | null): string {
  return header !== null && REQUEST_ID.test(header) ? header : randomUUID();
}

export function requestIdOf(request: RequestHeaders): string {
  let id = ids.get(request);
  if (id === undefined) {
    id = requestIdFrom(request.headers.get('x-request-id'));
    ids.set(request, id);
  }
  return id;
}
