import {
  AUDIO_CHANNELS,
  AUDIO_CODECS,
  enumValues,
  MEETING_STATUSES,
  SESSION_STATUSES,
  SESSION_TYPES,
  STORAGE_AUTH_METHODS,
  STORAGE_TYPES,
  SUMMARY_TEXT_FORMATS,
  SUMMARY_TYPES,
  UnknownEnumValue,
  type UpstreamEnum,
  VIDEO_CODECS,
  WATERMARK_POSITIONS,
} from '../model.ts';

// Upstream enum strings → GraphQL enum names, one table per enum, built from the enums of
// model.ts. The upstream writes them in several styles (`"left top"`, `"team_meeting"`,
// `"mono"`, `"H264"`). A string that is not in a table (a value added upstream, e.g. video
// codec `"AV1"`) becomes an `UnknownEnumValue`: it does not fail the page, and the field
// that would show it answers `null` with an `UPSTREAM_ERROR` naming the enum and the value
// (`src/schema/enums.ts`), so a client can tell "none" from "one we cannot show".

interface Table<T extends string> {
  /** The GraphQL enum's name, for messages. */
  readonly enumName: string;
  readonly values: Readonly<Record<string, T>>;
}

function table<T extends string>(
  enumName: string,
  values: readonly T[],
  toWire: (value: T) => string,
): Table<T> {
  const out: Record<string, T> = Object.create(null);
  for (const value of values) out[toWire(value)] = value;
  return Object.freeze({ enumName, values: Object.freeze(out) });
}

const lower = (v: string) => v.toLowerCase();
const same = (v: string) => v;
const spaced = (v: string) => v.toLowerCase().replaceAll('_', ' ');

export const meetingStatuses = table('MeetingStatus', enumValues(MEETING_STATUSES), same);
export const audioChannels = table('AudioChannel', enumValues(AUDIO_CHANNELS), lower);
export const audioCodecs = table('AudioCodec', enumValues(AUDIO_CODECS), same);
export const videoCodecs = table('VideoCodec', enumValues(VIDEO_CODECS), same);
export const watermarkPositions = table('WatermarkPosition', enumValues(WATERMARK_POSITIONS), spaced);
export const storageTypes = table('StorageType', enumValues(STORAGE_TYPES), lower);
export const storageAuthMethods = table('StorageAuthMethod', enumValues(STORAGE_AUTH_METHODS), same);
export const summaryTypes = table('SummaryType', enumValues(SUMMARY_TYPES), lower);
export const summaryTextFormats = table('SummaryTextFormat', enumValues(SUMMARY_TEXT_FORMATS), lower);

/**
 * Maps an upstream enum string through `table`: absent (or non-string) → `null`, a string
 * the table lacks → an `UnknownEnumValue`.
 */
export function mapEnum<T extends string>(table: Table<T>, wire: unknown): UpstreamEnum<T> {
  if (typeof wire !== 'string') return null;
  return table.values[wire] ?? new UnknownEnumValue(table.enumName, wire);
}

/** The upstream's spelling of a GraphQL enum value (the inverse of `mapEnum`). */
export function toWire<T extends string>(table: Table<T>, value: T): string {
  for (const [wire, name] of Object.entries(table.values)) if (name === value) return wire;
  throw new RangeError(`No upstream spelling for enum value ${value}.`);
}

export const sessionStatuses = table('SessionStatus', enumValues(SESSION_STATUSES), same);
export const sessionTypes = table('SessionType', enumValues(SESSION_TYPES), lower);
