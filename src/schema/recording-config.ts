import type { AudioConfig, RecordingConfig, StorageConfig, VideoConfig, Watermark } from '../model.ts';
import { builder } from './builder.ts';
import {
  AudioChannelEnum,
  AudioCodecEnum,
  StorageAuthMethodEnum,
  StorageTypeEnum,
  VideoCodecEnum,
  WatermarkPositionEnum,
} from './enums.ts';

export const WatermarkSizeRef = builder.objectRef<NonNullable<Watermark['size']>>('WatermarkSize').implement({
  description: 'Size of a watermark image, in pixels.',
  fields: (t) => ({
    width: t.exposeInt('width', { nullable: true, description: 'Width in pixels.' }),
    height: t.exposeInt('height', { nullable: true, description: 'Height in pixels.' }),
  }),
});

export const WatermarkRef = builder.objectRef<Watermark>('Watermark').implement({
  description: 'An image drawn over the recorded video.',
  fields: (t) => ({
    url: t.expose('url', {
      type: 'URL',
      nullable: true,
      description: 'Where the watermark image is served from.',
    }),
    position: t.expose('position', {
      type: WatermarkPositionEnum,
      nullable: true,
      description: 'Corner of the video the watermark sits in.',
    }),
    size: t.expose('size', { type: WatermarkSizeRef, nullable: true, description: 'Size of the watermark.' }),
  }),
});

export const VideoConfigRef = builder.objectRef<VideoConfig>('VideoConfig').implement({
  description: 'How the video of a recording is encoded.',
  fields: (t) => ({
    codec: t.expose('codec', {
      type: VideoCodecEnum,
      nullable: true,
      description: 'Video codec.',
    }),
    width: t.exposeInt('width', { nullable: true, description: 'Width of the recording in pixels.' }),
    height: t.exposeInt('height', { nullable: true, description: 'Height of the recording in pixels.' }),
    exportFile: t.exposeBoolean('exportFile', {
      nullable: true,
      description: 'Whether a separate video file is exported.',
    }),
    watermark: t.expose('watermark', {
      type: WatermarkRef,
      nullable: true,
      description: 'Watermark, if any.',
    }),
  }),
});

export const AudioConfigRef = builder.objectRef<AudioConfig>('AudioConfig').implement({
  description: 'How the audio of a recording is encoded.',
  fields: (t) => ({
    channel: t.expose('channel', {
      type: AudioChannelEnum,
      nullable: true,
      description: 'Mono or stereo.',
    }),
    codec: t.expose('codec', {
      type: AudioCodecEnum,
      nullable: true,
      description: 'Audio codec.',
    }),
    exportFile: t.exposeBoolean('exportFile', {
      nullable: true,
      description: 'Whether a separate audio file is exported.',
    }),
  }),
});

export const LiveStreamingConfigRef = builder
  .objectRef<NonNullable<RecordingConfig['liveStreamingConfig']>>('LiveStreamingConfig')
  .implement({
    description: 'Where a meeting is live-streamed.',
    fields: (t) => ({
      rtmpUrl: t.expose('rtmpUrl', {
        type: 'URL',
        nullable: true,
        description: 'RTMP ingest URL streamed to.',
      }),
    }),
  });

export const RealtimekitBucketConfigRef = builder
  .objectRef<NonNullable<RecordingConfig['realtimekitBucketConfig']>>('RealtimekitBucketConfig')
  .implement({
    description: "Whether recordings are also kept in RealtimeKit's own bucket.",
    fields: (t) => ({
      enabled: t.exposeBoolean('enabled', {
        nullable: false,
        description:
          "True when recordings are uploaded to RealtimeKit's bucket (download URLs are then generated).",
      }),
    }),
  });

export const StorageConfigRef = builder.objectRef<StorageConfig>('StorageConfig').implement({
  description:
    'Storage target for recordings. Upstream credentials (access_key, secret, password, private_key) are never part of this type, whatever the upstream returns.',
  fields: (t) => ({
    type: t.expose('type', {
      type: StorageTypeEnum,
      nullable: false,
      description: 'Kind of storage.',
    }),
    authMethod: t.expose('authMethod', {
      type: StorageAuthMethodEnum,
      nullable: true,
      description: 'How SFTP logins are made (SFTP only).',
    }),
    bucket: t.exposeString('bucket', { nullable: true, description: 'Bucket name.' }),
    path: t.exposeString('path', {
      nullable: true,
      description: 'Path under the bucket root where recordings go.',
    }),
    region: t.exposeString('region', {
      nullable: true,
      description: 'Region of the bucket, e.g. us-east-1.',
    }),
    host: t.exposeString('host', { nullable: true, description: 'SFTP host (SFTP only).' }),
    port: t.exposeInt('port', { nullable: true, description: 'SFTP port (SFTP only).' }),
    username: t.exposeString('username', { nullable: true, description: 'SFTP user name (SFTP only).' }),
  }),
});

export const RecordingConfigRef = builder.objectRef<RecordingConfig>('RecordingConfig').implement({
  description: "How a meeting is recorded; overrides the app's recording settings.",
  fields: (t) => ({
    fileNamePrefix: t.exposeString('fileNamePrefix', {
      nullable: true,
      description: 'Prefix added to recording file names.',
    }),
    maxSeconds: t.exposeInt('maxSeconds', {
      nullable: true,
      description: 'Longest recording in seconds (60 to 86400).',
    }),
    audioConfig: t.expose('audioConfig', {
      type: AudioConfigRef,
      nullable: true,
      description: 'Audio encoding.',
    }),
    videoConfig: t.expose('videoConfig', {
      type: VideoConfigRef,
      nullable: true,
      description: 'Video encoding.',
    }),
    liveStreamingConfig: t.expose('liveStreamingConfig', {
      type: LiveStreamingConfigRef,
      nullable: true,
      description: 'Live-streaming target.',
    }),
    realtimekitBucketConfig: t.expose('realtimekitBucketConfig', {
      type: RealtimekitBucketConfigRef,
      nullable: true,
      description: "RealtimeKit's own bucket.",
    }),
    storageConfig: t.expose('storageConfig', {
      type: StorageConfigRef,
      nullable: true,
      description:
        'Where recordings are uploaded. Credentials are write-only upstream and never exposed here.',
    }),
  }),
});
