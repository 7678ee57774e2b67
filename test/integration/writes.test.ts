import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.ts';
import { JOIN_TOKEN_MARKER } from '../../src/sandbox/participants.ts';
import { DEFAULT_ACCOUNT_ID, DEFAULT_APP_ID } from '../../src/sandbox/seed.ts';
import { encodeGlobalID, meetingLocalId } from '../../src/schema/global-id.ts';
import { graphql } from '../gql/index.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

// The write path against the embedded sandbox (which checks write bodies as strictly as
// the upstream's OpenAPI document: unknown or camelCase fields are a 400): every
// mutation, the exact bodies sent, what later reads see, input checks, retries after
// faults, and that join tokens and storage credentials never leak.

const CreateMeeting = graphql(`
  mutation WritesCreateMeeting($input: CreateMeetingInput!) {
    createMeeting(input: $input) {
      clientMutationId
      meeting {
        id
        meetingId
        title
        status
        sessionKeepAliveTimeInSecs
        recordingConfig {
          storageConfig {
            type
            bucket
            region
          }
        }
      }
    }
  }
`);

const UpdateMeeting = graphql(`
  mutation WritesUpdateMeeting($input: UpdateMeetingInput!) {
    updateMeeting(input: $input) {
      clientMutationId
      meeting {
        id
        title
        status
        persistChat
      }
    }
  }
`);

const AddParticipant = graphql(`
  mutation WritesAddParticipant($input: AddParticipantInput!) {
    addParticipant(input: $input) {
      clientMutationId
      token
      participant {
        id
        participantId
        meetingId
        customParticipantId
        name
        picture
        presetName
      }
    }
  }
`);

const UpdateParticipant = graphql(`
  mutation WritesUpdateParticipant($input: UpdateParticipantInput!) {
    updateParticipant(input: $input) {
      token
      participant {
        id
        name
        presetName
      }
    }
  }
`);

const RemoveParticipant = graphql(`
  mutation WritesRemoveParticipant($input: RemoveParticipantInput!) {
    removeParticipant(input: $input) {
      removedParticipantId
      customParticipantId
      clientMutationId
    }
  }
`);

const RefreshToken = graphql(`
  mutation WritesRefreshToken($input: RefreshParticipantTokenInput!) {
    refreshParticipantToken(input: $input) {
      token
      clientMutationId
    }
  }
`);

const NewestMeetings = graphql(`
  query WritesNewest {
    meetings(first: 3) {
      totalCount
      nodes {
        meetingId
        title
        recordingConfig {
          storageConfig {
            type
            bucket
          }
        }
      }
    }
  }
`);

const ParticipantsOf = graphql(`
  query WritesParticipantsOf($id: ID!, $first: Int) {
    node(id: $id) {
      ... on Meeting {
        participants(first: $first) {
          totalCount
          nodes {
            id
            customParticipantId
            name
          }
        }
      }
    }
  }
`);

const NodeOf = graphql(`
  query WritesNodeOf($id: ID!) {
    node(id: $id) {
      id
      ... on Participant {
        participantId
        customParticipantId
        presetName
      }
    }
  }
`);

const BASE = `/client/v4/accounts/${DEFAULT_ACCOUNT_ID}/realtime/kit/${DEFAULT_APP_ID}/meetings`;
const SECRETS = [
  'STORAGE-SECRET-aaa111',
  'STORAGE-ACCESS-bbb222',
  'STORAGE-PASSWORD-ccc333',
  'STORAGE-KEY-ddd444',
];

let gw: TestGateway;
const logLines: string[] = [];

beforeAll(async () => {
  gw = await startTestGateway({
    logger: createLogger('trace', { write: (line: string) => logLines.push(line) }),
  });
});
afterAll(() => gw.close());
beforeEach(() => gw.sandbox.reset());

const writes = () => gw.sandbox.requests.filter((r) => r.kind === 'write');
const meetingGlobalId = (meetingId: string) =>
  encodeGlobalID(
    'Meeting',
    meetingLocalId({ accountId: DEFAULT_ACCOUNT_ID, appId: DEFAULT_APP_ID, meetingId }),
  );

