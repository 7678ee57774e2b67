import { anchoredCursorEncoder } from '../pagination/cursor.ts';
import { filterKey } from '../pagination/filters.ts';
import { connectionOf } from '../pagination/paged-list.ts';
import { resolveWindow } from '../pagination/window.ts';
import { builder } from './builder.ts';
import { MeetingStatusEnum } from './enums.ts';
import { filtersFromArgs } from './filters-from-args.ts';
import { MeetingRef } from './meeting.ts';
import { cursorDrift } from './warnings.ts';

builder.queryField('meetings', (t) =>
  t.connection(
    {
      type: MeetingRef,
      nullable: true,
      description:
        "Meetings of one RealtimeKit app, in the upstream's order, as a Relay connection. accountId/appId fall back to the gateway's configured defaults. Default page size 20; first/last above the configured maximum (default 100) are rejected. Nullable so that a failing upstream call nulls only this field (partial results).",
      args: {
        accountId: t.arg.string({ description: 'Cloudflare account id; defaults to CLOUDFLARE_ACCOUNT_ID.' }),
        appId: t.arg.string({ description: 'RealtimeKit app id; defaults to REALTIMEKIT_APP_ID.' }),
        status: t.arg({ type: MeetingStatusEnum, description: 'Only meetings with this status.' }),
        search: t.arg.string({
          description: 'Only meetings whose title contains this text, or whose id is this.',
        }),
        startTime: t.arg({ type: 'DateTime', description: 'Only meetings created at or after this time.' }),
        endTime: t.arg({ type: 'DateTime', description: 'Only meetings created at or before this time.' }),
      },
      resolve: async (_root, args, ctx, info) => {
        const filters = filtersFromArgs(args, ctx);
        const key = filterKey(filters);
        const spec = resolveWindow(args, key, ctx.argumentRules.maxPageSize);
        const window = await ctx.loaders.pages.load({ list: filters, key, spec });
        if (window.staleAgeMs !== undefined) ctx.stale.field(info, window.staleAgeMs);
        if (window.drifted) ctx.warnings.push(cursorDrift(info.path));
        const cursor = anchoredCursorEncoder(key, window.totalCount);
        return connectionOf(window, (position, meeting) => cursor(position, meeting.meetingId));
      },
    },
    {
      name: 'MeetingConnection',
      description: 'A page of meetings with its position in the whole list.',
      fields: (t) => ({
        totalCount: t.exposeInt('totalCount', {
          nullable: false,
          description:
            'Number of meetings matching the filters, across all pages (upstream paging.total_count).',
        }),
      }),
    },
    { name: 'MeetingEdge', description: 'A meeting and its cursor.' },
  ),
);
