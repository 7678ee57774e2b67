import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Gives `extensions.code = BAD_USER_INPUT` to the request-level errors graphql-js raises
 * before any resolver runs (syntax errors, validation errors, variables of the wrong type,
 * missing required variables), so that every error a client can cause carries a code.
 * Errors that already have one, and field errors (which have a path), are left alone.
 */
export function useInputErrorCodes(): Plugin {
  const tag = (errors: readonly unknown[] | undefined) => {
    for (const error of errors ?? []) {
      if (!(error instanceof GraphQLError)) continue;
      // Errors made by other libraries (an executor's own class) may lack `extensions`.
      const extensions = error.extensions as Record<string, unknown> | undefined;
      if (error.path === undefined && extensions !== undefined && extensions.code === undefined) {
        extensions.code = 'BAD_USER_INPUT';
      }
    }
  };
  return {
    onParse:
      () =>
      ({ result }) => {
        if (result instanceof GraphQLError) tag([result]);
      },
    onValidate:
      () =>
      ({ result }) =>
        tag(result),
    onExecute: () => ({
      onExecuteDone: ({ result }) => {
        if (!(Symbol.asyncIterator in result)) tag(result.errors);
      },
    }),
  };
}
