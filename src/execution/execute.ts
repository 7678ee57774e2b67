// The gateway's GraphQL executor: graphql-js's `execute` algorithm (graphql 16, the spec's
// "Executing Requests"), with the same results, errors and null propagation, doing less
// work per field for the documents a gateway sees again and again.
//
// What it does differently from graphql-js, and why the answers stay the same:
// - What a selection set collects to (fields, fragments, @skip/@include) is worked out once
//   per parsed document and type, not once per request: yoga hands the same document object
//   for the same query text. A document whose @skip/@include read variables is collected per
//   request, as graphql-js does.
// - A field without a resolver is read from its parent directly; the `info` object and the
//   path are built only for fields that have a resolver (they may read them) and for errors,
//   the path also for list and object values, `info` also for abstract types and `isTypeOf`.
// - A field without arguments gets a fresh `{}` instead of a walk over its argument nodes.
// - Result objects are plain objects (null-prototype dictionaries, as graphql-js makes them,
//   are two to three times slower to serialize); a selection with a `__proto__` alias still
//   gets a null-prototype object so that the key stays a key.
// - A string of String or ID, a boolean of Boolean and a 32-bit integer of Int are taken as
//   they are, without calling the scalar's `serialize` (which answers them unchanged).
// - A selection kept across requests that has run `compileAfterRuns` times (32: a repeated
//   document) gets its field loop as generated code (`compiled-fields.ts`): leaves and
//   objects read from their parent are read and completed there, the result is one object
//   literal, every other field goes through `executeField` as before.
// Everything else (completion of lists, leaves, abstract and object types, promises, error
// location and the dropping of errors under an already nulled position) follows graphql-js
// step for step, so that promises settle in the same order. Subscriptions are handed to
// graphql-js. `test/integration/execution-differential.property.test.ts` holds it to
// graphql-js on random operations with failing items at every position, with the generated
// loops too (`compileAfterRuns: 1`), as do the unit tests `executor-*.test.ts`.
import {
  type DocumentNode,
  defaultTypeResolver,
  type ExecutionArgs,
  type ExecutionResult,
  execute as executeWithGraphqlJs,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLBoolean,
  GraphQLError,
  type GraphQLField,
  type GraphQLFieldResolver,
  GraphQLID,
  GraphQLInt,
  type GraphQLLeafType,
  type GraphQLList,
  type GraphQLNamedType,
  type GraphQLNonNull,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  GraphQLString,
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isAbstractType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  locatedError,
  type OperationDefinitionNode,
  TypeNameMetaFieldDef,
  visit,
} from 'graphql';
import { collectFields, collectSubfields } from 'graphql/execution/collectFields.js';
import { getFieldDef } from 'graphql/execution/execute.js';
import { inspect } from 'graphql/jsutils/inspect.js';
import { addPath, type Path, pathToArray } from 'graphql/jsutils/Path.js';
import { type CompiledFields, compileFields } from './compiled-fields.ts';

type PromiseOrValue<T> = Promise<T> | T;
type Result = Record<string, unknown>;

/** One response key of a selection on one object type, with what running it needs. */
interface FieldPlan {
  responseKey: string;
  fieldNodes: readonly FieldNode[];
  fieldDef: GraphQLField<unknown, unknown>;
  /** Undefined: read `source[fieldName]` (graphql-js's default resolver) without `info`. */
  resolve: GraphQLFieldResolver<unknown, unknown> | undefined;
  /** `__typename`: the parent type's name, no resolver call. */
  typename: boolean;
  /** The field or its nodes have arguments: coerce them per call. */
  hasArguments: boolean;
  /** The scalar or enum type when the field's type is one (or a non-null one). */
  leafType: GraphQLLeafType | undefined;
  /** The field's type is non-null. */
  nonNull: boolean;
  /**
   * Completing a value needs `info` even without a resolver: the named type is abstract
   * (`resolveType`) or an object type with `isTypeOf`.
   */
  completionReadsInfo: boolean;
  /**
   * The object type when the field's type is one (or a non-null one) whose completion needs
   * no `info` (no `isTypeOf`): the generated loops complete its values with `completeObject`.
   */
  objectType: GraphQLObjectType | undefined;
}

