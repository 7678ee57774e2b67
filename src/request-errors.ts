import { type GraphQLSchema, Kind, type OperationTypeNode } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/**
 * Request errors a client can make before anything runs answer 400 with a clear message
 * and `BAD_USER_INPUT`, never 500:
 * - a `variables` or `extensions` parameter that is not JSON in a GET query string or a
 *   form-encoded body (yoga's parser throws a bare SyntaxError there, which it answers as
 *   "Unexpected error."; a POST JSON body is already checked by yoga);
 * - an operation type the schema has no root type for (`subscription`, and `mutation`
 *   while there is no Mutation type), over GET or POST.
 */

function badRequest(message: string) {
  return createGraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

const JSON_PARAMS = ['variables', 'extensions'] as const;

/** The first JSON parameter of `params` that does not parse, with the parser's reason. */
function invalidJsonParam(params: URLSearchParams): string | undefined {
  for (const name of JSON_PARAMS) {
    const text = params.get(name);
    if (!text) continue;
    try {
      JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return `The "${name}" parameter is not valid JSON (${reason.slice(0, 200)}).`;
    }
  }
  return undefined;
}

const ROOT_TYPE_NAMES: Record<OperationTypeNode, string> = {
  query: 'Query',
  mutation: 'Mutation',
  subscription: 'Subscription',
};

export function useRequestErrors(): Plugin {
  let schema: GraphQLSchema | undefined;
  return {
    onRequestParse({ request, url, requestParser, setRequestParser }) {
      // Only the query-string parsers (GET, form-encoded POST) throw bare SyntaxErrors.
      if (requestParser === undefined) return;
      const form = request.headers.get('content-type')?.startsWith('application/x-www-form-urlencoded');
      if (request.method !== 'GET' && !form) return;
      setRequestParser(async (req) => {
        try {
          return await requestParser(req);
        } catch (error) {
          if (!(error instanceof SyntaxError)) throw error;
          const message =
            request.method === 'GET'
              ? invalidJsonParam(url.searchParams)
              : 'The "variables" or "extensions" parameter is not valid JSON.';
          throw badRequest(message ?? 'A request parameter is not valid JSON.');
        }
      });
    },
    onSchemaChange({ schema: current }) {
      schema = current;
    },
    onParse:
      () =>
      ({ result }) => {
        if (result === null || result instanceof Error || schema === undefined) return;
        for (const definition of result.definitions) {
          if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
          const operation: OperationTypeNode = definition.operation;
          if (schema.getRootType(operation)) continue;
          // Thrown (not a replaced parse result, which yoga would answer 200 to application/json).
          throw badRequest(
            `This gateway does not serve ${operation}s: its schema has no ${ROOT_TYPE_NAMES[operation]} type. Send a query instead.`,
          );
        }
      },
  };
}
