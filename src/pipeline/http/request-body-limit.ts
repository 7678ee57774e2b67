import type { Plugin } from 'graphql-yoga';
import { GatewayError } from '../../errors.ts';

/** The byte count a `Content-Length` header declares; undefined when it is missing or not a number. */
export function declaredLength(header: string | null | undefined): number | undefined {
  // Digits only (RFC 9110): `Number()` alone would also take "1e3", "0x10" or " 7 ".
  return header != null && /^\d{1,15}$/.test(header) ? Number(header) : undefined;
}

/**
 * Caps the size of request bodies by their `Content-Length`, before anything is read.
 * Replaces yoga's default limit (`maxRequestBodySize`), which re-streams every body
 * through a TransformStream and costs a DOMException per request (see `npm run bench`).
 * A POST without `Content-Length` (a chunked upload) is refused: every GraphQL client
 * sends one for a JSON body.
 */
export function useRequestBodyLimit(maxBytes: number): Plugin {
  const refuse = (status: number, message: string) => {
    throw new GatewayError('BAD_USER_INPUT', message, { httpStatus: status });
  };
  return {
    onRequestParse({ request }) {
      if (request.method !== 'POST') return;
      const header = request.headers.get('content-length');
      if (header === null) refuse(411, 'Send the request body with a Content-Length header.');
      const length = declaredLength(header) ?? Number.NaN;
      if (Number.isNaN(length)) refuse(400, 'The Content-Length header is not a number.');
      if (length > maxBytes) refuse(413, `The request body is ${length} bytes; the limit is ${maxBytes}.`);
    },
  };
}