/** A selection collected for one object type. */
interface SelectionPlan {
  fields: FieldPlan[];
  /** A response key that a plain object would take as its prototype. */
  nullPrototype: boolean;
  /** Kept across requests (not collected per request), so worth generating its loop. */
  kept: boolean;
  /** Times its field loop ran, until it is generated. */
  runs: number;
  /** The generated loop (`compiled-fields.ts`); null: it cannot be generated. */
  compiled: CompiledFields<Run, GraphQLObjectType, Path | undefined> | null | undefined;
}

/** What one operation of one document collects to, kept across requests when it can be. */
interface OperationPlan {
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  /** @skip/@include read variables: collect per request instead. */
  collectPerRequest: boolean;
  root: Map<GraphQLObjectType, SelectionPlan>;
  sub: WeakMap<readonly FieldNode[], Map<GraphQLObjectType, SelectionPlan>>;
}

/** One execution's state, like graphql-js's execution context. */
interface Run {
  schema: GraphQLSchema;
  plan: OperationPlan;
  rootValue: unknown;
  contextValue: unknown;
  variableValues: Record<string, unknown>;
  errors: GraphQLError[];
  /** Positions already nulled by an error: later errors at or under them are dropped. */
  nulled: Set<Path | undefined>;
  /** See `ExecutorOptions.compileAfterRuns`. */
  compileAfterRuns: number;
}

export interface ExecutorOptions {
  /**
   * Runs of a selection kept across requests after which its field loop is generated
   * (`compiled-fields.ts`): a document seen again and again. Default 32 (a page of 20
   * meetings of a repeated document gets there in its second request); `Infinity` never.
   */
  compileAfterRuns?: number;
}

/**
 * Returns an `execute` with graphql-js's signature and results. Plans are kept per parsed
 * document (weakly: they go with the document) and operation name.
 */
export function createExecutor(
  options: ExecutorOptions = {},
): (args: ExecutionArgs) => PromiseOrValue<ExecutionResult> {
  const compileAfterRuns = options.compileAfterRuns ?? 32;
  let plans = new WeakMap<DocumentNode, Map<string, OperationPlan>>();
  let plannedFor: GraphQLSchema | undefined;
  const planOf = (
    schema: GraphQLSchema,
    document: DocumentNode,
    operationName: string | null | undefined,
  ) => {
    // Plans hold the schema's field definitions: another schema starts afresh.
    if (plannedFor !== schema) {
      plans = new WeakMap();
      plannedFor = schema;
    }
    const key = operationName ?? '';
    let byName = plans.get(document);
    if (!byName) {
      byName = new Map();
      plans.set(document, byName);
    }
    const known = byName.get(key);
    if (known) return known;
    const plan = operationPlan(document, operationName);
    // Only operations the document has are kept, so a document's plans stay as few as its
    // operations whatever names callers send.
    if (plan !== null) byName.set(key, plan);
    return plan;
  };

  return (args) => {
    if (args.fieldResolver || args.typeResolver) return executeWithGraphqlJs(args);
    const plan = planOf(args.schema, args.document, args.operationName);
    // No such operation, or a subscription: graphql-js gives its own answer.
    if (plan === null || plan.operation.operation === 'subscription') return executeWithGraphqlJs(args);
    const coerced = getVariableValues(
      args.schema,
      plan.operation.variableDefinitions ?? [],
      args.variableValues ?? {},
      { maxErrors: 50, hideSuggestions: (args as { hideSuggestions?: boolean }).hideSuggestions ?? false },
    );
    if (coerced.errors) return { errors: coerced.errors };
    const run: Run = {
      schema: args.schema,
      plan: plan.collectPerRequest ? { ...plan, root: new Map(), sub: new WeakMap() } : plan,
      rootValue: args.rootValue,
      contextValue: args.contextValue,
      variableValues: coerced.coerced,
      errors: [],
      nulled: new Set(),
      compileAfterRuns,
    };
    return executeOperation(run);
  };
}

function operationPlan(
  document: DocumentNode,
  operationName: string | null | undefined,
): OperationPlan | null {
  let operation: OperationDefinitionNode | undefined;
  let operations = 0;
  const fragments: Record<string, FragmentDefinitionNode> = Object.create(null);
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      operations++;
      if (operationName == null || definition.name?.value === operationName) operation ??= definition;
    } else if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments[definition.name.value] = definition;
    }
  }
  if (!operation || (operationName == null && operations > 1)) return null;
  return {
    operation,
    fragments,
    collectPerRequest: directivesReadVariables(document),
    root: new Map(),
    sub: new WeakMap(),
  };
}

