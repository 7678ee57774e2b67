import type { CORSOptions } from 'graphql-yoga';

/**
 * Yoga's `cors` option from CORS_ORIGINS:
 * - none configured → `false`: no CORS headers at all, so browsers only allow same-origin use;
 * - `*` → any origin is echoed back (without credentials);
 * - a list → a request whose `Origin` is in it gets CORS headers for that origin; any
 *   other origin gets none.
 * Allowed: GET, POST and OPTIONS, the request's headers, `x-request-id` exposed; no
 * credentials (callers authenticate with a bearer header, not cookies).
 */
export function corsOptions(origins: readonly string[]): false | ((request: Request) => CORSOptions) {
  if (origins.length === 0) return false;
  const any = origins.includes('*');
  const allowed = new Set(origins);
  return (request) => {
    const origin = request.headers.get('origin');
    if (origin === null || (!any && !allowed.has(origin))) return false;
    return {
      origin: [origin],
      methods: ['GET', 'POST', 'OPTIONS'],
      exposedHeaders: ['x-request-id'],
      credentials: false,
      maxAge: 600,
    };
  };
}
