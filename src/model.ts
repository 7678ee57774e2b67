import type { UpstreamEnum } from './upstream/enums.ts';

/**
 * The gateway's own view of a meeting: camelCase, GraphQL enum names, dates parsed, and
 * storage credentials absent by construction. `src/upstream/parse.ts` builds these from
 * checked upstream bodies; resolvers only read them. An enum field holds its GraphQL name,
 * `null`, or an `UnknownEnumValue` (a string the upstream sent that the schema lacks).
 */

export type MeetingStatus = 'ACTIVE' | 'INACTIVE';
export type AudioChannel = 'MONO' | 'STEREO';
export type AudioCodec = 'MP3' | 'AAC';
export type VideoCodec = 'H264' | 'VP8';
export type WatermarkPosition = 'LEFT_TOP' | 'RIGHT_TOP' | 'LEFT_BOTTOM' | 'RIGHT_BOTTOM';
export type StorageType = 'AWS' | 'AZURE' | 'DIGITALOCEAN' | 'GCS' | 'SFTP' | 'CLOUDFLARE';
export type StorageAuthMethod = 'KEY' | 'PASSWORD';
export type SummaryType =
  | 'GENERAL'
  | 'TEAM_MEETING'
  | 'SALES_CALL'
  | 'CLIENT_CHECK_IN'
  | 'INTERVIEW'
  | 'DAILY_STANDUP'
  | 'ONE_ON_ONE_MEETING'
  | 'LECTURE'
  | 'CODE_REVIEW';
export type SummaryTextFormat = 'PLAIN_TEXT' | 'MARKDOWN';

export interface Watermark {
  url: string | null;
  position: UpstreamEnum<WatermarkPosition>;
  size: { width: number | null; height: number | null } | null;
}

export interface VideoConfig {
  codec: UpstreamEnum<VideoCodec>;
  width: number | null;
  height: number | null;
  exportFile: boolean | null;
  watermark: Watermark | null;
}

export interface AudioConfig {
  channel: UpstreamEnum<AudioChannel>;
  codec: UpstreamEnum<AudioCodec>;
  exportFile: boolean | null;
}

/** Storage target without any credential: the type has no field that could hold one. */
export interface StorageConfig {
  /** Never `null`: a target without a type is not copied. */
  type: NonNullable<UpstreamEnum<StorageType>>;
  authMethod: UpstreamEnum<StorageAuthMethod>;
  bucket: string | null;
  path: string | null;
  region: string | null;
  host: string | null;
  port: number | null;
  username: string | null;
}

export interface RecordingConfig {
  fileNamePrefix: string | null;
  maxSeconds: number | null;
  audioConfig: AudioConfig | null;
  videoConfig: VideoConfig | null;
  liveStreamingConfig: { rtmpUrl: string | null } | null;
  realtimekitBucketConfig: { enabled: boolean } | null;
  storageConfig: StorageConfig | null;
}

export interface AiConfig {
  summarization: {
    summaryType: UpstreamEnum<SummaryType>;
    textFormat: UpstreamEnum<SummaryTextFormat>;
    wordLimit: number | null;
  } | null;
  transcription: {
    keywords: string[] | null;
    language: string | null;
    profanityFilter: boolean | null;
  } | null;
}

/** Where a meeting lives upstream: enough to fetch it again. */
export interface MeetingKey {
  accountId: string;
  appId: string;
  /** Lower-case UUID. */
  meetingId: string;
}

export interface Meeting extends MeetingKey {
  title: string | null;
  status: UpstreamEnum<MeetingStatus>;
  createdAt: Date;
  updatedAt: Date;
  recordOnStart: boolean | null;
  liveStreamOnStart: boolean | null;
  persistChat: boolean | null;
  summarizeOnEnd: boolean | null;
  transcribeOnEnd: boolean | null;
  sessionKeepAliveTimeInSecs: number | null;
  recordingConfig: RecordingConfig | null;
  /**
   * `undefined` when the meeting came from the list endpoint, which does not return AI
   * settings; `null` when the single-meeting endpoint said there are none.
   */
  aiConfig: AiConfig | null | undefined;
}

/** One upstream list page, positioned in the filter set's ordered list. */
export interface MeetingPage {
  /** 0-based position of `meetings[0]`. */
  offset: number;
  meetings: Meeting[];
  /** All matches of the filter set (upstream `paging.total_count`). */
  totalCount: number;
}

/** Where a participant lives upstream. */
export interface ParticipantKey extends MeetingKey {
  /** Lower-case UUID (upstream `id`). */
  participantId: string;
}

/**
 * A person added to a meeting. It has no field that could hold a join token: tokens
 * travel only in the payload of the mutation that made them (`JoinToken`).
 */
export interface Participant extends ParticipantKey {
  customParticipantId: string;
  name: string | null;
  picture: string | null;
  presetName: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A participant write's answer: the participant and, apart from it, the fresh join token. */
export interface ParticipantWithToken {
  participant: Participant;
  token: string;
}

export type SessionStatus = 'LIVE' | 'ENDED';
export type SessionType = 'MEETING' | 'LIVESTREAM' | 'PARTICIPANT';

/** The session running in a meeting now. */
export interface ActiveSession {
  sessionId: string;
  status: SessionStatus;
  type: SessionType | null;
  liveParticipants: number;
  maxConcurrentParticipants: number;
  minutesConsumed: number;
  startedAt: Date;
  endedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}
