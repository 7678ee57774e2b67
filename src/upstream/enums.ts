import type {
  AudioChannel,
  AudioCodec,
  MeetingStatus,
  SessionStatus,
  SessionType,
  StorageAuthMethod,
  StorageType,
  SummaryTextFormat,
  SummaryType,
  VideoCodec,
  WatermarkPosition,
} from '../model.ts';

/**
 * Upstream enum strings → GraphQL enum names, one table per enum. The upstream writes
 * them in several styles (`"left top"`, `"team_meeting"`, `"mono"`, `"H264"`); a value
 * that is not in a table maps to `null` (a newer upstream value must not fail a page).
 */
type Table<T extends string> = Readonly<Record<string, T>>;

function table<T extends string>(values: readonly T[], toWire: (value: T) => string): Table<T> {
  const out: Record<string, T> = Object.create(null);
  for (const value of values) out[toWire(value)] = value;
  return Object.freeze(out);
}

const lower = (v: string) => v.toLowerCase();
const same = (v: string) => v;
const spaced = (v: string) => v.toLowerCase().replaceAll('_', ' ');

export const meetingStatuses = table<MeetingStatus>(['ACTIVE', 'INACTIVE'], same);
export const audioChannels = table<AudioChannel>(['MONO', 'STEREO'], lower);
export const audioCodecs = table<AudioCodec>(['MP3', 'AAC'], same);
export const videoCodecs = table<VideoCodec>(['H264', 'VP8'], same);
export const watermarkPositions = table<WatermarkPosition>(
  ['LEFT_TOP', 'RIGHT_TOP', 'LEFT_BOTTOM', 'RIGHT_BOTTOM'],
  spaced,
);
export const storageTypes = table<StorageType>(
  ['AWS', 'AZURE', 'DIGITALOCEAN', 'GCS', 'SFTP', 'CLOUDFLARE'],
  lower,
);
export const storageAuthMethods = table<StorageAuthMethod>(['KEY', 'PASSWORD'], same);
export const summaryTypes = table<SummaryType>(
  [
    'GENERAL',
    'TEAM_MEETING',
    'SALES_CALL',
    'CLIENT_CHECK_IN',
    'INTERVIEW',
    'DAILY_STANDUP',
    'ONE_ON_ONE_MEETING',
    'LECTURE',
    'CODE_REVIEW',
  ],
  lower,
);
export const summaryTextFormats = table<SummaryTextFormat>(['PLAIN_TEXT', 'MARKDOWN'], lower);

/** Maps an upstream enum string through `values`; unknown or absent values become `null`. */
export function mapEnum<T extends string>(values: Table<T>, wire: unknown): T | null {
  return typeof wire === 'string' ? (values[wire] ?? null) : null;
}

/** The upstream's spelling of a GraphQL enum value (the inverse of `mapEnum`). */
export function toWire<T extends string>(values: Table<T>, value: T): string {
  for (const [wire, name] of Object.entries(values)) if (name === value) return wire;
  throw new RangeError(`No upstream spelling for enum value ${value}.`);
}

export const sessionStatuses = table<SessionStatus>(['LIVE', 'ENDED'], same);
export const sessionTypes = table<SessionType>(['MEETING', 'LIVESTREAM', 'PARTICIPANT'], lower);
