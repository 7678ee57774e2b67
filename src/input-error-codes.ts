import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Gives `extensions.code = BAD_USER_INPUT` to the request-level errors graphql-js raises
 * before any resolver runs (variables of the wrong type, missing required variables), so
 * that every error a client can cause carries a code. Errors that already have one, and
 * field errors (which have a path), are left alone.
 */
export function useInputErrorCodes(): Plugin {
  const tag = (errors: readonly GraphQLError[] | undefined) => {
    for (const error of errors ?? []) {
      if (error.path === undefined && error.extensions.code === undefined) {
        (error.extensions as Record<string, unknown>).code = 'BAD_USER_INPUT';
      }
    }
  };
  return {
    onExecute: () => ({
      onExecuteDone: ({ result }) => {
        if (!(Symbol.asyncIterator in result)) tag(result.errors);
      },
    }),
  };
}
