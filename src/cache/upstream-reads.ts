import type {
  ActiveSession,
  Meeting,
  MeetingKey,
  MeetingPage,
  Participant,
  ParticipantKey,
} from '../model.ts';
import type { FilterSet } from '../pagination/filters.ts';
import type { FetchedPage } from '../pagination/paged-list.ts';
import type { Interval, PageRequest } from '../pagination/plan.ts';
import {
  listPath,
  participantsListPath,
  type UpstreamCaller,
  type UpstreamClient,
} from '../upstream/client.ts';
import { activeSessionPath, meetingPath, participantPath } from '../upstream/paths.ts';
import type { ReadScope, Served, SharedReads } from './shared-reads.ts';

// The upstream reads the per-request loaders make, through the shared cache. Resources are
// named by the upstream path and query, so identical upstream calls share one entry:
//
// - list pages (`GET …/meetings?page_no&per_page&filters`); each meeting of a page read from
//   the upstream is also stored under `listed:<meetingId>`, so a later `meeting(meetingId)`
//   reuses the listed record (the list endpoint has no `ai_config`: asking for `aiConfig`
//   still makes the single-meeting read);
// - single meetings (`GET …/meetings/{id}`, with `ai_config`; a 404 is cached as `null`).
//
// - participants pages, single participants and active sessions, named by their upstream
//   path the same way (never a join token: participant reads do not carry one).
//
// A window that needs another page than the ones cached: `coveringPage` looks for one
// fresh cached page, of the page sizes pages are usually read with, that holds the whole
// window, and the window is then served from that one upstream answer (no call). A window
// only partly covered is planned as without the cache: pages of different ages are never
// stitched into one window.

/** `per_page` values whose pages may serve other windows (typical client and planner sizes). */
const COVER_SIZES = [10, 20, 25, 50, 100];

export class UpstreamReads {
  readonly client: UpstreamClient;
  readonly shared: SharedReads;

  constructor(client: UpstreamClient, shared: SharedReads) {
    this.client = client;
    this.shared = shared;
  }

  async listMeetings(
    scope: UpstreamCaller,
    filters: FilterSet,
    page: PageRequest,
  ): Promise<Served<MeetingPage>> {
    const read = readScope(scope, filters);
    if (!read || !this.shared.enabled) return { value: await this.client.listMeetings(scope, filters, page) };
    return this.shared.read(
      read,
      `GET ${listPath(filters, page)}`,
      async () => {
        const result = await this.client.listMeetings(scope, filters, page);
        void this.shared
          .put(
            read,
            result.meetings.map((meeting) => ({ resource: listedResource(meeting), value: meeting })),
          )
          .catch(() => {});
        return result;
      },
      { fresh: scope.fresh === true },
    );
  }

  async getMeeting(scope: UpstreamCaller, key: MeetingKey): Promise<Served<Meeting | null>> {
    const read = readScope(scope, key);
    if (!read || !this.shared.enabled) return { value: await this.client.getMeeting(scope, key) };
    return this.shared.read(read, `GET ${meetingPath(key)}`, () => this.client.getMeeting(scope, key), {
      fresh: scope.fresh === true,
    });
  }

  /** One participants page of a meeting (participants never carry a join token). */
  async listParticipants(
    scope: UpstreamCaller,
    key: MeetingKey,
    page: PageRequest,
  ): Promise<Served<FetchedPage<Participant>>> {
    const read = readScope(scope, key);
    const fetch = () => this.client.listParticipants(scope, key, page);
    if (!read || !this.shared.enabled) return { value: await fetch() };
    return this.shared.read(read, `GET ${participantsListPath(key, page)}`, fetch, {
      fresh: scope.fresh === true,
    });
  }

  /** One participant (`null` for a 404, cached as such). */
  async getParticipant(scope: UpstreamCaller, key: ParticipantKey): Promise<Served<Participant | null>> {
    const read = readScope(scope, key);
    const fetch = () => this.client.getParticipant(scope, key);
    if (!read || !this.shared.enabled) return { value: await fetch() };
    return this.shared.read(read, `GET ${participantPath(key)}`, fetch, { fresh: scope.fresh === true });
  }

  /** A meeting's live session (`null` for a 404: nobody is in it). */
  async getActiveSession(scope: UpstreamCaller, key: MeetingKey): Promise<Served<ActiveSession | null>> {
    const read = readScope(scope, key);
    const fetch = () => this.client.getActiveSession(scope, key);
    if (!read || !this.shared.enabled) return { value: await fetch() };
    return this.shared.read(read, `GET ${activeSessionPath(key)}`, fetch, { fresh: scope.fresh === true });
  }

  /**
   * A fresh cached version of a meeting, without any upstream call: its single-meeting read
   * (`null` when that was a 404), else its record from a list page; undefined when neither.
   */
  async knownMeeting(scope: UpstreamCaller, key: MeetingKey): Promise<Meeting | null | undefined> {
    const read = readScope(scope, key);
    if (!read || scope.fresh) return undefined;
    return this.shared.peek<Meeting | null>(read, [`GET ${meetingPath(key)}`, listedResource(key)]);
  }

  /** A fresh cached page of `filters` holding every position of `window`, if any. */
  async coveringPage(
    scope: UpstreamCaller,
    filters: FilterSet,
    window: Interval,
    cap: number,
  ): Promise<MeetingPage | undefined> {
    const read = readScope(scope, filters);
    const length = window.end - window.start;
    if (!read || scope.fresh || length <= 0 || length > cap || !this.shared.enabled) return undefined;
    const candidates: string[] = [];
    for (const size of new Set([...COVER_SIZES, cap])) {
      if (size < length || size > cap) continue;
      const pageIndex = Math.floor(window.start / size);
      if (Math.floor((window.end - 1) / size) !== pageIndex) continue;
      candidates.push(`GET ${listPath(filters, { pageNo: pageIndex + 1, perPage: size })}`);
    }
    const page = await this.shared.peek<MeetingPage>(read, candidates);
    if (!page) return undefined;
    const end = Math.min(window.end, page.totalCount);
    return page.offset <= window.start && page.offset + page.meetings.length >= end ? page : undefined;
  }
}

function readScope(
  scope: UpstreamCaller,
  where: { accountId: string; appId: string },
): ReadScope | undefined {
  if (scope.authorization === undefined) return undefined;
  return { authorization: scope.authorization, accountId: where.accountId, appId: where.appId };
}

function listedResource(key: MeetingKey): string {
  return `listed:${key.meetingId}`;
}
