// The upstream's JSON shapes as they travel on the wire (snake_case), written by hand from
// the RealtimeKit meetings OpenAPI extract: what the sandbox seeds and serves. The gateway
// does not use them: `src/upstream/parse.ts` trusts nothing and checks every field of an
// upstream body itself.

import type { MeetingStatus } from '../model.ts';

/** The upstream spells meeting statuses as the GraphQL enum does. */
export type WireMeetingStatus = MeetingStatus;

export interface WireWatermark {
  url?: string;
  position?: string; // "left top" | "right top" | "left bottom" | "right bottom"
  size?: { width?: number; height?: number };
}

export interface WireVideoConfig {
  codec?: string; // "H264" | "VP8"
  width?: number;
  height?: number;
  export_file?: boolean;
  watermark?: WireWatermark;
}

export interface WireAudioConfig {
  channel?: string; // "mono" | "stereo"
  codec?: string; // "MP3" | "AAC"
  export_file?: boolean;
}

/** Storage target. The credential fields are write-only upstream but may still come back. */
export interface WireStorageConfig {
  type: string; // "aws" | "azure" | "digitalocean" | "gcs" | "sftp" | "cloudflare"
  auth_method?: string; // "KEY" | "PASSWORD"
  bucket?: string;
  path?: string;
  region?: string;
  host?: string;
  port?: number;
  username?: string;
  access_key?: string;
  secret?: string;
  password?: string;
  private_key?: string;
}

export interface WireRecordingConfig {
  file_name_prefix?: string;
  max_seconds?: number;
  audio_config?: WireAudioConfig;
  video_config?: WireVideoConfig;
  live_streaming_config?: { rtmp_url?: string };
  realtimekit_bucket_config?: { enabled: boolean };
  storage_config?: WireStorageConfig | null;
}

export interface WireAiConfig {
  summarization?: {
    summary_type?: string; // "general" | "team_meeting" | ...
    text_format?: string; // "plain_text" | "markdown"
    word_limit?: number;
  };
  transcription?: {
    keywords?: string[];
    language?: string;
    profanity_filter?: boolean;
  };
}

export interface WireMeeting {
  id: string;
  title?: string;
  status?: WireMeetingStatus;
  created_at: string;
  updated_at: string;
  record_on_start?: boolean;
  live_stream_on_start?: boolean;
  persist_chat?: boolean;
  summarize_on_end?: boolean;
  transcribe_on_end?: boolean;
  session_keep_alive_time_in_secs?: number;
  recording_config?: WireRecordingConfig | null;
  /** Only the single-meeting endpoint returns this. */
  ai_config?: WireAiConfig | null;
}

/** RealtimeKit's own error envelope. */
export interface WireErrorEnvelope {
  success: false;
  error: { code: number; message: string };
}

/** Cloudflare's v4 API error envelope. */
export interface WireCloudflareErrorEnvelope {
  success: false;
  errors: { code: number; message: string }[];
  messages: unknown[];
  result: null;
}
