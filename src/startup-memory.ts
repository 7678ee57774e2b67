import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Returns start-up garbage to the OS. Loading the modules (and stripping their types)
 * leaves tens of MB of dead objects and a young generation grown to fit them; V8 keeps
 * both until enough allocation triggers a collection, which an idle gateway never does.
 * One full, memory-reducing collection right after listening shrinks the idle RSS by
 * about 25 MB (`gateway.rssMbIdle` in `npm run bench`) for a few tens of ms at start.
 *
 * V8's `gc()` is only reachable with `--expose-gc`; the flag is switched on for the
 * moment it takes to fetch the function from a fresh context, then off again.
 */
export function releaseStartupMemory(): void {
  type Gc = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async'; flavor?: string }) => void;
  let gc = (globalThis as { gc?: Gc }).gc;
  if (gc === undefined) {
    setFlagsFromString('--expose-gc');
    try {
      gc = runInNewContext('gc') as Gc;
    } finally {
      setFlagsFromString('--no-expose-gc');
    }
  }
  gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}
