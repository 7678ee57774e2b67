// The sandbox's meetings, in the upstream's list order (created_at descending, then id
// ascending), with the list endpoint's filtering and paging and ready-made JSON bodies.
// The meetings are snapshotted (serialized) when the catalog is built, and again by
// `put` (a created or updated meeting); later changes to the objects passed in are not
// seen. Bodies are built by concatenating pre-serialized meetings, so answering is cheap
// enough for benchmarks.

import type { ListQuery } from './list-query.ts';
import type { WireMeeting } from './wire.ts';

interface Entry {
  id: string;
  meeting: WireMeeting;
  /** Lower-cased title, for case-insensitive search. */
  title: string;
  status: string | undefined;
  createdMs: number;
  /** The meeting as the list endpoint shows it: without `ai_config`. */
  listJson: string;
  /** The meeting as the single-meeting endpoint shows it. */
  getJson: string;
}

export class MeetingCatalog {
  #ordered: Entry[];
  readonly #byId: Map<string, Entry>;
  readonly #perPageCap: number;

  constructor(meetings: readonly WireMeeting[], perPageCap = Number.POSITIVE_INFINITY) {
    this.#perPageCap = perPageCap;
    this.#ordered = meetings.map((meeting) => toEntry(structuredClone(meeting))).sort(compareEntries);
    this.#byId = new Map(this.#ordered.map((entry) => [entry.id, entry]));
  }

  /**
   * Body of `GET …/meetings`: matches of the filters (status; search as a case-insensitive
   * substring of the title or the exact id; created_at within [start, end]), then the
   * requested 1-based page. `start_offset` is the 1-based position of the page's first
   * slot and `end_offset = start_offset + data.length - 1`, so a page past the end has
   * `end_offset < start_offset`.
   */
  listBody(query: ListQuery): string {
    const search = query.search?.toLowerCase();
    const matches = this.#ordered.filter(
      (entry) =>
        (query.status === undefined || entry.status === query.status) &&
        (query.search === undefined || entry.id === query.search || entry.title.includes(search ?? '')) &&
        (query.startMs === undefined || entry.createdMs >= query.startMs) &&
        (query.endMs === undefined || entry.createdMs <= query.endMs),
    );
    const perPage = Math.min(query.perPage, this.#perPageCap);
    const start = (query.pageNo - 1) * perPage;
    const page = matches.slice(start, start + perPage);
    const paging = {
      total_count: matches.length,
      start_offset: start + 1,
      end_offset: start + page.length,
    };
    return `{"success":true,"data":[${page.map((entry) => entry.listJson).join(',')}],"paging":${JSON.stringify(paging)}}`;
  }

  /** The meeting with this id, as stored (a copy), or undefined. */
  get(id: string): WireMeeting | undefined {
    const entry = this.#byId.get(id);
    return entry === undefined ? undefined : structuredClone(entry.meeting);
  }

  /** Stores a new or changed meeting (snapshotted) at its place in the list order. */
  put(meeting: WireMeeting): void {
    const entry = toEntry(structuredClone(meeting));
    this.#ordered = this.#ordered.filter((other) => other.id !== entry.id);
    const at = this.#ordered.findIndex((other) => compareEntries(entry, other) < 0);
    if (at === -1) this.#ordered.push(entry);
    else this.#ordered.splice(at, 0, entry);
    this.#byId.set(entry.id, entry);
  }

  /** Body of `GET …/meetings/{id}`, or undefined for an unknown id. */
  getBody(id: string): string | undefined {
    const entry = this.#byId.get(id);
    return entry === undefined ? undefined : `{"success":true,"data":${entry.getJson}}`;
  }
}

function toEntry(meeting: WireMeeting): Entry {
  const { ai_config: _aiConfig, ...listed } = meeting;
  const createdMs = Date.parse(meeting.created_at);
  if (Number.isNaN(createdMs)) throw new RangeError(`Meeting ${meeting.id} has an invalid created_at`);
  return {
    id: meeting.id,
    meeting,
    title: (meeting.title ?? '').toLowerCase(),
    status: meeting.status,
    createdMs,
    listJson: JSON.stringify(listed),
    getJson: JSON.stringify(meeting),
  };
}

function compareEntries(a: Entry, b: Entry): number {
  if (a.createdMs !== b.createdMs) return b.createdMs - a.createdMs;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
