import DataLoader from 'dataloader';
import pLimit, { type LimitFunction } from 'p-limit';
import type { StaleLog } from '../cache/stale-log.ts';
import type { UpstreamReads } from '../cache/upstream-reads.ts';
import type { ActiveSession, Meeting, MeetingKey, Participant, ParticipantKey } from '../model.ts';
import type { FilterSet } from '../pagination/filters.ts';
import type { UpstreamCaller } from '../upstream/client.ts';
import { meetingCacheKey } from './meeting-key.ts';
import { createMeetingLoaders, type MeetingLoaders } from './meeting-loaders.ts';
import { createPageLoader, type PageLoader } from './page-loader.ts';

/**
 * Everything one GraphQL request loads from the upstream, created for that request only
 * and never shared between callers (the cache holds what this caller's credentials saw).
 * What is shared across requests lives under them, in `reads` (`src/cache/`).
 */
export interface RequestLoaders extends MeetingLoaders {
  /** Windows of the meetings list, per filter set. */
  pages: PageLoader<FilterSet, Meeting>['loader'];
  /** Windows of one meeting's participants list (many meetings' lists load in parallel). */
  participantPages: PageLoader<MeetingKey, Participant>['loader'];
  /** One participant by id (`node`); null when the upstream answers 404. */
  participant: DataLoader<ParticipantKey, Participant | null, string>;
  /** A meeting's live session; null when nobody is in it (upstream 404). */
  activeSession: DataLoader<MeetingKey, ActiveSession | null, string>;
}

export interface RequestLoaderOptions {
  reads: UpstreamReads;
  scope: UpstreamCaller;
  /** Where this request notes what it served from stale cache entries. */
  stale: StaleLog;
  maxPerPage: number;
  /** Concurrent single GETs (meetings, participants, sessions, participants pages) for this request. */
  concurrency: number;
}

export function createRequestLoaders(options: RequestLoaderOptions): RequestLoaders {
  const { reads, scope } = options;
  const shared = reads.shared.enabled;
  const fresh = scope.fresh === true;
  // Every meeting a list page returned, for the meeting loaders. Pages are only noted here;
  // they are indexed by `meetingCacheKey` at the first lookup (a request that only reads
  // lists, the usual one, never builds the index).
  const listed = new Map<string, Meeting>();
  const unindexed: (readonly Meeting[])[] = [];
  const remember = (meetings: readonly Meeting[]) => {
    unindexed.push(meetings);
  };
  const listedMeeting = (key: string): Meeting | undefined => {
    for (const meetings of unindexed.splice(0)) {
      for (const meeting of meetings) listed.set(meetingCacheKey(meeting), meeting);
    }
    return listed.get(key);
  };
  const pages = createPageLoader<FilterSet, Meeting>({
    noun: 'meetings',
    maxPerPage: options.maxPerPage,
    shared,
    fresh,
    idOf: (meeting) => meeting.meetingId,
    fetchPage: async (filters, page, freshPage) => {
      const { value, staleAgeMs } = await reads.listMeetings(
        freshPage ? { ...scope, fresh: true } : scope,
        filters,
        page,
      );
      remember(value.meetings);
      const served = { value: { offset: value.offset, items: value.meetings, totalCount: value.totalCount } };
      return staleAgeMs === undefined ? served : { ...served, staleAgeMs };
    },
    coveringPage: async (filters, window, cap) => {
      const page = await reads.coveringPage(scope, filters, window, cap);
      if (!page) return undefined;
      remember(page.meetings);
      return { offset: page.offset, items: page.meetings, totalCount: page.totalCount };
    },
  });
  // The cap on this request's concurrent single GETs, made at its first one (a request that
  // only reads lists makes none).
  let limiter: LimitFunction | undefined;
  const limit = <T>(task: () => Promise<T>): Promise<T> => {
    limiter ??= pLimit(options.concurrency);
    return limiter(task);
  };
  const meetings = createMeetingLoaders({
    reads,
    scope,
    stale: options.stale,
    limit,
    listedMeeting,
    pagesSettled: pages.settled,
  });
  const participantPages = createPageLoader<MeetingKey, Participant>({
    noun: 'participants',
    maxPerPage: options.maxPerPage,
    shared,
    fresh,
    idOf: (participant) => participant.participantId,
    fetchPage: (meeting, page, freshPage) =>
      limit(() => reads.listParticipants(freshPage ? { ...scope, fresh: true } : scope, meeting, page)),
  });
  const each =
    <K, V>(load: (key: K) => Promise<{ value: V }>) =>
    (keys: readonly K[]) =>
      Promise.all(
        keys.map((key) =>
          limit(() => load(key)).then(
            (served) => served.value,
            (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
          ),
        ),
      );
  const participant = new DataLoader<ParticipantKey, Participant | null, string>(
    each((key) => reads.getParticipant(scope, key)),
    { cacheKeyFn: (key) => `${meetingCacheKey(key)}\u0000${key.participantId}` },
  );
  const activeSession = new DataLoader<MeetingKey, ActiveSession | null, string>(
    each((key) => reads.getActiveSession(scope, key)),
    { cacheKeyFn: meetingCacheKey },
  );
  return {
    pages: pages.loader,
    participantPages: participantPages.loader,
    participant,
    activeSession,
    ...meetings,
  };
}
