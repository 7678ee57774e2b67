// Stands in for `src/execution/query-executor.ts` in the "yogaexec" variant: no plugin, so
// every operation runs on yoga's default executor (@graphql-tools/executor).
import type { Plugin } from 'graphql-yoga';

export function useQueryExecutor(): Plugin {
  return {};
}
