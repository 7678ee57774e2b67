import { printSubgraphSchema } from '@apollo/subgraph';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema, subgraphSchema } from './index.ts';

/** The public SDL as committed in `schema/schema.graphql`: sorted, so diffs stay small. */
export function printPublicSdl(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

/**
 * The subgraph SDL as committed in `schema/subgraph.graphql`: what `_service { sdl }`
 * answers (plus a final newline), with `@link` and the federation directives, for
 * composition tools (Hive, rover, `composeServices`).
 */
export function printSubgraphSdl(): string {
  return `${printSubgraphSchema(subgraphSchema)}\n`;
}
