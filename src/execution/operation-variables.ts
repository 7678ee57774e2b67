import {
  type GraphQLError,
  type GraphQLSchema,
  getVariableValues,
  type OperationDefinitionNode,
} from 'graphql';

/**
 * The operation's variables coerced by graphql-js, computed once per request: the
 * variables check and the upstream-call prediction both need them before execution.
 * Results are cached by the request's raw variables object.
 */
export type CoercedVariables = { coerced: Record<string, unknown> } | { errors: readonly GraphQLError[] };

const cache = new WeakMap<object, CoercedVariables>();

export function coerceVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  raw: Readonly<Record<string, unknown>> | null | undefined,
): CoercedVariables {
  const cached = raw ? cache.get(raw) : undefined;
  if (cached) return cached;
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], raw ?? {}, { maxErrors: 20 });
  const value: CoercedVariables = result.errors ? { errors: result.errors } : { coerced: result.coerced };
  if (raw) cache.set(raw, value);
  return value;
}
