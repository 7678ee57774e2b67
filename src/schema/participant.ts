import type { Participant } from '../model.ts';
import { anchoredCursorEncoder } from '../pagination/cursor.ts';
import { participantsKey } from '../pagination/filters.ts';
import { connectionOf } from '../pagination/paged-list.ts';
import { resolveWindow } from '../pagination/window.ts';
import { builder } from './builder.ts';
import { encodeGlobalID, participantLocalId } from './global-id.ts';
import { MeetingRef } from './meeting.ts';
import { cursorDrift } from './warnings.ts';

export const ParticipantRef = builder.objectRef<Participant>('Participant');

// A Relay node, its `id` encoded synchronously as Meeting's (see meeting.ts).
ParticipantRef.implement({
  description:
    'A person added to a meeting, whether or not they are in a call now. Their join token is never readable here: it comes only with the mutation that made it.',
  interfaces: [builder.nodeInterfaceRef()],
  fields: (t) => ({
    id: t.id({
      nullable: false,
      description: 'Relay global ID; encodes account, app, meeting and participant.',
      resolve: (participant) => encodeGlobalID('Participant', participantLocalId(participant)),
    }),
    participantId: t.expose('participantId', {
      type: 'UUID',
      nullable: false,
      description: 'The RealtimeKit participant UUID (upstream `id`), lower-case.',
    }),
    meetingId: t.expose('meetingId', {
      type: 'UUID',
      nullable: false,
      description: 'The meeting this participant was added to.',
    }),
    customParticipantId: t.exposeString('customParticipantId', {
      nullable: false,
      description: "The caller's own id for this person (upstream `custom_participant_id`).",
    }),
    name: t.exposeString('name', { nullable: true, description: 'Name shown in the meeting.' }),
    picture: t.expose('picture', {
      type: 'URL',
      nullable: true,
      description: 'Picture shown in the meeting.',
    }),
    presetName: t.exposeString('presetName', {
      nullable: false,
      description: 'RealtimeKit preset applied to this participant (e.g. group_call_host).',
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      nullable: false,
      description: 'When the participant was added.',
    }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      nullable: false,
      description: 'When the participant last changed.',
    }),
  }),
});

builder.objectField(MeetingRef, 'participants', (t) =>
  t.connection(
    {
      type: ParticipantRef,
      nullable: true,
      description:
        "People added to this meeting (whether or not they are in a call now), as a Relay connection over the upstream's page-numbered participants list. Default page size 20. Cursors belong to this meeting.",
      resolve: async (meeting, args, ctx, info) => {
        const key = participantsKey(meeting);
        const spec = resolveWindow(args, key, ctx.argumentRules.maxPageSize);
        const list = { accountId: meeting.accountId, appId: meeting.appId, meetingId: meeting.meetingId };
        const window = await ctx.loaders.participantPages.load({ list, key, spec });
        if (window.staleAgeMs !== undefined) ctx.stale.field(info, window.staleAgeMs);
        if (window.drifted) ctx.warnings.push(cursorDrift(info.path));
        const cursor = anchoredCursorEncoder(key, window.totalCount);
        return connectionOf(window, (position, participant) => cursor(position, participant.participantId));
      },
    },
    {
      name: 'ParticipantConnection',
      description: "A page of a meeting's participants with its position in the whole list.",
      fields: (t) => ({
        totalCount: t.exposeInt('totalCount', {
          nullable: false,
          description:
            'Number of participants of the meeting, across all pages (upstream paging.total_count).',
        }),
      }),
    },
    { name: 'ParticipantEdge', description: 'A participant and its cursor.' },
  ),
);
