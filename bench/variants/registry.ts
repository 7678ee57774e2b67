// The bench-only gateway variants. A variant process runs the production entry
// (`src/server.ts`) unchanged, with module-resolution hooks (`entry.ts`) that either add
// yoga plugins/options (through `yoga-shim.ts`) or swap one src module for a bench-only
// replacement. Variants are named in BENCH_VARIANT, comma-separated; environment-only
// variants (e.g. a bigger upstream pool) are set by the runner and need no hooks.
import { execute } from 'graphql';
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

/**
 * Hook-based variants. graphql-jit ("jit"), yoga's body limit off ("nobodylimit") and ISO
 * DateTime strings ("isodate") were measured here and then moved into src/; add new
 * experiments as entries of these two tables.
 */
const YOGA_VARIANTS: Record<string, () => Partial<YogaExtras>> = {
  // graphql-js's own execute instead of yoga's default (@graphql-tools/executor).
  graphqljs: () => ({ plugins: [{ onExecute: ({ setExecuteFn }) => setExecuteFn(execute) }] }),
};

const MODULE_SWAPS: Record<string, ModuleSwap[]> = {
  // Yoga's own executor (@graphql-tools/executor) instead of src/execution/execute.ts.
  yogaexec: [
    {
      parentSuffix: '/src/app.ts',
      specifier: './execution/execute.ts',
      replacement: 'yoga-executor.ts',
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
