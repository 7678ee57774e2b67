import DataLoader from 'dataloader';
import type { StaleLog } from '../cache/stale-log.ts';
import type { UpstreamReads } from '../cache/upstream-reads.ts';
import type { Meeting, MeetingKey } from '../model.ts';
import type { UpstreamCaller } from '../upstream/client.ts';
import { meetingCacheKey } from './meeting-key.ts';

// Per-request meeting loaders. There is no bulk endpoint upstream, so a batch becomes one
// GET per distinct meeting, at most `limit`'s cap at a time. A meeting served from a stale
// cache entry is marked in `stale` (see `cache/stale-log.ts`).

export interface MeetingLoaders {
  /**
   * The single-meeting GET, the only answer with `aiConfig`. Each meeting is fetched at most
   * once per request; `null` when the upstream answers 404.
   */
  details: DataLoader<MeetingKey, Meeting | null, string>;
  /**
   * The list copy of a meeting when a list page of this request returned it (then
   * `aiConfig` is `undefined`: the list endpoint has no AI settings); else a fresh version
   * other requests left in the shared cache (a listed record or a single-meeting read);
   * else `details`. So `meeting`, `node`, `nodes` and `_entities` for a listed meeting cost
   * nothing. Waits for in-flight list pages (`pagesSettled`) before deciding.
   */
  listedOrDetails: DataLoader<MeetingKey, Meeting | null, string>;
}

export interface MeetingLoaderDeps {
  reads: UpstreamReads;
  scope: UpstreamCaller;
  /** Where this request notes what it served from stale cache entries. */
  stale: StaleLog;
  /** The request's concurrency cap on single-meeting GETs: runs `task` when a slot is free. */
  limit: <T>(task: () => Promise<T>) => Promise<T>;
  /** The meeting a list page of this request returned, by `meetingCacheKey`, if any. */
  listedMeeting: (key: string) => Meeting | undefined;
  /** Resolves once no list page of this request is in flight. */
  pagesSettled: () => Promise<void>;
}

export function createMeetingLoaders(deps: MeetingLoaderDeps): MeetingLoaders {
  const { reads, scope, limit, listedMeeting, pagesSettled, stale } = deps;

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

  const listedOrDetails = new DataLoader<MeetingKey, Meeting | null, string>(
    async (keys) => {
      await pagesSettled();
      return Promise.all(
        keys.map(async (key) => {
          const known = listedMeeting(meetingCacheKey(key)) ?? (await reads.knownMeeting(scope, key));
          return known !== undefined ? known : details.load(key).catch((error: Error) => error);
        }),
      );
    },
    { cacheKeyFn: meetingCacheKey },
  );

  return { details, listedOrDetails };
}
