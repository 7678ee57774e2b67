import { type ActiveSession, SESSION_STATUSES, SESSION_TYPES } from '../model.ts';
import { builder } from './builder.ts';
import { enumType } from './enums.ts';
import { MeetingRef } from './meeting.ts';

const SessionStatusEnum = enumType('SessionStatus', 'Whether a session is running.', SESSION_STATUSES);
const SessionTypeEnum = enumType('SessionType', 'What kind of session it is.', SESSION_TYPES);

export const ActiveSessionRef = builder.objectRef<ActiveSession>('ActiveSession').implement({
  description: 'The session running in a meeting now.',
  fields: (t) => ({
    sessionId: t.exposeString('sessionId', { nullable: false, description: 'RealtimeKit session id.' }),
    status: t.expose('status', {
      type: SessionStatusEnum,
      nullable: false,
      description: 'Whether it is live.',
    }),
    type: t.expose('type', {
      type: SessionTypeEnum,
      nullable: true,
      description: 'What kind of session it is.',
    }),
    liveParticipants: t.exposeInt('liveParticipants', {
      nullable: false,
      description: 'Number of people in the session now.',
    }),
    maxConcurrentParticipants: t.exposeInt('maxConcurrentParticipants', {
      nullable: false,
      description: 'Most people in the session at once so far.',
    }),
    minutesConsumed: t.exposeFloat('minutesConsumed', {
      nullable: false,
      description: 'Minutes consumed since the session started.',
    }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: false, description: 'When it started.' }),
    endedAt: t.expose('endedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it ended, if it did.',
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      nullable: false,
      description: 'When it was created.',
    }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      nullable: false,
      description: 'When it last changed.',
    }),
  }),
});

builder.objectField(MeetingRef, 'activeSession', (t) =>
  t.field({
    type: ActiveSessionRef,
    nullable: true,
    description: 'The session running in this meeting now; null when nobody is in it.',
    resolve: (meeting, _args, ctx) => ctx.loaders.activeSession.load(meeting),
  }),
);
