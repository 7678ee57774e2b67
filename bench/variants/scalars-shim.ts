/**
 * Stands in for `graphql-scalars` when `src/schema/scalars.ts` imports it in the `isodate`
 * variant: DateTime serializes a Date to its ISO string itself (same output), so the result
 * holds strings and JSON.stringify does not call Date.prototype.toJSON 40 times per query.
 */
import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver as original } from 'graphql-scalars';

export { URLResolver, UUIDResolver } from 'graphql-scalars';

const config = original.toConfig();

export const DateTimeResolver = new GraphQLScalarType({
  ...config,
  serialize: (value) =>
    value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : config.serialize(value),
});
