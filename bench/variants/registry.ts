/**
 * The bench-only gateway variants. A variant process runs the production entry
 * (`src/server.ts`) unchanged, with module-resolution hooks (`entry.ts`) that either add
 * yoga plugins/options (through `yoga-shim.ts`) or swap one src module for a bench-only
 * replacement. Variants are named in BENCH_VARIANT, comma-separated; environment-only
 * variants (e.g. a bigger upstream pool) are set by the runner and need no hooks.
 */
import { useGraphQlJit } from '@envelop/graphql-jit';
import type { Plugin } from 'graphql-yoga';

export interface YogaExtras {
  plugins: Plugin[];
  overrides: Record<string, unknown>;
}

/** A src module, imported as `specifier` from a module whose URL ends with `parentSuffix`, swapped for `replacement`. */
export interface ModuleSwap {
  parentSuffix: string;
  specifier: string;
  /** Path relative to this directory. */
  replacement: string;
}

export function selectedVariants(): string[] {
  return (process.env.BENCH_VARIANT ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

const YOGA_VARIANTS: Record<string, () => Partial<YogaExtras>> = {
  /** graphql-jit compiles each operation once and runs it without graphql-js's generic executor. */
  jit: () => ({ plugins: [useGraphQlJit() as Plugin] }),
  /**
   * yoga's default request-body limit (25 MB) re-wraps every POST body in a TransformStream
   * piped through node:stream's pipeline and builds a second Request; the pipeline's
   * AbortController is aborted on finish, which makes a DOMException (with a stack trace)
   * per request. Turning it off shows what that costs; a real fix keeps a limit but checks
   * it without streams (content-length, or the server's own limit).
   */
  nobodylimit: () => ({ overrides: { maxRequestBodySize: false } }),
};

const MODULE_SWAPS: Record<string, ModuleSwap[]> = {
  /** DateTime serialized to an ISO string by the scalar instead of by JSON.stringify (Date.prototype.toJSON). */
  isodate: [
    {
      parentSuffix: '/src/schema/scalars.ts',
      specifier: 'graphql-scalars',
      replacement: './scalars-shim.ts',
    },
  ],
};

export const KNOWN_VARIANTS = [...Object.keys(YOGA_VARIANTS), ...Object.keys(MODULE_SWAPS)];

export function variantYogaOptions(): YogaExtras {
  const extras: YogaExtras = { plugins: [], overrides: {} };
  for (const name of selectedVariants()) {
    const make = YOGA_VARIANTS[name];
    if (!make) continue;
    const part = make();
    extras.plugins.push(...(part.plugins ?? []));
    Object.assign(extras.overrides, part.overrides ?? {});
  }
  return extras;
}

export function variantModuleSwaps(): ModuleSwap[] {
  return selectedVariants().flatMap((name) => MODULE_SWAPS[name] ?? []);
}
