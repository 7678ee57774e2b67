import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getOperationAST,
  Kind,
} from 'graphql';
import { meetingCacheKey } from '../loaders/meeting-key.ts';
import type { MeetingKey } from '../model.ts';
import { coerceVariables } from '../operation-variables.ts';
import { filterKey } from '../pagination/filters.ts';
import { predictListCalls, predictListCallsAtLeast, predictListPositions } from '../pagination/paged-list.ts';
import { resolveWindow, type WindowSpec } from '../pagination/window.ts';
import type { GatewayContext } from '../schema/context.ts';
import { filtersFromArgs, scopeFromArgs } from '../schema/filters-from-args.ts';
import { decodeGlobalID, parseMeetingLocalId } from '../schema/global-id.ts';
import { type FieldCollector, fieldCollector, subSelections } from './collect-fields.ts';

/**
 * How many upstream calls an operation will make at most, known before it runs (from the
 * document, the operation name and the raw variables), following what the loaders do:
 *
 * - `meetings` windows are grouped by filter set, as the page loader batches them, and each
 *   group costs what the paged-list policy (`predictListCalls`) says it fetches at most
 *   (aliases of the same window count once; cursors are decoded to their positions).
 * - `aiConfig` under a connection: one GET per position of the windows that select it
 *   (positions shared by several windows of a group count once).
 * - `meeting`, `node`, `nodes` and `_entities`: one GET per distinct meeting they name
 *   (their `aiConfig` is included in it).
 *
 * A field whose arguments or ids are invalid (it will fail with BAD_USER_INPUT and call
 * nothing) counts 0, as does an operation whose variables do not coerce. Fields skipped by
 * `@skip`/`@include` count 0. The number is an upper bound: meetings already listed in the
 * same request, and totals smaller than a window, only make the real count lower.
 */

export interface CostModel {
  /** Largest `first`/`last` accepted (MAX_PAGE_SIZE). */
  maxPageSize: number;
  /** Largest `per_page` sent upstream (UPSTREAM_MAX_PER_PAGE). */
  maxPerPage: number;
  /** Default account and app, as resolvers see them. */
  defaults: GatewayContext['defaults'];
  /**
   * When a cheap lower bound (every call covers at most `maxPerPage` needed positions)
   * already exceeds this, that bound is returned without running the planner, whose cost
   * grows with the positions asked for.
   */
  stopAbove?: number;
}

interface WindowUse {
  spec: WindowSpec;
  aiConfig: boolean;
}

export function predictUpstreamCalls(
  schema: GraphQLSchema,
  document: DocumentNode,
  rawVariables: Readonly<Record<string, unknown>> | null | undefined,
  operationName: string | null | undefined,
  model: CostModel,
): number {
  const operation = getOperationAST(document, operationName);
  const queryType = schema.getQueryType();
  if (operation?.operation !== 'query' || !queryType) return 0;
  const coerced = coerceVariables(schema, operation, rawVariables);
  if (!('coerced' in coerced)) return 0;
  const variables = coerced.coerced;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const collector = fieldCollector(schema, fragments, variables);
  // Resolvers only read `defaults` from the context.
  const ctx = { defaults: model.defaults } as GatewayContext;

  const windows = new Map<string, WindowUse[]>();
  const meetings = new Set<string>();
  const addMeeting = (key: MeetingKey) => meetings.add(meetingCacheKey(key));

  for (const nodes of collector.collect(queryType, [operation.selectionSet]).values()) {
    const [node] = nodes;
    const field = node && queryType.getFields()[node.name.value];
    if (!node || !field) continue;
    const args = argumentsOf(field, node, variables);
    if (!args) continue;
    switch (field.name) {
      case 'meetings': {
        const window = attempt(() => {
          const key = filterKey(filtersFromArgs(args, ctx));
          return { key, spec: resolveWindow(args, key, model.maxPageSize) };
        });
        if (!window) break;
        const use = { spec: window.spec, aiConfig: connectionSelectsAiConfig(collector, field, nodes) };
        const group = windows.get(window.key);
        if (group) group.push(use);
        else windows.set(window.key, [use]);
        break;
      }
      case 'meeting': {
        const key = attempt(() => ({
          ...scopeFromArgs(args, ctx),
          meetingId: String(args.meetingId).toLowerCase(),
        }));
        if (key) addMeeting(key);
        break;
      }
      case 'node':
        for (const key of meetingKeysFromIds([args.id])) addMeeting(key);
        break;
      case 'nodes':
        if (Array.isArray(args.ids) && args.ids.length <= 100) {
          for (const key of meetingKeysFromIds(args.ids)) addMeeting(key);
        }
        break;
      case '_entities':
        if (Array.isArray(args.representations)) {
          const ids = args.representations.flatMap((representation: unknown) => {
            const { __typename, id } = (representation ?? {}) as { __typename?: unknown; id?: unknown };
            return __typename === 'Meeting' ? [id] : [];
          });
          for (const key of meetingKeysFromIds(ids)) addMeeting(key);
        }
        break;
    }
  }

  if (model.stopAbove !== undefined) {
    let atLeast = meetings.size;
    for (const group of windows.values()) atLeast += groupLowerBound(group, model.maxPerPage);
    if (atLeast > model.stopAbove) return atLeast;
  }
  let calls = meetings.size;
  for (const group of windows.values()) calls += groupCalls(group, model.maxPerPage);
  return calls;
}

