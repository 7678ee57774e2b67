import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { restated } from '../../errors.ts';
import { coerceVariables } from '../../execution/operation-variables.ts';

/**
 * Coerces the operation's variables with graphql-js before execution and answers with
 * its errors (`BAD_USER_INPUT`) when they do not fit their
 * declared types, so bad variables are a client error whatever executor runs next.
 */
export function useVariablesCheck(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation?.variableDefinitions?.length) return;
      const coerced = coerceVariables(
        args.schema,
        operation,
        args.variableValues as Record<string, unknown> | null | undefined,
      );
      if (!('errors' in coerced)) return;
      // HTTP 400, as yoga answers variable errors itself (the `http` extension is not sent).
      setResultAndStopExecution({
        errors: coerced.errors.map((error) => restated(error, 'BAD_USER_INPUT', { httpStatus: 400 })),
      });
    },
  };
}
