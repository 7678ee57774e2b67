import type { GraphQLResolveInfo } from 'graphql';
import { responsePathAsArray } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * What one request served from stale cache entries, and the `extensions.stale` it adds to
 * the response: `[{ path, ageSeconds }]`, one entry per field whose value came from an entry
 * past its TTL (served because a fresh read failed). Loaders `mark` the objects they hand
 * out stale; the resolvers of fields that return them `report` the field's path.
 */

export interface StaleField {
  path: (string | number)[];
  ageSeconds: number;
}

export class StaleLog {
  readonly #ages = new WeakMap<object, number>();
  readonly fields: StaleField[] = [];

  /** `value` (a page window or a meeting handed to resolvers) came from an entry `ageMs` old. */
  mark(value: unknown, ageMs: number): void {
    if (typeof value !== 'object' || value === null) return;
    this.#ages.set(value, Math.max(this.#ages.get(value) ?? 0, ageMs));
  }

  /** Records `info`'s field as stale when `value` was marked. Returns `value`. */
  report<T>(info: GraphQLResolveInfo, value: T): T {
    if (typeof value === 'object' && value !== null) {
      const ageMs = this.#ages.get(value);
      if (ageMs !== undefined) this.field(info, ageMs);
    }
    return value;
  }

  /** Records `info`'s field as served from an entry `ageMs` old. */
  field(info: GraphQLResolveInfo, ageMs: number): void {
    this.fields.push({ path: responsePathAsArray(info.path), ageSeconds: Math.floor(ageMs / 1000) });
  }
}

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
