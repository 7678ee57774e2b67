// Opaque, versioned cursors for Relay connections over the upstream's ordered list.
//
// A cursor names a 0-based position in the list *under one filter set* (or one meeting's
// participants): it is the base64url (no padding) of `v1:<position>:<fingerprint>`, where
// the fingerprint is the first 12 characters of the base64url SHA-256 of the list key
// (`filters.ts`). The cursors of edges are anchored (`v2:<position>:<fingerprint>:<total>:<id>`):
// they also carry the id of the edge's node and the list's total when the cursor was
// made, so that a list that shifted under the client (a create or a remove) can be
// realigned on the node (`paged-list.ts`). Clients must treat cursors as opaque; the
// format only has to stay decodable by us.
import { createHash } from 'node:crypto';
import { badUserInput, isGatewayError } from '../errors.ts';

/** Longest string `decodeCursor` will look at; real cursors are about 30 (v1) to 100 (v2) characters. */
export const MAX_CURSOR_LENGTH = 200;

/**
 * Largest position a cursor may hold. It leaves enough headroom below
 * `Number.MAX_SAFE_INTEGER` for window and page arithmetic on it to stay exact.
 */
export const MAX_CURSOR_POSITION = 2 ** 52;

const FINGERPRINT_LENGTH = 12;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const PAYLOAD_V1 = /^v1:(0|[1-9][0-9]{0,15}):([A-Za-z0-9_-]{12})$/;
const PAYLOAD_V2 = /^v2:(0|[1-9][0-9]{0,15}):([A-Za-z0-9_-]{12}):(0|[1-9][0-9]{0,15}):([A-Za-z0-9_-]{1,64})$/;
const NODE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Where an anchored cursor's node was, and how long the list was, when it was made. */
export interface CursorAnchor {
  /** The node's id in the list (meeting or participant UUID). */
  id: string;
  /** The list's total count when the cursor was made. */
  total: number;
}

export interface DecodedCursor {
  position: number;
  /** Absent for positional (v1) cursors. */
  anchor?: CursorAnchor;
}
const ANY_VERSION = /^v[0-9]+:/;

/** Fingerprints of recent filter keys (a pure function of the key; bounded, emptied when full). */
const fingerprints = new Map<string, string>();
const MAX_REMEMBERED_FINGERPRINTS = 1024;

/** The short hash of a filter key that cursors carry. */
export function filterFingerprint(key: string): string {
  const known = fingerprints.get(key);
  if (known !== undefined) return known;
  const fingerprint = createHash('sha256')
    .update(key, 'utf8')
    .digest('base64url')
    .slice(0, FINGERPRINT_LENGTH);
  if (fingerprints.size >= MAX_REMEMBERED_FINGERPRINTS) fingerprints.clear();
  fingerprints.set(key, fingerprint);
  return fingerprint;
}

/**
 * Returns a function that encodes positions under one filter key; it hashes the key
 * once, so use it when encoding a whole page of edges.
 * The returned function throws a `RangeError` (a programming error, not user input) for a
 * position that is not an integer in [0, MAX_CURSOR_POSITION].
 */
export function cursorEncoder(key: string): (position: number) => string {
  return positionalEncoder(filterFingerprint(key));
}

function positionalEncoder(fingerprint: string): (position: number) => string {
  return (position) => {
    checkPosition(position);
    return Buffer.from(`v1:${position}:${fingerprint}`, 'latin1').toString('base64url');
  };
}

function checkPosition(position: number): void {
  if (!Number.isInteger(position) || position < 0 || position > MAX_CURSOR_POSITION) {
    throw new RangeError(
      `Cursor position must be an integer in [0, ${MAX_CURSOR_POSITION}], got ${position}.`,
    );
  }
}

/**
 * Returns a function that encodes anchored cursors of one page of a list of `total` items:
 * `(position, id)` with the node's id (at most 64 of `[A-Za-z0-9_-]`; other ids fall back
 * to a positional cursor).
 */
export function anchoredCursorEncoder(key: string, total: number): (position: number, id: string) => string {
  const fingerprint = filterFingerprint(key);
  const positional = positionalEncoder(fingerprint);
  return (position, id) => {
    if (!NODE_ID.test(id) || !Number.isSafeInteger(total) || total < 0) return positional(position);
    checkPosition(position);
    return Buffer.from(`v2:${position}:${fingerprint}:${total}:${id}`, 'latin1').toString('base64url');
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
  return decodeAnchoredCursor(cursor, key, argument).position;
}

/** `decodeCursor`, with the anchor of an anchored cursor. Same rejections. */
export function decodeAnchoredCursor(
  cursor: string,
  key: string | undefined,
  argument = 'cursor',
): DecodedCursor {
  try {
    return decodeOrReject(cursor, key, argument);
  } catch (error) {
    if (isGatewayError(error)) throw error;
    throw badUserInput(`"${argument}" is not a valid cursor.`);
  }
}

function decodeOrReject(cursor: unknown, key: string | undefined, argument: string): DecodedCursor {
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
  const match = PAYLOAD_V1.exec(payload) ?? PAYLOAD_V2.exec(payload);
  if (match === null) {
    if (ANY_VERSION.test(payload) && !payload.startsWith('v1:') && !payload.startsWith('v2:')) {
      throw badUserInput(`"${argument}" is a cursor of an unsupported version: ${JSON.stringify(cursor)}.`);
    }
    throw invalid();
  }
  const position = Number(match[1]);
  if (!Number.isSafeInteger(position) || position > MAX_CURSOR_POSITION) throw invalid();
  if (key !== undefined && match[2] !== filterFingerprint(key)) {
    throw badUserInput(
      `"${argument}" is a cursor that belongs to other filters or another meeting; use cursors only with the list they came from.`,
    );
  }
  if (match[3] === undefined || match[4] === undefined) return { position };
  const total = Number(match[3]);
  if (!Number.isSafeInteger(total) || total > MAX_CURSOR_POSITION) throw invalid();
  return { position, anchor: { id: match[4], total } };
}
