// Preloaded into every measured server process (`node --import ./bench/probe.js …`), which
// must be spawned with an IPC channel. It answers `{ type: 'probe', id }` with the process's
// own CPU time (`process.cpuUsage()`, microseconds), its memory (`process.memoryUsage()`:
// rss, heap, external) and HTTP request counts from the diagnostics channels: requests
// started, responses finished, and requests in flight (started, response not yet closed,
// whether finished or abandoned by the client), so that the runner can wait for a quiet
// server between runs and divide per-request figures by requests actually handled. It stops
// the process (SIGTERM, so its own graceful shutdown runs) when the parent goes away.
//
// Plain JavaScript on purpose: a TypeScript file here would make Node load its type
// stripper into every measured process, about 12 MB of RSS that the compiled gateway
// (`dist/server.js`) does not otherwise carry. The answer's shape is `ProbeSample` in
// `children.ts` (with `userUs` + `systemUs` for `cpuUs`).
import { subscribe } from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';

/** @param {unknown} message */
function isProbeRequest(message) {
  return (
    typeof message === 'object' &&
    message !== null &&
    /** @type {{ type?: unknown }} */ (message).type === 'probe' &&
    typeof (/** @type {{ id?: unknown }} */ (message).id) === 'number'
  );
}

/** Anonymous and file-backed resident memory (Linux /proc/self/status), in bytes; 0 elsewhere. */
function rssParts() {
  try {
    const status = readFileSync('/proc/self/status', 'latin1');
    /** @param {string} name */
    const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rssAnon: kb('RssAnon'), rssFile: kb('RssFile') };
  } catch {
    return { rssAnon: 0, rssFile: 0 };
  }
}

let served = 0;
let started = 0;
let inFlight = 0;

if (typeof process.send === 'function') {
  subscribe('http.server.response.finish', () => {
    served++;
  });
  subscribe('http.server.request.start', (message) => {
    started++;
    inFlight++;
    /** @type {{ response?: { once(event: 'close', listener: () => void): unknown } }} */ (
      message
    ).response?.once('close', () => {
      inFlight--;
    });
  });
  process.on('message', (message) => {
    if (!isProbeRequest(message)) return;
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    let newSpace = 0;
    let oldSpace = 0;
    for (const space of getHeapSpaceStatistics()) {
      if (space.space_name === 'new_space') newSpace = space.space_size;
      else if (space.space_name === 'old_space') oldSpace = space.space_size;
    }
    process.send?.({
      type: 'probe',
      id: /** @type {{ id: number }} */ (message).id,
      userUs: cpu.user,
      systemUs: cpu.system,
      rss: memory.rss,
      heapTotal: memory.heapTotal,
      heapUsed: memory.heapUsed,
      external: memory.external,
      newSpace,
      oldSpace,
      ...rssParts(),
      served,
      started,
      inFlight,
    });
  });
  // The IPC channel must not keep an otherwise finished process alive.
  process.channel?.unref();
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
