// Entry of a gateway variant process: `node --import ./bench/probe.ts bench/variants/entry.ts`
// with BENCH_VARIANT=<names> and the gateway's usual environment. It installs
// module-resolution hooks, then runs the production entry `src/server.ts` as is.
import { registerHooks } from 'node:module';
import { KNOWN_VARIANTS, selectedVariants, variantModuleSwaps } from './registry.ts';

const unknown = selectedVariants().filter((name) => !KNOWN_VARIANTS.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`unknown BENCH_VARIANT ${unknown.join(', ')}; known: ${KNOWN_VARIANTS.join(', ')}\n`);
  process.exit(1);
}

const shim = new URL('./yoga-shim.ts', import.meta.url).href;
const swaps = variantModuleSwaps();

registerHooks({
  resolve(specifier, context, nextResolve) {
    const parent = context.parentURL ?? '';
    if (specifier === 'graphql-yoga' && parent.endsWith('/src/app.ts')) {
      return { url: shim, shortCircuit: true };
    }
    for (const swap of swaps) {
      if (specifier === swap.specifier && parent.endsWith(swap.parentSuffix)) {
        return { url: new URL(swap.replacement, import.meta.url).href, shortCircuit: true };
      }
    }
    return nextResolve(specifier, context);
  },
});

await import('../../src/server.ts');
