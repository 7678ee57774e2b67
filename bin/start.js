import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sourceHash } from './source-hash.js';

/**
 * `npm start` (`exec node bin/start.js`: the shell is replaced by this process, so the
 * SIGTERM/SIGINT a process manager sends to what npm started reaches the gateway).
 * Runs the compiled build (dist/server.js) when it exists and was built from the current
 * sources, the TypeScript sources (src/server.ts, Node's type stripping) otherwise. Which
 * one, and why, is passed to the server in GATEWAY_BUILD and said in its start-up line.
 */
const root = fileURLToPath(new URL('..', import.meta.url));

function chooseBuild() {
  const compiled = `${root}/dist/server.js`;
  if (!existsSync(compiled))
    return {
      entry: `${root}/src/server.ts`,
      build: 'TypeScript sources (no dist/: npm run build compiles it)',
    };
  if (!existsSync(`${root}/src`)) return { entry: compiled, build: 'compiled build (dist/)' };
  let built;
  try {
    built = JSON.parse(readFileSync(`${root}/dist/build-info.json`, 'utf8')).sourceHash;
  } catch {
    built = undefined;
  }
  if (built !== sourceHash(root)) {
    return {
      entry: `${root}/src/server.ts`,
      build: 'TypeScript sources (dist/ is stale: npm run build refreshes it)',
    };
  }
  return { entry: compiled, build: 'compiled build (dist/)' };
}

const { entry, build } = chooseBuild();
process.env.GATEWAY_BUILD = build;
await import(pathToFileURL(entry).href);
