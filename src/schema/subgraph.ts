import type { GraphQLSchema } from 'graphql';
import { builder } from './builder.ts';
import { resolveEntities } from './entities.ts';
import { reportUnknownEnumValues } from './enums.ts';

/** The Federation spec the subgraph SDL links to (the newest both Apollo's and The Guild's composition know). */
export const FEDERATION_SPEC_URL = 'https://specs.apollo.dev/federation/v2.9';

/**
 * The Apollo Federation v2 subgraph schema: the public schema plus `_service { sdl }`,
 * `_entities` and the federation directives (`@link`, `@key`, `@shareable`). It is what
 * `/graphql` serves; `schema/schema.graphql` stays the federation-free public schema.
 */
export function buildSubgraphSchema(): GraphQLSchema {
  const subgraph = builder.toSubGraphSchema({ linkUrl: FEDERATION_SPEC_URL });
  const entities = subgraph.getQueryType()?.getFields()._entities;
  if (!entities) throw new Error('The subgraph schema has no _entities field: no type is an entity.');
  entities.resolve = resolveEntities;
  return reportUnknownEnumValues(subgraph);
}
