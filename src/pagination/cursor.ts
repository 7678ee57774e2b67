/**
 * Opaque, versioned cursors for Relay connections over the upstream's ordered list.
 *
 * A cursor names a 0-based position in the list *under one filter set*: it is the
 * base64url (no padding) of `v1:<position>:<fingerprint>`, where the fingerprint is the
 * first 12 characters of the base64url SHA-256 of the filter key (`filters.ts`).
 * Clients must treat cursors as opaque; the format only has to stay decodable by us.
 */
import { createHash } from 'node:crypto';
import { badUserInput, isGatewayError } from '../errors.ts';

/** Longest string `decodeCursor` will look at; real cursors are about 30 characters. */
export const MAX_CURSOR_LENGTH = 200;

/**
 * Largest position a cursor may hold. It leaves enough headroom below
 * `Number.MAX_SAFE_INTEGER` for window and page arithmetic on it to stay exact.
 */
export const MAX_CURSOR_POSITION = 2 ** 52;

const FINGERPRINT_LENGTH = 12;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const PAYLOAD_V1 = /^v1:(0|[1-9][0-9]{0,15}):([A-Za-z0-9_-]{12})$/;
const ANY_VERSION = /^v[0-9]+:/;

/** The short hash of a filter key that cursors carry. */
export function filterFingerprint(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('base64url').slice(0, FINGERPRINT_LENGTH);
}

/**
 * Returns a function that encodes positions under one filter key; it hashes the key
 * once, so use it when encoding a whole page of edges.
 * The returned function throws a `RangeError` (a programming error, not user input) for a
 * position that is not an integer in [0, MAX_CURSOR_POSITION].
 */
export function cursorEncoder(key: string): (position: number) => string {
  const fingerprint = filterFingerprint(key);
  return (position) => {
    if (!Number.isInteger(position) || position < 0 || position > MAX_CURSOR_POSITION) {
      throw new RangeError(
        `Cursor position must be an integer in [0, ${MAX_CURSOR_POSITION}], got ${position}.`,
      );
    }
    return Buffer.from(`v1:${position}:${fingerprint}`, 'latin1').toString('base64url');
  };
}

/** Encodes one position under a filter key. Same contract as `cursorEncoder`. */
export function encodeCursor(position: number, key: string): string {
  return cursorEncoder(key)(position);
}

/**
 * Decodes a cursor made by `encodeCursor` under the same filter key and returns its
 * 0-based position.
 *
 * Every rejection is a `badUserInput` error (GraphQLError, `extensions.code`
 * `BAD_USER_INPUT`) whose message names `argument` (e.g. `"after"`); no other exception
 * can escape, whatever the input. Rejected: non-strings, the empty string, strings over
 * MAX_CURSOR_LENGTH, anything that is not canonical unpadded base64url, payloads of
 * another version, positions that are not canonical decimal integers in
 * [0, MAX_CURSOR_POSITION] (no sign, no leading zeros, no exponent), and cursors whose
 * fingerprint belongs to another filter set. `key` undefined skips that last check (for
 * the cost prediction, which decodes cursors of lists it cannot name yet).
 */
export function decodeCursor(cursor: string, key: string | undefined, argument = 'cursor'): number {
  try {
    return decodeOrReject(cursor, key, argument);
  } catch (error) {
    if (isGatewayError(error)) throw error;
    throw badUserInput(`"${argument}" is not a valid cursor.`);
  }
}

function decodeOrReject(cursor: unknown, key: string | undefined, argument: string): number {
  if (typeof cursor !== 'string') {
    throw badUserInput(`"${argument}" must be a cursor string, got ${typeof cursor}.`);
  }
  if (cursor.length > MAX_CURSOR_LENGTH) {
    throw badUserInput(
      `"${argument}" is too long to be a cursor (${cursor.length} characters, at most ${MAX_CURSOR_LENGTH}).`,
    );
  }
  const invalid = () => badUserInput(`"${argument}" is not a valid cursor: ${JSON.stringify(cursor)}.`);
  if (!BASE64URL.test(cursor)) throw invalid();
  const bytes = Buffer.from(cursor, 'base64url');
  // Node ignores stray trailing bits; re-encoding catches every non-canonical spelling.
  if (bytes.toString('base64url') !== cursor) throw invalid();
  const payload = bytes.toString('latin1');
  const match = PAYLOAD_V1.exec(payload);
  if (match === null) {
    if (ANY_VERSION.test(payload) && !payload.startsWith('v1:')) {
      throw badUserInput(`"${argument}" is a cursor of an unsupported version: ${JSON.stringify(cursor)}.`);
    }
    throw invalid();
  }
  const position = Number(match[1]);
  if (!Number.isSafeInteger(position) || position > MAX_CURSOR_POSITION) throw invalid();
  if (key !== undefined && match[2] !== filterFingerprint(key)) {
    throw badUserInput(
      `"${argument}" is a cursor that belongs to other filters; use cursors only with the filters they came from.`,
    );
  }
  return position;
}
