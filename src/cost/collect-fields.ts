import { collectFields } from '@graphql-tools/utils';
import type {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLNamedType,
  GraphQLSchema,
  SelectionSetNode,
} from 'graphql';
import { isObjectType } from 'graphql';

/**
 * The fields a selection set selects on an object of type `type`, by response key (alias
 * or name), as graphql-js's executor collects them (`@graphql-tools/utils`'
 * `collectFields`): fragments are inlined when their type condition applies to `type`,
 * and `@skip`/`@include` are evaluated with the (coerced) variables. A type that is not
 * an object type selects nothing here.
 */
export interface FieldCollector {
  collect(type: GraphQLNamedType, selectionSets: readonly SelectionSetNode[]): Map<string, FieldNode[]>;
}

export function fieldCollector(
  schema: GraphQLSchema,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): FieldCollector {
  const byName = Object.fromEntries(fragments);
  return {
    collect(type, selectionSets) {
      const fields = new Map<string, FieldNode[]>();
      if (!isObjectType(type)) return fields;
      for (const selectionSet of selectionSets) {
        for (const [key, nodes] of collectFields(schema, byName, variables, type, selectionSet).fields) {
          const known = fields.get(key);
          if (known) known.push(...nodes);
          else fields.set(key, [...nodes]);
        }
      }
      return fields;
    },
  };
}

/** The selection sets of a merged field's nodes (one per node that has one). */
export function subSelections(nodes: readonly FieldNode[]): SelectionSetNode[] {
  return nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
}
