// The filter set of a meetings list query, and the one string that names it.
//
// Cursors are bound to this string (see `cursor.ts`) and caches may use it as a map key,
// so two filter sets get the same key exactly when every field is equal.

import type { MeetingStatus } from '../model.ts';

export type MeetingStatusFilter = MeetingStatus;

export interface FilterSet {
  accountId: string;
  appId: string;
  status?: MeetingStatusFilter;
  search?: string;
  /** ISO 8601 date-time, as sent upstream. */
  startTime?: string;
  /** ISO 8601 date-time, as sent upstream. */
  endTime?: string;
}

/**
 * A stable, unambiguous key for the whole filter set.
 *
 * - Fields are read by name in a fixed order, so the key does not depend on the order
 *   in which the object's properties were written; properties not in `FilterSet` are ignored.
 * - An absent (or `undefined`) field and an empty string give different keys.
 * - Values are compared as the exact strings sent upstream: callers that want, say,
 *   two spellings of the same instant to share cursors must normalise them first.
 *
 * The key is a JSON array, so no choice of field values can make two sets collide.
 */
export function filterKey(f: FilterSet): string {
  return JSON.stringify([
    'filters/1',
    f.accountId,
    f.appId,
    f.status ?? null,
    f.search ?? null,
    f.startTime ?? null,
    f.endTime ?? null,
  ]);
}

/** The key of one meeting's participants list (cursors of that list are bound to it). */
export function participantsKey(meeting: { accountId: string; appId: string; meetingId: string }): string {
  return JSON.stringify(['participants/1', meeting.accountId, meeting.appId, meeting.meetingId]);
}
