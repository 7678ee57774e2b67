// Stands in for `graphql-yoga` when `src/app.ts` imports it inside a variant process (see
// `entry.ts`): everything is re-exported unchanged except `createYoga`, which adds the
// variant's yoga plugins and option overrides to whatever `createApp` passes. This is how
// a variant "imports createApp from src and adds a plugin" without any change to src/.
import { createYoga as realCreateYoga } from 'graphql-yoga';
import { variantYogaOptions } from './registry.ts';

export * from 'graphql-yoga';

type CreateYoga = typeof realCreateYoga;

export const createYoga = ((options: Parameters<CreateYoga>[0]) => {
  const extra = variantYogaOptions();
  return realCreateYoga({
    ...options,
    ...extra.overrides,
    plugins: [...(options.plugins ?? []), ...extra.plugins],
  } as Parameters<CreateYoga>[0]);
}) as CreateYoga;
