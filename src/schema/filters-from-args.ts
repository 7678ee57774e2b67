import { badUserInput } from '../errors.ts';
import type { MeetingStatus } from '../model.ts';
import type { FilterSet } from '../pagination/filters.ts';
import { checkSegment } from '../upstream/paths.ts';
import type { GatewayContext } from './context.ts';

// Arguments → checked upstream scope and filters. Everything that can be wrong with them
// is `BAD_USER_INPUT` here, before any upstream call.

const MAX_SEARCH = 200;

/** Account and app of a field, falling back to the configured defaults. */
export function appFromArgs(
  args: { accountId?: string | null; appId?: string | null },
  ctx: GatewayContext,
): { accountId: string; appId: string } {
  const accountId = args.accountId ?? ctx.argumentRules.defaultAccountId;
  const appId = args.appId ?? ctx.argumentRules.defaultAppId;
  if (accountId === undefined) {
    throw badUserInput('"accountId" is required: no default account (CLOUDFLARE_ACCOUNT_ID) is configured.');
  }
  if (appId === undefined) {
    throw badUserInput('"appId" is required: no default app (REALTIMEKIT_APP_ID) is configured.');
  }
  return { accountId: checkSegment('accountId', accountId), appId: checkSegment('appId', appId) };
}

export interface MeetingsFilterArgs {
  accountId?: string | null;
  appId?: string | null;
  status?: MeetingStatus | null;
  search?: string | null;
  startTime?: Date | null;
  endTime?: Date | null;
}

export function filtersFromArgs(args: MeetingsFilterArgs, ctx: GatewayContext): FilterSet {
  const filters: FilterSet = appFromArgs(args, ctx);
  if (args.status != null) filters.status = args.status;
  if (args.search != null) {
    if (args.search.length > MAX_SEARCH) {
      throw badUserInput(`"search" must be at most ${MAX_SEARCH} characters, got ${args.search.length}.`);
    }
    filters.search = args.search;
  }
  if (args.startTime != null && args.endTime != null && args.startTime > args.endTime) {
    throw badUserInput(
      `"startTime" (${args.startTime.toISOString()}) must not be after "endTime" (${args.endTime.toISOString()}).`,
    );
  }
  if (args.startTime != null) filters.startTime = args.startTime.toISOString();
  if (args.endTime != null) filters.endTime = args.endTime.toISOString();
  return filters;
}
