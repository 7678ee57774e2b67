import { badUserInput } from '../errors.ts';
import type {
  AudioChannel,
  AudioCodec,
  MeetingStatus,
  StorageAuthMethod,
  StorageType,
  SummaryTextFormat,
  SummaryType,
  VideoCodec,
  WatermarkPosition,
} from '../model.ts';
import {
  audioChannels,
  audioCodecs,
  meetingStatuses,
  storageAuthMethods,
  storageTypes,
  summaryTextFormats,
  summaryTypes,
  toWire,
  videoCodecs,
  watermarkPositions,
} from '../upstream/enums.ts';

// Mutation inputs → the upstream's snake_case request bodies. A field the caller left
// out, or passed as null, is not sent (a PATCH changes only what was given). Every check
// that can fail is made here, before any upstream call, as BAD_USER_INPUT. Storage
// credentials are copied into the body and listed in `secrets`, so that the client can
// keep them out of any error message; they are never stored anywhere else.

type Maybe<T> = T | null | undefined;

export interface StorageConfigInput {
  type: StorageType;
  authMethod?: Maybe<StorageAuthMethod>;
  bucket?: Maybe<string>;
  path?: Maybe<string>;
  region?: Maybe<string>;
  host?: Maybe<string>;
  port?: Maybe<number>;
  username?: Maybe<string>;
  accessKey?: Maybe<string>;
  secret?: Maybe<string>;
  password?: Maybe<string>;
  privateKey?: Maybe<string>;
}

export interface RecordingConfigInput {
  fileNamePrefix?: Maybe<string>;
  maxSeconds?: Maybe<number>;
  audioConfig?: Maybe<{
    channel?: Maybe<AudioChannel>;
    codec?: Maybe<AudioCodec>;
    exportFile?: Maybe<boolean>;
  }>;
  videoConfig?: Maybe<{
    codec?: Maybe<VideoCodec>;
    width?: Maybe<number>;
    height?: Maybe<number>;
    exportFile?: Maybe<boolean>;
    watermark?: Maybe<{
      url?: Maybe<URL>;
      position?: Maybe<WatermarkPosition>;
      size?: Maybe<{ width?: Maybe<number>; height?: Maybe<number> }>;
    }>;
  }>;
  liveStreamingConfig?: Maybe<{ rtmpUrl?: Maybe<URL> }>;
  realtimekitBucketConfig?: Maybe<{ enabled: boolean }>;
  storageConfig?: Maybe<StorageConfigInput>;
}

export interface AiConfigInput {
  summarization?: Maybe<{
    summaryType?: Maybe<SummaryType>;
    textFormat?: Maybe<SummaryTextFormat>;
    wordLimit?: Maybe<number>;
  }>;
  transcription?: Maybe<{
    keywords?: Maybe<string[]>;
    language?: Maybe<string>;
    profanityFilter?: Maybe<boolean>;
  }>;
}

export interface MeetingFieldsInput {
  title?: Maybe<string>;
  status?: Maybe<MeetingStatus>;
  recordOnStart?: Maybe<boolean>;
  liveStreamOnStart?: Maybe<boolean>;
  persistChat?: Maybe<boolean>;
  summarizeOnEnd?: Maybe<boolean>;
  transcribeOnEnd?: Maybe<boolean>;
  sessionKeepAliveTimeInSecs?: Maybe<number>;
  recordingConfig?: Maybe<RecordingConfigInput>;
  aiConfig?: Maybe<AiConfigInput>;
}

export interface WriteBody {
  body: Record<string, unknown>;
  /** Credential values in the body: never to appear in an error, a log or a cache. */
  secrets: string[];
}

type Json = Record<string, unknown>;

/** `out[name] = value` when the value was given (not undefined or null); returns `out`. */
function put(out: Json, name: string, value: unknown): Json {
  if (value !== undefined && value !== null) out[name] = value;
  return out;
}

/** A nested object, or nothing when it came out empty and was not given. */
function nested(out: Json, name: string, given: unknown, build: () => Json): void {
  if (given === undefined || given === null) return;
  out[name] = build();
}

function range(name: string, value: Maybe<number>, min: number, max: number): Maybe<number> {
  if (value !== undefined && value !== null && (value < min || value > max)) {
    throw badUserInput(`"${name}" must be between ${min} and ${max}, got ${value}.`);
  }
  return value;
}

const wire = <T extends string>(table: Parameters<typeof toWire<T>>[0], value: Maybe<T>) =>
  value === undefined || value === null ? undefined : toWire(table, value);

function storageBody(input: StorageConfigInput, secrets: string[]): Json {
  const out: Json = { type: toWire(storageTypes, input.type) };
  put(out, 'auth_method', wire(storageAuthMethods, input.authMethod));
  put(out, 'bucket', input.bucket);
  put(out, 'path', input.path);
  put(out, 'region', input.region);
  put(out, 'host', input.host);
  put(out, 'port', range('recordingConfig.storageConfig.port', input.port, 1, 65_535));
  put(out, 'username', input.username);
  for (const [name, value] of [
    ['access_key', input.accessKey],
    ['secret', input.secret],
    ['password', input.password],
    ['private_key', input.privateKey],
  ] as const) {
    if (value === undefined || value === null) continue;
    out[name] = value;
    secrets.push(value);
  }
  return out;
}

