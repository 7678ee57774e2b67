import { buildSchema, execute, type GraphQLObjectType, type GraphQLUnionType, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createExecutor } from '../../src/execution/execute.ts';

// The gateway's executor against graphql-js 16 `execute`, case by case (next to the random
// operations of executor-differential.property.test.ts): every answer `resolveType` can
// give (later, an object type, a number, nothing, an unknown, a non-object or an
// impossible type name), the default type resolver, lists that are other iterables or not
// iterable, items failing sync and async at every position, enum values and Int out of
// range, methods called by the default resolver with (args, context, info), the same
// parsed document run again with other `@skip`/`@include` variables, several operations,
// bad variables, and introspection. Both must give the same result (data, errors with
// messages, paths and locations).

const schema = buildSchema(`
  interface Named { name: String }
  type Person implements Named { name: String, age: Int!, friends: [Person], tags: [String!], greet(word: String = "hi"): String, born: String }
  type Robot implements Named { name: String, model: String! }
  union Thing = Person | Robot
  enum Mood { HAPPY SAD }
  type Query {
    person(id: Int!): Person
    people: [Person]!
    things(async: Boolean = false): [Thing]
    named: [Named!]
    noResolveType: [Lost]
    wrongType(kind: String!): Thing
    failing(async: Boolean = false): String
    nonNullFail: Person!
    items(fail: [Int!]!, async: Boolean = false): [Int]
    strictItems(fail: [Int!]!, async: Boolean = false): [Int!]
    iterable: [String]
    notIterable: [String]
    mood(value: String!): Mood
    badInt: Int
  }
  union Lost = Person | Robot
  type Mutation { bump: Int }
`);

const people = [
  { name: 'Ada', age: 36, tags: ['math'], friendIds: [1] },
  { name: 'Bob', age: null, tags: ['x', null], friendIds: [0, 2] },
  { name: 'Cy', age: 20, tags: [], friendIds: [] },
];
type PersonData = (typeof people)[number];
const robot = { name: 'R2', model: 'astromech', kind: 'Robot' };

const query = schema.getQueryType() as GraphQLObjectType;
const fields = query.getFields();
const later = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 1));
const failLater = (message: string) =>
  new Promise((_, reject) => setTimeout(() => reject(new Error(message)), 1));
const failSoon = (message: string) => Promise.reject(new Error(message));

function asPerson(p: PersonData) {
  return {
    ...p,
    kind: 'Person',
    // A method: the default resolver calls it with (args, context, info).
    greet: (args: { word: string }, context: { suffix: string }, info: { fieldName: string }) =>
      `${args.word} ${p.name}${context.suffix} (${info.fieldName})`,
    born: () => later(`${p.name} was born`),
    friends: () =>
      p.friendIds.map((i) =>
        i === 2 ? later(asPerson(people[i] as PersonData)) : asPerson(people[i] as PersonData),
      ),
  };
}

Object.assign(fields.person ?? {}, {
  resolve: (_: unknown, args: { id: number }) =>
    people[args.id] ? asPerson(people[args.id] as PersonData) : null,
});
Object.assign(fields.people ?? {}, { resolve: () => people.map(asPerson) });
Object.assign(fields.things ?? {}, {
  resolve: (_: unknown, args: { async: boolean }) => {
    const all = [asPerson(people[0] as PersonData), robot, null, asPerson(people[1] as PersonData)];
    return args.async ? all.map((x) => later(x)) : all;
  },
});
Object.assign(fields.named ?? {}, { resolve: () => [robot, asPerson(people[2] as PersonData)] });
Object.assign(fields.noResolveType ?? {}, {
  resolve: () => [robot, { __typename: 'Person', name: 'typed' }],
});
Object.assign(fields.wrongType ?? {}, {
  resolve: (_: unknown, args: { kind: string }) => ({ ...robot, kind: args.kind }),
});
Object.assign(fields.failing ?? {}, {
  resolve: (_: unknown, args: { async: boolean }) =>
    args.async ? failLater('async boom') : new Error('sync boom'),
});
Object.assign(fields.nonNullFail ?? {}, { resolve: () => null });
for (const name of ['items', 'strictItems']) {
  Object.assign(fields[name] ?? {}, {
    resolve: (_: unknown, args: { fail: number[]; async: boolean }) =>
      [0, 1, 2, 3, 4].map((i) => {
        const fails = args.fail.includes(i);
        if (!args.async) return fails ? new Error(`item ${i}`) : i;
        // Failures that settle before earlier items do, and after.
        if (fails) return i % 2 === 0 ? failSoon(`item ${i}`) : failLater(`item ${i}`);
        return later(i);
      }),
  });
}
Object.assign(fields.iterable ?? {}, { resolve: () => new Set(['a', 'b']) });
Object.assign(fields.notIterable ?? {}, { resolve: () => 'abc' });
Object.assign(fields.mood ?? {}, { resolve: (_: unknown, args: { value: string }) => args.value });
Object.assign(fields.badInt ?? {}, { resolve: () => 2 ** 40 });
(schema.getType('Thing') as GraphQLUnionType).resolveType = (value: unknown) => {
  const kind = (value as { kind: string }).kind;
  if (kind === 'later') return later('Person');
  if (kind === 'object') return schema.getType('Robot') as never;
  if (kind === 'number') return 7 as never;
  if (kind === 'none') return undefined;
  return kind;
};
(schema.getType('Named') as unknown as { resolveType: (v: { kind: string }) => string }).resolveType = (v) =>
  v.kind;

