import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMeetings } from '../../src/sandbox/seed.ts';
import type { WireMeeting } from '../../src/sandbox/wire.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

// An upstream enum value the schema does not know (a codec added upstream, say) is not
// silently `null`: the field is `null` with an `UPSTREAM_ERROR` at its own path naming the
// enum and the value, and everything else in the answer stays.

interface GraphQLErrorJson {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string };
}
interface Answer {
  data?: Record<string, unknown> | null;
  errors?: GraphQLErrorJson[];
}

function withUnknownValues(): WireMeeting[] {
  const meetings = seedMeetings({ count: 6 });
  const [first, second, third] = meetings as [WireMeeting, WireMeeting, WireMeeting];
  first.recording_config = {
    max_seconds: 600,
    video_config: { codec: 'AV1', width: 1280, height: 720 },
    audio_config: { codec: 'AAC', channel: 'quadraphonic' },
  };
  second.recording_config = {
    max_seconds: 900,
    video_config: { codec: 'VP8', width: 640 },
    storage_config: { type: 'backblaze', bucket: 'b2-bucket' },
  };
  third.ai_config = { summarization: { summary_type: 'podcast', text_format: 'markdown', word_limit: 200 } };
  third.status = 'PAUSED' as WireMeeting['status'];
  return meetings;
}

describe('unknown upstream enum values', () => {
  let gw: TestGateway;
  let meetings: WireMeeting[];
  beforeAll(async () => {
    meetings = withUnknownValues();
    gw = await startTestGateway({ sandbox: { meetings } });
  });
  afterAll(() => gw.close());

  async function ask(query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
    const { status, text } = await gw.post({ query, variables });
    expect(status).toBe(200);
    return JSON.parse(text) as Answer;
  }

  it('nulls only the field, with an UPSTREAM_ERROR at its path naming the enum and the value', async () => {
    const body = await ask(`{
      meetings(first: 6) {
        totalCount
        nodes {
          meetingId
          status
          recordingConfig {
            maxSeconds
            videoConfig { codec width height }
            audioConfig { codec channel }
            storageConfig { type bucket }
          }
        }
      }
    }`);
    const page = (body.data as { meetings: { totalCount: number; nodes: Record<string, unknown>[] } })
      .meetings;
    const nodes = page.nodes;
    expect(nodes).toHaveLength(6);
    expect(new Set(nodes.map((n) => n.meetingId))).toEqual(new Set(meetings.map((m) => m.id.toLowerCase())));
    // Positions in the page of the seeded meetings 0, 1 and 2 (the upstream orders them its own way).
    const pos = (i: number) => nodes.findIndex((n) => n.meetingId === meetings[i]?.id.toLowerCase());

    const byPath = new Map((body.errors ?? []).map((e) => [JSON.stringify(e.path), e]));
    const expectError = (path: (string | number)[], enumName: string, value: string) => {
      const error = byPath.get(JSON.stringify(path));
      expect(error, `error at ${path.join('.')}`).toBeDefined();
      expect(error?.extensions?.code).toBe('UPSTREAM_ERROR');
      expect(error?.message).toContain(enumName);
      expect(error?.message).toContain(JSON.stringify(value));
    };
    const at = (i: number, ...rest: string[]) => ['meetings', 'nodes', pos(i), ...rest];
    expectError(at(0, 'recordingConfig', 'videoConfig', 'codec'), 'VideoCodec', 'AV1');
    expectError(at(0, 'recordingConfig', 'audioConfig', 'channel'), 'AudioChannel', 'quadraphonic');
    // StorageConfig.type is non-null: its error nulls the storage target, nothing above it.
    expectError(at(1, 'recordingConfig', 'storageConfig', 'type'), 'StorageType', 'backblaze');
    expectError(at(2, 'status'), 'MeetingStatus', 'PAUSED');
    expect(body.errors).toHaveLength(4);

    expect(nodes[pos(0)]?.recordingConfig).toEqual({
      maxSeconds: 600,
      videoConfig: { codec: null, width: 1280, height: 720 },
      audioConfig: { codec: 'AAC', channel: null },
      storageConfig: null,
    });
    expect(nodes[pos(1)]?.recordingConfig).toEqual({
      maxSeconds: 900,
      videoConfig: { codec: 'VP8', width: 640, height: null },
      audioConfig: null,
      storageConfig: null,
    });
    expect(nodes[pos(2)]?.status).toBeNull();
    // Other meetings are untouched: their status is a known value.
    for (const [i, node] of nodes.entries())
      if (i !== pos(2)) expect(['ACTIVE', 'INACTIVE']).toContain(node.status);
    expect(page.totalCount).toBe(6);
  });

  it('does the same for AI settings read by ID, leaving sibling fields', async () => {
    const third = meetings[2] as WireMeeting;
    const body = await ask(
      `query ($id: UUID!) {
        meeting(meetingId: $id) {
          title
          aiConfig { summarization { summaryType textFormat wordLimit } }
        }
      }`,
      { id: third.id },
    );
    expect(body.data?.meeting).toEqual({
      title: third.title ?? null,
      aiConfig: { summarization: { summaryType: null, textFormat: 'MARKDOWN', wordLimit: 200 } },
    });
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.path).toEqual(['meeting', 'aiConfig', 'summarization', 'summaryType']);
    expect(body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
    expect(body.errors?.[0]?.message).toMatch(/SummaryType value "podcast"/);
  });

  it('reports them again when the upstream repeats its answer (which is then not decoded again)', async () => {
    const query = `{ meetings(first: 6) { nodes { meetingId status recordingConfig { videoConfig { codec } } } } }`;
    const first = await gw.post({ query });
    const second = await gw.post({ query });
    expect(second.text).toBe(first.text);
    const errors = (JSON.parse(second.text) as Answer).errors ?? [];
    expect(errors.map((e) => e.extensions?.code)).toEqual(['UPSTREAM_ERROR', 'UPSTREAM_ERROR']);
  });

  it('answers no error when the unknown value is not selected', async () => {
    const body = await ask('{ meetings(first: 6) { nodes { title recordingConfig { maxSeconds } } } }');
    expect(body.errors).toBeUndefined();
  });
});
