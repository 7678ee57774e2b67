import type { Participant } from '../model.ts';
import { addParticipantBody, editParticipantBody } from '../writes/write-bodies.ts';
import { builder } from './builder.ts';
import {
  encodeGlobalID,
  meetingKeyFromGlobalId,
  participantKeyFromGlobalId,
  participantLocalId,
} from './global-id.ts';
import { ParticipantRef } from './participant.ts';

// addParticipant, updateParticipant, removeParticipant and refreshParticipantToken. The
// join token exists only in the payload returned here: it is never put on a Participant,
// in a loader, a cache, a log or an error.

const mutationId = { description: 'Echoed back in the payload.' } as const;
const echoed = 'The input’s clientMutationId, unchanged.';
const tokenDescription =
  'Join token for the RealtimeKit client SDKs. A credential: it is returned here and by the other participant mutations only, and is never cached, logged or readable by query.';

const AddParticipantInput = builder.inputType('AddParticipantInput', {
  description: 'A person to add to a meeting.',
  fields: (t) => ({
    meetingId: t.id({ required: true, description: 'Global ID of the meeting (Meeting.id).' }),
    customParticipantId: t.string({
      required: true,
      description: 'Your own id for this person (not empty).',
    }),
    presetName: t.string({
      required: true,
      description: 'RealtimeKit preset to apply, e.g. group_call_host.',
    }),
    name: t.string({ description: 'Name shown in the meeting.' }),
    picture: t.field({ type: 'URL', description: 'Picture shown in the meeting.' }),
    clientMutationId: t.string(mutationId),
  }),
});

const UpdateParticipantInput = builder.inputType('UpdateParticipantInput', {
  description: 'What to change about a participant; fields left out keep their value.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global ID of the participant (Participant.id).' }),
    name: t.string({ description: 'Name shown in the meeting.' }),
    picture: t.field({ type: 'URL', description: 'Picture shown in the meeting.' }),
    presetName: t.string({ description: 'RealtimeKit preset to apply (not empty).' }),
    clientMutationId: t.string(mutationId),
  }),
});

const ParticipantIdInput = (name: string, description: string) =>
  builder.inputType(name, {
    description,
    fields: (t) => ({
      id: t.id({ required: true, description: 'Global ID of the participant (Participant.id).' }),
      clientMutationId: t.string(mutationId),
    }),
  });

const RemoveParticipantInput = ParticipantIdInput('RemoveParticipantInput', 'The participant to remove.');
const RefreshParticipantTokenInput = ParticipantIdInput(
  'RefreshParticipantTokenInput',
  'The participant that needs a new join token.',
);

interface WithToken {
  participant: Participant;
  token: string;
  clientMutationId: string | null;
}

function withTokenPayload(name: string, description: string) {
  return builder.objectRef<WithToken>(name).implement({
    description,
    fields: (t) => ({
      participant: t.expose('participant', {
        type: ParticipantRef,
        nullable: false,
        description: 'The participant as it is now.',
      }),
      token: t.exposeString('token', { nullable: false, description: tokenDescription }),
      clientMutationId: t.exposeString('clientMutationId', { nullable: true, description: echoed }),
    }),
  });
}

const AddParticipantPayload = withTokenPayload(
  'AddParticipantPayload',
  'The participant added and its join token.',
);
const UpdateParticipantPayload = withTokenPayload(
  'UpdateParticipantPayload',
  'The participant changed and a fresh join token.',
);

const RemoveParticipantPayload = builder
  .objectRef<{ removedParticipantId: string; customParticipantId: string; clientMutationId: string | null }>(
    'RemoveParticipantPayload',
  )
  .implement({
    description: 'The participant removeParticipant removed.',
    fields: (t) => ({
      removedParticipantId: t.exposeID('removedParticipantId', {
        nullable: false,
        description: 'Global ID of the participant that was removed.',
      }),
      customParticipantId: t.exposeString('customParticipantId', {
        nullable: false,
        description: "The caller's own id for the removed person.",
      }),
      clientMutationId: t.exposeString('clientMutationId', { nullable: true, description: echoed }),
    }),
  });

const RefreshParticipantTokenPayload = builder
  .objectRef<{ token: string; clientMutationId: string | null }>('RefreshParticipantTokenPayload')
  .implement({
    description: 'A new join token.',
    fields: (t) => ({
      token: t.exposeString('token', { nullable: false, description: tokenDescription }),
      clientMutationId: t.exposeString('clientMutationId', { nullable: true, description: echoed }),
    }),
  });

const scopeNote = ' Needs the participants:write scope under JWT caller auth.';

builder.mutationFields((t) => ({
  addParticipant: t.field({
    type: AddParticipantPayload,
    nullable: true,
    description: `Adds a person to a meeting and returns the token their RealtimeKit client joins with.${scopeNote}`,
    args: {
      input: t.arg({ type: AddParticipantInput, required: true, description: 'Who to add, and where.' }),
    },
    resolve: async (_root, { input }, ctx) => {
      const meeting = meetingKeyFromGlobalId(String(input.meetingId), 'input.meetingId');
      const body = addParticipantBody(input);
      const { participant, token } = await ctx.writes.addParticipant(meeting, body);
      return { participant, token, clientMutationId: input.clientMutationId ?? null };
    },
  }),
  updateParticipant: t.field({
    type: UpdateParticipantPayload,
    nullable: true,
    description: `Changes a participant's name, picture or preset (upstream PATCH); returns a fresh join token.${scopeNote}`,
    args: { input: t.arg({ type: UpdateParticipantInput, required: true, description: 'What to change.' }) },
    resolve: async (_root, { input }, ctx) => {
      const key = participantKeyFromGlobalId(String(input.id), 'input.id');
      const body = editParticipantBody(input);
      const { participant, token } = await ctx.writes.updateParticipant(key, body);
      return { participant, token, clientMutationId: input.clientMutationId ?? null };
    },
  }),
  removeParticipant: t.field({
    type: RemoveParticipantPayload,
    nullable: true,
    description: `Removes a participant from a meeting (upstream DELETE).${scopeNote}`,
    args: { input: t.arg({ type: RemoveParticipantInput, required: true, description: 'Who to remove.' }) },
    resolve: async (_root, { input }, ctx) => {
      const key = participantKeyFromGlobalId(String(input.id), 'input.id');
      const { customParticipantId } = await ctx.writes.removeParticipant(key);
      return {
        removedParticipantId: encodeGlobalID('Participant', participantLocalId(key)),
        customParticipantId,
        clientMutationId: input.clientMutationId ?? null,
      };
    },
  }),
  refreshParticipantToken: t.field({
    type: RefreshParticipantTokenPayload,
    nullable: true,
    description: `Issues a new join token for a participant (upstream POST …/token).${scopeNote}`,
    args: {
      input: t.arg({
        type: RefreshParticipantTokenInput,
        required: true,
        description: 'Whose token to renew.',
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const key = participantKeyFromGlobalId(String(input.id), 'input.id');
      const token = await ctx.writes.refreshParticipantToken(key);
      return { token, clientMutationId: input.clientMutationId ?? null };
    },
  }),
}));
