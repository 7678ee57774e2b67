// The gateway's own view of a meeting: camelCase, GraphQL enum names, dates parsed, and
// storage credentials absent by construction. `src/upstream/parse.ts` builds these from
// checked upstream bodies; resolvers only read them. An enum field holds its GraphQL name,
// `null`, or an `UnknownEnumValue` (a string the upstream sent that the schema lacks).

/** An upstream enum string the gateway has no GraphQL value for. */
export class UnknownEnumValue {
  readonly enumName: string;
  readonly value: string;
  constructor(enumName: string, value: string) {
    this.enumName = enumName;
    this.value = value;
  }
}

/** What a model field holding an upstream enum carries. */
export type UpstreamEnum<T extends string> = T | UnknownEnumValue | null;

// The enums, each value listed once here with its description. The GraphQL enums
// (`schema/enums.ts`) and the upstream spellings (`upstream/enums.ts`) are built from
// these objects, and the types below are their keys.

export const MEETING_STATUSES = {
  ACTIVE: 'Participants can join.',
  INACTIVE: 'Participants cannot join.',
} as const;
export const AUDIO_CHANNELS = {
  MONO: 'One channel.',
  STEREO: 'Two channels (upstream default).',
} as const;
export const AUDIO_CODECS = {
  MP3: 'MPEG-1 Audio Layer III.',
  AAC: 'Advanced Audio Coding (upstream default).',
} as const;
export const VIDEO_CODECS = {
  H264: 'H.264 / AVC (upstream default).',
  VP8: 'VP8.',
} as const;
export const WATERMARK_POSITIONS = {
  LEFT_TOP: 'Top left corner (upstream "left top").',
  RIGHT_TOP: 'Top right corner (upstream "right top").',
  LEFT_BOTTOM: 'Bottom left corner (upstream "left bottom").',
  RIGHT_BOTTOM: 'Bottom right corner (upstream "right bottom").',
} as const;
export const STORAGE_TYPES = {
  AWS: 'Amazon S3.',
  AZURE: 'Azure Blob Storage.',
  DIGITALOCEAN: 'DigitalOcean Spaces.',
  GCS: 'Google Cloud Storage.',
  SFTP: 'An SFTP server.',
  CLOUDFLARE: 'Cloudflare R2.',
} as const;
export const STORAGE_AUTH_METHODS = {
  KEY: 'With an SSH private key.',
  PASSWORD: 'With a password.',
} as const;
export const SUMMARY_TYPES = {
  GENERAL: 'A general-purpose summary (upstream default).',
  TEAM_MEETING: 'Tuned for team meetings.',
  SALES_CALL: 'Tuned for sales calls.',
  CLIENT_CHECK_IN: 'Tuned for client check-ins.',
  INTERVIEW: 'Tuned for interviews.',
  DAILY_STANDUP: 'Tuned for daily stand-ups.',
  ONE_ON_ONE_MEETING: 'Tuned for one-on-one meetings.',
  LECTURE: 'Tuned for lectures.',
  CODE_REVIEW: 'Tuned for code reviews.',
} as const;
export const SUMMARY_TEXT_FORMATS = {
  PLAIN_TEXT: 'Plain text.',
  MARKDOWN: 'Markdown (upstream default).',
} as const;

export type MeetingStatus = keyof typeof MEETING_STATUSES;
export type AudioChannel = keyof typeof AUDIO_CHANNELS;
export type AudioCodec = keyof typeof AUDIO_CODECS;
export type VideoCodec = keyof typeof VIDEO_CODECS;
export type WatermarkPosition = keyof typeof WATERMARK_POSITIONS;
export type StorageType = keyof typeof STORAGE_TYPES;
export type StorageAuthMethod = keyof typeof STORAGE_AUTH_METHODS;
export type SummaryType = keyof typeof SUMMARY_TYPES;
export type SummaryTextFormat = keyof typeof SUMMARY_TEXT_FORMATS;

/** The values of an enum object above, in order. */
export function enumValues<V extends string>(values: Readonly<Record<V, string>>): V[] {
  return Object.keys(values) as V[];
}

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a UUID (any letter case), as meeting ids are. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
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

export const SESSION_STATUSES = {
  LIVE: 'People are in the session now.',
  ENDED: 'The session is over.',
} as const;
export const SESSION_TYPES = {
  MEETING: 'A meeting.',
  LIVESTREAM: 'A live stream.',
  PARTICIPANT: 'A participant session.',
} as const;
export type SessionStatus = keyof typeof SESSION_STATUSES;
export type SessionType = keyof typeof SESSION_TYPES;

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