describe('mutations against the sandbox', () => {
  it('createMeeting POSTs exactly the given fields in snake_case, and the meeting is listed first', async () => {
    const { body } = await gw.run(CreateMeeting, {
      input: {
        title: 'Launch review',
        persistChat: true,
        sessionKeepAliveTimeInSecs: 120,
        recordingConfig: {
          maxSeconds: 3600,
          audioConfig: { channel: 'MONO' },
          videoConfig: { watermark: { position: 'RIGHT_BOTTOM', size: { width: 80 } } },
          storageConfig: {
            type: 'AWS',
            bucket: 'recordings',
            region: 'eu-west-1',
            accessKey: SECRETS[1],
            secret: SECRETS[0],
          },
        },
        aiConfig: { summarization: { summaryType: 'TEAM_MEETING', textFormat: 'PLAIN_TEXT' } },
        clientMutationId: 'c-1',
      },
    });
    expect(body.errors).toBeUndefined();
    const created = body.data?.createMeeting;
    expect(created?.clientMutationId).toBe('c-1');
    expect(created?.meeting).toMatchObject({
      title: 'Launch review',
      status: 'ACTIVE',
      sessionKeepAliveTimeInSecs: 120,
      recordingConfig: { storageConfig: { type: 'AWS', bucket: 'recordings', region: 'eu-west-1' } },
    });
    expect(writes()).toHaveLength(1);
    expect(writes()[0]).toMatchObject({ method: 'POST', path: BASE });
    expect(writes()[0]?.body).toEqual({
      title: 'Launch review',
      persist_chat: true,
      session_keep_alive_time_in_secs: 120,
      recording_config: {
        max_seconds: 3600,
        audio_config: { channel: 'mono' },
        video_config: { watermark: { position: 'right bottom', size: { width: 80 } } },
        storage_config: {
          type: 'aws',
          bucket: 'recordings',
          region: 'eu-west-1',
          access_key: SECRETS[1],
          secret: SECRETS[0],
        },
      },
      ai_config: { summarization: { summary_type: 'team_meeting', text_format: 'plain_text' } },
    });

    const listed = await gw.run(NewestMeetings);
    expect(listed.body.data?.meetings?.nodes[0]?.meetingId).toBe(created?.meeting.meetingId);
    expect(listed.body.data?.meetings?.nodes[0]?.recordingConfig?.storageConfig?.bucket).toBe('recordings');
  });

  it('updateMeeting PATCHes only the fields given (DisableMeeting: status INACTIVE)', async () => {
    const meetingId = gw.sandbox.meetings[3]?.id ?? '';
    const { body } = await gw.run(UpdateMeeting, {
      input: { id: meetingGlobalId(meetingId), status: 'INACTIVE', title: null, clientMutationId: 'u-1' },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data?.updateMeeting).toMatchObject({
      clientMutationId: 'u-1',
      meeting: { status: 'INACTIVE' },
    });
    expect(writes()).toEqual([
      expect.objectContaining({
        method: 'PATCH',
        path: `${BASE}/${meetingId}`,
        body: { status: 'INACTIVE' },
      }),
    ]);
  });

  it('addParticipant, updateParticipant, refreshParticipantToken and removeParticipant, end to end', async () => {
    const meetingId = gw.sandbox.meetings[5]?.id ?? '';
    const id = meetingGlobalId(meetingId);
    const before = await gw.run(ParticipantsOf, { id, first: 100 });
    const countBefore =
      before.body.data?.node && 'participants' in before.body.data.node
        ? (before.body.data.node.participants?.totalCount ?? -1)
        : -1;

    gw.sandbox.reset();
    const added = await gw.run(AddParticipant, {
      input: {
        meetingId: id,
        customParticipantId: 'user-42',
        presetName: 'group_call_participant',
        name: 'Ada',
        clientMutationId: 'a-1',
      },
    });
    expect(added.body.errors).toBeUndefined();
    const payload = added.body.data?.addParticipant;
    expect(payload?.token.startsWith(JOIN_TOKEN_MARKER)).toBe(true);
    expect(payload?.participant).toMatchObject({
      meetingId,
      customParticipantId: 'user-42',
      name: 'Ada',
      picture: null,
      presetName: 'group_call_participant',
    });
    expect(writes()).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: `${BASE}/${meetingId}/participants`,
        body: { custom_participant_id: 'user-42', preset_name: 'group_call_participant', name: 'Ada' },
      }),
    ]);
    const participantGlobalId = payload?.participant.id ?? '';
    const participantId = payload?.participant.participantId ?? '';

    const after = await gw.run(ParticipantsOf, { id, first: 100 });
    const node = after.body.data?.node;
    expect(node && 'participants' in node ? node.participants?.totalCount : -1).toBe(countBefore + 1);
    expect(node && 'participants' in node ? node.participants?.nodes.map((p) => p.id) : []).toContain(
      participantGlobalId,
    );

    const fetched = await gw.run(NodeOf, { id: participantGlobalId });
    expect(fetched.body.data?.node).toMatchObject({ participantId, customParticipantId: 'user-42' });

    gw.sandbox.reset();
    const updated = await gw.run(UpdateParticipant, {
      input: { id: participantGlobalId, presetName: 'webinar_viewer' },
    });
    expect(updated.body.errors).toBeUndefined();
    expect(updated.body.data?.updateParticipant?.participant.presetName).toBe('webinar_viewer');
    expect(updated.body.data?.updateParticipant?.token.startsWith(JOIN_TOKEN_MARKER)).toBe(true);
    expect(writes()).toEqual([
      expect.objectContaining({
        method: 'PATCH',
        path: `${BASE}/${meetingId}/participants/${participantId}`,
        body: { preset_name: 'webinar_viewer' },
      }),
    ]);

    gw.sandbox.reset();
    const refreshed = await gw.run(RefreshToken, {
      input: { id: participantGlobalId, clientMutationId: 'r-1' },
    });
    expect(refreshed.body.data?.refreshParticipantToken?.clientMutationId).toBe('r-1');
    expect(refreshed.body.data?.refreshParticipantToken?.token.startsWith(JOIN_TOKEN_MARKER)).toBe(true);
    expect(writes()).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: `${BASE}/${meetingId}/participants/${participantId}/token`,
      }),
    ]);
    expect(writes()[0]?.body).toBeUndefined();

    gw.sandbox.reset();
    const removed = await gw.run(RemoveParticipant, { input: { id: participantGlobalId } });
    expect(removed.body.data?.removeParticipant).toEqual({
      removedParticipantId: participantGlobalId,
      customParticipantId: 'user-42',
      clientMutationId: null,
    });
    expect(writes()).toEqual([
      expect.objectContaining({
        method: 'DELETE',
        path: `${BASE}/${meetingId}/participants/${participantId}`,
      }),
    ]);
    const gone = await gw.run(NodeOf, { id: participantGlobalId });
    expect(gone.body.errors).toBeUndefined();
    expect(gone.body.data?.node).toBeNull();
  });
});