/** Whether any @skip/@include of the document takes a variable. */
function directivesReadVariables(document: DocumentNode): boolean {
  let reads = false;
  visit(document, {
    Directive(node) {
      if (
        (node.name.value === 'skip' || node.name.value === 'include') &&
        node.arguments?.some((a) => a.value.kind !== Kind.BOOLEAN)
      )
        reads = true;
    },
  });
  return reads;
}

function executeOperation(run: Run): PromiseOrValue<ExecutionResult> {
  const { operation } = run.plan;
  const rootType = run.schema.getRootType(operation.operation);
  try {
    if (rootType == null) {
      throw new GraphQLError(`Schema is not configured to execute ${operation.operation} operation.`, {
        nodes: operation,
      });
    }
    let selection = run.plan.root.get(rootType);
    if (!selection) {
      selection = selectionPlan(
        run.schema,
        rootType,
        collectFields(run.schema, run.plan.fragments, run.variableValues, rootType, operation.selectionSet),
        !run.plan.collectPerRequest,
      );
      run.plan.root.set(rootType, selection);
    }
    const data =
      operation.operation === 'mutation'
        ? executeFieldsSerially(run, rootType, run.rootValue, undefined, selection)
        : executeFields(run, rootType, run.rootValue, undefined, selection);
    if (isPromise(data)) {
      return data.then(
        (resolved) => response(resolved, run.errors),
        (error: unknown) => {
          addError(run, error as GraphQLError, undefined);
          return response(null, run.errors);
        },
      );
    }
    return response(data, run.errors);
  } catch (error) {
    addError(run, error as GraphQLError, undefined);
    return response(null, run.errors);
  }
}

function response(data: Result | null, errors: GraphQLError[]): ExecutionResult {
  return errors.length === 0 ? { data } : { errors, data };
}

function selectionPlan(
  schema: GraphQLSchema,
  parentType: GraphQLObjectType,
  collected: Map<string, readonly FieldNode[]>,
  kept: boolean,
): SelectionPlan {
  const fields: FieldPlan[] = [];
  let nullPrototype = false;
  for (const [responseKey, fieldNodes] of collected) {
    const fieldNode = fieldNodes[0] as FieldNode;
    const fieldDef = getFieldDef(schema, parentType, fieldNode);
    // graphql-js leaves an unknown field out of the result (validation refuses it anyway).
    if (!fieldDef) continue;
    if (responseKey === '__proto__') nullPrototype = true;
    const typename = fieldDef === TypeNameMetaFieldDef;
    const nonNull = isNonNullType(fieldDef.type);
    const named = nonNull ? (fieldDef.type as GraphQLNonNull<GraphQLOutputType>).ofType : fieldDef.type;
    fields.push({
      responseKey,
      fieldNodes,
      fieldDef,
      resolve: typename ? undefined : fieldDef.resolve,
      typename,
      hasArguments: fieldDef.args.length > 0 || (fieldNode.arguments?.length ?? 0) > 0,
      leafType: isLeafType(named) ? named : undefined,
      nonNull,
      completionReadsInfo: completionReadsInfo(getNamedType(fieldDef.type)),
      objectType: isObjectType(named) && named.isTypeOf == null ? named : undefined,
    });
  }
  return { fields, nullPrototype, kept, runs: 0, compiled: undefined };
}

function completionReadsInfo(type: GraphQLNamedType): boolean {
  return isAbstractType(type) || (isObjectType(type) && type.isTypeOf != null);
}

function subSelection(
  run: Run,
  returnType: GraphQLObjectType,
  fieldNodes: readonly FieldNode[],
): SelectionPlan {
  let byType = run.plan.sub.get(fieldNodes);
  if (!byType) {
    byType = new Map();
    run.plan.sub.set(fieldNodes, byType);
  }
  let selection = byType.get(returnType);
  if (!selection) {
    selection = selectionPlan(
      run.schema,
      returnType,
      collectSubfields(run.schema, run.plan.fragments, run.variableValues, returnType, fieldNodes),
      !run.plan.collectPerRequest,
    );
    byType.set(returnType, selection);
  }
  return selection;
}

