import type { Plugin } from 'graphql-yoga';

/**
 * `GET /graphql` serves GraphiQL (HTML) or a JSON result depending on `Accept`, so every
 * such answer says `Vary: Accept`: a shared cache must not hand the page to a client that
 * asked for JSON, or the reverse.
 */
export function useVaryAccept(endpoint: string): Plugin {
  return {
    onResponse({ request, response }) {
      if (request.method !== 'GET') return;
      const path = new URL(request.url).pathname;
      if (path !== endpoint) return;
      const vary = response.headers.get('vary');
      if (vary === null) response.headers.set('vary', 'Accept');
      else if (!/(^|,)\s*(accept|\*)\s*(,|$)/i.test(vary)) response.headers.set('vary', `${vary}, Accept`);
    },
  };
}
