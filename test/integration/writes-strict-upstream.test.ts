import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type GatewayApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { encodeGlobalID } from '../../src/schema/global-id.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { type StrictUpstream, startStrictUpstream } from '../support/strict-upstream.ts';

// Every mutation against a strict fake upstream that answers only the exact request
// expected: the request bodies must be exactly the upstream's snake_case fields the input
// gave (nothing for fields left out), and answers in the OpenAPI document's shapes are read
// back. Independent of the sandbox's own body checks.

const ACCOUNT = 'acc-1';
const APP = 'app-1';
const MEETING = '5c6e0a1e-1b2c-4d3e-8f40-0a1b2c3d4e5f';
const PARTICIPANT = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
const BASE = `/accounts/${ACCOUNT}/realtime/kit/${APP}/meetings`;
const MEETING_ID = encodeGlobalID('Meeting', `${ACCOUNT}:${APP}:${MEETING}`);
const PARTICIPANT_ID = encodeGlobalID('Participant', `${ACCOUNT}:${APP}:${MEETING}:${PARTICIPANT}`);
const JOIN_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.strict-fake-join-token';

const meetingAnswer = (extra: Record<string, unknown> = {}) => ({
  success: true,
  data: {
    id: MEETING,
    title: 'Quarterly review',
    status: 'ACTIVE',
    created_at: '2026-01-05T09:00:00.000Z',
    updated_at: '2026-01-05T09:00:00.000Z',
    record_on_start: true,
    session_keep_alive_time_in_secs: 300,
    ...extra,
  },
});
const participantAnswer = (token?: string) => ({
  success: true,
  data: {
    id: PARTICIPANT,
    custom_participant_id: 'user-7',
    name: 'Grace',
    picture: 'https://avatars.example.com/grace.png',
    preset_name: 'group_call_host',
    created_at: '2026-01-05T09:00:00.000Z',
    updated_at: '2026-01-05T09:10:00.000Z',
    ...(token === undefined ? {} : { token }),
  },
});

let upstream: StrictUpstream;
let app: GatewayApp;

async function run(query: string, variables: Record<string, unknown> = {}) {
  const response = await app.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: answers are read ad hoc
  return { text, body: JSON.parse(text) as any };
}

beforeAll(async () => {
  upstream = await startStrictUpstream();
  const config = loadConfig({
    REALTIMEKIT_API_URL: upstream.baseUrl,
    CLOUDFLARE_API_TOKEN: 'strict-service-token',
    CLOUDFLARE_ACCOUNT_ID: ACCOUNT,
    REALTIMEKIT_APP_ID: APP,
    AUTH_MODE: 'none',
    UPSTREAM_RETRY_BASE_MS: '1',
    LOG_LEVEL: 'silent',
  });
  app = createApp({ config, upstreamUrl: upstream.baseUrl });
});
afterAll(async () => {
  await app.close();
  await upstream.close();
});
beforeEach(() => {
  upstream.received.length = 0;
});

