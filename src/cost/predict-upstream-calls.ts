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
  isObjectType,
  Kind,
} from 'graphql';
import { coerceVariables } from '../execution/operation-variables.ts';
import { meetingCacheKey } from '../loaders/meeting-key.ts';
import type { MeetingKey } from '../model.ts';
import { filterKey } from '../pagination/filters.ts';
import { predictListCalls, predictListCallsAtLeast, predictListPositions } from '../pagination/paged-list.ts';
import { resolveWindow, type WindowSpec } from '../pagination/window.ts';
import type { ArgumentRules, GatewayContext } from '../schema/context.ts';
import { appFromArgs, filtersFromArgs } from '../schema/filters-from-args.ts';
import {
  decodeGlobalID,
  MAX_IDS,
  parseMeetingLocalId,
  parseParticipantLocalId,
} from '../schema/global-id.ts';
import { type FieldCollector, fieldCollector, subSelections } from './collect-fields.ts';

// How many upstream calls an operation will make at most, known before it runs (from the
// document, the operation name and the raw variables), following what the loaders do:
//
// - `meetings` windows are grouped by filter set, as the page loader batches them, and each
//   group costs what the paged-list policy (`predictListCalls`) says it fetches at most
//   (aliases of the same window count once; cursors are decoded to their positions).
// - `aiConfig` under a connection: one GET per position of the windows that select it
//   (positions shared by several windows of a group count once).
// - `meeting`, `node`, `nodes` and `_entities`: one GET per distinct meeting they name
//   (their `aiConfig` is included in it), and one per distinct participant.
// - On any meeting (listed or named): `participants` costs what the paged-list policy
//   fetches for that meeting's list, `activeSession` one GET; per listed position.
// - A mutation: one upstream write per mutation field, plus what its payload's meeting
//   reads.
//
// A field whose arguments or ids are invalid (it will fail with BAD_USER_INPUT and call
// nothing) counts 0, as does an operation whose variables do not coerce. Fields skipped by
// `@skip`/`@include` count 0. The number is an upper bound: meetings already listed in the
// same request, and totals smaller than a window, only make the real count lower.

export interface CostModel {
  /** Largest `first`/`last` accepted (MAX_PAGE_SIZE). */
  maxPageSize: number;
  /** Largest `per_page` sent upstream (UPSTREAM_MAX_PER_PAGE). */
  maxPerPage: number;
  /** Default account and app, as resolvers see them. */
  argumentRules: ArgumentRules;
  /**
   * When a cheap lower bound (every call covers at most `maxPerPage` needed positions)
   * already exceeds this, that bound is returned without running the planner, whose cost
   * grows with the positions asked for.
   */
  stopAbove?: number;
}

/** What the selection on one meeting reads beyond the meeting: participants pages and the live session. */
interface MeetingReads {
  /** Windows of `participants` (aliases of one meeting share its list). */
  participants: WindowSpec[];
  session: boolean;
}

const NO_READS: MeetingReads = { participants: [], session: false };

interface WindowUse {
  spec: WindowSpec;
  aiConfig: boolean;
  reads: MeetingReads;
}

function mergeReads(all: readonly MeetingReads[]): MeetingReads {
  return { participants: all.flatMap((r) => r.participants), session: all.some((r) => r.session) };
}

/** Calls one meeting's reads cost: its participants pages (one list) and its live session. */
function readsCost(reads: MeetingReads, maxPerPage: number): number {
  const pages = reads.participants.length > 0 ? predictListCalls(reads.participants, maxPerPage) : 0;
  return pages + (reads.session ? 1 : 0);
}

