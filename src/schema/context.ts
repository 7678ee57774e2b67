import type { RequestLoaders } from '../loaders/request-loaders.ts';
import type { RequestWrites } from '../writes/request-writes.ts';

/**
 * What every resolver gets: this request's loaders, its writes and the defaults that
 * shape arguments. A write replaces `loaders` with fresh ones, so that what a later field
 * of the same request reads is never from before the write.
 */
export interface GatewayContext {
  loaders: RequestLoaders;
  writes: RequestWrites;
  defaults: {
    accountId: string | undefined;
    appId: string | undefined;
    /** Largest `first`/`last` accepted. */
    maxPageSize: number;
  };
}