function newResult(selection: SelectionPlan): Result {
  return selection.nullPrototype ? Object.create(null) : {};
}

function executeFields(
  run: Run,
  parentType: GraphQLObjectType,
  source: unknown,
  path: Path | undefined,
  selection: SelectionPlan,
): PromiseOrValue<Result> {
  if (selection.compiled === undefined && selection.kept && ++selection.runs >= run.compileAfterRuns)
    selection.compiled = compileFields(selection.fields, STEPS) ?? null;
  if (selection.compiled && typeof source === 'object' && source !== null)
    return selection.compiled(run, parentType, source, path) as PromiseOrValue<Result>;
  const results = newResult(selection);
  let pending: Promise<unknown>[] | undefined;
  let pendingKeys: string[] | undefined;
  try {
    for (const field of selection.fields) {
      const result = executeField(run, parentType, source, field, path);
      if (result === undefined) continue;
      results[field.responseKey] = result;
      if (isPromise(result)) {
        pending ??= [];
        pendingKeys ??= [];
        pending.push(result);
        pendingKeys.push(field.responseKey);
      }
    }
  } catch (error) {
    return failAfterPending(pending, error);
  }
  return pending === undefined ? results : settlePending(results, pending, pendingKeys as string[]);
}

/**
 * A selection's loop failed (a non-null field's error goes on up): as graphql-js, the other
 * fields' promises are handled first (they may reject too), then it fails. graphql-js waits
 * through `promiseForObject` (Promise.all, then one `then`) before its `finally`: the same
 * number of ticks here, so the same errors land before it fails.
 */
function failAfterPending(pending: Promise<unknown>[] | undefined, error: unknown): Promise<never> {
  if (pending === undefined) throw error;
  return Promise.all(pending)
    .then(() => undefined)
    .finally(() => {
      throw error;
    }) as Promise<never>;
}

/** `results` once its pending fields have settled, each value under its key. */
function settlePending(results: Result, pending: Promise<unknown>[], keys: string[]): Promise<Result> {
  return Promise.all(pending).then((values) => {
    for (let i = 0; i < keys.length; i++) results[keys[i] as string] = values[i];
    return results;
  });
}

function executeFieldsSerially(
  run: Run,
  parentType: GraphQLObjectType,
  source: unknown,
  path: Path | undefined,
  selection: SelectionPlan,
): PromiseOrValue<Result> {
  const results = newResult(selection);
  let chain: PromiseOrValue<Result> = results;
  for (const field of selection.fields) {
    const step = (done: Result): PromiseOrValue<Result> => {
      const result = executeField(run, parentType, source, field, path);
      if (result === undefined) return done;
      if (isPromise(result)) {
        return result.then((resolved) => {
          done[field.responseKey] = resolved;
          return done;
        });
      }
      done[field.responseKey] = result;
      return done;
    };
    chain = isPromise(chain) ? (chain as Promise<Result>).then(step) : step(chain);
  }
  return chain;
}

function executeField(
  run: Run,
  parentType: GraphQLObjectType,
  source: unknown,
  field: FieldPlan,
  parentPath: Path | undefined,
): unknown {
  const returnType = field.fieldDef.type;
  // Made only when something reads them: a resolver, a list or object value, an error.
  let path: Path | undefined;
  let info: GraphQLResolveInfo | undefined;
  try {
    let result: unknown;
    if (field.typename) {
      result = parentType.name;
    } else {
      // Coerced as graphql-js does, before the resolver; a field without arguments gets `{}`
      // when something is called with them.
      const args = field.hasArguments
        ? getArgumentValues(field.fieldDef, field.fieldNodes[0] as FieldNode, run.variableValues)
        : undefined;
      if (field.resolve) {
        path = addPath(parentPath, field.responseKey, parentType.name);
        info = resolveInfo(run, field, parentType, path);
        result = field.resolve(source, args ?? {}, run.contextValue, info);
      } else if ((typeof source === 'object' && source !== null) || typeof source === 'function') {
        // graphql-js's defaultFieldResolver.
        const object = source as Record<string, unknown>;
        const property = object[field.fieldDef.name];
        if (typeof property === 'function') {
          path = addPath(parentPath, field.responseKey, parentType.name);
          info = resolveInfo(run, field, parentType, path);
          result = (object as Record<string, (...a: unknown[]) => unknown>)[field.fieldDef.name]?.(
            args ?? {},
            run.contextValue,
            info,
          );
        } else {
          result = property;
        }
      }
    }
    if (field.leafType !== undefined && !isPromise(result)) {
      // A leaf known now: completeValue's steps for it, without a path.
      if (result instanceof Error) throw result;
      if (result == null) {
        if (field.nonNull) throw nonNullError(parentType, field);
        return null;
      }
      return completeLeafValue(field.leafType, result);
    }
    path ??= addPath(parentPath, field.responseKey, parentType.name);
    return completeField(
      run,
      parentType,
      field,
      path,
      info ?? (field.completionReadsInfo ? resolveInfo(run, field, parentType, path) : undefined),
      result,
    );
  } catch (rawError) {
    path ??= addPath(parentPath, field.responseKey, parentType.name);
    return fieldError(run, field, rawError, returnType, path);
  }
}

