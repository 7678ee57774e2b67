import type { RequestLoaders } from '../loaders/request-loaders.ts';

/** What every resolver gets: this request's loaders and the defaults that shape arguments. */
export interface GatewayContext {
  loaders: RequestLoaders;
  defaults: {
    accountId: string | undefined;
    appId: string | undefined;
    /** Largest `first`/`last` accepted. */
    maxPageSize: number;
  };
}
