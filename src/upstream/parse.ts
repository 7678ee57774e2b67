import { GatewayError } from '../errors.ts';
import {
  type AiConfig,
  type AudioConfig,
  isUuid,
  type Meeting,
  type MeetingKey,
  type MeetingPage,
  type RecordingConfig,
  type StorageConfig,
  type VideoConfig,
  type Watermark,
} from '../model.ts';
import { remembered } from '../remembered.ts';
import {
  audioChannels,
  audioCodecs,
  mapEnum,
  meetingStatuses,
  storageAuthMethods,
  storageTypes,
  summaryTextFormats,
  summaryTypes,
  videoCodecs,
  watermarkPositions,
} from './enums.ts';

// Checks upstream success bodies at the boundary and turns them into the gateway's model.
// Anything that breaks the upstream contract (missing or mistyped fields, offsets that do
// not match the data) becomes an `UPSTREAM_ERROR` naming the offending path, never a
// TypeError later in a resolver. Storage credentials (`access_key`, `secret`, `password`,
// `private_key`) are not copied: nothing after this point can leak them.
//
// An enum string the schema lacks is kept as an `UnknownEnumValue` (see `enums.ts`): it
// does not fail the page; only the field that would show it answers an error.

type Json = Record<string, unknown>;

class BodyError extends Error {}

/**
 * Fails with the path of the offending value: `path`, or `path.key` when the value is the
 * field `key` of the object at `path` (callers pass the key apart, so that the path of a
 * field is only written out when it fails).
 */
export function fail(path: string, expected: string, key?: string): never {
  throw new BodyError(`${key === undefined ? path : `${path}.${key}`} is not ${expected}`);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function object(value: unknown, path: string, key?: string): Json {
  if (!isObject(value)) fail(path, 'an object', key);
  return value;
}

/** An optional nested object: absent or null → null. */
function optionalObject(value: unknown, path: string, key?: string): Json | null {
  if (value === undefined || value === null) return null;
  return object(value, path, key);
}

export function optionalString(value: unknown, path: string, key?: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') fail(path, 'a string', key);
  return value;
}

export function optionalBoolean(value: unknown, path: string, key?: string): boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean') fail(path, 'a boolean', key);
  return value;
}

export function optionalInt(value: unknown, path: string, key?: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) fail(path, 'an integer', key);
  return value;
}

export function nonNegativeInt(value: unknown, path: string, key?: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    fail(path, 'a non-negative integer', key);
  return value;
}

/**
 * The `Date` of an upstream date-time string, `null` for a string that is no date. Recent
 * answers are remembered (every list page repeats its meetings' dates) and so shared between
 * requests: nothing changes a model's dates.
 */
function parseDate(text: string): Date | null {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}
const recentDate = remembered(4000, parseDate);
/** Longer strings (no date-time is) are parsed each time instead of being remembered. */
const DATE_MEMO_MAX_LENGTH = 40;

export function dateTime(value: unknown, path: string, key?: string): Date {
  if (typeof value !== 'string') fail(path, 'a date-time string', key);
  const date = value.length <= DATE_MEMO_MAX_LENGTH ? recentDate(value) : parseDate(value);
  return date ?? fail(path, 'a date-time string', key);
}

export function uuid(value: unknown, path: string, key?: string): string {
  if (typeof value !== 'string' || !isUuid(value)) fail(path, 'a UUID', key);
  return value.toLowerCase();
}

function watermark(value: unknown, path: string): Watermark | null {
  const w = optionalObject(value, path);
  if (!w) return null;
  const size = optionalObject(w.size, path, 'size');
  return {
    url: optionalString(w.url, path, 'url'),
    position: mapEnum(watermarkPositions, optionalString(w.position, path, 'position')),
    size: size
      ? {
          width: optionalInt(size.width, `${path}.size`, 'width'),
          height: optionalInt(size.height, `${path}.size`, 'height'),
        }
      : null,
  };
}

