import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { type CostModel, predictUpstreamCalls } from '../../cost/predict-upstream-calls.ts';
import { GatewayError } from '../../errors.ts';
import type { GatewayContext } from '../../schema/context.ts';

/**
 * Rejects, before anything runs, an operation predicted to need more than `limit` upstream
 * calls (`predictUpstreamCalls`): the answer is one `QUERY_TOO_EXPENSIVE` error with
 * `extensions.predictedUpstreamCalls` and `extensions.limit`, no data, and no upstream call.
 *
 * An accepted operation may retry only within the slack between its prediction and the
 * limit (its request's retry budget is lowered to it), so that first calls and retries
 * together never exceed `limit`: the prediction bounds the first calls.
 *
 * The prediction is a pure function of the (one) schema, the document, the operation name and the raw
 * variables, so it is remembered per parsed document (yoga hands the same document object
 * for the same query text): a repeated operation with the same variables is not walked
 * again. At most `PREDICTIONS_PER_DOCUMENT` variable sets per document, and only variables
 * whose JSON is short, are remembered; the memory goes with the document.
 */
export function useUpstreamCallLimit(prediction: UpstreamCallPrediction): Plugin {
  const { limit } = prediction;
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const predicted = prediction.predict(
        args.schema,
        args.document,
        args.variableValues as Record<string, unknown> | undefined,
        args.operationName ?? undefined,
      );
      if (predicted > limit) setResultAndStopExecution({ errors: [tooExpensive(predicted, limit)] });
      else (args.contextValue as Partial<GatewayContext>).retryBudget?.limitTo(limit - predicted);
    },
  };
}

/** The prediction, remembered per document, that the plugin above and the short path share. */
export interface UpstreamCallPrediction {
  /** Most upstream calls one operation may need. */
  readonly limit: number;
  predict(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Record<string, unknown> | undefined,
    operationName: string | undefined,
  ): number;
}

export function upstreamCallPrediction(limit: number, model: CostModel): UpstreamCallPrediction {
  const predictions = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    limit,
    predict(schema, document, variables, operationName) {
      const key = predictionKey(variables, operationName);
      const known = key === undefined ? undefined : predictions.get(document)?.get(key);
      if (known !== undefined) return known;
      const predicted = predictUpstreamCalls(schema, document, variables, operationName, {
        ...model,
        stopAbove: limit,
      });
      if (key !== undefined) {
        const byKey = predictions.get(document) ?? new Map<string, number>();
        predictions.set(document, byKey);
        if (byKey.size >= PREDICTIONS_PER_DOCUMENT) byKey.clear();
        byKey.set(key, predicted);
      }
      return predicted;
    },
  };
}

/** Variable sets remembered per document (a document used with many ids stays bounded). */
const PREDICTIONS_PER_DOCUMENT = 64;
/** Longer variables are predicted every time rather than kept as a key. */
const MAX_KEY_LENGTH = 1024;

function predictionKey(
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): string | undefined {
  const json = variables === undefined ? '' : JSON.stringify(variables);
  if (json === undefined || json.length > MAX_KEY_LENGTH) return undefined;
  return `${operationName ?? ''}\u0000${json}`;
}

function tooExpensive(predicted: number, limit: number): GatewayError {
  return new GatewayError(
    'QUERY_TOO_EXPENSIVE',
    `This operation would need up to ${predicted} calls to the meetings service; at most ${limit} are allowed per operation.`,
    { predictedUpstreamCalls: predicted, limit },
  );
}
