import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * `npm start` as a real process (`node src/server.ts` from the repository root), with
 * only PATH, HOME and `env` in its environment: no REALTIMEKIT_* / CLOUDFLARE_* from the
 * caller, so sandbox mode unless `env` says otherwise. Resolves with the GraphiQL URL
 * from the start-up line; rejects with the process's stderr if it exits or stays silent.
 */

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  url: string;
  /** Settles when the process has exited and both its streams are closed. */
  closed: Promise<void>;
}

/**
 * Every process started here in this test file, for the check in `no-stray-output.ts`
 * (a vitest setup file) that runs after the file's own hooks.
 */
export const startedServers: ServerProcess[] = [];

/**
 * Lines that break the output contract: after the start line, stdout carries pino JSON
 * lines only (an object with `level` and `msg`), and nothing is written to stderr.
 */
export function strayOutput(server: Pick<ServerProcess, 'stdout' | 'stderr'>): string[] {
  const [, ...rest] = server.stdout.join('').split('\n');
  const stray = rest.filter((line) => line !== '' && !isLogLine(line)).map((line) => `stdout: ${line}`);
  for (const line of server.stderr.join('').split('\n')) if (line !== '') stray.push(`stderr: ${line}`);
  return stray;
}

function isLogLine(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return (
      typeof value === 'object' &&
      value !== null &&
      'level' in value &&
      'msg' in value &&
      typeof value.msg === 'string'
    );
  } catch {
    return false;
  }
}

export function startServerProcess(env: Record<string, string>, timeoutMs = 20_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['src/server.ts'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no start-up line; stderr: ${stderr.join('')}`)),
      timeoutMs,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout.push(chunk.toString());
      const match = /GraphiQL at (http:\/\/\S+)/.exec(stdout.join(''));
      if (match?.[1]) {
        clearTimeout(timer);
        const server = { child, stdout, stderr, url: match[1], closed };
        startedServers.push(server);
        resolve(server);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening: ${stderr.join('')}`));
    });
  });
}
