import { builder } from './builder.ts';
import './scalars.ts';
import { reportUnknownEnumValues } from './enums.ts';
import './recording-config.ts';
import './ai-config.ts';
import './meeting.ts';
import './entities.ts';
import './meetings-query.ts';
import './meeting-query.ts';
import './node-query.ts';
import './participant.ts';
import './active-session.ts';
import './write-inputs.ts';
import './meeting-mutations.ts';
import './participant-mutations.ts';
import { buildSubgraphSchema } from './subgraph.ts';

builder.queryType({ description: 'Read access to RealtimeKit meetings.' });
builder.mutationType({
  description:
    'Writes: meetings and participants. Each needs its scope under JWT caller auth and answers only after it reached the upstream.',
});

/** The public schema, as printed to `schema/schema.graphql`: no federation types or directives. */
export const schema = reportUnknownEnumValues(builder.toSchema({ sortSchema: true }));

/** What `/graphql` serves: the public schema as an Apollo Federation v2 subgraph. */
export const subgraphSchema = buildSubgraphSchema();
