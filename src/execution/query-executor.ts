import { collectFields, collectSubFields } from '@graphql-tools/utils';
import {
  type DocumentNode,
  defaultTypeResolver,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLAbstractType,
  GraphQLBoolean,
  GraphQLError,
  type GraphQLField,
  type GraphQLFieldResolver,
  GraphQLID,
  GraphQLInt,
  type GraphQLLeafType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  GraphQLString,
  getArgumentValues,
  getVariableValues,
  isAbstractType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  locatedError,
  type OperationDefinitionNode,
  responsePathAsArray,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  visit,
} from 'graphql';
import { inspect } from 'graphql/jsutils/inspect.js';
import type { Plugin } from 'graphql-yoga';

// The executor of query operations. It follows the GraphQL spec's "Executing Requests"
// exactly as graphql-js 16 `execute` does (same data, same errors at the same paths, same
// null bubbling and list lengths; `test/integration/execution-differential.property.test.ts`
// checks it against graphql-js), with less work per field:
// - the fields each selection set collects, with their definitions, are worked out once per
//   document and reused by every later request with that document (per request only when
//   `@skip`/`@include` read variables);
// - a field without its own resolver reads the parent's property directly (what graphql-js's
//   default resolver does) with no `info` or `args` object; other fields get graphql-js's;
// - result objects are plain objects (graphql-js makes null-prototype objects, which V8
//   keeps in slow dictionary mode: about twice the cost to build and to `JSON.stringify`).
// Everything else (mutations, subscriptions, `@defer`/`@stream`, variables that do not
// coerce, a custom field or type resolver, a response name `__proto__`) goes to `fallback`,
// the executor yoga would have used.

type Execute = (args: ExecutionArgs) => unknown;

/** One field of a selection set, for one parent type: what executing it needs. */
interface FieldPlan {
  responseName: string;
  fieldName: string;
  fieldNodes: readonly FieldNode[];
  definition: GraphQLField<unknown, unknown>;
  returnType: GraphQLOutputType;
  shape: Shape;
  /** The leaf type when the field is one (nullable or not). */
  leaf: GraphQLLeafType | undefined;
  parentType: GraphQLObjectType;
  resolve: GraphQLFieldResolver<unknown, unknown> | undefined;
  hasArguments: boolean;
  /** The sub-selection's plans, per runtime object type, filled on first use. */
  children: Map<GraphQLObjectType, FieldPlan[]> | undefined;
}

interface DocumentFacts {
  fragments: Record<string, FragmentDefinitionNode>;
  /** `@defer`/`@stream` or a response name `__proto__`: left to the fallback. */
  unsupported: boolean;
  /** Some `@skip`/`@include` reads a variable, so collected fields depend on variables. */
  variableDirectives: boolean;
}

interface Run {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  rootValue: unknown;
  contextValue: unknown;
  operation: OperationDefinitionNode;
  variableValues: Record<string, unknown>;
  /** Variables for field collection: a constant when no directive reads them (plans are shared). */
  collectionVariables: Record<string, unknown>;
  errors: GraphQLError[];
}

interface Path {
  readonly prev: Path | undefined;
  readonly key: string | number;
  readonly typename: string | undefined;
}

const NO_VARIABLES: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;
const documentFacts = new WeakMap<DocumentNode, DocumentFacts>();
/** Root plans shared across requests, per schema and operation. */
const sharedRootPlans = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, FieldPlan[]>>();

function factsOf(document: DocumentNode): DocumentFacts {
  let facts = documentFacts.get(document);
  if (facts) return facts;
  const fragments: Record<string, FragmentDefinitionNode> = Object.create(null);
  let unsupported = false;
  let variableDirectives = false;
  visit(document, {
    FragmentDefinition(node) {
      fragments[node.name.value] = node;
    },
    Field(node) {
      if ((node.alias?.value ?? node.name.value) === '__proto__') unsupported = true;
    },
    Directive(node) {
      const name = node.name.value;
      if (name === 'defer' || name === 'stream') unsupported = true;
      if (
        (name === 'skip' || name === 'include') &&
        node.arguments?.some((a) => a.value.kind === Kind.VARIABLE)
      ) {
        variableDirectives = true;
      }
    },
  });
  facts = { fragments, unsupported, variableDirectives };
  documentFacts.set(document, facts);
  return facts;
}