describe('checks before any upstream call', () => {
  const meetingId = () => meetingGlobalId(gw.sandbox.meetings[0]?.id ?? '');

  it.each([
    ['keep-alive below 60', () => gw.run(CreateMeeting, { input: { sessionKeepAliveTimeInSecs: 59 } })],
    ['keep-alive above 600', () => gw.run(CreateMeeting, { input: { sessionKeepAliveTimeInSecs: 601 } })],
    ['an unsafe appId', () => gw.run(CreateMeeting, { input: { appId: '../other' } })],
    [
      'an empty customParticipantId',
      () =>
        gw.run(AddParticipant, {
          input: { meetingId: meetingId(), customParticipantId: ' ', presetName: 'x' },
        }),
    ],
    [
      'an empty presetName',
      () =>
        gw.run(AddParticipant, {
          input: { meetingId: meetingId(), customParticipantId: 'u', presetName: '' },
        }),
    ],
    [
      'a Participant ID where a Meeting ID is expected',
      () =>
        gw.run(AddParticipant, {
          input: {
            meetingId: encodeGlobalID(
              'Participant',
              'a:b:00000000-0000-4000-8000-000000000000:00000000-0000-4000-8000-000000000001',
            ),
            customParticipantId: 'u',
            presetName: 'x',
          },
        }),
    ],
    [
      'a Meeting ID where a Participant ID is expected',
      () => gw.run(RemoveParticipant, { input: { id: meetingId() } }),
    ],
    ['a malformed ID', () => gw.run(RefreshToken, { input: { id: 'not an id' } })],
    [
      'an empty presetName on update',
      () =>
        gw.run(UpdateParticipant, {
          input: {
            id: encodeGlobalID(
              'Participant',
              `${DEFAULT_ACCOUNT_ID}:${DEFAULT_APP_ID}:00000000-0000-4000-8000-000000000000:00000000-0000-4000-8000-000000000001`,
            ),
            presetName: '',
          },
        }),
    ],
  ])('%s → BAD_USER_INPUT, no upstream call', async (_name, run) => {
    const { body } = await run();
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(gw.calls()).toBe(0);
  });
});