/** The rest of executeField for a value that is a promise, a list or an object. */
function completeField(
  run: Run,
  parentType: GraphQLObjectType,
  field: FieldPlan,
  path: Path,
  info: GraphQLResolveInfo | undefined,
  result: unknown,
): unknown {
  const returnType = field.fieldDef.type;
  const completed = isPromise(result)
    ? result.then((resolved) => completeValue(run, returnType, field, parentType, info, path, resolved))
    : completeValue(run, returnType, field, parentType, info, path, result);
  if (isPromise(completed)) {
    return completed.then(undefined, (rawError: unknown) =>
      fieldError(run, field, rawError, returnType, path),
    );
  }
  return completed;
}

function resolveInfo(
  run: Run,
  field: FieldPlan,
  parentType: GraphQLObjectType,
  path: Path,
): GraphQLResolveInfo {
  return {
    fieldName: field.fieldDef.name,
    fieldNodes: field.fieldNodes,
    returnType: field.fieldDef.type,
    parentType,
    path,
    schema: run.schema,
    fragments: run.plan.fragments,
    rootValue: run.rootValue,
    operation: run.plan.operation,
    variableValues: run.variableValues,
  } as GraphQLResolveInfo;
}

/** A failure of `field` (or of an item of its list) at `path`: located, then handled. */
function fieldError(
  run: Run,
  field: FieldPlan,
  rawError: unknown,
  returnType: GraphQLOutputType,
  path: Path,
): null {
  return handleFieldError(run, locatedError(rawError, field.fieldNodes, pathToArray(path)), returnType, path);
}

function handleFieldError(run: Run, error: GraphQLError, returnType: GraphQLOutputType, path: Path): null {
  // A non-null field's error goes up to the nearest nullable position.
  if (isNonNullType(returnType)) throw error;
  addError(run, error, path);
  return null;
}

/** graphql-js's CollectedErrors: nothing is added at or under a position already nulled. */
function addError(run: Run, error: GraphQLError, path: Path | undefined): void {
  for (let at = path; at !== undefined; at = at.prev) if (run.nulled.has(at)) return;
  if (run.nulled.has(undefined)) return;
  run.nulled.add(path);
  run.errors.push(error);
}

function nonNullError(parentType: GraphQLObjectType, field: FieldPlan): Error {
  return new Error(`Cannot return null for non-nullable field ${parentType.name}.${field.fieldDef.name}.`);
}

function completeValue(
  run: Run,
  returnType: GraphQLOutputType,
  field: FieldPlan,
  parentType: GraphQLObjectType,
  info: GraphQLResolveInfo | undefined,
  path: Path,
  result: unknown,
): unknown {
  if (result instanceof Error) throw result;
  if (isNonNullType(returnType)) {
    const completed = completeValue(run, returnType.ofType, field, parentType, info, path, result);
    if (completed === null) throw nonNullError(parentType, field);
    return completed;
  }
  if (result == null) return null;
  if (isListType(returnType))
    return completeListValue(run, returnType, field, parentType, info, path, result);
  if (isLeafType(returnType)) return completeLeafValue(returnType, result);
  if (isAbstractType(returnType)) {
    const resolveTypeFn = returnType.resolveType ?? defaultTypeResolver;
    // `info` is there: an abstract type makes the field's plan read it (`completionReadsInfo`).
    const runtimeType = resolveTypeFn(result, run.contextValue, info as GraphQLResolveInfo, returnType);
    if (isPromise(runtimeType)) {
      return runtimeType.then((resolved) =>
        completeObjectValue(
          run,
          ensureValidRuntimeType(run, resolved, returnType, field, parentType, result),
          field,
          info,
          path,
          result,
        ),
      );
    }
    return completeObjectValue(
      run,
      ensureValidRuntimeType(run, runtimeType, returnType, field, parentType, result),
      field,
      info,
      path,
      result,
    );
  }
  if (isObjectType(returnType)) return completeObjectValue(run, returnType, field, info, path, result);
  throw new Error(`Cannot complete value of unexpected output type: ${inspect(returnType)}`);
}

