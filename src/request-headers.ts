import type { IncomingHttpHeaders } from 'node:http';

// What the gateway reads of a request below its HTTP layer (context, caller authentication,
// request id): its headers, by name. A fetch `Request` is one; a node:http request is read
// through `nodeRequestHeaders`, without building a `Request` (the short path's case).

export interface RequestHeaders {
  readonly headers: { get(name: string): string | null };
}

/** The headers of a node:http request, read as a fetch `Headers` reads them (lower-case names). */
export function nodeRequestHeaders(headers: IncomingHttpHeaders): RequestHeaders {
  return {
    headers: {
      get(name) {
        const value = headers[name.toLowerCase()];
        if (value === undefined) return null;
        return typeof value === 'string' ? value : value.join(', ');
      },
    },
  };
}