/** List pages plus aiConfig GETs of one filter set's windows, as the paged-list policy fetches them. */
function groupCalls(group: readonly WindowUse[], maxPerPage: number): number {
  const specs = group.map((use) => use.spec);
  const aiSpecs = group.filter((use) => use.aiConfig).map((use) => use.spec);
  return predictListCalls(specs, maxPerPage) + predictListPositions(aiSpecs);
}

/** At most `groupCalls`, in time linear in the windows (checked first against the limit). */
function groupLowerBound(group: readonly WindowUse[], maxPerPage: number): number {
  const specs = group.map((use) => use.spec);
  const aiSpecs = group.filter((use) => use.aiConfig).map((use) => use.spec);
  return predictListCallsAtLeast(specs, maxPerPage) + predictListPositions(aiSpecs);
}

/** Whether a `meetings` field selects `aiConfig` on its edges' nodes or on its nodes. */
function connectionSelectsAiConfig(
  collector: FieldCollector,
  field: GraphQLField<unknown, unknown>,
  nodes: readonly FieldNode[],
): boolean {
  const connection = getNamedType(field.type);
  const selected = (type: GraphQLNamedType, sets: readonly FieldNode[], path: readonly string[]): boolean => {
    const [next, ...rest] = path;
    if (next === undefined) return true;
    if (!('getFields' in type)) return false;
    const fields = type.getFields() as Record<string, GraphQLField<unknown, unknown>>;
    for (const children of collector.collect(type, subSelections(sets)).values()) {
      const child = children[0]?.name.value;
      const childField = child === undefined ? undefined : fields[child];
      if (child === next && childField && selected(getNamedType(childField.type), children, rest))
        return true;
    }
    return false;
  };
  return (
    selected(connection, nodes, ['edges', 'node', 'aiConfig']) ||
    selected(connection, nodes, ['nodes', 'aiConfig'])
  );
}

/** The meetings named by global IDs; invalid or foreign IDs are left out. */
function meetingKeysFromIds(ids: readonly unknown[]): MeetingKey[] {
  return ids.flatMap((id) => {
    if (typeof id !== 'string') return [];
    const key = attempt(() => {
      const decoded = decodeGlobalID(id);
      return decoded.typename === 'Meeting' ? parseMeetingLocalId(decoded.id) : undefined;
    });
    return key ? [key] : [];
  });
}

// biome-ignore lint/suspicious/noExplicitAny: argument values are as dynamic as the schema
type Args = Record<string, any>;

function argumentsOf(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Record<string, unknown>,
): Args | undefined {
  return attempt(() => getArgumentValues(field, node, variables) as Args);
}

/** `run()`, or undefined when it throws (bad input: the field will fail and call nothing). */
function attempt<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined;
  }
}
