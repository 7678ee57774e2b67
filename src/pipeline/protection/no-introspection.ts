import { NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * GRAPHQL_INTROSPECTION=false: `__schema` and `__type` are rejected at validation
 * (graphql-js's NoSchemaIntrospectionCustomRule). `__typename` still works.
 */
export function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}
