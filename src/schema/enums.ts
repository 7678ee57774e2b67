import { GatewayError } from '../errors.ts';
import {
  AUDIO_CHANNELS,
  AUDIO_CODECS,
  MEETING_STATUSES,
  STORAGE_AUTH_METHODS,
  STORAGE_TYPES,
  SUMMARY_TEXT_FORMATS,
  SUMMARY_TYPES,
  VIDEO_CODECS,
  WATERMARK_POSITIONS,
} from '../model.ts';
import { UnknownEnumValue, type UpstreamEnum } from '../upstream/enums.ts';
import { builder } from './builder.ts';

// The contract's enums, built from the enum objects of model.ts (values and descriptions).
// Their internal values are the GraphQL names; the upstream's own spellings are mapped at
// the boundary (`src/upstream/enums.ts`).

/**
 * What an enum field answers for a model value: the GraphQL name, or `null`; a value the
 * upstream sent that the schema lacks is a field error (`UPSTREAM_ERROR`, naming the enum
 * and the value), so the field is `null` with an error at its own path and its siblings stay.
 */
export function knownEnum<T extends string>(value: T | UnknownEnumValue): T;
export function knownEnum<T extends string>(value: UpstreamEnum<T>): T | null;
export function knownEnum<T extends string>(value: UpstreamEnum<T>): T | null {
  if (value instanceof UnknownEnumValue) {
    const shown = value.value.length > 60 ? `${value.value.slice(0, 60)}…` : value.value;
    throw new GatewayError(
      'UPSTREAM_ERROR',
      `The meetings service sent the ${value.enumName} value ${JSON.stringify(shown)}, which this gateway does not know yet.`,
      { upstreamStatus: 200 },
    );
  }
  return value;
}

/** A GraphQL enum whose values and their descriptions are those of `values` (from model.ts). */
export function enumType<V extends string>(
  name: string,
  description: string,
  values: Readonly<Record<V, string>>,
) {
  const config = Object.fromEntries(
    Object.entries<string>(values).map(([value, about]) => [value, { description: about }]),
  ) as Record<V, { description: string }>;
  return builder.enumType(name, { description, values: config });
}

export const MeetingStatusEnum = enumType(
  'MeetingStatus',
  'Whether participants can join a meeting.',
  MEETING_STATUSES,
);
export const AudioChannelEnum = enumType(
  'AudioChannel',
  'Audio channel layout of a recording.',
  AUDIO_CHANNELS,
);
export const AudioCodecEnum = enumType('AudioCodec', 'Codec of recorded audio.', AUDIO_CODECS);
export const VideoCodecEnum = enumType('VideoCodec', 'Codec of recorded video.', VIDEO_CODECS);
export const WatermarkPositionEnum = enumType(
  'WatermarkPosition',
  'Corner of the video a watermark sits in.',
  WATERMARK_POSITIONS,
);
export const StorageTypeEnum = enumType(
  'StorageType',
  'Kind of storage recordings are uploaded to.',
  STORAGE_TYPES,
);
export const StorageAuthMethodEnum = enumType(
  'StorageAuthMethod',
  'How the gateway-side SFTP login is made.',
  STORAGE_AUTH_METHODS,
);
export const SummaryTypeEnum = enumType('SummaryType', 'Style of an AI meeting summary.', SUMMARY_TYPES);
export const SummaryTextFormatEnum = enumType(
  'SummaryTextFormat',
  'Text format of an AI meeting summary.',
  SUMMARY_TEXT_FORMATS,
);
