import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver, URLResolver, UUIDResolver } from 'graphql-scalars';
import { badUserInput } from '../errors.ts';
import { builder } from './builder.ts';

/**
 * graphql-scalars' DateTime, URL and UUID, with one change: a value they reject as input
 * is a `BAD_USER_INPUT` error (the message stays theirs), like every other bad argument.
 */
function withInputErrorCode(scalar: GraphQLScalarType): GraphQLScalarType {
  const config = scalar.toConfig();
  const rethrow = <T>(parse: () => T): T => {
    try {
      return parse();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw badUserInput(message);
    }
  };
  return new GraphQLScalarType({
    ...config,
    parseValue: (value) => rethrow(() => config.parseValue(value)),
    parseLiteral: (ast, variables) => rethrow(() => config.parseLiteral(ast, variables)),
  });
}

/**
 * The model holds parsed `Date`s; serializing them to ISO strings here, instead of leaving
 * it to `Date.prototype.toJSON` inside the response's JSON.stringify, halves that stringify.
 */
const DateTime = withInputErrorCode(DateTimeResolver);
const serializeDateTime = DateTime.serialize.bind(DateTime);
DateTime.serialize = (value: unknown) =>
  value instanceof Date ? value.toISOString() : serializeDateTime(value);

builder.addScalarType('DateTime', DateTime, {
  description: 'A date-time in ISO 8601 / RFC 3339 form, UTC, e.g. 2026-01-05T09:00:00.000Z.',
});
builder.addScalarType('URL', withInputErrorCode(URLResolver), {
  description: 'An absolute URL, e.g. https://example.com/logo.png.',
});
builder.addScalarType('UUID', withInputErrorCode(UUIDResolver), {
  description: 'A UUID such as 550e8400-e29b-41d4-a716-446655440000 (any letter case is accepted).',
});
