import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/**
 * CSRF prevention (yoga's plugin): a request a browser may send cross-site without a
 * preflight — a GET, or a POST with a form or text/plain body — must carry one of
 * `CSRF_HEADERS`, which a cross-site page cannot set without CORS approval. JSON POSTs
 * (what GraphQL clients send) and GraphiQL's HTML page are not affected. A refused
 * request gets HTTP 403 and one `FORBIDDEN` error that says which header to send.
 */

export const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'apollo-require-preflight'] as const;

export function useCsrfPrevention(): Plugin {
  const inner = useCSRFPrevention({ requestHeaders: [...CSRF_HEADERS] });
  return {
    onRequestParse(payload) {
      try {
        return inner.onRequestParse?.(payload);
      } catch {
        throw createGraphQLError(
          'GET and form requests need an "x-graphql-yoga-csrf" header (any value), as a CSRF protection; or send a JSON POST.',
          { extensions: { code: 'FORBIDDEN', http: { status: 403 } } },
        );
      }
    },
  };
}
