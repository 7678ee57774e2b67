import { builder } from './builder.ts';
import { scopeFromArgs } from './filters-from-args.ts';
import { MeetingRef } from './meeting.ts';

builder.queryField('meeting', (t) =>
  t.field({
    type: MeetingRef,
    nullable: true,
    description: 'One meeting by its RealtimeKit UUID. Null when the upstream has no such meeting.',
    args: {
      accountId: t.arg.string({ description: 'Cloudflare account id; defaults to CLOUDFLARE_ACCOUNT_ID.' }),
      appId: t.arg.string({ description: 'RealtimeKit app id; defaults to REALTIMEKIT_APP_ID.' }),
      meetingId: t.arg({ type: 'UUID', required: true, description: 'The meeting UUID (any letter case).' }),
    },
    resolve: async (_root, args, ctx, info) =>
      ctx.stale.report(
        info,
        await ctx.loaders.byId.load({ ...scopeFromArgs(args, ctx), meetingId: args.meetingId.toLowerCase() }),
      ),
  }),
);
