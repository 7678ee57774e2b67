import { GatewayError } from '../errors.ts';
import { UnknownEnumValue, type UpstreamEnum } from '../upstream/enums.ts';
import { builder } from './builder.ts';

/**
 * The contract's enums. Their internal values are the GraphQL names; the upstream's own
 * spellings are mapped at the boundary (`src/upstream/enums.ts`).
 */

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

function enumType<const V extends Record<string, { description: string }>>(
  name: string,
  description: string,
  values: V,
) {
  return builder.enumType(name, { description, values });
}

export const MeetingStatusEnum = enumType('MeetingStatus', 'Whether participants can join a meeting.', {
  ACTIVE: { description: 'Participants can join.' },
  INACTIVE: { description: 'Participants cannot join.' },
});

export const AudioChannelEnum = enumType('AudioChannel', 'Audio channel layout of a recording.', {
  MONO: { description: 'One channel.' },
  STEREO: { description: 'Two channels (upstream default).' },
});

export const AudioCodecEnum = enumType('AudioCodec', 'Codec of recorded audio.', {
  MP3: { description: 'MPEG-1 Audio Layer III.' },
  AAC: { description: 'Advanced Audio Coding (upstream default).' },
});

export const VideoCodecEnum = enumType('VideoCodec', 'Codec of recorded video.', {
  H264: { description: 'H.264 / AVC (upstream default).' },
  VP8: { description: 'VP8.' },
});

export const WatermarkPositionEnum = enumType(
  'WatermarkPosition',
  'Corner of the video a watermark sits in.',
  {
    LEFT_TOP: { description: 'Top left corner (upstream "left top").' },
    RIGHT_TOP: { description: 'Top right corner (upstream "right top").' },
    LEFT_BOTTOM: { description: 'Bottom left corner (upstream "left bottom").' },
    RIGHT_BOTTOM: { description: 'Bottom right corner (upstream "right bottom").' },
  },
);

export const StorageTypeEnum = enumType('StorageType', 'Kind of storage recordings are uploaded to.', {
  AWS: { description: 'Amazon S3.' },
  AZURE: { description: 'Azure Blob Storage.' },
  DIGITALOCEAN: { description: 'DigitalOcean Spaces.' },
  GCS: { description: 'Google Cloud Storage.' },
  SFTP: { description: 'An SFTP server.' },
  CLOUDFLARE: { description: 'Cloudflare R2.' },
});

export const StorageAuthMethodEnum = enumType(
  'StorageAuthMethod',
  'How the gateway-side SFTP login is made.',
  {
    KEY: { description: 'With an SSH private key.' },
    PASSWORD: { description: 'With a password.' },
  },
);

export const SummaryTypeEnum = enumType('SummaryType', 'Style of an AI meeting summary.', {
  GENERAL: { description: 'A general-purpose summary (upstream default).' },
  TEAM_MEETING: { description: 'Tuned for team meetings.' },
  SALES_CALL: { description: 'Tuned for sales calls.' },
  CLIENT_CHECK_IN: { description: 'Tuned for client check-ins.' },
  INTERVIEW: { description: 'Tuned for interviews.' },
  DAILY_STANDUP: { description: 'Tuned for daily stand-ups.' },
  ONE_ON_ONE_MEETING: { description: 'Tuned for one-on-one meetings.' },
  LECTURE: { description: 'Tuned for lectures.' },
  CODE_REVIEW: { description: 'Tuned for code reviews.' },
});

export const SummaryTextFormatEnum = enumType('SummaryTextFormat', 'Text format of an AI meeting summary.', {
  PLAIN_TEXT: { description: 'Plain text.' },
  MARKDOWN: { description: 'Markdown (upstream default).' },
});
