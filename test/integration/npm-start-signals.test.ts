import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { descendants, isAlive, portIsFree, until } from '../support/processes.ts';
import { REPO_ROOT } from '../support/server-process.ts';

/**
 * `npm start` under a process manager: the signal goes to the process npm is (the PID the
 * manager started), not to the gateway. Nothing may be left running, and the port is free.
 */

interface Started {
  npm: ChildProcess;
  port: number;
  stdout: () => string;
}

const started: ChildProcess[] = [];

async function npmStart(env: Record<string, string>): Promise<Started> {
  const npm = spawn('npm', ['start'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(npm);
  let stdout = '';
  let stderr = '';
  npm.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  npm.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const ok = await until(() => /GraphiQL at http:\/\/127\.0\.0\.1:\d+\/graphql/.test(stdout), 60_000);
  if (!ok) throw new Error(`npm start printed no start line; stderr: ${stderr}`);
  const port = Number(/GraphiQL at http:\/\/127\.0\.0\.1:(\d+)\/graphql/.exec(stdout)?.[1]);
  return { npm, port, stdout: () => stdout };
}

afterEach(() => {
  for (const npm of started.splice(0)) {
    for (const pid of npm.pid ? descendants(npm.pid) : []) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
    }
    if (npm.exitCode === null) npm.kill('SIGKILL');
  }
});

async function expectCleanStop(
  run: Started,
  signal: NodeJS.Signals,
  gatewayProcesses: number,
): Promise<void> {
  const pid = run.npm.pid ?? 0;
  const tree = descendants(pid);
  expect(tree.length).toBeGreaterThanOrEqual(gatewayProcesses);
  const response = await fetch(`http://127.0.0.1:${run.port}/health`);
  expect(response.status).toBe(200);
  run.npm.kill(signal);
  const [code] = (await once(run.npm, 'exit')) as [number | null];
  expect(code).toBe(0);
  expect(await until(() => tree.every((child) => !isAlive(child)))).toBe(true);
  expect(await until(() => portIsFree(run.port))).toBe(true);
  expect(run.stdout()).toContain('"msg":"stopping: ');
}

describe('npm start and signals', () => {
  it('SIGTERM to the npm start PID stops the gateway and frees the port', async () => {
    await expectCleanStop(await npmStart({}), 'SIGTERM', 1);
  }, 90_000);

  it('SIGINT too', async () => {
    await expectCleanStop(await npmStart({}), 'SIGINT', 1);
  }, 90_000);

  it('WEB_CONCURRENCY=2: the primary and both workers stop on SIGTERM', async () => {
    const run = await npmStart({ WEB_CONCURRENCY: '2' });
    expect(run.stdout()).toMatch(/, 2 workers; GraphiQL at /);
    // npm (or its shell) → primary → 2 workers.
    await expectCleanStop(run, 'SIGTERM', 3);
  }, 90_000);
});
