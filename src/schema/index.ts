import { builder } from './builder.ts';
import './scalars.ts';
import './enums.ts';
import './recording-config.ts';
import './ai-config.ts';
import './meeting.ts';
import './entities.ts';
import './meetings-query.ts';
import './meeting-query.ts';
import './node-query.ts';
import { buildSubgraphSchema } from './subgraph.ts';

builder.queryType({ description: 'Read access to RealtimeKit meetings.' });

/** The public schema, as printed to `schema/schema.graphql`: no federation types or directives. */
export const schema = builder.toSchema({ sortSchema: true });

/** What `/graphql` serves: the public schema as an Apollo Federation v2 subgraph. */
export const subgraphSchema = buildSubgraphSchema();
