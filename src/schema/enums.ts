import type { EnumRef, SchemaTypes } from '@pothos/core';
import { type GraphQLSchema, isEnumType } from 'graphql';
import { GatewayError } from '../errors.ts';
import {
  AUDIO_CHANNELS,
  AUDIO_CODECS,
  MEETING_STATUSES,
  STORAGE_AUTH_METHODS,
  STORAGE_TYPES,
  SUMMARY_TEXT_FORMATS,
  SUMMARY_TYPES,
  UnknownEnumValue,
  VIDEO_CODECS,
  WATERMARK_POSITIONS,
} from '../model.ts';
import { builder } from './builder.ts';

// The contract's enums, built from the enum objects of model.ts (values and descriptions).
// Their internal values are the GraphQL names; the upstream's own spellings are mapped at
// the boundary (`src/upstream/enums.ts`).

/**
 * Makes every enum of `schema` answer an upstream value it lacks (an `UnknownEnumValue` in
 * the model) with a field error (`UPSTREAM_ERROR`, naming the enum and the value): the
 * field is `null` with the error at its own path (a non-null one nulls its parent, as any
 * field error does) and its siblings stay. Enum fields then simply expose the model's
 * property, with no resolver.
 */
export function reportUnknownEnumValues(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isEnumType(type) || type.name.startsWith('__')) continue;
    const serialize = type.serialize.bind(type);
    type.serialize = (value: unknown) => {
      if (value instanceof UnknownEnumValue) {
        const shown = value.value.length > 60 ? `${value.value.slice(0, 60)}…` : value.value;
        throw new GatewayError(
          'UPSTREAM_ERROR',
          `The meetings service sent the ${value.enumName} value ${JSON.stringify(shown)}, which this gateway does not know yet.`,
          { upstreamStatus: 200 },
        );
      }
      return serialize(value);
    };
  }
  return schema;
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
  // Its fields expose the model's `UpstreamEnum`s as they are (see reportUnknownEnumValues).
  return builder.enumType(name, { description, values: config }) as unknown as EnumRef<
    SchemaTypes,
    V | UnknownEnumValue,
    V
  >;
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
