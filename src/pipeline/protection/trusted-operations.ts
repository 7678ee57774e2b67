import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import { GatewayError } from '../../errors.ts';

// Trusted (persisted) operations: only the documents of PERSISTED_OPERATIONS_FILE run.
// A request names one by id, as `{"documentId": "<id>"}` (GraphQL Code Generator's client
// preset) or as Apollo's `extensions.persistedQuery.sha256Hash`; variables and
// operationName are sent as usual. A request with a `query` text, without an id, or with
// an unknown id gets HTTP 400 and one error (`PERSISTED_QUERY_REQUIRED` or
// `PERSISTED_QUERY_NOT_FOUND`), and nothing runs.

/** Yoga rejects unknown request parameters; this one must be let through. */
export const TRUSTED_OPERATION_PARAMS = ['documentId'];

export function operationId(params: GraphQLParams): string | null {
  const documentId = (params as { documentId?: unknown }).documentId;
  if (typeof documentId === 'string') return documentId;
  const persisted = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)
    ?.persistedQuery;
  return typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : null;
}

export function useTrustedOperations(operations: ReadonlyMap<string, string>): Plugin {
  const required = () =>
    new GatewayError(
      'PERSISTED_QUERY_REQUIRED',
      'This gateway only runs trusted operations: send {"documentId": "<id>"} (or extensions.persistedQuery.sha256Hash) instead of a query.',
      { httpStatus: 400 },
    );
  return usePersistedOperations({
    allowArbitraryOperations: false,
    extractPersistedOperationId: operationId,
    getPersistedOperation: (id) => operations.get(id) ?? null,
    customErrors: {
      persistedQueryOnly: required,
      keyNotFound: required,
      notFound: () =>
        new GatewayError(
          'PERSISTED_QUERY_NOT_FOUND',
          "This operation id is not in the gateway's list of trusted operations.",
          { httpStatus: 400 },
        ),
    },
  }) as Plugin;
}