export function predictUpstreamCalls(
  schema: GraphQLSchema,
  document: DocumentNode,
  rawVariables: Readonly<Record<string, unknown>> | null | undefined,
  operationName: string | null | undefined,
  model: CostModel,
): number {
  const operation = getOperationAST(document, operationName);
  const rootType =
    operation?.operation === 'query'
      ? schema.getQueryType()
      : operation?.operation === 'mutation'
        ? schema.getMutationType()
        : undefined;
  if (!operation || !rootType) return 0;
  const coerced = coerceVariables(schema, operation, rawVariables);
  if (!('coerced' in coerced)) return 0;
  const variables = coerced.coerced;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const collector = fieldCollector(schema, fragments, variables);
  // Resolvers only read `argumentRules` from the context.
  const ctx = { argumentRules: model.argumentRules } as GatewayContext;
  const meetingType = schema.getType('Meeting');

  /** What the selections `nodes` (fields whose value is a Meeting) read beyond the meeting. */
  const readsOf = (nodes: readonly FieldNode[]): MeetingReads => {
    if (!meetingType || !isObjectType(meetingType) || nodes.length === 0) return NO_READS;
    const reads: MeetingReads = { participants: [], session: false };
    const fields = meetingType.getFields();
    for (const children of collector.collect(meetingType, subSelections(nodes)).values()) {
      const [child] = children;
      if (child?.name.value === 'activeSession') reads.session = true;
      if (child?.name.value === 'participants' && fields.participants) {
        const args = argumentsOf(fields.participants, child, variables);
        const spec = args && attempt(() => resolveWindow(args, undefined, model.maxPageSize));
        if (spec) reads.participants.push(spec);
      }
    }
    return reads;
  };

  const windows = new Map<string, WindowUse[]>();
  const meetings = new Map<string, MeetingReads[]>();
  const participants = new Set<string>();
  let writes = 0;
  const addMeeting = (key: MeetingKey, reads: MeetingReads) => {
    const id = meetingCacheKey(key);
    const list = meetings.get(id);
    if (list) list.push(reads);
    else meetings.set(id, [reads]);
  };
  const addIds = (ids: readonly unknown[], nodes: readonly FieldNode[]) => {
    const reads = readsOf(nodes);
    for (const key of meetingKeysFromIds(ids)) addMeeting(key, reads);
    for (const key of participantKeysFromIds(ids)) participants.add(key);
  };

  for (const nodes of collector.collect(rootType, [operation.selectionSet]).values()) {
    const [node] = nodes;
    const field = node && rootType.getFields()[node.name.value];
    if (!node || !field) continue;
    const args = argumentsOf(field, node, variables);
    if (!args) continue;
    if (operation.operation === 'mutation') {
      // One upstream write per mutation field (never retried but after a 429), plus what
      // its payload's meeting reads.
      writes += 1;
      writes += readsCost(readsOf(fieldsAt(collector, field, nodes, ['meeting'])), model.maxPerPage);
      continue;
    }
    switch (field.name) {
      case 'meetings': {
        const window = attempt(() => {
          const key = filterKey(filtersFromArgs(args, ctx));
          return { key, spec: resolveWindow(args, key, model.maxPageSize) };
        });
        if (!window) break;
        const meetingNodes = [
          ...fieldsAt(collector, field, nodes, ['edges', 'node']),
          ...fieldsAt(collector, field, nodes, ['nodes']),
        ];
        const use = {
          spec: window.spec,
          aiConfig:
            fieldsAt(collector, field, nodes, ['edges', 'node', 'aiConfig']).length > 0 ||
            fieldsAt(collector, field, nodes, ['nodes', 'aiConfig']).length > 0,
          reads: readsOf(meetingNodes),
        };
        const group = windows.get(window.key);
        if (group) group.push(use);
        else windows.set(window.key, [use]);
        break;
      }
      case 'meeting': {
        const key = attempt(() => ({
          ...appFromArgs(args, ctx),
          meetingId: String(args.meetingId).toLowerCase(),
        }));
        if (key) addMeeting(key, readsOf(nodes));
        break;
      }
      case 'node':
        addIds([args.id], nodes);
        break;
      case 'nodes':
        if (Array.isArray(args.ids) && args.ids.length <= MAX_IDS) addIds(args.ids, nodes);
        break;
      case '_entities':
        if (Array.isArray(args.representations)) {
          const ids = args.representations.flatMap((representation: unknown) => {
            const { __typename, id } = (representation ?? {}) as { __typename?: unknown; id?: unknown };
            return __typename === 'Meeting' ? [id] : [];
          });
          addIds(ids, nodes);
        }
        break;
    }
  }

  let direct = writes + participants.size;
  for (const reads of meetings.values()) direct += 1 + readsCost(mergeReads(reads), model.maxPerPage);
  if (model.stopAbove !== undefined) {
    let atLeast = direct;
    for (const group of windows.values()) atLeast += groupLowerBound(group, model.maxPerPage);
    if (atLeast > model.stopAbove) return atLeast;
  }
  let calls = direct;
  for (const group of windows.values()) calls += groupCalls(group, model.maxPerPage);
  return calls;
}

