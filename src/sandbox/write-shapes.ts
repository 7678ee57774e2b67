// What the sandbox accepts as write bodies, as strictly as the upstream's OpenAPI
// document describes them: only the documented snake_case fields, with their types and
// ranges; anything else is a 400. So a gateway that sends a camelCase name, a field the
// caller left out as `null`, or a wrong enum spelling fails against the sandbox too.

import { SUMMARY_TYPES } from './seed.ts';

type Shape =
  | 'string'
  | 'boolean'
  | 'url'
  | { integer: [number, number] }
  | { number: [number, number] }
  | { enum: readonly string[] }
  | { array: Shape }
  | { object: Record<string, Shape>; required?: readonly string[] };

const storageConfig: Shape = {
  object: {
    type: { enum: ['aws', 'azure', 'digitalocean', 'gcs', 'sftp', 'cloudflare'] },
    auth_method: { enum: ['KEY', 'PASSWORD'] },
    bucket: 'string',
    path: 'string',
    region: 'string',
    host: 'string',
    port: { integer: [1, 65535] },
    username: 'string',
    access_key: 'string',
    secret: 'string',
    password: 'string',
    private_key: 'string',
  },
  required: ['type'],
};

const recordingConfig: Shape = {
  object: {
    file_name_prefix: 'string',
    max_seconds: { integer: [60, 86400] },
    audio_config: {
      object: {
        channel: { enum: ['mono', 'stereo'] },
        codec: { enum: ['MP3', 'AAC'] },
        export_file: 'boolean',
      },
    },
    video_config: {
      object: {
        codec: { enum: ['H264', 'VP8'] },
        width: { integer: [1, 1920] },
        height: { integer: [1, 1920] },
        export_file: 'boolean',
        watermark: {
          object: {
            url: 'url',
            position: { enum: ['left top', 'right top', 'left bottom', 'right bottom'] },
            size: { object: { width: { integer: [1, 100000] }, height: { integer: [1, 100000] } } },
          },
        },
      },
    },
    live_streaming_config: { object: { rtmp_url: 'url' } },
    realtimekit_bucket_config: { object: { enabled: 'boolean' }, required: ['enabled'] },
    storage_config: storageConfig,
  },
};

const aiConfig: Shape = {
  object: {
    summarization: {
      object: {
        summary_type: { enum: SUMMARY_TYPES },
        text_format: { enum: ['plain_text', 'markdown'] },
        word_limit: { integer: [150, 1000] },
      },
    },
    transcription: {
      object: { keywords: { array: 'string' }, language: 'string', profanity_filter: 'boolean' },
    },
  },
};

const meetingFields: Record<string, Shape> = {
  title: 'string',
  record_on_start: 'boolean',
  live_stream_on_start: 'boolean',
  persist_chat: 'boolean',
  summarize_on_end: 'boolean',
  transcribe_on_end: 'boolean',
  session_keep_alive_time_in_secs: { integer: [60, 600] },
  recording_config: recordingConfig,
  ai_config: aiConfig,
};

export const CREATE_MEETING: Shape = { object: meetingFields };
export const UPDATE_MEETING: Shape = {
  object: { ...meetingFields, status: { enum: ['ACTIVE', 'INACTIVE'] } },
};
export const ADD_PARTICIPANT: Shape = {
  object: { custom_participant_id: 'string', preset_name: 'string', name: 'string', picture: 'url' },
  required: ['custom_participant_id', 'preset_name'],
};
export const EDIT_PARTICIPANT: Shape = {
  object: { name: 'string', picture: 'url', preset_name: 'string' },
};

/** The first thing wrong with `value`, as a sentence naming its path; undefined when it fits. */
export function checkShape(value: unknown, shape: Shape, path = 'body'): string | undefined {
  if (shape === 'string') return typeof value === 'string' ? undefined : `${path} must be a string`;
  if (shape === 'boolean') return typeof value === 'boolean' ? undefined : `${path} must be a boolean`;
  if (shape === 'url') {
    return typeof value === 'string' && URL.canParse(value) ? undefined : `${path} must be a URL`;
  }
  if ('integer' in shape || 'number' in shape) {
    const [min, max] = 'integer' in shape ? shape.integer : shape.number;
    const ok =
      typeof value === 'number' &&
      ('integer' in shape ? Number.isInteger(value) : Number.isFinite(value)) &&
      value >= min &&
      value <= max;
    return ok ? undefined : `${path} must be a number from ${min} to ${max}`;
  }
  if ('enum' in shape) {
    return typeof value === 'string' && shape.enum.includes(value)
      ? undefined
      : `${path} must be one of ${shape.enum.join(', ')}`;
  }
  if ('array' in shape) {
    if (!Array.isArray(value)) return `${path} must be an array`;
    for (const [i, item] of value.entries()) {
      const problem = checkShape(item, shape.array, `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${path} must be an object`;
  for (const name of shape.required ?? []) {
    if (!(name in value)) return `${path}.${name} is required`;
  }
  for (const [name, field] of Object.entries(value)) {
    const fieldShape = shape.object[name];
    if (fieldShape === undefined) return `${path}.${name} is not a known field`;
    const problem = checkShape(field, fieldShape, `${path}.${name}`);
    if (problem) return problem;
  }
  return undefined;
}
