import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The generated field loops (src/execution/compiled-fields.ts) use `new Function`. A process
// started with `--disallow-code-generation-from-strings` refuses it: the executor must then
// keep the generic loops and answer as graphql-js does, not fail the request. Run in a node
// process of its own (the flag is per process), with every loop due on its first run.

const EXECUTE = new URL('../../src/execution/execute.ts', import.meta.url).href;

const WORKLOAD = `
import { buildSchema, execute, parse } from 'graphql';
import { createExecutor } from ${JSON.stringify(EXECUTE)};
let generation = 'allowed';
try { new Function('return 1'); } catch { generation = 'refused'; }
const schema = buildSchema('type Size { width: Int! height: Int } type Item { name: String size: Size tags: [String] } type Query { items: [Item!]! }');
const rootValue = { items: [
  { name: 'a', size: { width: 1, height: null }, tags: ['x'] },
  { name: null, size: { width: null }, tags: null },
] };
const document = parse('{ items { name size { width height } tags } }');
const ours = createExecutor({ compileAfterRuns: 1 });
const answers = [];
for (let run = 0; run < 3; run++) answers.push(JSON.stringify(await ours({ schema, document, rootValue })));
const reference = JSON.stringify(await execute({ schema, document, rootValue }));
process.stdout.write(JSON.stringify({ generation, same: answers.every((a) => a === reference), reference }) + '\\n');
`;

function run(nodeArgs: string[]): { generation: string; same: boolean; reference: string } {
  const result = spawnSync(process.execPath, [...nodeArgs, '--input-type=module', '--eval', WORKLOAD], {
    encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout.trim().split('\n').pop() as string);
}

describe('executor without code generation', () => {
  it('answers as graphql-js when the process refuses code generation from strings', () => {
    const outcome = run(['--disallow-code-generation-from-strings']);
    expect(outcome.generation).toBe('refused');
    expect(outcome.same, outcome.reference).toBe(true);
    // The case is not empty: one item's non-null width nulls its size.
    expect(outcome.reference).toContain('"size":null');
  });

  it('answers the same where code generation is allowed', () => {
    const outcome = run([]);
    expect(outcome.generation).toBe('allowed');
    expect(outcome.same, outcome.reference).toBe(true);
  });
});
