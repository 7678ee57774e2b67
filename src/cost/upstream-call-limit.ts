import type { Plugin } from 'graphql-yoga';
import { GatewayError } from '../errors.ts';
import type { GatewayContext } from '../schema/context.ts';
import { type CostModel, predictUpstreamCalls } from './predict-upstream-calls.ts';

/**
 * Rejects, before anything runs, an operation predicted to need more than `limit` upstream
 * calls (`predictUpstreamCalls`): the answer is one `QUERY_TOO_EXPENSIVE` error with
 * `extensions.predictedUpstreamCalls` and `extensions.limit`, no data, and no upstream call.
 *
 * An accepted operation may retry only within the slack between its prediction and the
 * limit (its request's retry budget is lowered to it), so that first calls and retries
 * together never exceed `limit`: the prediction bounds the first calls.
 */
export function useUpstreamCallLimit(limit: number, model: CostModel): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const predicted = predictUpstreamCalls(
        args.schema,
        args.document,
        args.variableValues as Record<string, unknown> | undefined,
        args.operationName,
        { ...model, stopAbove: limit },
      );
      if (predicted > limit) setResultAndStopExecution({ errors: [tooExpensive(predicted, limit)] });
      else (args.contextValue as Partial<GatewayContext>).retryBudget?.limitTo(limit - predicted);
    },
  };
}

function tooExpensive(predicted: number, limit: number): GatewayError {
  const error = new GatewayError(
    'QUERY_TOO_EXPENSIVE',
    `This operation would need up to ${predicted} calls to the meetings service; at most ${limit} are allowed per operation.`,
  );
  error.extensions.predictedUpstreamCalls = predicted;
  error.extensions.limit = limit;
  return error;
}
