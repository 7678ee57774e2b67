import DataLoader from 'dataloader';
import type { StaleLog } from '../cache/stale-log.ts';
import type { UpstreamReads } from '../cache/upstream-reads.ts';
import type { Meeting, MeetingKey } from '../model.ts';
import type { CallScope } from '../upstream/client.ts';
import type { Limiter } from './limit.ts';
import { meetingCacheKey } from './meeting-key.ts';

/**
 * Per-request meeting loaders. There is no bulk endpoint upstream, so a batch becomes
 * one GET per distinct meeting, at most `limit`'s cap at a time.
 *
 * - `details`: the single-meeting GET (the only answer with `aiConfig`). Each meeting is
 *   fetched at most once per request; `null` when the upstream answers 404.
 * - `byId`: any known version of a meeting. Meetings returned by list pages of the same
 *   request are used as they are (`listed`), so `meeting`, `node`, `nodes` and `_entities`
 *   for a listed meeting cost nothing; it waits for in-flight list pages (`pagesSettled`)
 *   before deciding; then a fresh version other requests left in the shared cache (a
 *   listed record or a single-meeting read); and falls back to `details` for the rest.
 *
 * A meeting served from a stale cache entry is marked in `stale` (see `stale-log.ts`).
 */
export interface MeetingLoaders {
  details: DataLoader<MeetingKey, Meeting | null, string>;
  byId: DataLoader<MeetingKey, Meeting | null, string>;
}

export interface MeetingLoaderDeps {
  reads: UpstreamReads;
  scope: CallScope;
  stale: StaleLog;
  limit: Limiter;
  /** Meetings returned by list pages of this request, by `meetingCacheKey`. */
  listed: ReadonlyMap<string, Meeting>;
  /** Resolves once no list page of this request is in flight. */
  pagesSettled: () => Promise<void>;
}

export function createMeetingLoaders(deps: MeetingLoaderDeps): MeetingLoaders {
  const { reads, scope, limit, listed, pagesSettled, stale } = deps;

  const details = new DataLoader<MeetingKey, Meeting | null, string>(
    (keys) =>
      Promise.all(
        keys.map((key) =>
          limit(() => reads.getMeeting(scope, key)).then(
            ({ value, staleAgeMs }) => {
              if (staleAgeMs !== undefined) stale.mark(value, staleAgeMs);
              return value;
            },
            (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
          ),
        ),
      ),
    { cacheKeyFn: meetingCacheKey },
  );

  const byId = new DataLoader<MeetingKey, Meeting | null, string>(
    async (keys) => {
      await pagesSettled();
      return Promise.all(
        keys.map(async (key) => {
          const known = listed.get(meetingCacheKey(key)) ?? (await reads.knownMeeting(scope, key));
          return known !== undefined ? known : details.load(key).catch((error: Error) => error);
        }),
      );
    },
    { cacheKeyFn: meetingCacheKey },
  );

  return { details, byId };
}
