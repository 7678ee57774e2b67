import type { StaleLog } from '../cache/stale-log.ts';
import type { RequestLoaders } from '../loaders/request-loaders.ts';
import type { RetryBudget } from '../upstream/retry.ts';
import type { RequestWrites } from '../writes/request-writes.ts';
import type { ResponseWarning } from './warnings.ts';

/** How resolvers read arguments: the configured defaults and the page-size cap. */
export interface ArgumentRules {
  /** `accountId` when a field does not give one (CLOUDFLARE_ACCOUNT_ID). */
  defaultAccountId: string | undefined;
  /** `appId` when a field does not give one (REALTIMEKIT_APP_ID). */
  defaultAppId: string | undefined;
  /** Largest `first`/`last` accepted (MAX_PAGE_SIZE). */
  maxPageSize: number;
}

/**
 * What every resolver gets: this request's loaders, its writes and the defaults that
 * shape arguments. A write replaces `loaders` with fresh ones, so that what a later field
 * of the same request reads is never from before the write.
 */
export interface GatewayContext {
  loaders: RequestLoaders;
  writes: RequestWrites;
  /** Warnings for `extensions.warnings` of the response (e.g. CURSOR_DRIFT). */
  warnings: ResponseWarning[];
  /** What this request served from stale cache entries (`extensions.stale`). */
  stale: StaleLog;
  /**
   * Makes every cached read of this request's upstream credential for the app unusable, in
   * every replica. Mutations await it before they answer (through `writes`' afterWrite).
   */
  invalidate(app: { accountId: string; appId: string }): Promise<void>;
  /**
   * Retries this request's upstream calls may still make; the call limit shrinks it to the
   * slack between the predicted calls and MAX_UPSTREAM_CALLS_PER_OPERATION.
   */
  retryBudget: RetryBudget;
  argumentRules: ArgumentRules;
}
