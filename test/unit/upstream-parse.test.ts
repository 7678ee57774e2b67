import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.ts';
import { UnknownEnumValue } from '../../src/model.ts';
import {
  mapEnum,
  storageTypes,
  summaryTypes,
  videoCodecs,
  watermarkPositions,
} from '../../src/upstream/enums.ts';
import { parseListBody, parseMeetingBody } from '../../src/upstream/parse.ts';

const where = { accountId: 'acc', appId: 'app' };
const id = '550E8400-E29B-41D4-A716-446655440000';

function wireMeeting(extra: Record<string, unknown> = {}) {
  return {
    id,
    title: 'Design review',
    status: 'ACTIVE',
    created_at: '2026-01-05T09:00:00Z',
    updated_at: '2026-01-06T10:00:00.123Z',
    record_on_start: true,
    session_keep_alive_time_in_secs: 60,
    recording_config: {
      file_name_prefix: 'rec',
      max_seconds: 3600,
      audio_config: { channel: 'stereo', codec: 'AAC', export_file: true },
      video_config: {
        codec: 'VP8',
        width: 1280,
        height: 720,
        export_file: false,
        watermark: {
          url: 'https://example.com/w.png',
          position: 'right bottom',
          size: { width: 10, height: 20 },
        },
      },
      live_streaming_config: { rtmp_url: 'rtmp://live.example.com/app' },
      realtimekit_bucket_config: { enabled: true },
      storage_config: {
        type: 'sftp',
        auth_method: 'PASSWORD',
        host: 'files.example.com',
        port: 22,
        username: 'rec',
        password: 'hunter2',
        private_key: '-----BEGIN KEY-----',
        access_key: 'AKIA',
        secret: 'shh',
      },
    },
    ...extra,
  };
}

describe('enum mapping', () => {
  it('maps the upstream spellings to GraphQL names', () => {
    expect(mapEnum(watermarkPositions, 'left top')).toBe('LEFT_TOP');
    expect(mapEnum(watermarkPositions, 'right bottom')).toBe('RIGHT_BOTTOM');
    expect(mapEnum(summaryTypes, 'team_meeting')).toBe('TEAM_MEETING');
    expect(mapEnum(summaryTypes, 'one_on_one_meeting')).toBe('ONE_ON_ONE_MEETING');
    expect(mapEnum(storageTypes, 'digitalocean')).toBe('DIGITALOCEAN');
  });

  it('keeps unknown or mis-cased strings as UnknownEnumValue, naming the enum', () => {
    expect(mapEnum(watermarkPositions, 'LEFT_TOP')).toEqual(
      new UnknownEnumValue('WatermarkPosition', 'LEFT_TOP'),
    );
    expect(mapEnum(watermarkPositions, 'center')).toEqual(
      new UnknownEnumValue('WatermarkPosition', 'center'),
    );
    expect(mapEnum(summaryTypes, 'Team_Meeting')).toEqual(
      new UnknownEnumValue('SummaryType', 'Team_Meeting'),
    );
    expect(mapEnum(summaryTypes, 'constructor')).toEqual(new UnknownEnumValue('SummaryType', 'constructor'));
    expect(mapEnum(summaryTypes, '__proto__')).toEqual(new UnknownEnumValue('SummaryType', '__proto__'));
    expect(mapEnum(videoCodecs, 'AV1')).toBeInstanceOf(UnknownEnumValue);
  });

  it('maps absent or non-string values to null', () => {
    expect(mapEnum(summaryTypes, 7)).toBeNull();
    expect(mapEnum(summaryTypes, null)).toBeNull();
    expect(mapEnum(summaryTypes, undefined)).toBeNull();
  });
});

describe('parseMeetingBody', () => {
  it('builds the model: camelCase, enums mapped, dates parsed, id lower-cased', () => {
    const meeting = parseMeetingBody(
      {
        success: true,
        data: wireMeeting({
          ai_config: {
            summarization: { summary_type: 'sales_call', text_format: 'plain_text', word_limit: 300 },
            transcription: { keywords: ['RealtimeKit'], language: 'en-IN', profanity_filter: true },
          },
        }),
      },
      { ...where, meetingId: id.toLowerCase() },
    );
    expect(meeting.meetingId).toBe(id.toLowerCase());
    expect(meeting.createdAt.toISOString()).toBe('2026-01-05T09:00:00.000Z');
    expect(meeting.recordingConfig?.videoConfig?.watermark?.position).toBe('RIGHT_BOTTOM');
    expect(meeting.recordingConfig?.audioConfig?.channel).toBe('STEREO');
    expect(meeting.aiConfig?.summarization).toEqual({
      summaryType: 'SALES_CALL',
      textFormat: 'PLAIN_TEXT',
      wordLimit: 300,
    });
    expect(meeting.aiConfig?.transcription?.keywords).toEqual(['RealtimeKit']);
    expect(meeting.liveStreamOnStart).toBeNull();
  });

  it('drops every storage credential at the boundary', () => {
    const meeting = parseMeetingBody(
      { success: true, data: wireMeeting() },
      { ...where, meetingId: id.toLowerCase() },
    );
    expect(meeting.recordingConfig?.storageConfig).toEqual({
      type: 'SFTP',
      authMethod: 'PASSWORD',
      bucket: null,
      path: null,
      region: null,
      host: 'files.example.com',
      port: 22,
      username: 'rec',
    });
    const text = JSON.stringify(meeting);
    for (const secret of ['hunter2', 'BEGIN KEY', 'AKIA', 'shh']) expect(text).not.toContain(secret);
  });

  it('rejects a body for another meeting', () => {
    expect(() =>
      parseMeetingBody(
        { success: true, data: wireMeeting() },
        { ...where, meetingId: '00000000-0000-0000-0000-000000000000' },
      ),
    ).toThrow(GatewayError);
  });
});

