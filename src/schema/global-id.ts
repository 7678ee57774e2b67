import { badUserInput } from '../errors.ts';
import { isUuid, type MeetingKey, type ParticipantKey } from '../model.ts';
import { checkSegment } from '../upstream/paths.ts';

// Relay global IDs: base64 of `<Typename>:<local id>`. A meeting's local id encodes its
// account, app and meeting UUID (`<account>:<app>:<uuid>`, account and app
// percent-encoded), so `node(id:)` can fetch it again with no other input.

/** Most ids `nodes` takes, and most representations `_entities` takes per operation. */
export const MAX_IDS = 100;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const MAX_GLOBAL_ID = 400;

export function encodeGlobalID(typename: string, id: string | number | bigint): string {
  return Buffer.from(`${typename}:${id}`, 'utf8').toString('base64');
}

/** Splits a global ID into type name and local id; `BAD_USER_INPUT` when it is not one of ours. */
export function decodeGlobalID(globalID: string): { typename: string; id: string } {
  if (globalID.length === 0 || globalID.length > MAX_GLOBAL_ID || !BASE64.test(globalID)) {
    throw badUserInput(`${JSON.stringify(globalID.slice(0, 80))} is not a valid ID.`);
  }
  const text = Buffer.from(globalID, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0 || encodeGlobalID(text.slice(0, colon), text.slice(colon + 1)) !== globalID) {
    throw badUserInput(`${JSON.stringify(globalID.slice(0, 80))} is not a valid ID.`);
  }
  return { typename: text.slice(0, colon), id: text.slice(colon + 1) };
}

export function meetingLocalId(key: MeetingKey): string {
  return `${encodeURIComponent(key.accountId)}:${encodeURIComponent(key.appId)}:${key.meetingId}`;
}

/** The global ids of recent meetings, by meeting UUID, with the account and app they are for. */
const recentMeetingIds = new Map<string, { accountId: string; appId: string; id: string }>();
const RECENT_MEETING_IDS = 5000;

/**
 * A meeting's Relay global ID. List pages repeat their meetings, so recent ones are
 * remembered, by the meeting's UUID: a key made of the whole local id is a new string for
 * every meeting of every response, built from two `encodeURIComponent`s and hashed whole,
 * which cost more than the base64 it saved. The same UUID in another account or app gets its
 * own id (and takes the entry over).
 */
export function meetingGlobalId(key: MeetingKey): string {
  const recent = recentMeetingIds.get(key.meetingId);
  if (recent !== undefined && recent.accountId === key.accountId && recent.appId === key.appId) {
    return recent.id;
  }
  const id = encodeGlobalID('Meeting', meetingLocalId(key));
  if (recentMeetingIds.size >= RECENT_MEETING_IDS) recentMeetingIds.clear();
  recentMeetingIds.set(key.meetingId, { accountId: key.accountId, appId: key.appId, id });
  return id;
}

/** The meeting a local id names; `BAD_USER_INPUT` when it is malformed or unsafe. */
export function parseMeetingLocalId(id: string): MeetingKey {
  const parts = id.split(':');
  const [account, app, meetingId] = parts;
  if (
    parts.length !== 3 ||
    account === undefined ||
    app === undefined ||
    meetingId === undefined ||
    !isUuid(meetingId)
  ) {
    throw badUserInput('The ID is not a valid meeting ID.');
  }
  let accountId: string;
  let appId: string;
  try {
    accountId = decodeURIComponent(account);
    appId = decodeURIComponent(app);
  } catch {
    throw badUserInput('The ID is not a valid meeting ID.');
  }
  return {
    accountId: checkSegment('accountId', accountId),
    appId: checkSegment('appId', appId),
    meetingId: meetingId.toLowerCase(),
  };
}

/** A participant's local id: its meeting's local id, then the participant UUID. */
export function participantLocalId(key: ParticipantKey): string {
  return `${meetingLocalId(key)}:${key.participantId}`;
}

/** The participant a local id names; `BAD_USER_INPUT` when it is malformed or unsafe. */
export function parseParticipantLocalId(id: string): ParticipantKey {
  const colon = id.lastIndexOf(':');
  const participantId = id.slice(colon + 1);
  if (colon < 0 || !isUuid(participantId)) throw badUserInput('The ID is not a valid participant ID.');
  let meeting: MeetingKey;
  try {
    meeting = parseMeetingLocalId(id.slice(0, colon));
  } catch {
    throw badUserInput('The ID is not a valid participant ID.');
  }
  return { ...meeting, participantId: participantId.toLowerCase() };
}

/**
 * The key of a global ID that must be of type `typename` (`argument` names the input in
 * the error): `BAD_USER_INPUT` when it is malformed or of another type.
 */
export function meetingKeyFromGlobalId(globalId: string, argument: string): MeetingKey {
  const { typename, id } = decodeGlobalID(globalId);
  if (typename !== 'Meeting') {
    throw badUserInput(
      `"${argument}" must be a Meeting ID, got an ID of type ${JSON.stringify(typename.slice(0, 40))}.`,
    );
  }
  return parseMeetingLocalId(id);
}

export function participantKeyFromGlobalId(globalId: string, argument: string): ParticipantKey {
  const { typename, id } = decodeGlobalID(globalId);
  if (typename !== 'Participant') {
    throw badUserInput(
      `"${argument}" must be a Participant ID, got an ID of type ${JSON.stringify(typename.slice(0, 40))}.`,
    );
  }
  return parseParticipantLocalId(id);
}
