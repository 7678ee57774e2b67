import { type GraphQLFieldResolver, getNamedType, isObjectType, isUnionType } from 'graphql';
import { badUserInput } from '../errors.ts';
import type { Meeting } from '../model.ts';
import { builder } from './builder.ts';
import type { GatewayContext } from './context.ts';
import { decodeGlobalID, parseMeetingLocalId } from './global-id.ts';
import { MeetingRef } from './meeting.ts';

/**
 * Federation entities. `Meeting` is keyed by its Relay global ID, and a reference is
 * loaded through the request's `byId` loader: the references of one `_entities` call
 * become one batch (deduplicated, concurrency-capped single-meeting GETs), and a meeting
 * already listed in the same request costs nothing.
 */

function loadMeetingReference(reference: { id: unknown }, ctx: GatewayContext): Promise<Meeting | null> {
  if (typeof reference.id !== 'string')
    throw badUserInput('A Meeting representation needs its "id" (a Meeting global ID).');
  const { typename, id } = decodeGlobalID(reference.id);
  if (typename !== 'Meeting')
    throw badUserInput(`IDs of type ${JSON.stringify(typename)} are not Meeting IDs.`);
  return ctx.loaders.byId.load(parseMeetingLocalId(id));
}

builder.asEntity(MeetingRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (reference, ctx) => loadMeetingReference(reference, ctx),
});

type ResolveReference = (reference: object, ctx: GatewayContext, info: unknown) => unknown;

/**
 * The `_entities` resolver. Unlike `@apollo/subgraph`'s, which fails the whole list on a
 * representation of an unknown type, every representation gets its own promise: a
 * malformed or foreign one is a `BAD_USER_INPUT` error at its own index, the others
 * still resolve, and a missing entity is `null`. All references are asked for in the
 * same tick, so each entity's loader sees them as one batch.
 */
export const resolveEntities: GraphQLFieldResolver<
  unknown,
  GatewayContext,
  { representations: unknown[] }
> = (_root, { representations }, ctx, info) => {
  const union = getNamedType(info.returnType);
  const entityTypes = isUnionType(union) ? union.getTypes() : [];
  return representations.map(async (representation, index) => {
    if (
      typeof representation !== 'object' ||
      representation === null ||
      !('__typename' in representation) ||
      typeof representation.__typename !== 'string'
    ) {
      throw badUserInput('Each representation must be an object with a "__typename".');
    }
    const typename = representation.__typename;
    const type = entityTypes.find((t) => t.name === typename);
    const resolveReference = (
      type?.extensions as { apollo?: { subgraph?: { resolveReference?: ResolveReference } } } | undefined
    )?.apollo?.subgraph?.resolveReference;
    if (!type || !isObjectType(type) || !resolveReference)
      throw badUserInput(`${JSON.stringify(typename.slice(0, 80))} is not an entity type of this subgraph.`);
    const entity = ctx.stale.report(
      { ...info, path: { prev: info.path, key: index, typename: undefined } },
      await resolveReference(representation, ctx, info),
    );
    // `_Entity` is a union: the value must name its type (a copy, so cached objects stay as they are).
    return entity === null || entity === undefined ? null : { ...(entity as object), __typename: type.name };
  });
};
