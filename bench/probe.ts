// Preloaded into every measured server process (`node --import ./bench/probe.ts …`), which
// must be spawned with an IPC channel. It answers `{ type: 'probe', id }` with the process's
// own CPU time (`process.cpuUsage()`, microseconds), its memory (`process.memoryUsage()`:
// rss, heap, external) and HTTP request counts from the diagnostics channels: requests
// started, responses finished, and requests in flight (started, response not yet closed,
// whether finished or abandoned by the client), so that the runner can wait for a quiet
// server between runs and divide per-request figures by requests actually handled. It stops the process (SIGTERM, so its own graceful shutdown
// runs) when the parent goes away.
import { subscribe } from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';

interface ProbeRequest {
  type: 'probe';
  id: number;
}

function isProbeRequest(message: unknown): message is ProbeRequest {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === 'probe' &&
    typeof (message as { id?: unknown }).id === 'number'
  );
}

/** Anonymous and file-backed resident memory (Linux /proc/self/status), in bytes; 0 elsewhere. */
function rssParts(): { rssAnon: number; rssFile: number } {
  try {
    const status = readFileSync('/proc/self/status', 'latin1');
    const kb = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rssAnon: kb('RssAnon'), rssFile: kb('RssFile') };
  } catch {
    return { rssAnon: 0, rssFile: 0 };
  }
}

let served = 0;
let started = 0;
let inFlight = 0;

interface RequestStart {
  response?: { once(event: 'close', listener: () => void): unknown };
}

if (typeof process.send === 'function') {
  subscribe('http.server.response.finish', () => {
    served++;
  });
  subscribe('http.server.request.start', (message) => {
    started++;
    inFlight++;
    (message as RequestStart).response?.once('close', () => {
      inFlight--;
    });
  });
  process.on('message', (message: unknown) => {
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
      id: message.id,
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
