// Validates the query parameters of the list endpoint the way the sandbox upstream
// accepts them: `page_no` integer >= 1 (default 1), `per_page` integer 1..100 (default 20),
// `status` ACTIVE|INACTIVE, `start_time`/`end_time` ISO 8601 date-times, `search` any
// string. An empty value counts as absent. Unknown parameters are ignored.
import { enumValues, MEETING_STATUSES } from '../model.ts';
import type { WireMeetingStatus } from './wire.ts';

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;

export interface ListQuery {
  pageNo: number;
  perPage: number;
  status?: WireMeetingStatus;
  search?: string;
  /** Inclusive lower bound on `created_at`, epoch milliseconds. */
  startMs?: number;
  /** Inclusive upper bound on `created_at`, epoch milliseconds. */
  endMs?: number;
}

export type ListQueryResult = { ok: true; query: ListQuery } | { ok: false; message: string };

const INTEGER = /^\d+$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/i;

export function parseListQuery(params: Readonly<Record<string, string>>): ListQueryResult {
  const get = (name: string): string | undefined => (params[name] === '' ? undefined : params[name]);

  const pageNo = integer(get('page_no'), 1);
  if (pageNo === undefined || pageNo < 1) {
    return { ok: false, message: 'page_no must be an integer greater than or equal to 1' };
  }
  const perPage = integer(get('per_page'), DEFAULT_PER_PAGE);
  if (perPage === undefined || perPage < 1 || perPage > MAX_PER_PAGE) {
    return { ok: false, message: `per_page must be an integer between 1 and ${MAX_PER_PAGE}` };
  }
  const query: ListQuery = { pageNo, perPage };

  const status = get('status');
  if (status !== undefined) {
    if (!Object.hasOwn(MEETING_STATUSES, status)) {
      return { ok: false, message: `status must be one of ${enumValues(MEETING_STATUSES).join(', ')}` };
    }
    query.status = status as WireMeetingStatus;
  }

  const search = get('search');
  if (search !== undefined) query.search = search;

  for (const [name, key] of [
    ['start_time', 'startMs'],
    ['end_time', 'endMs'],
  ] as const) {
    const value = get(name);
    if (value === undefined) continue;
    const ms = DATE_TIME.test(value) ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(ms)) return { ok: false, message: `${name} must be an ISO 8601 date-time` };
    query[key] = ms;
  }
  return { ok: true, query };
}

function integer(value: string | undefined, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  if (!INTEGER.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}