describe('date-times', () => {
  it('parses each string to its instant, the same on a repeat, and names the field of a bad one every time', () => {
    const stamps = ['2026-01-05T09:00:00Z', '2026-03-01T23:59:59.999+02:00', '2025-12-31T00:00:00.5Z'];
    for (const round of [1, 2]) {
      for (const stamp of stamps) {
        const meeting = parseMeetingBody(
          { success: true, data: wireMeeting({ created_at: stamp, updated_at: stamps[0] }) },
          { ...where, meetingId: id.toLowerCase() },
        );
        expect(meeting.createdAt.getTime(), `round ${round}: ${stamp}`).toBe(Date.parse(stamp));
      }
      for (const bad of ['yesterday', '2026-13-45T99:00:00Z', `2026-01-05T09:00:00Z${' '.repeat(60)}x`, 17]) {
        expect(() =>
          parseMeetingBody(
            { success: true, data: wireMeeting({ updated_at: bad }) },
            { ...where, meetingId: id.toLowerCase() },
          ),
        ).toThrow(/data\.updated_at is not a date-time string/);
      }
    }
  });
});

describe('parseListBody', () => {
  it('positions the page by start_offset, not data.length', () => {
    const page = parseListBody(
      { success: true, data: [wireMeeting()], paging: { total_count: 50, start_offset: 21, end_offset: 21 } },
      where,
    );
    expect(page.offset).toBe(20);
    expect(page.totalCount).toBe(50);
    expect(page.meetings[0]?.aiConfig).toBeUndefined();
  });

  it('accepts an empty page past the end', () => {
    const page = parseListBody(
      { success: true, data: [], paging: { total_count: 3, start_offset: 101, end_offset: 100 } },
      where,
    );
    expect(page.meetings).toEqual([]);
    expect(page.totalCount).toBe(3);
  });

  it.each([
    ['not an object', 'hello', /body/],
    ['success false', { success: false, data: [] }, /body\.success/],
    [
      'data not an array',
      { success: true, data: {}, paging: { total_count: 0, start_offset: 0, end_offset: 0 } },
      /data/,
    ],
    [
      'total_count negative',
      { success: true, data: [], paging: { total_count: -1, start_offset: 0, end_offset: 0 } },
      /total_count/,
    ],
    [
      'offsets that do not match the data',
      { success: true, data: [wireMeeting()], paging: { total_count: 5, start_offset: 1, end_offset: 2 } },
      /paging/,
    ],
    [
      'a meeting id that is not a UUID',
      {
        success: true,
        data: [wireMeeting({ id: '../x' })],
        paging: { total_count: 1, start_offset: 1, end_offset: 1 },
      },
      /data\[0\]\.id is not a UUID/,
    ],
    [
      'a mistyped nested field',
      {
        success: true,
        data: [wireMeeting({ recording_config: { video_config: { width: '1280' } } })],
        paging: { total_count: 1, start_offset: 1, end_offset: 1 },
      },
      /data\[0\]\.recording_config\.video_config\.width is not an integer/,
    ],
    [
      'a mistyped field two objects down',
      {
        success: true,
        data: [
          wireMeeting(),
          wireMeeting({ recording_config: { video_config: { watermark: { size: { height: 1.5 } } } } }),
        ],
        paging: { total_count: 2, start_offset: 1, end_offset: 2 },
      },
      /data\[1\]\.recording_config\.video_config\.watermark\.size\.height is not an integer/,
    ],
    [
      'a mistyped top-level field',
      {
        success: true,
        data: [wireMeeting({ session_keep_alive_time_in_secs: '60' })],
        paging: { total_count: 1, start_offset: 1, end_offset: 1 },
      },
      /data\[0\]\.session_keep_alive_time_in_secs is not an integer/,
    ],
  ])('a body with %s is an UPSTREAM_ERROR naming the path', (_name, body, message) => {
    let caught: unknown;
    try {
      parseListBody(body, where);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GatewayError);
    expect((caught as GatewayError).extensions.code).toBe('UPSTREAM_ERROR');
    expect((caught as GatewayError).message).toMatch(message);
  });
});