function videoConfig(value: unknown, path: string): VideoConfig | null {
  const v = optionalObject(value, path);
  if (!v) return null;
  return {
    codec: mapEnum(videoCodecs, optionalString(v.codec, path, 'codec')),
    width: optionalInt(v.width, path, 'width'),
    height: optionalInt(v.height, path, 'height'),
    exportFile: optionalBoolean(v.export_file, path, 'export_file'),
    watermark: watermark(v.watermark, `${path}.watermark`),
  };
}

function audioConfig(value: unknown, path: string): AudioConfig | null {
  const a = optionalObject(value, path);
  if (!a) return null;
  return {
    channel: mapEnum(audioChannels, optionalString(a.channel, path, 'channel')),
    codec: mapEnum(audioCodecs, optionalString(a.codec, path, 'codec')),
    exportFile: optionalBoolean(a.export_file, path, 'export_file'),
  };
}

/** Copies the readable fields only; credentials are never read. */
function storageConfig(value: unknown, path: string): StorageConfig | null {
  const s = optionalObject(value, path);
  if (!s) return null;
  const type = mapEnum(storageTypes, optionalString(s.type, path, 'type'));
  // `type` is required in the contract: a target without one is left out. One of a kind the
  // schema lacks is kept, and its `type` field answers the error (nulling the target).
  if (type === null) return null;
  return {
    type,
    authMethod: mapEnum(storageAuthMethods, optionalString(s.auth_method, path, 'auth_method')),
    bucket: optionalString(s.bucket, path, 'bucket'),
    path: optionalString(s.path, path, 'path'),
    region: optionalString(s.region, path, 'region'),
    host: optionalString(s.host, path, 'host'),
    port: optionalInt(s.port, path, 'port'),
    username: optionalString(s.username, path, 'username'),
  };
}

function recordingConfig(value: unknown, path: string): RecordingConfig | null {
  const r = optionalObject(value, path);
  if (!r) return null;
  const live = optionalObject(r.live_streaming_config, path, 'live_streaming_config');
  const bucket = optionalObject(r.realtimekit_bucket_config, path, 'realtimekit_bucket_config');
  let bucketConfig: { enabled: boolean } | null = null;
  if (bucket) {
    const enabled = optionalBoolean(bucket.enabled, `${path}.realtimekit_bucket_config`, 'enabled');
    bucketConfig = enabled === null ? null : { enabled };
  }
  return {
    fileNamePrefix: optionalString(r.file_name_prefix, path, 'file_name_prefix'),
    maxSeconds: optionalInt(r.max_seconds, path, 'max_seconds'),
    audioConfig: audioConfig(r.audio_config, `${path}.audio_config`),
    videoConfig: videoConfig(r.video_config, `${path}.video_config`),
    liveStreamingConfig: live
      ? { rtmpUrl: optionalString(live.rtmp_url, `${path}.live_streaming_config`, 'rtmp_url') }
      : null,
    realtimekitBucketConfig: bucketConfig,
    storageConfig: storageConfig(r.storage_config, `${path}.storage_config`),
  };
}

function aiConfig(value: unknown, path: string): AiConfig | null {
  const a = optionalObject(value, path);
  if (!a) return null;
  const s = optionalObject(a.summarization, `${path}.summarization`);
  const t = optionalObject(a.transcription, `${path}.transcription`);
  let keywords: string[] | null = null;
  if (t && t.keywords !== undefined && t.keywords !== null) {
    if (!Array.isArray(t.keywords)) fail(`${path}.transcription.keywords`, 'an array');
    keywords = t.keywords.map((k, i) => {
      if (typeof k !== 'string') fail(`${path}.transcription.keywords[${i}]`, 'a string');
      return k;
    });
  }
  return {
    summarization: s
      ? {
          summaryType: mapEnum(
            summaryTypes,
            optionalString(s.summary_type, `${path}.summarization.summary_type`),
          ),
          textFormat: mapEnum(
            summaryTextFormats,
            optionalString(s.text_format, `${path}.summarization.text_format`),
          ),
          wordLimit: optionalInt(s.word_limit, `${path}.summarization.word_limit`),
        }
      : null,
    transcription: t
      ? {
          keywords,
          language: optionalString(t.language, `${path}.transcription.language`),
          profanityFilter: optionalBoolean(t.profanity_filter, `${path}.transcription.profanity_filter`),
        }
      : null,
  };
}

