// The sandbox upstream's normal (fault-free) answer to one request, as plain data.
//
// Checks, in order: bearer token (401, Cloudflare envelope code 10000), route (404,
// Cloudflare code 7000), account/app (404, Cloudflare code 7003), method (405, RealtimeKit
// envelope), then the endpoint itself: list query (400, RealtimeKit envelope) or meeting
// id (404 `Meeting not found`, RealtimeKit envelope).
import type { MeetingCatalog } from './catalog.ts';
import { cloudflareError, realtimeKitError } from './envelopes.ts';
import { parseListQuery } from './list-query.ts';
import type { ParsedTarget } from './route.ts';

export interface Reply {
  status: number;
  /** A string is sent as-is; anything else as JSON. */
  body: string | object;
  headers?: Record<string, string>;
}

export interface AnswerSettings {
  accountId: string;
  appId: string;
  catalog: MeetingCatalog;
  /** When set, the exact token every request must present as `Authorization: Bearer <token>`. */
  requiredToken: string | undefined;
}

export type Answerer = (method: string, authorization: string | undefined, target: ParsedTarget) => Reply;

export function createAnswerer(settings: AnswerSettings): Answerer {
  const { accountId, appId, catalog } = settings;
  const bearer = settings.requiredToken === undefined ? undefined : `Bearer ${settings.requiredToken}`;

  return (method, authorization, { route, query }) => {
    if (bearer !== undefined && authorization !== bearer) {
      return { status: 401, body: cloudflareError(10000, 'Authentication error') };
    }
    if (route.name === 'unknown')
      return { status: 404, body: cloudflareError(7000, 'No route for that URI') };
    if (route.name === 'malformed') {
      return { status: 400, body: realtimeKitError(400, 'The request path is not valid percent-encoding') };
    }
    if (route.accountId !== accountId || route.appId !== appId) {
      const path = `/accounts/${route.accountId}/realtime/kit/${route.appId}/meetings`;
      return {
        status: 404,
        body: cloudflareError(7003, `Could not route to ${path}, perhaps your object identifier is invalid?`),
      };
    }
    if (method !== 'GET') {
      return {
        status: 405,
        body: realtimeKitError(405, `Method ${method} not allowed`),
        headers: { allow: 'GET' },
      };
    }
    if (route.name === 'get') {
      const body = catalog.getBody(route.meetingId);
      return body === undefined
        ? { status: 404, body: realtimeKitError(404, 'Meeting not found') }
        : { status: 200, body };
    }
    const parsed = parseListQuery(query);
    if (!parsed.ok) return { status: 400, body: realtimeKitError(400, parsed.message) };
    return { status: 200, body: catalog.listBody(parsed.query) };
  };
}
