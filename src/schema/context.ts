import type { StaleLog } from '../cache/stale-log.ts';
import type { RequestLoaders } from '../loaders/request-loaders.ts';
import type { RetryBudget } from '../upstream/retry.ts';

/** What every resolver gets: this request's loaders and the defaults that shape arguments. */
export interface GatewayContext {
  loaders: RequestLoaders;
  /** What this request served from stale cache entries (`extensions.stale`). */
  stale: StaleLog;
  /**
   * Makes every cached read of this request's upstream credential for the app unusable, in
   * every replica. Mutations await it before they answer (see `SharedReads.invalidate`).
   */
  invalidate(app: { accountId: string; appId: string }): Promise<void>;
  /**
   * Retries this request's upstream calls may still make; the call limit shrinks it to the
   * slack between the predicted calls and MAX_UPSTREAM_CALLS_PER_OPERATION.
   */
  retryBudget: RetryBudget;
  defaults: {
    accountId: string | undefined;
    appId: string | undefined;
    /** Largest `first`/`last` accepted. */
    maxPageSize: number;
  };
}