describe('upstream failures of writes', () => {
  it('a 500 is not retried, and the error says the change may or may not have been applied', async () => {
    gw.sandbox.inject({ match: (r) => r.kind === 'write', status: 500, times: 3 });
    const { body } = await gw.run(CreateMeeting, { input: { title: 'x' } });
    expect(body.data?.createMeeting).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstreamStatus: 500 });
    expect(body.errors?.[0]?.message).toContain('may or may not have been applied');
    expect(writes()).toHaveLength(1);
  });

  it('a 503 is not retried either (reads would be)', async () => {
    gw.sandbox.inject({ match: (r) => r.kind === 'write', status: 503, times: 3 });
    const { body } = await gw.run(CreateMeeting, { input: { title: 'x' } });
    expect(body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
    expect(writes()).toHaveLength(1);
  });

  it('a reset connection is not retried', async () => {
    gw.sandbox.inject({ match: (r) => r.kind === 'write', reset: true, times: 3 });
    const { body } = await gw.run(CreateMeeting, { input: { title: 'x' } });
    expect(body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(body.errors?.[0]?.message).toContain('may or may not have been applied');
    expect(writes()).toHaveLength(1);
  });

  it('a 429 is retried (the upstream did not apply it)', async () => {
    gw.sandbox.inject({ match: (r) => r.kind === 'write', status: 429, headers: { 'retry-after': '0' } });
    const { body } = await gw.run(CreateMeeting, { input: { title: 'after 429' } });
    expect(body.errors).toBeUndefined();
    expect(body.data?.createMeeting?.meeting.title).toBe('after 429');
    expect(writes()).toHaveLength(2);
  });

  it('an upstream error never repeats a storage credential the input carried', async () => {
    gw.sandbox.inject({
      match: (r) => r.kind === 'write',
      status: 400,
      body: { success: false, error: { code: 400, message: `bad secret ${SECRETS[2]} for sftp` } },
    });
    const { text } = await gw.run(CreateMeeting, {
      input: { recordingConfig: { storageConfig: { type: 'SFTP', password: SECRETS[2] } } },
    });
    expect(text).toContain('UPSTREAM_ERROR');
    expect(text).not.toContain(SECRETS[2]);
  });
});

describe('credentials', () => {
  it('join tokens and storage credentials appear only in the mutation payload, never in logs or later answers', async () => {
    logLines.length = 0;
    const meetingId = gw.sandbox.meetings[1]?.id ?? '';
    const id = meetingGlobalId(meetingId);
    const created = await gw.run(CreateMeeting, {
      input: {
        title: 'Secret-bearing',
        recordingConfig: {
          storageConfig: { type: 'SFTP', authMethod: 'KEY', password: SECRETS[2], privateKey: SECRETS[3] },
        },
      },
    });
    expect(created.text).not.toMatch(/STORAGE-/);
    const added = await gw.run(AddParticipant, {
      input: { meetingId: id, customParticipantId: 'leak-check', presetName: 'group_call_host' },
    });
    const token = added.body.data?.addParticipant?.token ?? '';
    expect(token.startsWith(JOIN_TOKEN_MARKER)).toBe(true);
    const participantId = added.body.data?.addParticipant?.participant.id ?? '';
    const refreshed = await gw.run(RefreshToken, { input: { id: participantId } });
    const token2 = refreshed.body.data?.refreshParticipantToken?.token ?? '';

    const later = [
      await gw.run(ParticipantsOf, { id, first: 100 }),
      await gw.run(NodeOf, { id: participantId }),
      await gw.run(NewestMeetings),
      await gw.post({
        query: `{ node(id: "${participantId}") { ... on Participant { id name } } meetings(first: 5) { nodes { recordingConfig { storageConfig { type host username } } } } }`,
      }),
    ];
    for (const answer of later) {
      expect(answer.text).not.toContain(JOIN_TOKEN_MARKER);
      expect(answer.text).not.toMatch(/STORAGE-/);
    }
    const logs = logLines.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [token, token2, ...SECRETS]) expect(logs).not.toContain(secret);
    expect(logs).not.toContain(JOIN_TOKEN_MARKER);
  });
});

