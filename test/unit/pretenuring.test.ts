import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// `disablePretenuring` in a node process of its own (V8 flags are per process), which then
// runs a workload that V8 does pretenure: objects from two allocation sites that all
// survive young collections. V8's own trace (`--trace-pretenuring`) says which sites it
// tenures.

const MODULE = new URL('../../src/pretenuring.ts', import.meta.url).href;

const WORKLOAD = `
import { disablePretenuring } from ${JSON.stringify(MODULE)};
disablePretenuring();
function make(i) { return { a: i, b: [i] }; }
const keep = [];
for (let round = 0; round < 40; round++) {
  for (let i = 0; i < 50000; i++) keep.push(make(i));
  if (keep.length > 400000) keep.length = 0;
}
process.stdout.write('kept ' + keep.length + '\\n');
`;

function tenureDecisions(nodeArgs: string[]): number {
  const result = spawnSync(
    process.execPath,
    [
      '--trace-pretenuring-statistics',
      '--trace-pretenuring',
      // A small young generation: many scavenges, each of them seeing the survivors. With
      // V8's own sizing the young generation grows so fast that in about one run of five
      // it decided nothing even with pretenuring on.
      '--max-semi-space-size=1',
      ...nodeArgs,
      '--input-type=module',
      '--eval',
      WORKLOAD,
    ],
    { encoding: 'utf8' },
  );
  expect(result.status, result.stderr).toBe(0);
  expect(result.stdout).toContain('kept ');
  return result.stdout.split('\n').filter((line) => line.endsWith('=> tenure')).length;
}

describe('disablePretenuring', () => {
  it('stops V8 from tenuring allocation sites whose objects survive', () => {
    expect(tenureDecisions([])).toBe(0);
  });

  it("leaves node's own command-line value alone (and V8 tenures then)", () => {
    expect(tenureDecisions(['--allocation-site-pretenuring'])).toBeGreaterThan(0);
  });
});
