import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sourceHash } from './source-hash.js';

/**
 * `npm run build`: compiles src/ to dist/ with tsc (tsconfig.build.json), then records the
 * hash of the sources it compiled in dist/build-info.json so that `npm start` can tell a
 * fresh build from a stale one.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const hash = sourceHash(root);
rmSync(`${root}/dist`, { recursive: true, force: true });
const tsc = `${root}/node_modules/.bin/tsc`;
const result = spawnSync(tsc, ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(
  `${root}/dist/build-info.json`,
  `${JSON.stringify({ sourceHash: hash, builtAt: new Date().toISOString() }, null, 2)}\n`,
);
process.stdout.write('build: dist/ compiled from src/\n');
