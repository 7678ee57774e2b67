import type { Meeting } from '../model.ts';
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
    fetchPage: async (filters, page) => {
      const result = await client.listMeetings(scope, filters, page);
      for (const meeting of result.meetings) listed.set(meetingCacheKey(meeting), meeting);
      return { offset: result.offset, items: result.meetings, totalCount: result.totalCount };
    },
  });
  const meetings = createMeetingLoaders({
    client,
    scope,
    limit: createLimiter(options.concurrency),
    listed,
    pagesSettled: pages.settled,
  });
  return { pages: pages.loader, ...meetings };
}
