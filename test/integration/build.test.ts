import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../support/processes.ts';
import { REPO_ROOT } from '../support/server-process.ts';

/**
 * `npm run build` compiles src/ to dist/; `npm start` runs dist/ when it was built from the
 * current sources and says so, the TypeScript sources otherwise. Done in a temporary copy so
 * that the repository's own dist/ is left alone.
 */

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gateway-build-'));
  for (const entry of ['src', 'bin', 'package.json', 'tsconfig.json', 'tsconfig.build.json']) {
    cpSync(join(REPO_ROOT, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `npm start`'s entry in the copy; returns its start line, then stops it. */
async function startLine(): Promise<{ line: string; answer: unknown }> {
  const child = spawn(process.execPath, ['bin/start.js'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  try {
    if (!(await until(() => stdout.includes('\n'), 30_000))) throw new Error(`no start line: ${stderr}`);
    const line = stdout.split('\n')[0] ?? '';
    const url = /GraphiQL at (\S+)/.exec(line)?.[1] ?? '';
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ meetings(first: 1) { totalCount } }' }),
    });
    return { line, answer: await response.json() };
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
}

const ANSWER = { data: { meetings: { totalCount: 240 } } };

describe('npm run build and npm start', () => {
  it('builds dist/ as plain JavaScript with .js imports and a build stamp', () => {
    const result = spawnSync('npm', ['run', 'build'], { cwd: dir, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(join(dir, 'dist/server.js'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'dist/build-info.json'), 'utf8')).sourceHash).toMatch(
      /^[0-9a-f]{64}$/,
    );
    const files = readdirSync(join(dir, 'dist'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.js'),
    );
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      expect(readFileSync(join(dir, 'dist', file), 'utf8')).not.toMatch(/from '\.{1,2}\/[^']*\.ts'/);
    }
  }, 90_000);

  it('runs the compiled build when it is fresh, and says so', async () => {
    const { line, answer } = await startLine();
    expect(line).toMatch(/; running the compiled build \(dist\/\); GraphiQL at /);
    expect(answer).toEqual(ANSWER);
  }, 90_000);

  it('runs the TypeScript sources when a source changed after the build', async () => {
    appendFileSync(join(dir, 'src/errors.ts'), '\n// changed after the build\n');
    const { line, answer } = await startLine();
    expect(line).toMatch(
      /; running the TypeScript sources \(dist\/ is stale: npm run build refreshes it\); /,
    );
    expect(answer).toEqual(ANSWER);
  }, 90_000);

  it('runs the TypeScript sources when there is no dist/', async () => {
    rmSync(join(dir, 'dist'), { recursive: true });
    const { line, answer } = await startLine();
    expect(line).toMatch(/; running the TypeScript sources \(no dist\/: npm run build compiles it\); /);
    expect(answer).toEqual(ANSWER);
  }, 90_000);
});
