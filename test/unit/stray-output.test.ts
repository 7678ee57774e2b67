import { describe, expect, it } from 'vitest';
import { strayOutput } from '../support/server-process.ts';

/** The check every gateway process in the suite goes through (see test/support/no-stray-output.ts). */
describe('strayOutput', () => {
  it('accepts the start line followed by pino JSON lines, split across chunks anywhere', () => {
    expect(
      strayOutput({
        stdout: [
          'mode=sandbox: 240 sample meetings; GraphiQL at http://127.0.0.1:1/graphql\n{"level":"in',
          'fo","msg":"a"}\n',
        ],
        stderr: [],
      }),
    ).toEqual([]);
  });

  it('reports raw lines on stdout after the start line and anything on stderr', () => {
    expect(
      strayOutput({
        stdout: [
          'start line\n{"level":"info","msg":"ok"}\n',
          'Scalar with variable inputs detected for parsing AST literals. This is not supported.\n',
          '{"no":"level"}\n[1,2]\n',
        ],
        stderr: ['(node:1) Warning: something\n'],
      }),
    ).toEqual([
      'stdout: Scalar with variable inputs detected for parsing AST literals. This is not supported.',
      'stdout: {"no":"level"}',
      'stdout: [1,2]',
      'stderr: (node:1) Warning: something',
    ]);
  });
});
