import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// `npm start` as a real process (`node src/server.ts` from the repository root), with
// only PATH, HOME and `env` in its environment: no REALTIMEKIT_* / CLOUDFLARE_* from the
// caller, so sandbox mode unless `env` says otherwise. Resolves with the GraphiQL URL
// from the start-up line; rejects with the process's stderr if it exits or stays silent.

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  url: string;
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
        resolve({ child, stdout, stderr, url: match[1] });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening: ${stderr.join('')}`));
    });
  });
}