export function meeting(
  value: unknown,
  path: string,
  where: Omit<MeetingKey, 'meetingId'>,
  withAi: boolean,
): Meeting {
  const m = object(value, path);
  return {
    accountId: where.accountId,
    appId: where.appId,
    meetingId: uuid(m.id, path, 'id'),
    title: optionalString(m.title, path, 'title'),
    status: mapEnum(meetingStatuses, optionalString(m.status, path, 'status')),
    createdAt: dateTime(m.created_at, path, 'created_at'),
    updatedAt: dateTime(m.updated_at, path, 'updated_at'),
    recordOnStart: optionalBoolean(m.record_on_start, path, 'record_on_start'),
    liveStreamOnStart: optionalBoolean(m.live_stream_on_start, path, 'live_stream_on_start'),
    persistChat: optionalBoolean(m.persist_chat, path, 'persist_chat'),
    summarizeOnEnd: optionalBoolean(m.summarize_on_end, path, 'summarize_on_end'),
    transcribeOnEnd: optionalBoolean(m.transcribe_on_end, path, 'transcribe_on_end'),
    sessionKeepAliveTimeInSecs: optionalInt(
      m.session_keep_alive_time_in_secs,
      path,
      'session_keep_alive_time_in_secs',
    ),
    recordingConfig: recordingConfig(m.recording_config, `${path}.recording_config`),
    aiConfig: withAi ? aiConfig(m.ai_config, `${path}.ai_config`) : undefined,
  };
}

export function contractBreak(error: unknown, what: string): never {
  if (error instanceof BodyError) {
    throw new GatewayError(
      'UPSTREAM_ERROR',
      `The meetings service sent ${what} the gateway cannot read (${error.message}).`,
      {
        upstreamStatus: 200,
      },
    );
  }
  throw error;
}

export function successBody(body: unknown): Json {
  const root = object(body, 'body');
  if (root.success !== true) fail('body.success', 'true');
  return root;
}

/**
 * Checks a page body (`{success, data, paging}`) of any list and positions its items:
 * offsets are 1-based and inclusive, and they, not `data.length`, say where the page sits.
 * Call inside a `try` that turns failures into `contractBreak`.
 */
export function pagedItems<T>(
  body: unknown,
  item: (value: unknown, path: string) => T,
): { offset: number; items: T[]; totalCount: number } {
  const root = successBody(body);
  if (!Array.isArray(root.data)) fail('data', 'an array');
  const paging = object(root.paging, 'paging');
  const totalCount = nonNegativeInt(paging.total_count, 'paging.total_count');
  const startOffset = nonNegativeInt(paging.start_offset, 'paging.start_offset');
  const endOffset = nonNegativeInt(paging.end_offset, 'paging.end_offset');
  const items = root.data.map((value, i) => item(value, `data[${i}]`));
  if (items.length > 0) {
    if (startOffset < 1 || endOffset - startOffset + 1 !== items.length) {
      fail(
        'paging',
        `consistent with ${items.length} items (start_offset ${startOffset}, end_offset ${endOffset})`,
      );
    }
    if (endOffset > totalCount) fail('paging.end_offset', `within total_count ${totalCount}`);
  }
  return { offset: Math.max(0, startOffset - 1), items, totalCount };
}

/** Checks a list body (`{success, data, paging}`) and positions its meetings. */
export function parseListBody(body: unknown, where: Omit<MeetingKey, 'meetingId'>): MeetingPage {
  try {
    const { offset, items, totalCount } = pagedItems(body, (value, path) =>
      meeting(value, path, where, false),
    );
    return { offset, meetings: items, totalCount };
  } catch (error) {
    contractBreak(error, 'a meeting list');
  }
}

/** Checks a single-meeting body (`{success, data}`); the result carries `aiConfig`. */
export function parseMeetingBody(body: unknown, key: MeetingKey): Meeting {
  try {
    const root = successBody(body);
    const result = meeting(root.data, 'data', key, true);
    if (result.meetingId !== key.meetingId) fail('data.id', `the requested meeting ${key.meetingId}`);
    return result;
  } catch (error) {
    contractBreak(error, 'a meeting');
  }
}
