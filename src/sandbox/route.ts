// Maps a request target (`/client/v4/accounts/…?…`) to the sandbox route it addresses.
// Path segments are percent-decoded one by one, so an encoded `/` inside an id stays
// inside that id. Account and app ids are not checked here.

/** Path prefix that makes the sandbox's base URL look like Cloudflare's. */
export const BASE_PATH = '/client/v4';

export type Route =
  | { name: 'list'; accountId: string; appId: string }
  | { name: 'get'; accountId: string; appId: string; meetingId: string }
  | { name: 'participants'; accountId: string; appId: string; meetingId: string }
  | {
      name: 'participant' | 'token';
      accountId: string;
      appId: string;
      meetingId: string;
      participantId: string;
    }
  | { name: 'session'; accountId: string; appId: string; meetingId: string }
  | { name: 'unknown' }
  /** A segment is not valid percent-encoding. */
  | { name: 'malformed' };

export interface ParsedTarget {
  route: Route;
  /** Whole pathname, percent-decoded (raw if it does not decode). */
  path: string;
  /** Query parameters; when a name repeats, the first value wins. */
  query: Record<string, string>;
}

export function parseTarget(target: string): ParsedTarget {
  const end = target.search(/[?#]/);
  const rawPath = end === -1 ? target : target.slice(0, end);
  const rawQuery = end !== -1 && target[end] === '?' ? target.slice(end + 1).split('#')[0] : '';

  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQuery)) {
    if (!Object.hasOwn(query, key)) query[key] = value;
  }

  return { route: matchRoute(rawPath), path: safeDecode(rawPath) ?? rawPath, query };
}

function matchRoute(rawPath: string): Route {
  if (!rawPath.startsWith(`${BASE_PATH}/`)) return { name: 'unknown' };
  const segments: string[] = [];
  for (const raw of rawPath.slice(BASE_PATH.length + 1).split('/')) {
    const segment = safeDecode(raw);
    if (segment === undefined) return { name: 'malformed' };
    segments.push(segment);
  }
  const [accounts, accountId, realtime, kit, appId, meetings, meetingId, ...rest] = segments;
  if (
    accounts !== 'accounts' ||
    realtime !== 'realtime' ||
    kit !== 'kit' ||
    meetings !== 'meetings' ||
    accountId === undefined ||
    appId === undefined
  ) {
    return { name: 'unknown' };
  }
  if (meetingId === undefined) return { name: 'list', accountId, appId };
  if (meetingId === '' || rest.some((segment) => segment === '')) return { name: 'unknown' };
  const meeting = { accountId, appId, meetingId };
  const [sub, participantId, action, ...more] = rest;
  if (sub === undefined) return { name: 'get', ...meeting };
  if (sub === 'active-session' && participantId === undefined) return { name: 'session', ...meeting };
  if (sub !== 'participants' || more.length > 0) return { name: 'unknown' };
  if (participantId === undefined) return { name: 'participants', ...meeting };
  if (action === undefined) return { name: 'participant', ...meeting, participantId };
  return action === 'token' ? { name: 'token', ...meeting, participantId } : { name: 'unknown' };
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
