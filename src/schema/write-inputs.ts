import { builder } from './builder.ts';
import {
  AudioChannelEnum,
  AudioCodecEnum,
  MeetingStatusEnum,
  StorageAuthMethodEnum,
  StorageTypeEnum,
  SummaryTextFormatEnum,
  SummaryTypeEnum,
  VideoCodecEnum,
  WatermarkPositionEnum,
} from './enums.ts';

// The input objects of the meeting mutations (write.graphql). Field names are the
// contract's camelCase; `writes/write-bodies.ts` turns them into the upstream's bodies.

const AudioConfigInput = builder.inputType('AudioConfigInput', {
  description: 'Audio settings of recordings.',
  fields: (t) => ({
    channel: t.field({ type: AudioChannelEnum, description: 'Channel layout.' }),
    codec: t.field({ type: AudioCodecEnum, description: 'Audio codec.' }),
    exportFile: t.boolean({ description: 'Whether a separate audio file is exported.' }),
  }),
});

const WatermarkSizeInput = builder.inputType('WatermarkSizeInput', {
  description: 'Size of a watermark, in pixels.',
  fields: (t) => ({
    width: t.int({ description: 'Width in pixels.' }),
    height: t.int({ description: 'Height in pixels.' }),
  }),
});

const WatermarkInput = builder.inputType('WatermarkInput', {
  description: 'Image laid over recorded video.',
  fields: (t) => ({
    url: t.field({ type: 'URL', description: 'URL of the watermark image.' }),
    position: t.field({ type: WatermarkPositionEnum, description: 'Corner of the video it sits in.' }),
    size: t.field({ type: WatermarkSizeInput, description: 'Size of the watermark.' }),
  }),
});

const VideoConfigInput = builder.inputType('VideoConfigInput', {
  description: 'Video settings of recordings.',
  fields: (t) => ({
    codec: t.field({ type: VideoCodecEnum, description: 'Video codec.' }),
    width: t.int({ description: 'Width in pixels (1 to 1920).' }),
    height: t.int({ description: 'Height in pixels (1 to 1920).' }),
    exportFile: t.boolean({ description: 'Whether a separate video file is exported.' }),
    watermark: t.field({ type: WatermarkInput, description: 'Watermark laid over the video.' }),
  }),
});

const LiveStreamingConfigInput = builder.inputType('LiveStreamingConfigInput', {
  description: 'Where the meeting is live-streamed to.',
  fields: (t) => ({ rtmpUrl: t.field({ type: 'URL', description: 'RTMP URL to stream to.' }) }),
});

const RealtimekitBucketConfigInput = builder.inputType('RealtimekitBucketConfigInput', {
  description: "Whether recordings are also kept in RealtimeKit's own bucket.",
  fields: (t) => ({
    enabled: t.boolean({ required: true, description: 'Keep recordings in RealtimeKit’s bucket.' }),
  }),
});

const StorageConfigInput = builder.inputType('StorageConfigInput', {
  description:
    'Storage target for recordings. accessKey, secret, password and privateKey are write-only: they are sent upstream and never appear in any answer, error, log or cache.',
  fields: (t) => ({
    type: t.field({ type: StorageTypeEnum, required: true, description: 'Kind of storage.' }),
    authMethod: t.field({ type: StorageAuthMethodEnum, description: 'How SFTP logs in.' }),
    bucket: t.string({ description: 'Bucket name.' }),
    path: t.string({ description: 'Path inside the bucket.' }),
    region: t.string({ description: 'Region of the bucket.' }),
    host: t.string({ description: 'SFTP host.' }),
    port: t.int({ description: 'SFTP port.' }),
    username: t.string({ description: 'SFTP user name.' }),
    accessKey: t.string({ description: 'Access key (write-only).' }),
    secret: t.string({ description: 'Secret key (write-only).' }),
    password: t.string({ description: 'SFTP password or key passphrase (write-only).' }),
    privateKey: t.string({ description: 'SFTP private key (write-only).' }),
  }),
});

