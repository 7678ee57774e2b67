import { badUserInput } from '../errors.ts';
import type { MeetingKey, ParticipantKey } from '../model.ts';

// Builds upstream paths from caller-supplied ids. Every segment is checked first: an id
// that could change the path (`/`, `\`, `..`, `?`, `#`, control characters), an empty one
// one longer than 64 characters, or a string that is not
// well-formed Unicode (a lone surrogate) is `BAD_USER_INPUT`, before any upstream call. Checked
// segments are then percent-encoded.

const MAX_SEGMENT = 64;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects
const UNSAFE = /[/\\?#\u0000-\u001f\u007f]|\.\./;

export function checkSegment(name: string, value: string): string {
  if (value.length === 0) throw badUserInput(`"${name}" must not be empty.`);
  if (value.length > MAX_SEGMENT) {
    throw badUserInput(`"${name}" must be at most ${MAX_SEGMENT} characters, got ${value.length}.`);
  }
  if (!value.isWellFormed()) {
    // A lone UTF-16 surrogate cannot be percent-encoded (encodeURIComponent throws).
    throw badUserInput(`"${name}" is not a well-formed Unicode string.`);
  }
  if (value === '.' || UNSAFE.test(value)) {
    throw badUserInput(
      `"${name}" contains characters that are not allowed in an id: ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

/** `/accounts/{account_id}/realtime/kit/{app_id}/meetings`, from already checked ids. */
export function meetingsPath(accountId: string, appId: string): string {
  return `/accounts/${encodeURIComponent(accountId)}/realtime/kit/${encodeURIComponent(appId)}/meetings`;
}

/** `/accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}`, from already checked ids. */
export function meetingPath(key: MeetingKey): string {
  return `${meetingsPath(key.accountId, key.appId)}/${encodeURIComponent(key.meetingId)}`;
}

/** `…/meetings/{meeting_id}/participants`, from already checked ids. */
export function participantsPath(key: MeetingKey): string {
  return `${meetingPath(key)}/participants`;
}

/** `…/meetings/{meeting_id}/participants/{participant_id}`, from already checked ids. */
export function participantPath(key: ParticipantKey): string {
  return `${participantsPath(key)}/${encodeURIComponent(key.participantId)}`;
}

/** `…/meetings/{meeting_id}/active-session`, from already checked ids. */
export function activeSessionPath(key: MeetingKey): string {
  return `${meetingPath(key)}/active-session`;
}
