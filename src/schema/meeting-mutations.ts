import type { Meeting } from '../model.ts';
import { meetingBody } from '../writes/write-bodies.ts';
import { builder } from './builder.ts';
import { appFromArgs } from './filters-from-args.ts';
import { meetingKeyFromGlobalId } from './global-id.ts';
import { MeetingRef } from './meeting.ts';
import { CreateMeetingInput, UpdateMeetingInput } from './write-inputs.ts';

// createMeeting and updateMeeting (Relay input/payload style). Inputs are checked
// (`meetingBody`, ids) before anything is sent; the payload carries the meeting as the
// upstream answered it. Payloads are nullable: a failed write is null plus one error.

interface MeetingPayload {
  meeting: Meeting;
  clientMutationId: string | null;
}

function meetingPayload(name: string, description: string) {
  return builder.objectRef<MeetingPayload>(name).implement({
    description,
    fields: (t) => ({
      meeting: t.expose('meeting', {
        type: MeetingRef,
        nullable: false,
        description: 'The meeting as it is now.',
      }),
      clientMutationId: t.exposeString('clientMutationId', {
        nullable: true,
        description: 'The input’s clientMutationId, unchanged.',
      }),
    }),
  });
}

const CreateMeetingPayload = meetingPayload('CreateMeetingPayload', 'The meeting createMeeting made.');
const UpdateMeetingPayload = meetingPayload('UpdateMeetingPayload', 'The meeting updateMeeting changed.');

builder.mutationFields((t) => ({
  createMeeting: t.field({
    type: CreateMeetingPayload,
    nullable: true,
    description:
      'Creates a meeting (upstream POST …/meetings). Needs the meetings:write scope under JWT caller auth.',
    args: { input: t.arg({ type: CreateMeetingInput, required: true, description: 'The new meeting.' }) },
    resolve: async (_root, { input }, ctx) => {
      const where = appFromArgs(input, ctx);
      const meeting = await ctx.writes.createMeeting(where, meetingBody(input));
      return { meeting, clientMutationId: input.clientMutationId ?? null };
    },
  }),
  updateMeeting: t.field({
    type: UpdateMeetingPayload,
    nullable: true,
    description:
      'Changes some settings of a meeting (upstream PATCH …/meetings/{meeting_id}); fields left out keep their value. Needs the meetings:write scope under JWT caller auth.',
    args: { input: t.arg({ type: UpdateMeetingInput, required: true, description: 'What to change.' }) },
    resolve: async (_root, { input }, ctx) => {
      const key = meetingKeyFromGlobalId(String(input.id), 'input.id');
      const meeting = await ctx.writes.updateMeeting(key, meetingBody(input));
      return { meeting, clientMutationId: input.clientMutationId ?? null };
    },
  }),
}));
