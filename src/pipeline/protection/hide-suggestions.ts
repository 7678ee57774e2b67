import type { Plugin } from 'graphql-yoga';

/**
 * Removes graphql-js's "Did you mean …?" hints (field, argument, type and enum value
 * names) from the messages of validation errors and of request errors (variables), so a
 * gateway that hides its schema does not spell it out in errors.
 */

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

function strip(errors: readonly Error[] | undefined): void {
  for (const error of errors ?? []) {
    const message = error.message.replace(SUGGESTION, '');
    if (message !== error.message) error.message = message;
  }
}

export function useHiddenSuggestions(): Plugin {
  return {
    onValidate:
      () =>
      ({ result }) =>
        strip(result),
    onExecute: () => ({
      onExecuteDone: ({ result }) => {
        if (!(Symbol.asyncIterator in result)) strip(result.errors);
      },
    }),
  };
}
