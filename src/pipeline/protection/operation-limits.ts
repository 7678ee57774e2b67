import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { type GraphQLError, type ParseOptions, parse, type Source, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { GatewayError } from '../../errors.ts';
import { maxRootFieldsRule } from './max-root-fields-rule.ts';

/**
 * Size limits on operations, checked before anything runs (so a rejected operation costs
 * no upstream call): lexical tokens while parsing (graphql-js's own `maxTokens`), then
 * depth and aliases (GraphQL Armor's rules) and root fields while validating. Each
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

// graphql-js 16.15 says "more that"; later versions may fix the typo.
const TOKEN_LIMIT_MESSAGE = /Document contains more (?:than|that) \d+ tokens/;

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

  return {
    onParse({ setParseFn }) {
      setParseFn((source: string | Source, options?: ParseOptions) => {
        try {
          return parse(source, { ...options, maxTokens: limits.maxTokens });
        } catch (error) {
          if (error instanceof Error && TOKEN_LIMIT_MESSAGE.test(error.message)) {
            throw tooComplex(
              `The document has more than ${limits.maxTokens} tokens, the most this gateway parses.`,
              limits.maxTokens,
            );
          }
          throw error;
        }
      });
    },
    onValidate({ addValidationRule }) {
      addValidationRule(depth);
      addValidationRule(aliases);
      addValidationRule(rootFields);
    },
  };
}

function tooComplex(message: string, limit: number): GatewayError {
  const error = new GatewayError('QUERY_TOO_COMPLEX', message);
  error.extensions.limit = limit;
  return error;
}
