import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what was live after the last full
 * collection before it starts the next one: 1 + HEAP_GROWING_PERCENT / 100, so 2×.
 *
 * V8 picks its own factor between 1.1 and 4 from how fast collections are; here it sits
 * near 4. Under load, whatever the in-flight requests hold when the young generation is
 * scavenged is promoted, so the old generation fills with dead request data: about 35 MB
 * live grew to 100–180 MB between full collections, most of the gateway's peak RSS above
 * the floor proxy's. Dead old objects also keep the young objects they point to alive
 * through the next scavenges, so those copy and promote more. At 2× the old generation is
 * collected at 70–90 MB. A full collection's work is the live data, not the dead, so the
 * extra ones cost less than the scavenges save. In-process A/B (`app.fetch`, 50 at a time,
 * 10 alternating rounds of 1,500 requests, V8's factor vs 2×): GC 294 → 223 µs per request
 * (scavenges −88, full collections +18), CPU per request −6 % (paired median), peak RSS
 * 398 → 319 MB. In `npm run bench` the `gateway heap=V8` variant shows the same difference.
 *
 * `--heap-growing-percent` cannot go in NODE_OPTIONS, so the gateway sets it itself, for
 * every way it is started (npm start, `node dist/server.js`, cluster workers). V8 reads it
 * each time it computes the next limit. A value given on node's own command line wins
 * (`--heap-growing-percent=0` is V8's own heuristic).
 */
export const HEAP_GROWING_PERCENT = 100;

export function limitHeapGrowth(): void {
  if (process.execArgv.some((arg) => arg.startsWith('--heap-growing-percent'))) return;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
