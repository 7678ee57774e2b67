import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * A hash of everything `npm run build` compiles: every file under src/ (path and content,
 * in a fixed order) and the build's tsconfig. `npm run build` stores it in
 * dist/build-info.json; `npm start` recomputes it to tell whether dist/ is fresh.
 * Content, not modification times: a checkout or copy changes times, not sources.
 */
export function sourceHash(root) {
  const hash = createHash('sha256');
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(path);
    }
  };
  walk(join(root, 'src'));
  files.push(join(root, 'tsconfig.json'), join(root, 'tsconfig.build.json'));
  for (const file of files.sort()) {
    hash.update(relative(root, file).split('\\').join('/'));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}
