import type { Plugin } from 'graphql-yoga';
import type { GatewayConfig } from '../config.ts';
import { useUpstreamCallLimit } from '../cost/upstream-call-limit.ts';
import type { GatewayContext } from '../schema/context.ts';
import { MAX_IDS } from '../schema/node-query.ts';
import { useCsrfPrevention } from './csrf-prevention.ts';
import { useEntitiesLimit } from './entities-limit.ts';
import { useHiddenSuggestions } from './hide-suggestions.ts';
import { useNoIntrospection } from './no-introspection.ts';
import { useOperationLimits } from './operation-limits.ts';
import { useTrustedOperations } from './trusted-operations.ts';

/**
 * The protections in front of execution, in the order they act on a request: CSRF check
 * (before the body is parsed), trusted operations (PERSISTED_OPERATIONS_FILE, when set),
 * size limits (parse and validation), the `_entities` representations cap (validation,
 * before the caller is authenticated), introspection off and suggestions hidden
 * (GRAPHQL_INTROSPECTION=false), then the upstream-call budget (just before execution).
 */
/** `defaults` are the resolvers' (GatewayContext['defaults']), so prediction reads arguments as they do. */
export function gatewayPlugins(config: GatewayConfig, defaults: GatewayContext['defaults']): Plugin[] {
  return [
    useCsrfPrevention(),
    ...(config.persistedOperations ? [useTrustedOperations(config.persistedOperations)] : []),
    useOperationLimits({
      maxDepth: config.maxDepth,
      maxAliases: config.maxAliases,
      maxTokens: config.maxTokens,
      maxRootFields: config.maxRootFields,
    }),
    useEntitiesLimit(MAX_IDS),
    ...(config.introspection
      ? []
      : [useNoIntrospection({ federationSdl: config.federationSdl }), useHiddenSuggestions()]),
    useUpstreamCallLimit(config.maxUpstreamCallsPerOperation, {
      maxPageSize: config.maxPageSize,
      maxPerPage: config.upstreamMaxPerPage,
      defaults,
    }),
  ];
}
