import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import type { Plugin } from 'graphql-yoga';
import { GatewayError } from '../../errors.ts';

// CSRF prevention (yoga's plugin) for what a browser may send cross-site without a
// preflight: a GET, or a POST with a form or text/plain body must carry one of
// `CSRF_HEADERS`, which a cross-site page cannot set without CORS approval. A refused
// request gets HTTP 403 and one `FORBIDDEN` error that says which header to send.
//
// The check applies to requests a browser sent from another site, which browsers mark
// with Fetch Metadata (`sec-fetch-site: cross-site` or `same-site`) or, in older ones, an
// `origin` header. Requests without those marks (curl, servers, GraphQL clients outside
// a browser) and same-origin ones, such as GraphiQL's, are not CSRF vectors and pass:
// the contract promises plain `GET /graphql` (GraphQL over HTTP). JSON POSTs always pass.

export const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'apollo-require-preflight'] as const;

function mayBeCrossSite(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null) return site === 'cross-site' || site === 'same-site';
  return request.headers.has('origin');
}

export function useCsrfPrevention(): Plugin {
  const inner = useCSRFPrevention({ requestHeaders: [...CSRF_HEADERS] });
  return {
    onRequestParse(payload) {
      if (!mayBeCrossSite(payload.request)) return;
      try {
        return inner.onRequestParse?.(payload);
      } catch {
        throw new GatewayError(
          'FORBIDDEN',
          'GET and form requests from another site need an "x-graphql-yoga-csrf" header (any value), as a CSRF protection; or send a JSON POST.',
          { httpStatus: 403 },
        );
      }
    },
  };
}
