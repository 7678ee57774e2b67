import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { GatewayError } from '../../errors.ts';

/**
 * A validation rule: an operation may select at most `max` root fields, counting every
 * field of its top-level selection set (through fragments, each alias once) except
 * `__typename`. Above that, one `QUERY_TOO_COMPLEX` error with `extensions.limit`.
 */
export function maxRootFieldsRule(max: number): (context: ValidationContext) => ASTVisitor {
  return (context) => ({
    OperationDefinition(operation) {
      const count = countFields(operation.selectionSet, (name) => context.getFragment(name), new Set());
      if (count > max) context.reportError(tooManyRootFields(count, max));
    },
  });
}

function tooManyRootFields(count: number, max: number): GatewayError {
  return new GatewayError(
    'QUERY_TOO_COMPLEX',
    `The operation selects ${count} root fields; at most ${max} are allowed.`,
    { limit: max },
  );
}

function countFields(
  selectionSet: SelectionSetNode,
  fragment: (name: string) => FragmentDefinitionNode | null | undefined,
  seen: Set<string>,
): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') count += 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countFields(selection.selectionSet, fragment, seen);
    } else if (!seen.has(selection.name.value)) {
      // A fragment spread twice at the root selects the same fields: count it once.
      seen.add(selection.name.value);
      const definition = fragment(selection.name.value);
      if (definition) count += countFields(definition.selectionSet, fragment, seen);
    }
  }
  return count;
}