export const RecordingConfigInput = builder.inputType('RecordingConfigInput', {
  description: 'How a meeting is recorded.',
  fields: (t) => ({
    fileNamePrefix: t.string({ description: 'Prefix of recording file names.' }),
    maxSeconds: t.int({ description: 'Longest recording, in seconds (60 to 86400).' }),
    audioConfig: t.field({ type: AudioConfigInput, description: 'Audio settings.' }),
    videoConfig: t.field({ type: VideoConfigInput, description: 'Video settings.' }),
    liveStreamingConfig: t.field({ type: LiveStreamingConfigInput, description: 'Live-streaming target.' }),
    realtimekitBucketConfig: t.field({
      type: RealtimekitBucketConfigInput,
      description: "RealtimeKit's own bucket.",
    }),
    storageConfig: t.field({ type: StorageConfigInput, description: 'Where recordings are uploaded.' }),
  }),
});

const SummarizationConfigInput = builder.inputType('SummarizationConfigInput', {
  description: 'AI summary settings.',
  fields: (t) => ({
    summaryType: t.field({ type: SummaryTypeEnum, description: 'Style of the summary.' }),
    textFormat: t.field({ type: SummaryTextFormatEnum, description: 'Text format of the summary.' }),
    wordLimit: t.int({ description: 'Longest summary, in words (150 to 1000).' }),
  }),
});

const TranscriptionConfigInput = builder.inputType('TranscriptionConfigInput', {
  description: 'Transcription settings.',
  fields: (t) => ({
    keywords: t.stringList({ description: 'Terms to recognise reliably.' }),
    language: t.string({ description: 'BCP 47 language tag, e.g. en-US.' }),
    profanityFilter: t.boolean({ description: 'Whether offensive words are masked.' }),
  }),
});

export const AiConfigInput = builder.inputType('AiConfigInput', {
  description: 'AI settings of a meeting.',
  fields: (t) => ({
    summarization: t.field({ type: SummarizationConfigInput, description: 'Summary settings.' }),
    transcription: t.field({ type: TranscriptionConfigInput, description: 'Transcription settings.' }),
  }),
});

export const CreateMeetingInput = builder.inputType('CreateMeetingInput', {
  description: 'A new meeting. Fields left out take the upstream defaults.',
  fields: (t) => ({
    accountId: t.string({ description: 'Defaults to CLOUDFLARE_ACCOUNT_ID.' }),
    appId: t.string({ description: 'Defaults to REALTIMEKIT_APP_ID.' }),
    title: t.string({ description: 'Title of the meeting.' }),
    recordOnStart: t.boolean({ description: 'Start recording as soon as someone joins.' }),
    liveStreamOnStart: t.boolean({ description: 'Start live-streaming when the meeting starts.' }),
    persistChat: t.boolean({ description: 'Keep chat messages for a week.' }),
    summarizeOnEnd: t.boolean({ description: 'Make an AI summary when the meeting ends.' }),
    transcribeOnEnd: t.boolean({ description: 'Make a transcript when the meeting ends.' }),
    sessionKeepAliveTimeInSecs: t.int({ description: '60 to 600.' }),
    recordingConfig: t.field({ type: RecordingConfigInput, description: 'How the meeting is recorded.' }),
    aiConfig: t.field({ type: AiConfigInput, description: 'AI settings.' }),
    clientMutationId: t.string({ description: 'Echoed back in the payload.' }),
  }),
});

export const UpdateMeetingInput = builder.inputType('UpdateMeetingInput', {
  description: 'The settings to change; fields left out keep their value.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global ID of the meeting (Meeting.id).' }),
    title: t.string({ description: 'Title of the meeting.' }),
    status: t.field({
      type: MeetingStatusEnum,
      description: 'INACTIVE stops people from joining; there is no delete upstream.',
    }),
    recordOnStart: t.boolean({ description: 'Start recording as soon as someone joins.' }),
    liveStreamOnStart: t.boolean({ description: 'Start live-streaming when the meeting starts.' }),
    persistChat: t.boolean({ description: 'Keep chat messages for a week.' }),
    summarizeOnEnd: t.boolean({ description: 'Make an AI summary when the meeting ends.' }),
    transcribeOnEnd: t.boolean({ description: 'Make a transcript when the meeting ends.' }),
    sessionKeepAliveTimeInSecs: t.int({ description: '60 to 600.' }),
    recordingConfig: t.field({ type: RecordingConfigInput, description: 'How the meeting is recorded.' }),
    aiConfig: t.field({ type: AiConfigInput, description: 'AI settings.' }),
    clientMutationId: t.string({ description: 'Echoed back in the payload.' }),
  }),
});
