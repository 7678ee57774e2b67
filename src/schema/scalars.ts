import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver, URLResolver, UUIDResolver } from 'graphql-scalars';
import { badUserInput } from '../errors.ts';
import { remembered } from '../remembered.ts';
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
 * The string of a recent instant is remembered (V8's `toISOString` goes through its general
 * date formatter); an invalid date still throws its RangeError.
 */
const DateTime = withInputErrorCode(DateTimeResolver);
const serializeDateTime = DateTime.serialize.bind(DateTime);
const isoStringOf = remembered(2000, (time: number) => new Date(time).toISOString());
DateTime.serialize = (value: unknown) =>
  value instanceof Date ? isoStringOf(value.getTime()) : serializeDateTime(value);

/**
 * graphql-scalars' URL serializes by parsing the string again (`new URL(value).toString()`);
 * the serialized form of a recent URL string (watermarks, RTMP targets) is remembered, for
 * strings of up to `URL_MEMO_MAX_LENGTH` characters. Values it rejects still throw.
 */
const URL_MEMO_MAX_LENGTH = 512;
const UrlScalar = withInputErrorCode(URLResolver);
const serializeUrl = UrlScalar.serialize.bind(UrlScalar);
const rememberedUrl = remembered(1000, serializeUrl);
UrlScalar.serialize = (value: unknown) =>
  typeof value === 'string' && value.length <= URL_MEMO_MAX_LENGTH
    ? rememberedUrl(value)
    : serializeUrl(value);

/**
 * graphql-scalars' UUID compiles its pattern on every call; a plain 8-4-4-4-12 hex UUID,
 * which it answers unchanged, is checked here with one compiled pattern (anything else,
 * e.g. in braces or invalid, still goes to it).
 */
const PLAIN_UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const UuidScalar = withInputErrorCode(UUIDResolver);
const serializeUuid = UuidScalar.serialize.bind(UuidScalar);
UuidScalar.serialize = (value: unknown) =>
  typeof value === 'string' && PLAIN_UUID.test(value) ? value : serializeUuid(value);

builder.addScalarType('DateTime', DateTime, {
  description: 'A date-time in ISO 8601 / RFC 3339 form, UTC, e.g. 2026-01-05T09:00:00.000Z.',
});
builder.addScalarType('URL', UrlScalar, {
  description: 'An absolute URL, e.g. https://example.com/logo.png.',
});
builder.addScalarType('UUID', UuidScalar, {
  description: 'A UUID such as 550e8400-e29b-41d4-a716-446655440000 (any letter case is accepted).',
});
