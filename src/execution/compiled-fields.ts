// A selection's field loop as generated code, for the selections a gateway runs again and
// again (every meeting of every page of a repeated document). The generic loop of
// `execute.ts` reads each field's property by a name held in a variable and adds each result
// under a key held in a variable: both are megamorphic in V8 (one site for every field of
// every type), and a result object grown key by key keeps its properties out of line. The
// generated function reads `source.name` and builds the result as one object literal, so
// each read and the result's shape are fixed per selection.
//
// It does what the generic loop does, in the same order and with the same errors. A leaf or
// an object (of a type without `isTypeOf`) that has no resolver or arguments is read there
// (graphql-js's default resolver; a getter that throws is the field's error) and completed:
// - a String/ID string, a Boolean boolean or an Int 32-bit integer as it is;
// - null on a nullable field as null;
// - any other leaf value through the executor's `completeLeaf` (`serialize`, and its error
//   at the field's path);
// - an object through `completeObject` (its selection's fields; their failure is this field's
//   error, or goes on up from a non-null field).
// A function, a promise, an Error, null on a non-null field, and every other field
// (resolver, arguments, list, abstract type, `__typename`) go through `executeField`; for a
// field read here that reads the property once more (the gateway's models are plain data:
// the same value). Generated only where a kept plan has run often (execute.ts).

import { GraphQLBoolean, GraphQLID, GraphQLInt, GraphQLString } from 'graphql';

/** What the generated loop needs to know of one field (a subset of execute.ts's FieldPlan). */
export interface CompilableField {
  responseKey: string;
  fieldDef: { name: string };
  resolve: unknown;
  typename: boolean;
  hasArguments: boolean;
  leafType: unknown;
  nonNull: boolean;
  /** Set when the field's (non-null) type is an object type without `isTypeOf`. */
  objectType: unknown;
}

/** The executor's own steps the generated loop calls (execute.ts). */
export interface ExecutorSteps<R, P, F, Q> {
  /** One field the generic way: resolver or property, completion, errors. */
  executeField(run: R, parentType: P, source: unknown, field: F, path: Q): unknown;
  /**
   * The rest of executeField for a leaf's value read from its parent that is not null, a
   * function, a promise or an Error: `serialize`, and its error at the field's path.
   */
  completeLeaf(run: R, parentType: P, field: F, path: Q, value: unknown): unknown;
  /**
   * The rest of executeField for a value of an object type read from its parent that is not
   * null, a function, a promise or an Error: its selection's fields (maybe a promise; a
   * primitive gets null fields, as in graphql-js), errors at the field's path.
   */
  completeObject(run: R, parentType: P, field: F, path: Q, value: unknown): unknown;
  /** executeField's catch: `error` as the field's error (null), or thrown on to a non-null parent. */
  fieldFailed(run: R, parentType: P, field: F, path: Q, error: unknown): unknown;
  isPromise(value: unknown): value is Promise<unknown>;
  /** The loop failed: the pending fields' promises are handled, then `error` is thrown. */
  failAfterPending(pending: Promise<unknown>[] | undefined, error: unknown): unknown;
  /** `results` once its pending fields have settled, each value under its key. */
  settlePending(results: Record<string, unknown>, pending: Promise<unknown>[], keys: string[]): unknown;
}

/**
 * The generated loop: the selection's result object, or a promise of it when a field's value
 * is a promise (then its key holds the promise until all are settled, as in the generic loop).
 */
export type CompiledFields<R, P, Q> = (run: R, parentType: P, source: object, path: Q) => unknown;

/** The test a built-in scalar's value passes to be taken as it is, as JavaScript source. */
function asItIs(leafType: unknown, v: string): string | undefined {
  switch (leafType) {
    case GraphQLString:
    case GraphQLID:
      return `typeof ${v} === "string"`;
    case GraphQLBoolean:
      return `typeof ${v} === "boolean"`;
    case GraphQLInt:
      return `typeof ${v} === "number" && (${v} | 0) === ${v}`;
    default:
      return undefined;
  }
}

/**
 * Generates the loop for `fields`, or answers undefined when a response key cannot be an
 * object literal's own key (`__proto__`) or the process does not allow code generation.
 * Names and keys go into the source only through `JSON.stringify` (GraphQL names are
 * `[_A-Za-z][_0-9A-Za-z]*` anyway).
 */
export function compileFields<R, P, F extends CompilableField, Q>(
  fields: readonly F[],
  steps: ExecutorSteps<R, P, F, Q>,
): CompiledFields<R, P, Q> | undefined {
  if (fields.some((field) => field.responseKey === '__proto__')) return undefined;
  const lines: string[] = [];
  fields.forEach((field, i) => {
    const v = `v${i}`;
    // A value that may be a promise waits in its key until all are settled.
    const track = `if (isPromise(${v})) { (pending ??= []).push(${v}); (pendingKeys ??= []).push(${JSON.stringify(field.responseKey)}); }`;
    // The generic way, for any field: its value may be a promise (a function's result).
    const generic = `${v} = executeField(run, parentType, source, fields[${i}], path); ${track}`;
    if (
      field.typename ||
      field.resolve !== undefined ||
      field.hasArguments ||
      (field.leafType === undefined && field.objectType === undefined)
    ) {
      lines.push(generic);
      return;
    }
    // A leaf or object read from its parent (graphql-js's default resolver; a getter that
    // throws is this field's error). A value that is not a function, a promise or an Error
    // is completed here as executeField completes it; null on a nullable field is null.
    const test = field.leafType === undefined ? undefined : asItIs(field.leafType, v);
    const complete =
      field.leafType === undefined
        ? `{ ${v} = completeObject(run, parentType, fields[${i}], path, ${v}); ${track} }`
        : `${v} = completeLeaf(run, parentType, fields[${i}], path, ${v});`;
    const read = [
      `field${i}: {`,
      `try { ${v} = source[${JSON.stringify(field.fieldDef.name)}]; }`,
      `catch (error) { ${v} = fieldFailed(run, parentType, fields[${i}], path, error); break field${i}; }`,
      test === undefined ? '' : `if (${test}) {} else`,
      field.nonNull ? '' : `if (${v} == null) ${v} = null; else`,
      `if (${v} == null || typeof ${v} === "function" || ${v} instanceof Error || isPromise(${v})) { ${generic} }`,
      `else ${complete}`,
      '}',
    ];
    lines.push(read.filter((part) => part !== '').join(' '));
  });
  const literal = fields.map((field, i) => `${JSON.stringify(field.responseKey)}: v${i}`).join(', ');
  const body = [
    `let ${['pending', 'pendingKeys', ...fields.map((_, i) => `v${i}`)].join(', ')};`,
    'try {',
    ...lines.map((line) => `  ${line}`),
    '} catch (error) {',
    '  return failAfterPending(pending, error);',
    '}',
    `const results = { ${literal} };`,
    'return pending === undefined ? results : settlePending(results, pending, pendingKeys);',
  ].join('\n');
  // The steps become the generated function's own constants (closed over, not looked up).
  const source = `const { ${Object.keys(steps).join(', ')} } = steps;\nreturn function compiledFields(run, parentType, source, path) {\n${body}\n};`;
  let make: (fields: readonly F[], steps: ExecutorSteps<R, P, F, Q>) => CompiledFields<R, P, Q>;
  try {
    make = new Function('fields', 'steps', source) as typeof make;
  } catch {
    // Code generation is off (`node --disallow-code-generation-from-strings`): the generic
    // loop serves, as for any selection that is not generated.
    return undefined;
  }
  return make(fields, steps);
}
