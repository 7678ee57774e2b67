import { type ExecutionResult, type GraphQLResolveInfo, responsePathAsArray } from 'graphql';
import type { Plugin } from 'graphql-yoga';

// Warnings a response carries in `extensions.warnings` beside its data: something the
// client should know that is not an error (the field was answered).

export interface ResponseWarning {
  code: 'CURSOR_DRIFT';
  path: (string | number)[];
  message: string;
}

/** An anchored cursor's node is gone from the list: the window continued from where it was. */
export function cursorDrift(path: GraphQLResolveInfo['path']): ResponseWarning {
  return {
    code: 'CURSOR_DRIFT',
    path: responsePathAsArray(path),
    message: 'The item a cursor pointed at is no longer in the list; the page continues from where it was.',
  };
}

/** Adds the context's warnings to the result's `extensions.warnings`. */
export function useResponseWarnings(): Plugin<{ warnings?: ResponseWarning[] }> {
  return {
    onExecute({ args }) {
      const context = args.contextValue as { warnings?: ResponseWarning[] };
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          const warned = withWarnings(result, context);
          if (warned !== result) setResult(warned);
        },
      };
    },
  };
}

/** `result` with the warnings of `context` in `extensions.warnings`, or `result` itself when there are none. */
export function withWarnings(
  result: ExecutionResult,
  context: { warnings?: ResponseWarning[] },
): ExecutionResult {
  const warnings = context.warnings;
  if (!warnings || warnings.length === 0) return result;
  return { ...result, extensions: { ...result.extensions, warnings: [...warnings] } };
}