describe('the sandbox write endpoints themselves', () => {
  const url = (rest: string) =>
    `${gw.sandbox.baseUrl}/accounts/${DEFAULT_ACCOUNT_ID}/realtime/kit/${DEFAULT_APP_ID}/meetings${rest}`;
  const call = async (method: string, rest: string, body?: unknown) => {
    const response = await fetch(url(rest), {
      method,
      headers: { authorization: 'Bearer service-token-for-tests', 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as { error?: { message: string } } };
  };

  it('rejects camelCase, unknown and null fields, and out-of-range values, with 400', async () => {
    for (const [body, problem] of [
      [{ persistChat: true }, 'body.persistChat is not a known field'],
      [{ title: null }, 'body.title must be a string'],
      [
        { session_keep_alive_time_in_secs: 30 },
        'body.session_keep_alive_time_in_secs must be a number from 60 to 600',
      ],
      [
        { recording_config: { storage_config: { bucket: 'x' } } },
        'body.recording_config.storage_config.type is required',
      ],
    ] as const) {
      const answer = await call('POST', '', body);
      expect(answer.status).toBe(400);
      expect(answer.body.error?.message).toBe(problem);
    }
    const participant = await call('POST', `/${gw.sandbox.meetings[0]?.id}/participants`, {
      preset_name: 'x',
    });
    expect(participant.status).toBe(400);
  });

  it('answers 404 for the live session of a meeting nobody is in, and for unknown participants', async () => {
    const idle = gw.sandbox.meetings[1]?.id;
    expect((await call('GET', `/${idle}/active-session`)).status).toBe(404);
    expect((await call('GET', `/${gw.sandbox.meetings[0]?.id}/active-session`)).status).toBe(200);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await call('DELETE', `/${idle}/participants/${unknown}`)).status).toBe(404);
    expect((await call('POST', `/${idle}/participants/${unknown}/token`)).status).toBe(404);
  });
});

describe('writes and the shared cache (CACHE_TTL_MS on)', () => {
  let cached: TestGateway;
  beforeAll(async () => {
    cached = await startTestGateway({ env: { CACHE_TTL_MS: '60000' } });
  });
  afterAll(() => cached.close());

  const countQuery = (id: string) => ({
    query: `query { node(id: "${id}") { ... on Meeting { participants(first: 5) { totalCount } } } meetings(first: 1) { totalCount nodes { title } } }`,
  });

  it('a read after a mutation answered never sees the state before it', async () => {
    const id = meetingGlobalId(cached.sandbox.meetings[2]?.id ?? '');
    const before = JSON.parse((await cached.post(countQuery(id))).text);
    // The same read again is served from the cache: no upstream call.
    cached.sandbox.reset();
    const again = JSON.parse((await cached.post(countQuery(id))).text);
    expect(again.data).toEqual(before.data);
    expect(cached.calls()).toBe(0);

    const added = await cached.run(AddParticipant, {
      input: { meetingId: id, customParticipantId: 'cache-check', presetName: 'group_call_host' },
    });
    expect(added.body.errors).toBeUndefined();
    const created = await cached.run(CreateMeeting, { input: { title: 'Cache check' } });
    expect(created.body.errors).toBeUndefined();

    const after = JSON.parse((await cached.post(countQuery(id))).text);
    expect(after.data.node.participants.totalCount).toBe(before.data.node.participants.totalCount + 1);
    expect(after.data.meetings.totalCount).toBe(before.data.meetings.totalCount + 1);
    expect(after.data.meetings.nodes[0].title).toBe('Cache check');
  });
});
