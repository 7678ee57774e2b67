import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the tests: every `graphql(`…`)` in test/ gets result and variable
 * types from schema/schema.graphql (the committed SDL, so codegen never imports our code).
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['test/**/*.ts', '!test/gql/**'],
  ignoreNoDocuments: true,
  emitLegacyCommonJSImports: false,
  generates: {
    'test/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', URL: 'string', UUID: 'string' },
      },
    },
  },
  silent: true,
};

export default config;
