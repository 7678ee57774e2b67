// The gateway's work under yoga for one GraphQL request, without yoga, envelop or the request
// pipeline: the request's context (`contextFor`: caller access, loaders), the document parsed
// once per query text, the gateway's executor, and the result as JSON text. `yoga-share.ts`
// runs it in-process, `without-yoga.ts` on plain node:http.
import { type DocumentNode, parse } from 'graphql';
import type { GatewayApp } from '../src/app.ts';
import { createExecutor } from '../src/execution/execute.ts';
import { subgraphSchema } from '../src/schema/index.ts';

export interface GraphQLBody {
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
}

/** Answers `body` for `request` with `app`'s context: the response's JSON text, and whether it has errors. */
export function underYoga(
  app: Pick<GatewayApp, 'contextFor'>,
): (request: Request, body: GraphQLBody) => Promise<{ text: string; failed: boolean }> {
  const execute = createExecutor();
  const documents = new Map<string, DocumentNode>();
  return async (request, body) => {
    let document = documents.get(body.query);
    if (document === undefined) {
      document = parse(body.query);
      documents.set(body.query, document);
    }
    const result = await execute({
      schema: subgraphSchema,
      document,
      contextValue: await app.contextFor(request),
      variableValues: body.variables,
      operationName: body.operationName,
    });
    return { text: JSON.stringify(result), failed: result.errors !== undefined };
  };
}
