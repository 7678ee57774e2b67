import {
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLIncludeDirective,
  type GraphQLNamedType,
  type GraphQLSchema,
  GraphQLSkipDirective,
  getDirectiveValues,
  isAbstractType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  typeFromAST,
} from 'graphql';

/**
 * The fields a selection set selects on an object of type `type`, by response key (alias
 * or name), as graphql-js's executor collects them: fragments are inlined when their type
 * condition applies to `type`, and `@skip`/`@include` are evaluated with the (coerced)
 * variables. A directive whose argument cannot be read keeps the field (an over-estimate
 * is safe for what uses this).
 */
export interface FieldCollector {
  collect(type: GraphQLNamedType, selectionSets: readonly SelectionSetNode[]): Map<string, FieldNode[]>;
}

export function fieldCollector(
  schema: GraphQLSchema,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): FieldCollector {
  const included = (node: FieldNode | SelectionSetNode['selections'][number]): boolean => {
    try {
      if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
      if (getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if === false) return false;
    } catch {
      return true;
    }
    return true;
  };
  const applies = (
    type: GraphQLNamedType,
    condition: FragmentDefinitionNode['typeCondition'] | undefined,
  ) => {
    if (!condition) return true;
    const conditionType = typeFromAST(schema, condition);
    if (!conditionType || conditionType === type) return conditionType === type;
    return isAbstractType(conditionType) && isObjectType(type) && schema.isSubType(conditionType, type);
  };

  const visit = (
    type: GraphQLNamedType,
    selectionSet: SelectionSetNode,
    into: Map<string, FieldNode[]>,
    spread: Set<string>,
  ) => {
    for (const selection of selectionSet.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const nodes = into.get(key);
        if (nodes) nodes.push(selection);
        else into.set(key, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(type, selection.typeCondition)) visit(type, selection.selectionSet, into, spread);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (spread.has(name) || !fragment || !applies(type, fragment.typeCondition)) continue;
        spread.add(name);
        visit(type, fragment.selectionSet, into, spread);
      }
    }
  };

  return {
    collect(type, selectionSets) {
      const fields = new Map<string, FieldNode[]>();
      const spread = new Set<string>();
      for (const selectionSet of selectionSets) visit(type, selectionSet, fields, spread);
      return fields;
    },
  };
}

/** The selection sets of a merged field's nodes (one per node that has one). */
export function subSelections(nodes: readonly FieldNode[]): SelectionSetNode[] {
  return nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
}
