import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { type ErrorCode, restated } from '../../errors.ts';

// Removes graphql-js's "Did you mean …?" hints (field, argument, type and enum value
// names) from the messages of validation errors and of request errors (variables), so a
// gateway that hides its schema does not spell it out in errors. An error with a hint is
// replaced by a copy without it.
//
// Not GraphQL Armor's block-field-suggestions: it leaves enum value hints ("Did you mean
// the enum value …?") and variable errors alone, and rewrites messages in place.

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

function withoutHint<E>(error: E): E | GraphQLError {
  if (!(error instanceof GraphQLError)) return error;
  const message = error.message.replace(SUGGESTION, '');
  if (message === error.message) return error;
  const code = (error.extensions.code as ErrorCode | undefined) ?? 'BAD_USER_INPUT';
  return restated(error, code, { message });
}

export function useHiddenSuggestions(): Plugin {
  return {
    onValidate:
      () =>
      ({ result, setResult }) => {
        const errors = result.map(withoutHint);
        if (errors.some((error, i) => error !== result[i])) setResult(errors);
      },
    onExecute: () => ({
      onExecuteDone: ({ result, setResult }) => {
        if (Symbol.asyncIterator in result || !result.errors) return;
        const { errors } = result;
        const stripped = errors.map(withoutHint);
        if (stripped.some((error, i) => error !== errors[i])) setResult({ ...result, errors: stripped });
      },
    }),
  };
}
