import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './index.ts';

/** The public SDL as committed in `schema/schema.graphql`: sorted, so diffs stay small. */
export function printPublicSdl(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
