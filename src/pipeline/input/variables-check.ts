import { type DocumentNode, type GraphQLError, type GraphQLSchema, getOperationAST } from 'graphql';
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
      const errors = variableErrors(
        args.schema,
        args.document,
        args.operationName,
        args.variableValues as Record<string, unknown> | null | undefined,
      );
      // HTTP 400, as yoga answers variable errors itself (the `http` extension is not sent).
      if (errors) setResultAndStopExecution({ errors });
    },
  };
}

/** The operation's variables' errors, as the check above answers them; undefined when they fit. */
export function variableErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): GraphQLError[] | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation?.variableDefinitions?.length) return undefined;
  const coerced = coerceVariables(schema, operation, variables);
  if (!('errors' in coerced)) return undefined;
  return coerced.errors.map((error) => restated(error, 'BAD_USER_INPUT', { httpStatus: 400 }));
}
