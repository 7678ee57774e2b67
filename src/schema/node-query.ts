import type { GraphQLResolveInfo } from 'graphql';
import { badUserInput } from '../errors.ts';
import type { Meeting, Participant } from '../model.ts';
import { builder } from './builder.ts';
import type { GatewayContext } from './context.ts';
import { decodeGlobalID, MAX_IDS, parseMeetingLocalId, parseParticipantLocalId } from './global-id.ts';

async function loadNode(
  globalID: string,
  ctx: GatewayContext,
  info: GraphQLResolveInfo,
  index?: number,
): Promise<Meeting | Participant | null> {
  const { typename, id } = decodeGlobalID(globalID);
  if (typename === 'Participant') return ctx.loaders.participant.load(parseParticipantLocalId(id));
  if (typename !== 'Meeting')
    throw badUserInput(`IDs of type ${JSON.stringify(typename)} are not served here.`);
  const meeting = await ctx.loaders.listedOrDetails.load(parseMeetingLocalId(id));
  const at =
    index === undefined ? info : { ...info, path: { prev: info.path, key: index, typename: undefined } };
  return ctx.stale.report(at, meeting);
}

builder.queryFields((t) => ({
  node: t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    description: 'Fetches any object by its global ID. Null when it does not exist.',
    args: { id: t.arg.id({ required: true, description: 'A global ID, as returned in an `id` field.' }) },
    resolve: (_root, args, ctx, info) => loadNode(String(args.id), ctx, info),
  }),
  nodes: t.field({
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    description: 'Fetches many objects by global ID, in the order given; null entries for missing ones.',
    args: {
      ids: t.arg.idList({ required: true, description: `Global IDs (at most ${MAX_IDS}).` }),
    },
    resolve: (_root, args, ctx, info) => {
      if (args.ids.length > MAX_IDS)
        throw badUserInput(`"ids" may hold at most ${MAX_IDS} IDs, got ${args.ids.length}.`);
      // One promise per entry: a bad or failing ID nulls only its own entry.
      return args.ids.map((id, index) => loadNode(String(id), ctx, info, index));
    },
  }),
}));
