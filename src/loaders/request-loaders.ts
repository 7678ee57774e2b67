import type { StaleLog } from '../cache/stale-log.ts';
import type { UpstreamReads } from '../cache/upstream-reads.ts';
import type { Meeting } from '../model.ts';
import type { CallScope } from '../upstream/client.ts';
import { createLimiter } from './limit.ts';
import { createMeetingLoaders, type MeetingLoaders } from './meeting-loaders.ts';
import { createPageLoader, type PageLoader } from './page-loader.ts';

/**
 * Everything one GraphQL request loads from the upstream, created for that request only
 * and never shared between callers (the cache holds what this caller's credentials saw).
 * What is shared across requests lives under them, in `reads` (`src/cache/`).
 */
export interface RequestLoaders extends MeetingLoaders {
  pages: PageLoader['loader'];
}

export interface RequestLoaderOptions {
  reads: UpstreamReads;
  scope: CallScope;
  /** Where this request notes what it served from stale cache entries. */
  stale: StaleLog;
  maxPerPage: number;
  /** Concurrent single-meeting GETs for this request. */
  concurrency: number;
}

export function createRequestLoaders(options: RequestLoaderOptions): RequestLoaders {
  const listed = new Map<string, Meeting>();
  const pages = createPageLoader({
    reads: options.reads,
    scope: options.scope,
    maxPerPage: options.maxPerPage,
    listed,
  });
  const meetings = createMeetingLoaders({
    reads: options.reads,
    scope: options.scope,
    stale: options.stale,
    limit: createLimiter(options.concurrency),
    listed,
    pagesSettled: pages.settled,
  });
  return { pages: pages.loader, ...meetings };
}
