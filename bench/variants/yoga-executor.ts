// Stands in for `src/execution/execute.ts` in the "yogaexec" variant: the gateway's
// executor becomes yoga's default one (@graphql-tools/executor), to measure what ours saves.
import { normalizedExecutor } from '@graphql-tools/executor';
import type { ExecutionArgs, ExecutionResult } from 'graphql';

export function createExecutor(): (args: ExecutionArgs) => Promise<ExecutionResult> | ExecutionResult {
  return normalizedExecutor as (args: ExecutionArgs) => Promise<ExecutionResult> | ExecutionResult;
}
