import {
  type ActiveSession,
  type Meeting,
  type MeetingKey,
  type Participant,
  type ParticipantKey,
  type ParticipantWithToken,
  UnknownEnumValue,
} from '../model.ts';
import type { FetchedPage } from '../pagination/paged-list.ts';
import { mapEnum, sessionStatuses, sessionTypes } from './enums.ts';
import {
  contractBreak,
  dateTime,
  fail,
  meeting,
  nonNegativeInt,
  object,
  optionalString,
  pagedItems,
  successBody,
  uuid,
} from './parse.ts';

// Checks the bodies of the participant, live-session and write endpoints, like parse.ts
// does for meetings. A join token is read only by the functions whose name says so, and
// is returned beside the participant, never inside it: a `Participant` cannot carry one.

function participant(value: unknown, path: string, meetingKey: MeetingKey): Participant {
  const p = object(value, path);
  const customParticipantId = optionalString(p.custom_participant_id, `${path}.custom_participant_id`);
  if (customParticipantId === null) fail(`${path}.custom_participant_id`, 'a string');
  const presetName = optionalString(p.preset_name, `${path}.preset_name`);
  if (presetName === null) fail(`${path}.preset_name`, 'a string');
  return {
    accountId: meetingKey.accountId,
    appId: meetingKey.appId,
    meetingId: meetingKey.meetingId,
    participantId: uuid(p.id, `${path}.id`),
    customParticipantId,
    name: optionalString(p.name, `${path}.name`),
    picture: optionalString(p.picture, `${path}.picture`),
    presetName,
    createdAt: dateTime(p.created_at, `${path}.created_at`),
    updatedAt: dateTime(p.updated_at, `${path}.updated_at`),
  };
}

function token(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') fail(path, 'a non-empty string');
  return value;
}

/** `GET …/participants`: a page of participants, positioned by the upstream's offsets. */
export function parseParticipantsBody(body: unknown, meetingKey: MeetingKey): FetchedPage<Participant> {
  try {
    return pagedItems(body, (value, path) => participant(value, path, meetingKey));
  } catch (error) {
    contractBreak(error, 'a participant list');
  }
}

/** `GET …/participants/{id}`. */
export function parseParticipantBody(body: unknown, key: ParticipantKey): Participant {
  try {
    const result = participant(successBody(body).data, 'data', key);
    if (result.participantId !== key.participantId) {
      fail('data.id', `the requested participant ${key.participantId}`);
    }
    return result;
  } catch (error) {
    contractBreak(error, 'a participant');
  }
}

/** `POST …/participants` and `PATCH …/participants/{id}`: the participant and its join token. */
export function parseParticipantWithTokenBody(body: unknown, meetingKey: MeetingKey): ParticipantWithToken {
  try {
    const data = object(successBody(body).data, 'data');
    return { participant: participant(data, 'data', meetingKey), token: token(data.token, 'data.token') };
  } catch (error) {
    contractBreak(error, 'a participant');
  }
}

/** `POST …/participants/{id}/token`. */
export function parseTokenBody(body: unknown): string {
  try {
    return token(object(successBody(body).data, 'data').token, 'data.token');
  } catch (error) {
    contractBreak(error, 'a token');
  }
}

/** `DELETE …/participants/{id}`: what the upstream says it removed. */
export function parseRemovedBody(body: unknown): { customParticipantId: string } {
  try {
    const data = object(successBody(body).data, 'data');
    const customParticipantId = optionalString(data.custom_participant_id, 'data.custom_participant_id');
    if (customParticipantId === null) fail('data.custom_participant_id', 'a string');
    return { customParticipantId };
  } catch (error) {
    contractBreak(error, 'a removed participant');
  }
}

/** `POST …/meetings` and `PATCH …/meetings/{id}`: the meeting as it is now, with its AI settings. */
export function parseWrittenMeetingBody(body: unknown, where: Omit<MeetingKey, 'meetingId'>): Meeting {
  try {
    return meeting(successBody(body).data, 'data', where, true);
  } catch (error) {
    contractBreak(error, 'a meeting');
  }
}

/** An optional date-time the upstream may also send as null or the string "null". */
function optionalDateTime(value: unknown, path: string): Date | null {
  if (value === undefined || value === null || value === 'null' || value === '') return null;
  return dateTime(value, path);
}

function number(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(path, 'a non-negative number');
  return value;
}

/** `GET …/active-session`. */
export function parseActiveSessionBody(body: unknown): ActiveSession {
  try {
    const s = object(successBody(body).data, 'data');
    const id = optionalString(s.id, 'data.id');
    if (id === null || id === '') fail('data.id', 'a session id');
    const status = mapEnum(sessionStatuses, s.status);
    if (status === null || status instanceof UnknownEnumValue) fail('data.status', 'LIVE or ENDED');
    // A session type added upstream is shown as null (the field is optional).
    const type = mapEnum(sessionTypes, s.type);
    return {
      sessionId: id,
      status,
      type: type instanceof UnknownEnumValue ? null : type,
      liveParticipants: nonNegativeInt(s.live_participants, 'data.live_participants'),
      maxConcurrentParticipants: nonNegativeInt(
        s.max_concurrent_participants,
        'data.max_concurrent_participants',
      ),
      minutesConsumed: number(s.minutes_consumed, 'data.minutes_consumed'),
      startedAt: dateTime(s.started_at, 'data.started_at'),
      endedAt: optionalDateTime(s.ended_at, 'data.ended_at'),
      createdAt: dateTime(s.created_at, 'data.created_at'),
      updatedAt: dateTime(s.updated_at, 'data.updated_at'),
    };
  } catch (error) {
    contractBreak(error, 'an active session');
  }
}