function completeListValue(
  run: Run,
  returnType: GraphQLList<GraphQLOutputType>,
  field: FieldPlan,
  parentType: GraphQLObjectType,
  info: GraphQLResolveInfo | undefined,
  path: Path,
  result: unknown,
): PromiseOrValue<unknown[]> {
  if (
    typeof result !== 'object' ||
    result === null ||
    typeof (result as Iterable<unknown>)[Symbol.iterator] !== 'function'
  ) {
    throw new GraphQLError(
      `Expected Iterable, but did not find one for field "${parentType.name}.${field.fieldDef.name}".`,
    );
  }
  const itemType = returnType.ofType;
  let containsPromise = false;
  const completeItem = (item: unknown, index: number): unknown => {
    const itemPath = addPath(path, index, undefined);
    try {
      const completedItem = isPromise(item)
        ? item.then((resolved) => completeValue(run, itemType, field, parentType, info, itemPath, resolved))
        : completeValue(run, itemType, field, parentType, info, itemPath, item);
      if (isPromise(completedItem)) {
        containsPromise = true;
        return completedItem.then(undefined, (rawError: unknown) =>
          fieldError(run, field, rawError, itemType, itemPath),
        );
      }
      return completedItem;
    } catch (rawError) {
      return fieldError(run, field, rawError, itemType, itemPath);
    }
  };
  let completed: unknown[];
  if (Array.isArray(result)) {
    // A hole reads as undefined, as Array.from (graphql-js) reads it.
    completed = new Array(result.length);
    for (let index = 0; index < result.length; index++) completed[index] = completeItem(result[index], index);
  } else {
    completed = Array.from(result as Iterable<unknown>, completeItem);
  }
  return containsPromise ? Promise.all(completed) : completed;
}

/** What the generated field loops call back (compiled-fields.ts). */
const STEPS = {
  executeField,
  completeLeaf,
  completeObject,
  fieldFailed,
  isPromise,
  failAfterPending,
  settlePending,
};

/**
 * executeField's end for a value of an object type without `isTypeOf` read from the parent
 * that is not null, a function, a promise or an Error: its selection's fields, and their
 * failure (a non-null field nulling this object) as this field's error.
 */
function completeObject(
  run: Run,
  parentType: GraphQLObjectType,
  field: FieldPlan,
  parentPath: Path | undefined,
  value: unknown,
): unknown {
  const path = addPath(parentPath, field.responseKey, parentType.name);
  const returnType = field.objectType as GraphQLObjectType;
  try {
    const completed = executeFields(
      run,
      returnType,
      value,
      path,
      subSelection(run, returnType, field.fieldNodes),
    );
    if (isPromise(completed)) {
      return completed.then(undefined, (rawError: unknown) =>
        fieldError(run, field, rawError, field.fieldDef.type, path),
      );
    }
    return completed;
  } catch (rawError) {
    return fieldError(run, field, rawError, field.fieldDef.type, path);
  }
}

/**
 * executeField's end for a leaf read from its parent whose value is not null, a function, a
 * promise or an Error: `serialize`, and its failure as a field error at the field's path.
 */
function completeLeaf(
  run: Run,
  parentType: GraphQLObjectType,
  field: FieldPlan,
  parentPath: Path | undefined,
  value: unknown,
): unknown {
  try {
    return completeLeafValue(field.leafType as GraphQLLeafType, value);
  } catch (rawError) {
    return fieldFailed(run, parentType, field, parentPath, rawError);
  }
}

