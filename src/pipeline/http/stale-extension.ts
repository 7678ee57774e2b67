import type { Plugin } from 'graphql-yoga';
import type { StaleLog } from '../../cache/stale-log.ts';

/** Adds `extensions.stale` to a response whose request served stale entries. */
export function useStaleExtension(): Plugin<{ stale?: StaleLog }> {
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result, setResult }) => {
        const fields = (args.contextValue as { stale?: StaleLog }).stale?.fields;
        if (!fields || fields.length === 0 || Symbol.asyncIterator in result) return;
        setResult({ ...result, extensions: { ...result.extensions, stale: fields } });
      },
    }),
  };
}
