// The sandbox upstream's normal (fault-free) answer to one request, as plain data.
//
// Checks, in order: bearer token (401, Cloudflare envelope code 10000), route (404,
// Cloudflare code 7000), account/app (404, Cloudflare code 7003), method (405, RealtimeKit
// envelope), then the endpoint itself: list query (400, RealtimeKit envelope), meeting or
// participant id (404, RealtimeKit envelope), write body (400 naming the first field that
// does not fit `write-shapes.ts`).
//
// Writes change the store: a created meeting is listed at once (newest first), an added
// participant pages like the rest, a meeting updated to INACTIVE is filtered as such.
import { randomUUID } from 'node:crypto';
import type { MeetingCatalog } from './catalog.ts';
import { cloudflareError, realtimeKitError } from './envelopes.ts';
import { parseListQuery } from './list-query.ts';
import { joinToken, type ParticipantStore, type WireParticipant } from './participants.ts';
import type { ParsedTarget, Route } from './route.ts';
import type { WireMeeting } from './wire.ts';
import {
  ADD_PARTICIPANT,
  CREATE_MEETING,
  checkShape,
  EDIT_PARTICIPANT,
  UPDATE_MEETING,
} from './write-shapes.ts';

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
  participants: ParticipantStore;
  /** Meetings with a live session. */
  live: ReadonlySet<string>;
  /** When set, the exact token every request must present as `Authorization: Bearer <token>`. */
  requiredToken: string | undefined;
}

export type Answerer = (
  method: string,
  authorization: string | undefined,
  target: ParsedTarget,
  /** The parsed JSON body; `undefined` when there was none, `INVALID_JSON` when it did not parse. */
  body: unknown,
) => Reply;

export const INVALID_JSON = Symbol('invalid JSON');

const METHODS: Record<Exclude<Route['name'], 'unknown' | 'malformed'>, string[]> = {
  list: ['GET', 'POST'],
  get: ['GET', 'PATCH'],
  participants: ['GET', 'POST'],
  participant: ['GET', 'PATCH', 'DELETE'],
  token: ['POST'],
  session: ['GET'],
};

const notFound = (what: string): Reply => ({ status: 404, body: realtimeKitError(404, `${what} not found`) });
const badRequest = (message: string): Reply => ({ status: 400, body: realtimeKitError(400, message) });
const ok = (data: unknown, status = 200): Reply => ({ status, body: { success: true, data } });

export function createAnswerer(settings: AnswerSettings): Answerer {
  const { accountId, appId, catalog, participants, live } = settings;
  const bearer = settings.requiredToken === undefined ? undefined : `Bearer ${settings.requiredToken}`;

  const checkedBody = (body: unknown, shape: Parameters<typeof checkShape>[1]): Reply | undefined => {
    if (body === INVALID_JSON) return badRequest('The request body is not JSON');
    const problem = checkShape(body ?? {}, shape);
    return problem === undefined ? undefined : badRequest(problem);
  };

  return (method, authorization, { route, query }, body) => {
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
    const allowed = METHODS[route.name];
    if (!allowed.includes(method)) {
      return {
        status: 405,
        body: realtimeKitError(405, `Method ${method} not allowed`),
        headers: { allow: allowed.join(', ') },
      };
    }

    if (route.name === 'list') {
      if (method === 'POST') {
        const problem = checkedBody(body, CREATE_MEETING);
        if (problem) return problem;
        const now = new Date().toISOString();
        const meeting = {
          id: randomUUID(),
          status: 'ACTIVE',
          session_keep_alive_time_in_secs: 60,
          ...(body as object),
          created_at: now,
          updated_at: now,
        } as WireMeeting;
        catalog.put(meeting);
        return ok(meeting, 201);
      }
      const parsed = parseListQuery(query);
      if (!parsed.ok) return badRequest(parsed.message);
      return { status: 200, body: catalog.listBody(parsed.query) };
    }

    const meeting = catalog.get(route.meetingId);
    if (route.name === 'get') {
      if (method === 'PATCH') {
        if (!meeting) return notFound('Meeting');
        const problem = checkedBody(body, UPDATE_MEETING);
        if (problem) return problem;
        const updated = {
          ...meeting,
          ...(body as object),
          updated_at: new Date().toISOString(),
        } as WireMeeting;
        catalog.put(updated);
        return ok(updated);
      }
      const found = catalog.getBody(route.meetingId);
      return found === undefined ? notFound('Meeting') : { status: 200, body: found };
    }
    if (!meeting) return notFound('Meeting');

    if (route.name === 'session') {
      if (!live.has(meeting.id)) {
        return notFound(`Active session for meeting_id ${meeting.id}`);
      }
      return ok(activeSession(meeting, participants.count(meeting.id)));
    }

    if (route.name === 'participants') {
      if (method === 'POST') {
        const problem = checkedBody(body, ADD_PARTICIPANT);
        if (problem) return problem;
        const added = participants.add(meeting.id, body as WireParticipant);
        return ok({ ...added, token: joinToken() }, 201);
      }
      const parsed = parseListQuery(query);
      if (!parsed.ok) return badRequest(parsed.message);
      return {
        status: 200,
        body: participants.listBody(meeting.id, parsed.query.pageNo, parsed.query.perPage),
      };
    }

    const participant = participants.get(meeting.id, route.participantId);
    if (!participant) return notFound(`Participant ${route.participantId}`);
    if (route.name === 'token') return ok({ token: joinToken() });
    if (method === 'GET') return ok(participant);
    if (method === 'DELETE') {
      const removed = participants.remove(meeting.id, participant.id) as WireParticipant;
      return ok({
        custom_participant_id: removed.custom_participant_id,
        preset_id: '00000000-0000-4000-8000-000000000000',
        created_at: removed.created_at,
        updated_at: new Date().toISOString(),
      });
    }
    const problem = checkedBody(body, EDIT_PARTICIPANT);
    if (problem) return problem;
    const updated = participants.update(meeting.id, participant.id, body as Partial<WireParticipant>);
    return ok({ ...updated, token: joinToken() });
  };
}

/** A live session's figures, derived from the meeting so that they stay put between calls. */
function activeSession(meeting: WireMeeting, people: number): object {
  const started = meeting.updated_at;
  return {
    id: `${meeting.id.slice(0, 8)}-0000-4000-8000-${meeting.id.slice(-12)}`,
    associated_id: meeting.id,
    meeting_display_name: meeting.title ?? '',
    type: 'meeting',
    status: 'LIVE',
    live_participants: Math.min(people, 5),
    max_concurrent_participants: Math.min(people, 8),
    minutes_consumed: 42.5,
    organization_id: '00000000-0000-4000-8000-000000000001',
    started_at: started,
    ended_at: null,
    created_at: started,
    updated_at: started,
  };
}