function recordingBody(input: RecordingConfigInput, secrets: string[]): Json {
  const out: Json = {};
  put(out, 'file_name_prefix', input.fileNamePrefix);
  put(out, 'max_seconds', range('recordingConfig.maxSeconds', input.maxSeconds, 60, 86_400));
  const audio = input.audioConfig;
  nested(out, 'audio_config', audio, () => {
    const a: Json = {};
    put(a, 'channel', wire(audioChannels, audio?.channel));
    put(a, 'codec', wire(audioCodecs, audio?.codec));
    return put(a, 'export_file', audio?.exportFile);
  });
  const video = input.videoConfig;
  nested(out, 'video_config', video, () => {
    const v: Json = {};
    put(v, 'codec', wire(videoCodecs, video?.codec));
    put(v, 'width', range('recordingConfig.videoConfig.width', video?.width, 1, 1920));
    put(v, 'height', range('recordingConfig.videoConfig.height', video?.height, 1, 1920));
    put(v, 'export_file', video?.exportFile);
    const mark = video?.watermark;
    nested(v, 'watermark', mark, () => {
      const w: Json = {};
      put(w, 'url', mark?.url?.toString());
      put(w, 'position', wire(watermarkPositions, mark?.position));
      const size = mark?.size;
      nested(w, 'size', size, () => {
        const s: Json = {};
        put(s, 'width', range('recordingConfig.videoConfig.watermark.size.width', size?.width, 1, 100_000));
        return put(
          s,
          'height',
          range('recordingConfig.videoConfig.watermark.size.height', size?.height, 1, 100_000),
        );
      });
      return w;
    });
    return v;
  });
  const live = input.liveStreamingConfig;
  nested(out, 'live_streaming_config', live, () => put({}, 'rtmp_url', live?.rtmpUrl?.toString()));
  const bucket = input.realtimekitBucketConfig;
  nested(out, 'realtimekit_bucket_config', bucket, () => ({ enabled: bucket?.enabled }));
  const storage = input.storageConfig;
  if (storage) out.storage_config = storageBody(storage, secrets);
  return out;
}

function aiBody(input: AiConfigInput): Json {
  const out: Json = {};
  const s = input.summarization;
  nested(out, 'summarization', s, () => {
    const o: Json = {};
    put(o, 'summary_type', wire(summaryTypes, s?.summaryType));
    put(o, 'text_format', wire(summaryTextFormats, s?.textFormat));
    return put(o, 'word_limit', range('aiConfig.summarization.wordLimit', s?.wordLimit, 150, 1000));
  });
  const t = input.transcription;
  nested(out, 'transcription', t, () => {
    const o: Json = {};
    put(o, 'keywords', t?.keywords);
    put(o, 'language', t?.language);
    return put(o, 'profanity_filter', t?.profanityFilter);
  });
  return out;
}

/** Body of `POST …/meetings` or `PATCH …/meetings/{id}`. */
export function meetingBody(input: MeetingFieldsInput): WriteBody {
  const secrets: string[] = [];
  const body: Json = {};
  put(body, 'title', input.title);
  put(body, 'status', wire(meetingStatuses, input.status));
  put(body, 'record_on_start', input.recordOnStart);
  put(body, 'live_stream_on_start', input.liveStreamOnStart);
  put(body, 'persist_chat', input.persistChat);
  put(body, 'summarize_on_end', input.summarizeOnEnd);
  put(body, 'transcribe_on_end', input.transcribeOnEnd);
  put(
    body,
    'session_keep_alive_time_in_secs',
    range('sessionKeepAliveTimeInSecs', input.sessionKeepAliveTimeInSecs, 60, 600),
  );
  if (input.recordingConfig) body.recording_config = recordingBody(input.recordingConfig, secrets);
  if (input.aiConfig) body.ai_config = aiBody(input.aiConfig);
  return { body, secrets };
}

function nonEmpty(name: string, value: string): string {
  if (value.trim() === '') throw badUserInput(`"${name}" must not be empty.`);
  return value;
}

/** Body of `POST …/participants`. */
export function addParticipantBody(input: {
  customParticipantId: string;
  presetName: string;
  name?: Maybe<string>;
  picture?: Maybe<URL>;
}): Json {
  const body: Json = {
    custom_participant_id: nonEmpty('customParticipantId', input.customParticipantId),
    preset_name: nonEmpty('presetName', input.presetName),
  };
  put(body, 'name', input.name);
  return put(body, 'picture', input.picture?.toString());
}

/** Body of `PATCH …/participants/{id}`. */
export function editParticipantBody(input: {
  name?: Maybe<string>;
  picture?: Maybe<URL>;
  presetName?: Maybe<string>;
}): Json {
  const body: Json = {};
  put(body, 'name', input.name);
  put(body, 'picture', input.picture?.toString());
  return put(
    body,
    'preset_name',
    input.presetName == null ? undefined : nonEmpty('presetName', input.presetName),
  );
}
