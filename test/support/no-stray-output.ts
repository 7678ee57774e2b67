import { afterAll, expect } from 'vitest';
import { startedServers, strayOutput } from './server-process.ts';

/**
 * Vitest setup file: after each test file (and its own hooks), every gateway process it
 * started through `startServerProcess` is stopped if still running, and everything it
 * wrote after its start line must be pino JSON on stdout: no raw line on stdout or stderr.
 */
afterAll(async () => {
  for (const server of startedServers.splice(0)) {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGTERM');
    await Promise.race([server.closed, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    expect(strayOutput(server), `output of the gateway at ${server.url}`).toEqual([]);
  }
});
