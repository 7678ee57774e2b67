import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { printPublicSdl, printSubgraphSdl } from './sdl.ts';

// `npm run schema`: writes the generated SDL files under `schema/`.
// `npm run schema -- --check`: writes nothing, exits 1 when a file differs from the code.

const targets = [
  { file: fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url)), print: printPublicSdl },
  { file: fileURLToPath(new URL('../../schema/subgraph.graphql', import.meta.url)), print: printSubgraphSdl },
];

const check = process.argv.includes('--check');
let stale = 0;
for (const { file, print } of targets) {
  const sdl = print();
  const current = await readFile(file, 'utf8').catch(() => '');
  if (current === sdl) continue;
  if (check) {
    stale += 1;
    process.stderr.write(`${file} is out of date: run npm run schema\n`);
  } else {
    await writeFile(file, sdl);
    process.stdout.write(`wrote ${file}\n`);
  }
}
process.exit(stale > 0 ? 1 : 0);