function operationOf(document: DocumentNode, operationName: string | null | undefined) {
  let found: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (operationName == null) {
      if (found) return undefined;
      found = definition;
    } else if (definition.name?.value === operationName) {
      found = definition;
    }
  }
  return found;
}

function fieldDefinition(schema: GraphQLSchema, parentType: GraphQLObjectType, fieldName: string) {
  if (fieldName === SchemaMetaFieldDef.name && schema.getQueryType() === parentType)
    return SchemaMetaFieldDef;
  if (fieldName === TypeMetaFieldDef.name && schema.getQueryType() === parentType) return TypeMetaFieldDef;
  if (fieldName === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  return parentType.getFields()[fieldName];
}

function plansOf(
  run: Run,
  parentType: GraphQLObjectType,
  fields: Map<string, readonly FieldNode[]>,
): FieldPlan[] {
  const plans: FieldPlan[] = [];
  for (const [responseName, fieldNodes] of fields) {
    const first = fieldNodes[0] as FieldNode;
    const fieldName = first.name.value;
    const definition = fieldDefinition(run.schema, parentType, fieldName) as
      | GraphQLField<unknown, unknown>
      | undefined;
    if (!definition) continue;
    const shape = shapeOf(definition.type);
    plans.push({
      responseName,
      fieldName,
      fieldNodes,
      definition,
      returnType: definition.type,
      shape,
      leaf:
        shape.kind === 'leaf'
          ? shape.type
          : shape.kind === 'nonNull' && shape.of.kind === 'leaf'
            ? shape.of.type
            : undefined,
      parentType,
      resolve: definition.resolve,
      hasArguments: definition.args.length > 0,
      children: undefined,
    });
  }
  return plans;
}

function childPlans(run: Run, plan: FieldPlan, type: GraphQLObjectType): FieldPlan[] {
  plan.children ??= new Map();
  let plans = plan.children.get(type);
  if (!plans) {
    const { fields } = collectSubFields(
      run.schema,
      run.fragments,
      run.collectionVariables,
      type,
      plan.fieldNodes as FieldNode[],
    );
    plans = plansOf(run, type, fields);
    plan.children.set(type, plans);
  }
  return plans;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

function infoOf(run: Run, plan: FieldPlan, path: Path): GraphQLResolveInfo {
  return {
    fieldName: plan.fieldName,
    fieldNodes: plan.fieldNodes,
    returnType: plan.returnType,
    parentType: plan.parentType,
    path,
    schema: run.schema,
    fragments: run.fragments,
    rootValue: run.rootValue,
    operation: run.operation,
    variableValues: run.variableValues,
  } as GraphQLResolveInfo;
}

function argumentsOf(run: Run, plan: FieldPlan): Record<string, unknown> {
  return plan.hasArguments
    ? getArgumentValues(plan.definition, plan.fieldNodes[0] as FieldNode, run.variableValues)
    : {};
}

function fieldError(run: Run, raw: unknown, plan: FieldPlan, path: Path, shape: Shape): null {
  const error = locatedError(raw, plan.fieldNodes, responsePathAsArray(path));
  // A non-null field's error goes to its parent, which becomes null in its place.
  if (shape.kind === 'nonNull') throw error;
  run.errors.push(error);
  return null;
}

function executeFields(run: Run, plans: FieldPlan[], source: unknown, path: Path | undefined): unknown {
  const results: Record<string, unknown> = {};
  let pending: string[] | undefined;
  for (const plan of plans) {
    const value = executeField(run, plan, source, path);
    results[plan.responseName] = value;
    if (isPromiseLike(value)) {
      pending ??= [];
      pending.push(plan.responseName);
    }
  }
  if (pending === undefined) return results;
  const keys = pending;
  return Promise.all(keys.map((key) => results[key])).then((values) => {
    for (let i = 0; i < keys.length; i++) results[keys[i] as string] = values[i];
    return results;
  });
}

function pathOf(parentPath: Path | undefined, plan: FieldPlan): Path {
  return { prev: parentPath, key: plan.responseName, typename: plan.parentType.name };
}

/** The field's path is made only when something needs it: a resolver, an error, a sub-selection. */
function executeField(run: Run, plan: FieldPlan, source: unknown, parentPath: Path | undefined): unknown {
  let info: GraphQLResolveInfo | undefined;
  let path: Path | undefined;
  try {
    let result: unknown;
    if (plan.resolve !== undefined) {
      path = pathOf(parentPath, plan);
      info = infoOf(run, plan, path);
      result = plan.resolve(source, argumentsOf(run, plan), run.contextValue, info);
    } else if ((typeof source === 'object' && source !== null) || typeof source === 'function') {
      // graphql-js's default resolver: the property, or the method's answer.
      const property = (source as Record<string, unknown>)[plan.fieldName];
      if (typeof property === 'function') {
        path = pathOf(parentPath, plan);
        info = infoOf(run, plan, path);
        result = property.call(source, argumentsOf(run, plan), run.contextValue, info);
      } else {
        result = property;
      }
    }
    if (plan.leaf !== undefined && !isPromiseLike(result)) return completeLeafField(plan, result);
    const fieldPath = path ?? pathOf(parentPath, plan);
    path = fieldPath;
    const completed = isPromiseLike(result)
      ? result.then((resolved) => completeValue(run, plan, plan.shape, fieldPath, fieldPath, resolved, info))
      : completeValue(run, plan, plan.shape, fieldPath, fieldPath, result, info);
    if (isPromiseLike(completed)) {
      return completed.then(undefined, (raw: unknown) => fieldError(run, raw, plan, fieldPath, plan.shape));
    }
    return completed;
  } catch (raw) {
    return fieldError(run, raw, plan, path ?? pathOf(parentPath, plan), plan.shape);
  }
}

/** `completeValue` for a field of a leaf type (nullable or not), which needs no path. */
function completeLeafField(plan: FieldPlan, result: unknown): unknown {
  if (result instanceof Error) throw result;
  if (result == null) {
    if (plan.shape.kind === 'nonNull') {
      throw new Error(`Cannot return null for non-nullable field ${plan.parentType.name}.${plan.fieldName}.`);
    }
    return null;
  }
  return completeLeafValue(plan.leaf as GraphQLLeafType, result);
}

/** A return type, unwrapped once into what completing a value of it takes. */
type Shape =
  | { kind: 'nonNull'; of: Shape }
  | { kind: 'list'; of: Shape }
  | { kind: 'leaf'; type: GraphQLLeafType }
  | { kind: 'object'; type: GraphQLObjectType }
  | { kind: 'abstract'; type: GraphQLAbstractType };

const shapes = new WeakMap<GraphQLOutputType, Shape>();

function shapeOf(type: GraphQLOutputType): Shape {
  let shape = shapes.get(type);
  if (shape) return shape;
  if (isNonNullType(type)) shape = { kind: 'nonNull', of: shapeOf(type.ofType) };
  else if (isListType(type)) shape = { kind: 'list', of: shapeOf(type.ofType) };
  else if (isLeafType(type)) shape = { kind: 'leaf', type };
  else if (isObjectType(type)) shape = { kind: 'object', type };
  else if (isAbstractType(type)) shape = { kind: 'abstract', type };
  else throw new Error(`Cannot complete value of unexpected output type: ${inspect(type)}`);
  shapes.set(type, shape);
  return shape;
}

/**
 * `fieldPath` is the field's own path (for `info`), `path` where this value sits (an item's
 * path inside a list).
 */
function completeValue(
  run: Run,
  plan: FieldPlan,
  shape: Shape,
  fieldPath: Path,
  path: Path,
  result: unknown,
  info: GraphQLResolveInfo | undefined,
): unknown {
  if (result instanceof Error) throw result;
  if (shape.kind === 'nonNull') {
    const completed = completeValue(run, plan, shape.of, fieldPath, path, result, info);
    if (completed === null) {
      throw new Error(`Cannot return null for non-nullable field ${plan.parentType.name}.${plan.fieldName}.`);
    }
    return completed;
  }
  if (result == null) return null;
  switch (shape.kind) {
    case 'leaf':
      return completeLeafValue(shape.type, result);
    case 'object':
      return executeFields(run, childPlans(run, plan, shape.type), result, path);
    case 'list':
      return completeListValue(run, plan, shape.of, fieldPath, path, result, info);
    case 'abstract': {
      const type = shape.type;
      const fieldInfo = info ?? infoOf(run, plan, fieldPath);
      const runtime = (type.resolveType ?? defaultTypeResolver)(result, run.contextValue, fieldInfo, type);
      const complete = (name: unknown) => {
        const objectType = runtimeObjectType(run, plan, type, name, result);
        return executeFields(run, childPlans(run, plan, objectType), result, path);
      };
      return isPromiseLike(runtime) ? runtime.then(complete) : complete(runtime);
    }
  }
}

function completeLeafValue(type: GraphQLLeafType, result: unknown): unknown {
  // The built-in scalars' serialize answers these values unchanged.
  if (typeof result === 'string' && (type === GraphQLString || type === GraphQLID)) return result;
  if (typeof result === 'boolean' && type === GraphQLBoolean) return result;
  if (type === GraphQLInt && Number.isInteger(result) && Math.abs(result as number) <= 2147483647)
    return result;
  const serialized = type.serialize(result);
  if (serialized == null) {
    throw new Error(
      `Expected \`${inspect(type)}.serialize(${inspect(result)})\` to return non-nullable value, returned: ${inspect(serialized)}`,
    );
  }
  return serialized;
}

function completeListValue(
  run: Run,
  plan: FieldPlan,
  itemShape: Shape,
  fieldPath: Path,
  path: Path,
  result: unknown,
  info: GraphQLResolveInfo | undefined,
): unknown {
  if (typeof result !== 'object' || result === null || !(Symbol.iterator in result)) {
    throw new GraphQLError(
      `Expected Iterable, but did not find one for field "${plan.parentType.name}.${plan.fieldName}".`,
    );
  }
  const items = Array.isArray(result) ? result : Array.from(result as Iterable<unknown>);
  const completed = new Array<unknown>(items.length);
  let containsPromise = false;
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const itemPath: Path = { prev: path, key: index, typename: undefined };
    try {
      const value = isPromiseLike(item)
        ? item.then((resolved) => completeValue(run, plan, itemShape, fieldPath, itemPath, resolved, info))
        : completeValue(run, plan, itemShape, fieldPath, itemPath, item, info);
      if (isPromiseLike(value)) {
        containsPromise = true;
        completed[index] = value.then(undefined, (raw: unknown) =>
          fieldError(run, raw, plan, itemPath, itemShape),
        );
      } else {
        completed[index] = value;
      }
    } catch (raw) {
      completed[index] = fieldError(run, raw, plan, itemPath, itemShape);
    }
  }
  return containsPromise ? Promise.all(completed) : completed;
}

function runtimeObjectType(
  run: Run,
  plan: FieldPlan,
  abstractType: GraphQLAbstractType,
  name: unknown,
  result: unknown,
): GraphQLObjectType {
  const abstractName = abstractType.name;
  const field = `${plan.parentType.name}.${plan.fieldName}`;
  if (name == null) {
    throw new GraphQLError(
      `Abstract type "${abstractName}" must resolve to an Object type at runtime for field "${field}". Either the "${abstractName}" type should provide a "resolveType" function or each possible type should provide an "isTypeOf" function.`,
      { nodes: plan.fieldNodes },
    );
  }
  if (isObjectType(name)) {
    throw new GraphQLError(
      'Support for returning GraphQLObjectType from resolveType was removed in graphql-js@16.0.0 please return type name instead.',
    );
  }
  if (typeof name !== 'string') {
    throw new GraphQLError(
      `Abstract type "${abstractName}" must resolve to an Object type at runtime for field "${field}" with value ${inspect(result)}, received "${inspect(name)}".`,
    );
  }
  const runtimeType = run.schema.getType(name);
  if (runtimeType == null) {
    throw new GraphQLError(
      `Abstract type "${abstractName}" was resolved to a type "${name}" that does not exist inside the schema.`,
      { nodes: plan.fieldNodes },
    );
  }
  if (!isObjectType(runtimeType)) {
    throw new GraphQLError(`Abstract type "${abstractName}" was resolved to a non-object type "${name}".`, {
      nodes: plan.fieldNodes,
    });
  }
  if (!run.schema.isSubType(abstractType, runtimeType)) {
    throw new GraphQLError(
      `Runtime Object type "${runtimeType.name}" is not a possible type for "${abstractName}".`,
      {
        nodes: plan.fieldNodes,
      },
    );
  }
  return runtimeType;
}

/**
 * An `execute` for yoga/envelop that runs query operations itself and hands everything
 * else to `fallback` (see the top of this file).
 */
export function createQueryExecutor(fallback: Execute): Execute {
  return (args) => {
    if (args.fieldResolver != null || args.typeResolver != null) return fallback(args);
    const { schema, document } = args;
    const facts = factsOf(document);
    if (facts.unsupported) return fallback(args);
    const operation = operationOf(document, args.operationName);
    const rootType = schema.getQueryType();
    if (operation?.operation !== 'query' || !rootType) return fallback(args);
    let variableValues: Record<string, unknown> = NO_VARIABLES;
    if ((operation.variableDefinitions?.length ?? 0) > 0) {
      const coerced = getVariableValues(
        schema,
        operation.variableDefinitions ?? [],
        args.variableValues ?? {},
        {
          maxErrors: 50,
        },
      );
      // Its errors are the fallback's to report, in its own words.
      if (coerced.errors) return fallback(args);
      variableValues = coerced.coerced;
    }
    const run: Run = {
      schema,
      fragments: facts.fragments,
      rootValue: args.rootValue,
      contextValue: args.contextValue,
      operation,
      variableValues,
      collectionVariables: facts.variableDirectives ? variableValues : NO_VARIABLES,
      errors: [],
    };
    let rootPlans: FieldPlan[] | undefined;
    let shared: WeakMap<OperationDefinitionNode, FieldPlan[]> | undefined;
    if (!facts.variableDirectives) {
      shared = sharedRootPlans.get(schema);
      if (!shared) {
        shared = new WeakMap();
        sharedRootPlans.set(schema, shared);
      }
      rootPlans = shared.get(operation);
    }
    if (!rootPlans) {
      const { fields } = collectFields(
        schema,
        run.fragments,
        run.collectionVariables,
        rootType,
        operation.selectionSet,
      );
      rootPlans = plansOf(run, rootType, fields);
      shared?.set(operation, rootPlans);
    }
    const respond = (data: unknown): ExecutionResult =>
      (run.errors.length === 0 ? { data } : { errors: run.errors, data }) as ExecutionResult;
    const failed = (error: unknown): ExecutionResult => {
      run.errors.push(error as GraphQLError);
      return respond(null);
    };
    try {
      const data = executeFields(run, rootPlans, args.rootValue, undefined);
      return isPromiseLike(data) ? Promise.resolve(data).then(respond, failed) : respond(data);
    } catch (error) {
      return failed(error);
    }
  };
}

/**
 * The yoga plugin that makes `createQueryExecutor` the execute function, over the one yoga
 * set up. It must come before any plugin that wraps the execute function (tracing).
 */
export function useQueryExecutor(): Plugin {
  const executors = new WeakMap<Execute, Execute>();
  return {
    onExecute({ executeFn, setExecuteFn }) {
      let executor = executors.get(executeFn);
      if (!executor) {
        executor = createQueryExecutor(executeFn);
        executors.set(executeFn, executor);
      }
      setExecuteFn(executor as typeof executeFn);
    },
  };
}
