import { GraphQLError } from 'graphql';
import { expect } from 'vitest';

/** Asserts that `fn` throws a BAD_USER_INPUT GraphQLError and returns its message. */
export function rejection(fn: () => unknown): string {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(GraphQLError);
  expect((caught as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
  return (caught as GraphQLError).message;
}
