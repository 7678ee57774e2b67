import {
  type DocumentNode,
  type FragmentDefinitionNode,
  getOperationAST,
  Kind,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { GatewayError } from '../errors.ts';

/**
 * Caps the representations one operation hands to `_entities`, counted across aliases and
 * fragments, before variables are coerced, before the caller is authenticated and before any
 * per-item work: a few hundred bytes of `{}` items must not turn into megabytes of answers.
 * The count is read from the raw variables (a list variable's length) or the inline list.
 * Above `max` the operation is refused with one `BAD_USER_INPUT` error that has
 * `extensions.limit`.
 */
export function useEntitiesLimit(max: number): Plugin {
  return {
    onValidate({ context, params, setResult }) {
      const request = (context as { params?: { variables?: unknown; operationName?: string } }).params;
      const count = countRepresentations(params.documentAST, request?.operationName, request?.variables);
      if (count > max) setResult([tooManyRepresentations(count, max)]);
    },
  };
}

function tooManyRepresentations(count: number, max: number): GatewayError {
  const error = new GatewayError(
    'BAD_USER_INPUT',
    `_entities may receive at most ${max} representations per operation (all aliases together), got ${count}.`,
  );
  error.extensions.limit = max;
  return error;
}

/** Representations passed to `_entities` by the selected operation, through aliases and fragments. */
export function countRepresentations(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: unknown,
): number {
  const operation = getOperationAST(document, operationName);
  if (!operation) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const values =
    typeof variables === 'object' && variables !== null ? (variables as Record<string, unknown>) : {};
  const length = (value: ValueNode): number => {
    if (value.kind === Kind.VARIABLE) {
      const raw = values[value.name.value];
      return Array.isArray(raw) ? raw.length : raw === undefined || raw === null ? 0 : 1;
    }
    return value.kind === Kind.LIST ? value.values.length : value.kind === Kind.NULL ? 0 : 1;
  };
  const count = (selectionSet: SelectionSetNode, seen: Set<string>): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== '_entities') continue;
        const argument = selection.arguments?.find((arg) => arg.name.value === 'representations');
        if (argument) total += length(argument.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += count(selection.selectionSet, seen);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const definition = fragments.get(selection.name.value);
        if (definition) total += count(definition.selectionSet, seen);
      }
    }
    return total;
  };
  return count(operation.selectionSet, new Set());
}
