import fc from 'fast-check';
import { type GraphQLScalarType, isScalarType } from 'graphql';
import { DateTimeResolver, URLResolver, UUIDResolver } from 'graphql-scalars';
import { describe, expect, it } from 'vitest';
import { subgraphSchema } from '../../src/schema/index.ts';

// The scalars' faster serializers answer exactly what the plain ones do: DateTime what
// `Date.prototype.toISOString` does, URL and UUID what graphql-scalars' own do (the same
// string, or the same error), whether the answer is remembered or not.

const scalar = (name: string) => {
  const type = subgraphSchema.getType(name);
  if (!isScalarType(type)) throw new Error(`${name} is not a scalar`);
  return type;
};

function outcome(serialize: GraphQLScalarType['serialize'], value: unknown) {
  try {
    return { value: serialize(value) };
  } catch (error) {
    return { error: error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error) };
  }
}

describe('scalar serializers', () => {
  it('DateTime serializes a Date to its toISOString, first time and remembered; an invalid one throws', () => {
    const dateTime = scalar('DateTime');
    const edges = [-62198755200000, -62167219200001, 0, 253402300799999, 253402300800000, 8.64e15];
    for (let round = 0; round < 2; round++) {
      for (const time of edges) expect(dateTime.serialize(new Date(time))).toBe(new Date(time).toISOString());
    }
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (time) => {
        expect(dateTime.serialize(new Date(time))).toBe(new Date(time).toISOString());
        expect(dateTime.serialize(new Date(time))).toBe(new Date(time).toISOString());
      }),
      { numRuns: 5000 },
    );
    expect(() => dateTime.serialize(new Date(Number.NaN))).toThrow(RangeError);
    // Anything but a Date is graphql-scalars' to serialize.
    for (const value of ['2026-01-05T09:00:00.123Z', 'nope', 1767603600123, null]) {
      expect(outcome(dateTime.serialize.bind(dateTime), value)).toEqual(
        outcome(DateTimeResolver.serialize.bind(DateTimeResolver), value),
      );
    }
  });

  it('URL answers what graphql-scalars answers, first time and remembered', () => {
    const values = [
      'https://example.com',
      'https://example.com/a/../b?q=1#x',
      'HTTPS://EXAMPLE.com:443/',
      'rtmp://live.example.com/app/key',
      'not a url',
      '',
      `https://example.com/${'x'.repeat(3000)}`,
      new URL('https://example.com/u'),
      null,
      42,
    ];
    for (let round = 0; round < 2; round++) {
      for (const value of values) {
        expect(outcome(scalar('URL').serialize.bind(scalar('URL')), value)).toEqual(
          outcome(URLResolver.serialize.bind(URLResolver), value),
        );
      }
    }
    fc.assert(
      fc.property(fc.oneof(fc.webUrl(), fc.string()), (value) => {
        expect(outcome(scalar('URL').serialize.bind(scalar('URL')), value)).toEqual(
          outcome(URLResolver.serialize.bind(URLResolver), value),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('UUID answers what graphql-scalars answers', () => {
    const values = [
      '550e8400-e29b-41d4-a716-446655440000',
      '550E8400-E29B-41D4-A716-446655440000',
      '{550e8400-e29b-41d4-a716-446655440000}',
      '{550e8400-e29b-41d4-a716-446655440000',
      '550e8400-e29b-41d4-a716-44665544000',
      '550e8400e29b41d4a716446655440000',
      '',
      42,
      null,
    ];
    for (const value of values) {
      expect(outcome(scalar('UUID').serialize.bind(scalar('UUID')), value)).toEqual(
        outcome(UUIDResolver.serialize.bind(UUIDResolver), value),
      );
    }
    fc.assert(
      fc.property(fc.oneof(fc.uuid(), fc.string(), fc.stringMatching(/^[0-9a-fA-F-]{36}$/)), (value) => {
        expect(outcome(scalar('UUID').serialize.bind(scalar('UUID')), value)).toEqual(
          outcome(UUIDResolver.serialize.bind(UUIDResolver), value),
        );
      }),
      { numRuns: 3000 },
    );
  });
});