describe('exact upstream requests of every mutation', () => {
  it('createMeeting with every field', async () => {
    upstream.expect({
      method: 'POST',
      path: BASE,
      status: 201,
      body: meetingAnswer({
        recording_config: {
          storage_config: { type: 'sftp', host: 'h', secret: 'SECRET-BACK', password: 'PW-BACK' },
        },
        ai_config: { summarization: { summary_type: 'lecture' } },
      }),
    });
    const { body, text } = await run(
      `mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { clientMutationId meeting { id meetingId title recordingConfig { storageConfig { type host } } aiConfig { summarization { summaryType } } } } }`,
      {
        input: {
          title: 'Quarterly review',
          recordOnStart: true,
          liveStreamOnStart: false,
          persistChat: true,
          summarizeOnEnd: true,
          transcribeOnEnd: true,
          sessionKeepAliveTimeInSecs: 300,
          recordingConfig: {
            fileNamePrefix: 'qr',
            maxSeconds: 7200,
            audioConfig: { channel: 'STEREO', codec: 'AAC', exportFile: true },
            videoConfig: {
              codec: 'VP8',
              width: 1280,
              height: 720,
              exportFile: false,
              watermark: {
                url: 'https://assets.example.com/logo.png',
                position: 'LEFT_TOP',
                size: { width: 64, height: 32 },
              },
            },
            liveStreamingConfig: { rtmpUrl: 'rtmp://live.example.com/app/key' },
            realtimekitBucketConfig: { enabled: false },
            storageConfig: {
              type: 'SFTP',
              authMethod: 'PASSWORD',
              host: 'sftp.example.com',
              port: 2222,
              username: 'rec',
              path: 'recordings',
              password: 'IN-PASSWORD',
              privateKey: 'IN-PRIVATE-KEY',
            },
          },
          aiConfig: {
            summarization: { summaryType: 'LECTURE', textFormat: 'MARKDOWN', wordLimit: 300 },
            transcription: { keywords: ['GraphQL'], language: 'en-US', profanityFilter: true },
          },
          clientMutationId: 'strict-1',
        },
      },
    );
    expect(body.errors).toBeUndefined();
    expect(upstream.received).toEqual([
      {
        method: 'POST',
        path: BASE,
        contentType: 'application/json',
        unexpected: false,
        body: {
          title: 'Quarterly review',
          record_on_start: true,
          live_stream_on_start: false,
          persist_chat: true,
          summarize_on_end: true,
          transcribe_on_end: true,
          session_keep_alive_time_in_secs: 300,
          recording_config: {
            file_name_prefix: 'qr',
            max_seconds: 7200,
            audio_config: { channel: 'stereo', codec: 'AAC', export_file: true },
            video_config: {
              codec: 'VP8',
              width: 1280,
              height: 720,
              export_file: false,
              watermark: {
                url: 'https://assets.example.com/logo.png',
                position: 'left top',
                size: { width: 64, height: 32 },
              },
            },
            live_streaming_config: { rtmp_url: 'rtmp://live.example.com/app/key' },
            realtimekit_bucket_config: { enabled: false },
            storage_config: {
              type: 'sftp',
              auth_method: 'PASSWORD',
              host: 'sftp.example.com',
              port: 2222,
              username: 'rec',
              path: 'recordings',
              password: 'IN-PASSWORD',
              private_key: 'IN-PRIVATE-KEY',
            },
          },
          ai_config: {
            summarization: { summary_type: 'lecture', text_format: 'markdown', word_limit: 300 },
            transcription: { keywords: ['GraphQL'], language: 'en-US', profanity_filter: true },
          },
        },
      },
    ]);
    expect(body.data.createMeeting).toEqual({
      clientMutationId: 'strict-1',
      meeting: {
        id: MEETING_ID,
        meetingId: MEETING,
        title: 'Quarterly review',
        recordingConfig: { storageConfig: { type: 'SFTP', host: 'h' } },
        aiConfig: { summarization: { summaryType: 'LECTURE' } },
      },
    });
    for (const secret of ['IN-PASSWORD', 'IN-PRIVATE-KEY', 'SECRET-BACK', 'PW-BACK'])
      expect(text).not.toContain(secret);
  });

  it('updateMeeting sends only the fields given', async () => {
    upstream.expect({
      method: 'PATCH',
      path: `${BASE}/${MEETING}`,
      status: 200,
      body: meetingAnswer({ status: 'INACTIVE' }),
    });
    const { body } = await run(
      'mutation($id: ID!) { updateMeeting(input: { id: $id, status: INACTIVE, persistChat: false }) { meeting { status } } }',
      { id: MEETING_ID },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.updateMeeting.meeting.status).toBe('INACTIVE');
    expect(upstream.received.map((r) => [r.method, r.path, r.body, r.unexpected])).toEqual([
      ['PATCH', `${BASE}/${MEETING}`, { status: 'INACTIVE', persist_chat: false }, false],
    ]);
  });

  it('addParticipant, updateParticipant, refreshParticipantToken, removeParticipant', async () => {
    upstream.expect({
      method: 'POST',
      path: `${BASE}/${MEETING}/participants`,
      status: 201,
      body: participantAnswer(JOIN_TOKEN),
    });
    upstream.expect({
      method: 'PATCH',
      path: `${BASE}/${MEETING}/participants/${PARTICIPANT}`,
      status: 200,
      body: participantAnswer(`${JOIN_TOKEN}-2`),
    });
    upstream.expect({
      method: 'POST',
      path: `${BASE}/${MEETING}/participants/${PARTICIPANT}/token`,
      status: 200,
      body: { success: true, data: { token: `${JOIN_TOKEN}-3` } },
    });
    upstream.expect({
      method: 'DELETE',
      path: `${BASE}/${MEETING}/participants/${PARTICIPANT}`,
      status: 200,
      body: {
        success: true,
        data: {
          custom_participant_id: 'user-7',
          preset_id: '00000000-0000-4000-8000-000000000000',
          created_at: '2026-01-05T09:00:00.000Z',
          updated_at: '2026-01-05T09:20:00.000Z',
        },
      },
    });
    const added = await run(
      'mutation($m: ID!) { addParticipant(input: { meetingId: $m, customParticipantId: "user-7", presetName: "group_call_host", picture: "https://avatars.example.com/grace.png" }) { token participant { id name } } }',
      { m: MEETING_ID },
    );
    expect(added.body.data.addParticipant).toEqual({
      token: JOIN_TOKEN,
      participant: { id: PARTICIPANT_ID, name: 'Grace' },
    });
    const updated = await run(
      'mutation($id: ID!) { updateParticipant(input: { id: $id, name: "Grace H." }) { token } }',
      {
        id: PARTICIPANT_ID,
      },
    );
    expect(updated.body.data.updateParticipant.token).toBe(`${JOIN_TOKEN}-2`);
    const refreshed = await run(
      'mutation($id: ID!) { refreshParticipantToken(input: { id: $id }) { token } }',
      {
        id: PARTICIPANT_ID,
      },
    );
    expect(refreshed.body.data.refreshParticipantToken.token).toBe(`${JOIN_TOKEN}-3`);
    const removed = await run(
      'mutation($id: ID!) { removeParticipant(input: { id: $id }) { removedParticipantId customParticipantId } }',
      {
        id: PARTICIPANT_ID,
      },
    );
    expect(removed.body.data.removeParticipant).toEqual({
      removedParticipantId: PARTICIPANT_ID,
      customParticipantId: 'user-7',
    });
    expect(upstream.received.map((r) => [r.method, r.path, r.body, r.contentType, r.unexpected])).toEqual([
      [
        'POST',
        `${BASE}/${MEETING}/participants`,
        {
          custom_participant_id: 'user-7',
          preset_name: 'group_call_host',
          picture: 'https://avatars.example.com/grace.png',
        },
        'application/json',
        false,
      ],
      [
        'PATCH',
        `${BASE}/${MEETING}/participants/${PARTICIPANT}`,
        { name: 'Grace H.' },
        'application/json',
        false,
      ],
      ['POST', `${BASE}/${MEETING}/participants/${PARTICIPANT}/token`, undefined, undefined, false],
      ['DELETE', `${BASE}/${MEETING}/participants/${PARTICIPANT}`, undefined, undefined, false],
    ]);
  });

  it('a 500 answer to a write is not retried', async () => {
    upstream.expect({
      method: 'POST',
      path: BASE,
      status: 500,
      body: { success: false, error: { code: 500, message: 'boom' } },
    });
    upstream.expect({ method: 'POST', path: BASE, status: 201, body: meetingAnswer() });
    const { body } = await run('mutation { createMeeting(input: { title: "x" }) { meeting { id } } }');
    expect(body.errors[0].extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstreamStatus: 500 });
    expect(body.errors[0].message).toContain('may or may not have been applied');
    expect(upstream.received).toHaveLength(1);
  });
});

describe('a write that times out', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { UPSTREAM_TIMEOUT_MS: '300' } });
  });
  afterAll(() => gw.close());

  it('is not retried, and says the change may or may not have been applied', async () => {
    gw.sandbox.inject({ match: (r) => r.kind === 'write', hang: true, times: 3 });
    const { body } = await gw
      .post({ query: 'mutation { createMeeting(input: { title: "slow" }) { meeting { id } } }' })
      .then((r) => ({
        body: JSON.parse(r.text),
      }));
    expect(body.data.createMeeting).toBeNull();
    expect(body.errors[0].extensions.code).toBe('UPSTREAM_TIMEOUT');
    expect(body.errors[0].message).toContain('may or may not have been applied');
    expect(gw.sandbox.requests.filter((r) => r.kind === 'write')).toHaveLength(1);
  });
});
