import type { AiConfig } from '../model.ts';
import { builder } from './builder.ts';
import { SummaryTextFormatEnum, SummaryTypeEnum } from './enums.ts';

export const SummarizationConfigRef = builder
  .objectRef<NonNullable<AiConfig['summarization']>>('SummarizationConfig')
  .implement({
    description: 'How AI summaries of a meeting are written.',
    fields: (t) => ({
      summaryType: t.expose('summaryType', {
        type: SummaryTypeEnum,
        nullable: true,
        description: 'Summary style.',
      }),
      textFormat: t.expose('textFormat', {
        type: SummaryTextFormatEnum,
        nullable: true,
        description: 'Plain text or Markdown.',
      }),
      wordLimit: t.exposeInt('wordLimit', {
        nullable: true,
        description: 'Longest summary in words (150 to 1000).',
      }),
    }),
  });

export const TranscriptionConfigRef = builder
  .objectRef<NonNullable<AiConfig['transcription']>>('TranscriptionConfig')
  .implement({
    description: 'How a meeting is transcribed.',
    fields: (t) => ({
      keywords: t.exposeStringList('keywords', {
        nullable: { list: true, items: false },
        description: 'Terms the transcriber should listen for.',
      }),
      language: t.exposeString('language', {
        nullable: true,
        description: 'BCP 47 language tag as the upstream sends it, e.g. en-US.',
      }),
      profanityFilter: t.exposeBoolean('profanityFilter', {
        nullable: true,
        description: 'Whether offensive words are masked in transcripts.',
      }),
    }),
  });

export const AiConfigRef = builder.objectRef<AiConfig>('AiConfig').implement({
  description: 'AI transcription and summary settings of a meeting.',
  fields: (t) => ({
    summarization: t.expose('summarization', {
      type: SummarizationConfigRef,
      nullable: true,
      description: 'Summary settings.',
    }),
    transcription: t.expose('transcription', {
      type: TranscriptionConfigRef,
      nullable: true,
      description: 'Transcription settings.',
    }),
  }),
});
