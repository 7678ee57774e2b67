import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { StaleLog } from '../../cache/stale-log.ts';

/** Adds `extensions.stale` to a response whose request served stale entries. */
export function useStaleExtension(): Plugin<{ stale?: StaleLog }> {
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result, setResult }) => {
        if (Symbol.asyncIterator in result) return;
        const marked = withStaleFields(result, args.contextValue as { stale?: StaleLog });
        if (marked !== result) setResult(marked);
      },
    }),
  };
}

/** `result` with the stale fields of `context` in `extensions.stale`, or `result` itself when there are none. */
export function withStaleFields(result: ExecutionResult, context: { stale?: StaleLog }): ExecutionResult {
  const fields = context.stale?.fields;
  if (!fields || fields.length === 0) return result;
  return { ...result, extensions: { ...result.extensions, stale: fields } };
}
