import type { Meeting } from '../model.ts';
import { AiConfigRef } from './ai-config.ts';
import { builder } from './builder.ts';
import { MeetingStatusEnum } from './enums.ts';
import { meetingGlobalId } from './global-id.ts';
import { RecordingConfigRef } from './recording-config.ts';

export const MeetingRef = builder.objectRef<Meeting>('Meeting');

// A Relay node. Its `id` is encoded here, synchronously (`builder.node` would wrap it in
// an async resolver: a promise per meeting in every list).
MeetingRef.implement({
  description: 'A RealtimeKit meeting: a room people join, with its recording and AI settings.',
  interfaces: [builder.nodeInterfaceRef()],
  fields: (t) => ({
    id: t.id({
      nullable: false,
      description: 'Relay global ID; encodes account, app and meeting.',
      resolve: meetingGlobalId,
    }),
    meetingId: t.expose('meetingId', {
      type: 'UUID',
      nullable: false,
      description: 'The RealtimeKit meeting UUID (upstream `id`), lower-case.',
    }),
    accountId: t.exposeString('accountId', {
      nullable: false,
      description: 'Cloudflare account the meeting belongs to.',
    }),
    appId: t.exposeString('appId', {
      nullable: false,
      description: 'RealtimeKit app the meeting belongs to.',
    }),
    title: t.exposeString('title', { nullable: true, description: 'Title of the meeting.' }),
    status: t.expose('status', {
      type: MeetingStatusEnum,
      nullable: true,
      description: 'Whether participants can join (INACTIVE meetings cannot be joined).',
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      nullable: false,
      description: 'When the meeting was created.',
    }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      nullable: false,
      description: 'When the meeting last changed.',
    }),
    recordOnStart: t.exposeBoolean('recordOnStart', {
      nullable: true,
      description: 'Whether recording starts as soon as someone joins.',
    }),
    liveStreamOnStart: t.exposeBoolean('liveStreamOnStart', {
      nullable: true,
      description: 'Whether live-streaming starts when the meeting starts.',
    }),
    persistChat: t.exposeBoolean('persistChat', {
      nullable: true,
      description: 'Whether chat messages are kept for a week.',
    }),
    summarizeOnEnd: t.exposeBoolean('summarizeOnEnd', {
      nullable: true,
      description: 'Whether an AI summary is made from the transcript when the meeting ends.',
    }),
    transcribeOnEnd: t.exposeBoolean('transcribeOnEnd', {
      nullable: true,
      description: 'Whether a transcript is made when the meeting ends.',
    }),
    sessionKeepAliveTimeInSecs: t.exposeInt('sessionKeepAliveTimeInSecs', {
      nullable: true,
      description: 'Seconds a session stays alive after the last participant left (60 to 600).',
    }),
    recordingConfig: t.expose('recordingConfig', {
      type: RecordingConfigRef,
      nullable: true,
      description: 'How the meeting is recorded.',
    }),
    aiConfig: t.field({
      type: AiConfigRef,
      nullable: true,
      description:
        'AI settings. The list endpoint does not return them, so selecting this on listed meetings loads each meeting by ID (batched and deduplicated per request).',
      resolve: async (meeting, _args, ctx, info) => {
        if (meeting.aiConfig !== undefined) return meeting.aiConfig;
        const full = ctx.stale.report(info, await ctx.loaders.details.load(meeting));
        return full?.aiConfig ?? null;
      },
    }),
  }),
});
