import {
  GraphQLError,
  getNamedType,
  NoSchemaIntrospectionCustomRule,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * GRAPHQL_INTROSPECTION=false: `__schema` and `__type` are rejected at validation
 * (graphql-js's NoSchemaIntrospectionCustomRule). `__typename` still works. The federation
 * field `_service { sdl }` gives the same schema away, so it is refused too unless
 * FEDERATION_SDL=true (a router composing this subgraph needs it).
 */
export function useNoIntrospection(options: { federationSdl: boolean }): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
      if (!options.federationSdl) addValidationRule(NoServiceSdlRule);
    },
  };
}

const NoServiceSdlRule: ValidationRule = (context: ValidationContext) => ({
  Field(node) {
    const type = context.getParentType();
    if (
      node.name.value === '_service' &&
      type !== null &&
      getNamedType(type) === context.getSchema().getQueryType()
    ) {
      context.reportError(
        new GraphQLError(
          'GraphQL introspection has been disabled, and with it `_service { sdl }` (set FEDERATION_SDL=true to serve it to a federation router).',
          { nodes: node },
        ),
      );
    }
  },
});
