import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { restated } from '../../errors.ts';

/**
 * Gives `extensions.code = BAD_USER_INPUT` to the request-level errors graphql-js raises
 * before any resolver runs (syntax errors, validation errors, variables of the wrong type,
 * missing required variables), so that every error a client can cause carries a code.
 * Errors that already have one, and field errors (which have a path), are left alone.
 * Each such error is replaced by a coded copy; none is changed in place.
 */
export function useInputErrorCodes(): Plugin {
  const needsCode = (error: unknown): error is GraphQLError =>
    error instanceof GraphQLError &&
    error.path === undefined &&
    // Errors made by other libraries (an executor's own class) may lack `extensions`.
    (error.extensions as Record<string, unknown> | undefined) !== undefined &&
    error.extensions.code === undefined;
  const coded = <E>(error: E): E | GraphQLError =>
    needsCode(error) ? restated(error, 'BAD_USER_INPUT') : error;
  const codedAll = <E>(errors: readonly E[]): (E | GraphQLError)[] | undefined =>
    errors.some(needsCode) ? errors.map(coded) : undefined;

  return {
    onParse:
      () =>
      ({ result, replaceParseResult }) => {
        if (needsCode(result)) replaceParseResult(coded(result));
      },
    onValidate:
      () =>
      ({ result, setResult }) => {
        const errors = codedAll(result);
        if (errors) setResult(errors as GraphQLError[]);
      },
    onExecute: () => ({
      onExecuteDone: ({ result, setResult }) => {
        if (Symbol.asyncIterator in result || !result.errors) return;
        const errors = codedAll(result.errors);
        if (errors) setResult({ ...result, errors: errors as GraphQLError[] });
      },
    }),
  };
}
