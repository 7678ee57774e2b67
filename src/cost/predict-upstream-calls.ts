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
import { type Interval, planPages } from '../pagination/plan.ts';
import { resolveWindow, type WindowSpec } from '../pagination/window.ts';
import type { GatewayContext } from '../schema/context.ts';
import { filtersFromArgs, scopeFromArgs } from '../schema/filters-from-args.ts';
import { decodeGlobalID, parseMeetingLocalId } from '../schema/global-id.ts';
import { type FieldCollector, fieldCollector, subSelections } from './collect-fields.ts';

/**
 * How many upstream calls an operation will make at most, known before it runs (from the
 * document, the operation name and the raw variables), following what the loaders do:
 *
 * - `meetings` windows are grouped by filter set, as the page loader batches them. The
 *   ranges of a group cost what `planPages` plans for them together (so aliases of the same
 *   window with the same filters count once, and cursors are decoded to their positions).
 *   If no range of a group fetches anything (only empty windows or `last` without
 *   `before`), one probe page is counted. A `last: n` window without `before` ends at the
 *   total, unknown before the call, so it counts the most any n positions may need:
 *   `ceil((n - 1) / UPSTREAM_MAX_PER_PAGE) + 1` pages (the group's widest such window).
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

/** List pages plus aiConfig GETs of one filter set's windows. */
function groupCalls(group: readonly WindowUse[], maxPerPage: number): number {
  const ranges: Interval[] = [];
  const aiRanges: Interval[] = [];
  let widestTail = 0;
  let widestAiTail = 0;
  let hasTail = false;
  for (const { spec, aiConfig } of group) {
    if (spec.kind === 'range') {
      ranges.push({ start: spec.start, end: spec.end });
      if (aiConfig) aiRanges.push({ start: spec.start, end: spec.end });
    } else {
      hasTail = true;
      widestTail = Math.max(widestTail, spec.count);
      if (aiConfig) widestAiTail = Math.max(widestAiTail, spec.count);
    }
  }
  let calls = planPages(ranges, maxPerPage).length;
  // Nothing fetched tells the total: the page loader probes page 1.
  if (calls === 0) calls = 1;
  if (hasTail && widestTail > 0) calls += Math.ceil((widestTail - 1) / maxPerPage) + 1;
  return calls + coveredPositions(aiRanges) + widestAiTail;
}

/** At most `groupCalls`, in time linear in the windows: each list call covers ≤ maxPerPage positions. */
function groupLowerBound(group: readonly WindowUse[], maxPerPage: number): number {
  const ranges: Interval[] = [];
  const aiRanges: Interval[] = [];
  for (const { spec, aiConfig } of group) {
    if (spec.kind !== 'range') continue;
    ranges.push({ start: spec.start, end: spec.end });
    if (aiConfig) aiRanges.push({ start: spec.start, end: spec.end });
  }
  return Math.max(1, Math.ceil(coveredPositions(ranges) / maxPerPage)) + coveredPositions(aiRanges);
}

/** Number of distinct positions in the union of `intervals`. */
function coveredPositions(intervals: Interval[]): number {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  let count = 0;
  let reach = 0;
  for (const { start, end } of sorted) {
    const from = Math.max(start, reach);
    if (end > from) count += end - from;
    reach = Math.max(reach, end);
  }
  return count;
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
