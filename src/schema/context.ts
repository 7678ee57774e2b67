import type { RequestLoaders } from '../loaders/request-loaders.ts';
import type { RetryBudget } from '../upstream/retry.ts';

/** What every resolver gets: this request's loaders and the defaults that shape arguments. */
export interface GatewayContext {
  loaders: RequestLoaders;
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
