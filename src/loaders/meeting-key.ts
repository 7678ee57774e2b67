import type { MeetingKey } from '../model.ts';

/** The cache key of one meeting across loaders: account, app and meeting id. */
export function meetingCacheKey(key: MeetingKey): string {
  return `${key.accountId}\u0000${key.appId}\u0000${key.meetingId}`;
}
