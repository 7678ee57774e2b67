import DataLoader from 'dataloader';
import type { ActiveSession, Meeting, MeetingKey, Participant, ParticipantKey } from '../model.ts';
import type { FilterSet } from '../pagination/filters.ts';
import type { CallScope, UpstreamClient } from '../upstream/client.ts';
import { createLimiter } from './limit.ts';
import { meetingCacheKey } from './meeting-key.ts';
import { createMeetingLoaders, type MeetingLoaders } from './meeting-loaders.ts';
import { createPageLoader, type PageLoader } from './page-loader.ts';

/**
 * Everything one GraphQL request loads from the upstream, created for that request only
 * and never shared between callers (the cache holds what this caller's credentials saw).
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
  client: UpstreamClient;
  scope: CallScope;
  maxPerPage: number;
  /** Concurrent single-meeting GETs for this request. */
  concurrency: number;
}

export function createRequestLoaders(options: RequestLoaderOptions): RequestLoaders {
  const { client, scope } = options;
  /** Every meeting a list page returned, by `meetingCacheKey` (shared with the meeting loaders). */
  const listed = new Map<string, Meeting>();
  const pages = createPageLoader<FilterSet, Meeting>({
    noun: 'meetings',
    maxPerPage: options.maxPerPage,
    idOf: (meeting) => meeting.meetingId,
    fetchPage: async (filters, page) => {
      const result = await client.listMeetings(scope, filters, page);
      for (const meeting of result.meetings) listed.set(meetingCacheKey(meeting), meeting);
      return { offset: result.offset, items: result.meetings, totalCount: result.totalCount };
    },
  });
  const limit = createLimiter(options.concurrency);
  const meetings = createMeetingLoaders({ client, scope, limit, listed, pagesSettled: pages.settled });
  const participantPages = createPageLoader<MeetingKey, Participant>({
    noun: 'participants',
    maxPerPage: options.maxPerPage,
    idOf: (participant) => participant.participantId,
    fetchPage: (meeting, page) => limit(() => client.listParticipants(scope, meeting, page)),
  });
  const each =
    <K, V>(load: (key: K) => Promise<V>) =>
    (keys: readonly K[]) =>
      Promise.all(
        keys.map((key) =>
          limit(() => load(key)).catch((error: unknown) =>
            error instanceof Error ? error : new Error(String(error)),
          ),
        ),
      );
  const participant = new DataLoader<ParticipantKey, Participant | null, string>(
    each((key) => client.getParticipant(scope, key)),
    { cacheKeyFn: (key) => `${meetingCacheKey(key)}\u0000${key.participantId}` },
  );
  const activeSession = new DataLoader<MeetingKey, ActiveSession | null, string>(
    each((key) => client.getActiveSession(scope, key)),
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
