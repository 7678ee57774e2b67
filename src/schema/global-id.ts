import { badUserInput } from '../errors.ts';
import { isUuid, type MeetingKey } from '../model.ts';
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