const context = { suffix: '!' };
const ours = createExecutor();
// The same executor with every selection's field loop generated on its first run
// (compiled-fields.ts); it must answer to the letter what the generic loop answers.
const generated = createExecutor({ compileAfterRuns: 1 });

// One document per text, as yoga's parse cache gives: plans made for a document are reused.
const documents = new Map<string, ReturnType<typeof parse>>();

async function both(source: string, variableValues?: Record<string, unknown>, operationName?: string) {
  const document = documents.get(source) ?? parse(source);
  documents.set(source, document);
  const args = { schema, document, contextValue: context, variableValues, operationName };
  const expected = JSON.parse(JSON.stringify(await execute(args)));
  const text = JSON.stringify(await ours(args));
  expect(JSON.stringify(await generated(args)), `generated loops: ${source}`).toBe(text);
  return { expected, actual: JSON.parse(text) };
}

const CASES: [string, string, Record<string, unknown>?][] = [
  [
    'scalars, aliases, arguments, methods',
    '{ a: person(id: 0) { name n2: name greet g2: greet(word: "yo") } }',
  ],
  [
    'async method and nested lists with a pending item',
    '{ person(id: 1) { born friends { name friends { name } } } }',
  ],
  ['non-null field null bubbles to the nullable parent', '{ people { name age } }'],
  ['non-null list item null bubbles to the list', '{ people { tags } }'],
  ['non-null root field', '{ nonNullFail { name } people { name } }'],
  [
    'union with fragments, sync and async items',
    '{ s: things { ... on Person { name age } ... on Robot { model } } a: things(async: true) { __typename ... on Named { name } } }',
  ],
  ['interface list', '{ named { __typename name ... on Robot { model } } }'],
  [
    'default type resolver (__typename) and its failure',
    '{ noResolveType { __typename ... on Person { name } } }',
  ],
  [
    'resolveType answers: later, object, number, none, unknown, not an object, not possible',
    '{ l: wrongType(kind: "later") { __typename } o: wrongType(kind: "object") { __typename } n: wrongType(kind: "number") { __typename } x: wrongType(kind: "none") { __typename } u: wrongType(kind: "Nope") { __typename } m: wrongType(kind: "Mood") { __typename } q: wrongType(kind: "Query") { __typename } }',
  ],
  ['errors sync and async', '{ a: failing b: failing(async: true) }'],
  ['iterables and non-iterables', '{ iterable notIterable }'],
  [
    'enum values known and unknown, Int out of range',
    '{ a: mood(value: "HAPPY") b: mood(value: "ANGRY") badInt }',
  ],
  [
    'fixed @skip/@include',
    '{ people { name @skip(if: true) age @include(if: false) tags @include(if: true) } }',
  ],
  [
    'variables in arguments',
    'query Q($id: Int!, $w: String) { person(id: $id) { greet(word: $w) } }',
    { id: 2, w: 'hey' },
  ],
  [
    'named fragments, nested and repeated',
    'query { people { ...P ...P friends { ...P } } } fragment P on Person { name ... on Named { name } }',
  ],
  [
    'introspection',
    '{ __schema { queryType { name } types { name kind fields { name args { name defaultValue } } } } __type(name: "Thing") { possibleTypes { name } } __typename }',
  ],
];

