/**
 * The upstream's JSON shapes as they travel on the wire (snake_case), written by hand
 * from the RealtimeKit meetings OpenAPI extract. Nothing here is trusted: `parse.ts`
 * checks every body against these shapes before anything else reads it.
 */

export type WireMeetingStatus = 'ACTIVE' | 'INACTIVE';

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

export interface WirePaging {
  /** All matches of the filter set. */
  total_count: number;
  /** 1-based inclusive position of the page's first item. */
  start_offset: number;
  /** 1-based inclusive position of the page's last item. */
  end_offset: number;
}

/** `GET …/meetings` */
export interface WireListResponse {
  success: true;
  data: WireMeeting[];
  paging: WirePaging;
}

/** `GET …/meetings/{meeting_id}` */
export interface WireGetResponse {
  success: true;
  data: WireMeeting;
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

/** Query parameters of the list endpoint, as the gateway sends them. */
export interface WireListQuery {
  page_no: number;
  per_page: number;
  status?: WireMeetingStatus;
  search?: string;
  start_time?: string;
  end_time?: string;
}