/**
 * List pages, aiConfig GETs and per-meeting reads (participants pages, live session) of one
 * filter set's windows, as the paged-list policy fetches them: every listed meeting reads
 * its own participants list.
 */
function groupCalls(group: readonly WindowUse[], maxPerPage: number): number {
  const specs = group.map((use) => use.spec);
  const aiSpecs = group.filter((use) => use.aiConfig).map((use) => use.spec);
  const readers = group.filter((use) => use.reads !== NO_READS && readsCost(use.reads, maxPerPage) > 0);
  const perMeeting = readsCost(mergeReads(readers.map((use) => use.reads)), maxPerPage);
  const listed = perMeeting > 0 ? predictListPositions(readers.map((use) => use.spec)) : 0;
  return predictListCalls(specs, maxPerPage) + predictListPositions(aiSpecs) + listed * perMeeting;
}

/** At most `groupCalls`, in time linear in the windows (checked first against the limit). */
function groupLowerBound(group: readonly WindowUse[], maxPerPage: number): number {
  const specs = group.map((use) => use.spec);
  // Ranges only: a tail's positions are not known to exist before the total is.
  const aiSpecs = group.filter((use) => use.aiConfig && use.spec.kind === 'range').map((use) => use.spec);
  return predictListCallsAtLeast(specs, maxPerPage) + predictListPositions(aiSpecs);
}

/**
 * The field nodes at `path` below `field` (e.g. `['edges', 'node', 'aiConfig']` below a
 * connection), through aliases and fragments; empty when the selection does not reach it.
 */
function fieldsAt(
  collector: FieldCollector,
  field: GraphQLField<unknown, unknown>,
  nodes: readonly FieldNode[],
  path: readonly string[],
): FieldNode[] {
  const walk = (type: GraphQLNamedType, sets: readonly FieldNode[], rest: readonly string[]): FieldNode[] => {
    const [next, ...deeper] = rest;
    if (next === undefined) return [...sets];
    if (!('getFields' in type)) return [];
    const fields = type.getFields() as Record<string, GraphQLField<unknown, unknown>>;
    const found: FieldNode[] = [];
    for (const children of collector.collect(type, subSelections(sets)).values()) {
      const child = children[0]?.name.value;
      const childField = child === undefined ? undefined : fields[child];
      if (child === next && childField) found.push(...walk(getNamedType(childField.type), children, deeper));
    }
    return found;
  };
  return walk(getNamedType(field.type), nodes, path);
}

/** The participants named by global IDs (distinct); invalid or foreign IDs are left out. */
function participantKeysFromIds(ids: readonly unknown[]): string[] {
  return ids.flatMap((id) => {
    if (typeof id !== 'string') return [];
    const key = attempt(() => {
      const decoded = decodeGlobalID(id);
      return decoded.typename === 'Participant' ? parseParticipantLocalId(decoded.id) : undefined;
    });
    return key ? [`${meetingCacheKey(key)}\u0000${key.participantId}`] : [];
  });
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