describe('query executor: the same results as graphql-js execute', () => {
  for (const [name, source, variables] of CASES) {
    it(name, async () => {
      const { expected, actual } = await both(source, variables);
      expect(actual).toEqual(expected);
    });
  }

  it('list items failing at every position, sync and async, nullable and non-null items', async () => {
    for (const async of [false, true]) {
      for (const fail of [[], [0], [4], [1, 3], [0, 2, 4], [0, 1, 2, 3, 4]]) {
        const { expected, actual } = await both(
          'query L($fail: [Int!]!, $async: Boolean) { items(fail: $fail, async: $async) strictItems(fail: $fail, async: $async) }',
          { fail, async },
        );
        expect(actual).toEqual(expected);
        expect((actual.data.items as unknown[]).length).toBe(5);
      }
    }
  });

  it('@skip/@include from variables: the same document with other variables', async () => {
    const source =
      'query S($a: Boolean!, $b: Boolean!) { people { name @skip(if: $a) age @include(if: $b) ... on Person @include(if: $a) { tags } } }';
    for (const [a, b] of [
      [true, true],
      [false, false],
      [true, false],
      [false, true],
    ]) {
      const { expected, actual } = await both(source, { a, b });
      expect(actual).toEqual(expected);
    }
  });

  it('a document parsed once runs again with the plans it made (same answers)', async () => {
    const document = parse('{ people { name friends { name } } things { ... on Robot { model } } }');
    const args = { schema, document, contextValue: context };
    const first = JSON.stringify(await ours(args));
    expect(JSON.stringify(await ours(args))).toBe(first);
    expect(first).toBe(JSON.stringify(await execute(args)));
  });

  it('mutations, bad variables, ambiguous or unknown operations, __proto__ aliases', async () => {
    for (const [source, variables, operationName] of [
      ['mutation { bump }', undefined, undefined],
      ['query Q($id: Int!) { person(id: $id) { name } }', { id: 'x' }, undefined],
      ['query A { people { name } } query B { people { age } }', undefined, undefined],
      ['query A { people { name } }', undefined, 'Z'],
      ['{ __proto__: people { name } }', undefined, undefined],
    ] as const) {
      const { expected, actual } = await both(source, variables, operationName);
      expect(actual).toEqual(expected);
    }
  });

  it('picks the named operation of several', async () => {
    const { expected, actual } = await both(
      'query A { people { name } } query B { people { age } }',
      undefined,
      'B',
    );
    expect(actual).toEqual(expected);
  });
});

describe('errors that land while a failed operation waits for its other fields', () => {
  // A root field fails at once in a non-null position (the whole `data` is lost), while
  // another root field is still pending. graphql-js waits for the pending fields before it
  // gives up, and keeps the errors that land meanwhile (from under the failed field too):
  // its wait takes a given number of ticks, and the executor must take the same number, or
  // it keeps a different set of errors. Every pairing of "pending for s ticks" and "rejects
  // after r ticks" is tried.
  const timing = buildSchema(`
    type Item { late: String }
    type Query { slow: String strict: [Item!]! }
  `);
  const afterTicks = async (ticks: number) => {
    for (let i = 0; i < ticks; i++) await undefined;
  };
  const document = parse('{ slow strict { late } }');

  it('keeps the same errors as graphql-js for every timing', async () => {
    for (let slow = 0; slow <= 6; slow++) {
      for (let late = 0; late <= 6; late++) {
        const rootValue = () => ({
          slow: () => afterTicks(slow).then(() => 'done'),
          strict: () => [
            {
              late: () => {
                const rejection = afterTicks(late).then(() => Promise.reject(new Error('late rejection')));
                rejection.catch(() => {});
                return rejection;
              },
            },
            null,
          ],
        });
        const expected = await execute({ schema: timing, document, rootValue: rootValue() });
        const actual = await ours({ schema: timing, document, rootValue: rootValue() });
        expect(JSON.stringify(actual), `slow ${slow}, late ${late}`).toBe(JSON.stringify(expected));
        const viaGenerated = await generated({ schema: timing, document, rootValue: rootValue() });
        expect(JSON.stringify(viaGenerated), `generated, slow ${slow}, late ${late}`).toBe(
          JSON.stringify(expected),
        );
      }
    }
  });
});