/** executeField's catch, for an error raised before a path was made. */
function fieldFailed(
  run: Run,
  parentType: GraphQLObjectType,
  field: FieldPlan,
  parentPath: Path | undefined,
  rawError: unknown,
): null {
  const path = addPath(parentPath, field.responseKey, parentType.name);
  return fieldError(run, field, rawError, field.fieldDef.type, path);
}

function completeLeafValue(returnType: { serialize(value: unknown): unknown }, result: unknown): unknown {
  // What the built-in scalars' serialize answers for these values: the value itself.
  if (typeof result === 'string' && (returnType === GraphQLString || returnType === GraphQLID)) return result;
  if (typeof result === 'boolean' && returnType === GraphQLBoolean) return result;
  if (returnType === GraphQLInt && typeof result === 'number' && (result | 0) === result) return result;
  const serialized = returnType.serialize(result);
  if (serialized == null) {
    throw new Error(
      `Expected \`${inspect(returnType)}.serialize(${inspect(result)})\` to return non-nullable value, returned: ${inspect(serialized)}`,
    );
  }
  return serialized;
}

function completeObjectValue(
  run: Run,
  returnType: GraphQLObjectType,
  field: FieldPlan,
  info: GraphQLResolveInfo | undefined,
  path: Path,
  result: unknown,
): PromiseOrValue<Result> {
  const selection = subSelection(run, returnType, field.fieldNodes);
  if (returnType.isTypeOf) {
    // `info` is there: `isTypeOf` makes the field's plan read it (`completionReadsInfo`).
    const isTypeOf = returnType.isTypeOf(result, run.contextValue, info as GraphQLResolveInfo);
    if (isPromise(isTypeOf)) {
      return isTypeOf.then((resolved) => {
        if (!resolved) throw invalidReturnTypeError(returnType, result, field.fieldNodes);
        return executeFields(run, returnType, result, path, selection);
      });
    }
    if (!isTypeOf) throw invalidReturnTypeError(returnType, result, field.fieldNodes);
  }
  return executeFields(run, returnType, result, path, selection);
}

function invalidReturnTypeError(
  returnType: GraphQLObjectType,
  result: unknown,
  fieldNodes: readonly FieldNode[],
) {
  return new GraphQLError(`Expected value of type "${returnType.name}" but got: ${inspect(result)}.`, {
    nodes: fieldNodes,
  });
}

function ensureValidRuntimeType(
  run: Run,
  runtimeTypeName: unknown,
  returnType: { name: string },
  field: FieldPlan,
  parentType: GraphQLObjectType,
  result: unknown,
): GraphQLObjectType {
  const where = `${parentType.name}.${field.fieldDef.name}`;
  if (runtimeTypeName == null) {
    throw new GraphQLError(
      `Abstract type "${returnType.name}" must resolve to an Object type at runtime for field "${where}". Either the "${returnType.name}" type should provide a "resolveType" function or each possible type should provide an "isTypeOf" function.`,
      { nodes: field.fieldNodes },
    );
  }
  if (isObjectType(runtimeTypeName)) {
    throw new GraphQLError(
      'Support for returning GraphQLObjectType from resolveType was removed in graphql-js@16.0.0 please return type name instead.',
    );
  }
  if (typeof runtimeTypeName !== 'string') {
    throw new GraphQLError(
      `Abstract type "${returnType.name}" must resolve to an Object type at runtime for field "${where}" with value ${inspect(result)}, received "${inspect(runtimeTypeName)}".`,
    );
  }
  const runtimeType = run.schema.getType(runtimeTypeName);
  if (runtimeType == null) {
    throw new GraphQLError(
      `Abstract type "${returnType.name}" was resolved to a type "${runtimeTypeName}" that does not exist inside the schema.`,
      { nodes: field.fieldNodes },
    );
  }
  if (!isObjectType(runtimeType)) {
    throw new GraphQLError(
      `Abstract type "${returnType.name}" was resolved to a non-object type "${runtimeTypeName}".`,
      { nodes: field.fieldNodes },
    );
  }
  if (!run.schema.isSubType(returnType as Parameters<GraphQLSchema['isSubType']>[0], runtimeType)) {
    throw new GraphQLError(
      `Runtime Object type "${runtimeType.name}" is not a possible type for "${returnType.name}".`,
      {
        nodes: field.fieldNodes,
      },
    );
  }
  return runtimeType;
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
