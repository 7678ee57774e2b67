import {
  AUDIO_CHANNELS,
  AUDIO_CODECS,
  enumValues,
  MEETING_STATUSES,
  STORAGE_AUTH_METHODS,
  STORAGE_TYPES,
  SUMMARY_TEXT_FORMATS,
  SUMMARY_TYPES,
  VIDEO_CODECS,
  WATERMARK_POSITIONS,
} from '../model.ts';

// Upstream enum strings → GraphQL enum names, one table per enum, built from the enums of
// model.ts. The upstream writes them in several styles (`"left top"`, `"team_meeting"`,
// `"mono"`, `"H264"`); a value that is not in a table maps to `null` (a newer upstream
// value must not fail a page).

type Table<T extends string> = Readonly<Record<string, T>>;

function table<T extends string>(values: readonly T[], toWire: (value: T) => string): Table<T> {
  const out: Record<string, T> = Object.create(null);
  for (const value of values) out[toWire(value)] = value;
  return Object.freeze(out);
}

const lower = (v: string) => v.toLowerCase();
const same = (v: string) => v;
const spaced = (v: string) => v.toLowerCase().replaceAll('_', ' ');

export const meetingStatuses = table(enumValues(MEETING_STATUSES), same);
export const audioChannels = table(enumValues(AUDIO_CHANNELS), lower);
export const audioCodecs = table(enumValues(AUDIO_CODECS), same);
export const videoCodecs = table(enumValues(VIDEO_CODECS), same);
export const watermarkPositions = table(enumValues(WATERMARK_POSITIONS), spaced);
export const storageTypes = table(enumValues(STORAGE_TYPES), lower);
export const storageAuthMethods = table(enumValues(STORAGE_AUTH_METHODS), same);
export const summaryTypes = table(enumValues(SUMMARY_TYPES), lower);
export const summaryTextFormats = table(enumValues(SUMMARY_TEXT_FORMATS), lower);

/** Maps an upstream enum string through `values`; unknown or absent values become `null`. */
export function mapEnum<T extends string>(values: Table<T>, wire: unknown): T | null {
  return typeof wire === 'string' ? (values[wire] ?? null) : null;
}
