import pLimit from 'p-limit';
import type { Meeting } from '../model.ts';
import type { CallScope, UpstreamClient } from '../upstream/client.ts';
import { createMeetingLoaders, type MeetingLoaders } from './meeting-loaders.ts';
import { createPageLoader, type PageLoader } from './page-loader.ts';

/**
 * Everything one GraphQL request loads from the upstream, created for that request only
 * and never shared between callers (the cache holds what this caller's credentials saw).
 */
export interface RequestLoaders extends MeetingLoaders {
  pages: PageLoader['loader'];
}

export interface RequestLoaderOptions {
  client: UpstreamClient;
  scope: CallScope;
  maxPerPage: number;
  /** Concurrent single-meeting GETs for this request. */
  concurrency: number;
}

export function createRequestLoaders(options: RequestLoaderOptions): RequestLoaders {
  const listed = new Map<string, Meeting>();
  const pages = createPageLoader({
    client: options.client,
    scope: options.scope,
    maxPerPage: options.maxPerPage,
    listed,
  });
  const meetings = createMeetingLoaders({
    client: options.client,
    scope: options.scope,
    limit: pLimit(options.concurrency),
    listed,
    pagesSettled: pages.settled,
  });
  return { pages: pages.loader, ...meetings };
}
