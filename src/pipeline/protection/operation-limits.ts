import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLError, ParseOptions, Source, ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { GatewayError } from '../../errors.ts';
import { maxRootFieldsRule } from './max-root-fields-rule.ts';

/**
 * Size limits on operations, checked before anything runs (so a rejected operation costs
 * no upstream call): lexical tokens while parsing, then depth and aliases while
 * validating (GraphQL Armor's max-tokens parser and rules) and root fields while validating. Each
 * violation is one `QUERY_TOO_COMPLEX` error whose message names the limit and what was
 * found, with the limit in `extensions.limit`.
 *
 * Depth is the number of nested fields, leaves included (`{ a { b } }` is 2); fragments
 * add no level, and `__schema` (introspection) is not counted. Aliases of `__typename`
 * are not counted either.
 */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxRootFields: number;
}

export function useOperationLimits(limits: OperationLimits): Plugin {
  const rejectWith = (limit: number) => (context: ValidationContext | null, error: GraphQLError) => {
    context?.reportError(tooComplex(error.message.replace(/^Syntax Error:\s*/, ''), limit));
  };
  const depth = maxDepthRule({
    n: limits.maxDepth,
    flattenFragments: true,
    propagateOnRejection: false,
    onReject: [rejectWith(limits.maxDepth)],
  });
  const aliases = maxAliasesRule({
    n: limits.maxAliases,
    propagateOnRejection: false,
    onReject: [rejectWith(limits.maxAliases)],
  });
  const rootFields = maxRootFieldsRule(limits.maxRootFields);
  const tokens = {
    n: limits.maxTokens,
    propagateOnRejection: false,
    onReject: [
      () => {
        throw tooComplex(
          `The document has more than ${limits.maxTokens} tokens, the most this gateway parses.`,
          limits.maxTokens,
        );
      },
    ],
  };

  return {
    onParse({ setParseFn }) {
      setParseFn((source: string | Source, options?: ParseOptions) =>
        new MaxTokensParserWLexer(source, { ...options, ...tokens }).parseDocument(),
      );
    },
    onValidate({ addValidationRule }) {
      addValidationRule(depth);
      addValidationRule(aliases);
      addValidationRule(rootFields);
    },
  };
}

function tooComplex(message: string, limit: number): GatewayError {
  return new GatewayError('QUERY_TOO_COMPLEX', message, { limit });
}
