import { GatewayError } from '../errors.ts';

/** The OAuth 2.0 scopes a mutation needs (reads need none). */
export type WriteScope = 'meetings:write' | 'participants:write';

/**
 * What one request's caller may do. `assertCanRead` is called before any upstream call for
 * an account's app; it returns when the caller may read it and throws a `GatewayError`
 * otherwise: `UNAUTHENTICATED` when the caller did not prove who they are (missing, invalid
 * or expired token), `FORBIDDEN` when the token does not list the app or the account.
 * `assertScope` is called before any upstream write, after `assertCanRead`: `FORBIDDEN`
 * when the token's `scope` claim lacks the scope.
 */
export interface CallerAccess {
  assertCanRead(accountId: string, appId: string): void;
  assertScope(scope: WriteScope): void;
}

/** Ids a claim allows: every one (`"*"`, or a list holding `"*"`), or only those listed. */
export type Allowed = '*' | ReadonlySet<string>;

/** Every account and app (no caller authentication configured). */
export const ANY_APP: CallerAccess = { assertCanRead() {}, assertScope() {} };

/**
 * Only the apps listed, and, when `accounts` is given, only in the accounts listed; writes
 * only with the `scopes` listed.
 */
export function onlyAllowed(
  apps: Allowed,
  accounts: Allowed = '*',
  scopes: ReadonlySet<string> = new Set(),
): CallerAccess {
  return {
    assertScope(scope) {
      if (!scopes.has(scope)) {
        throw new GatewayError(
          'FORBIDDEN',
          `Your token does not allow this change: its "scope" claim must include ${scope}.`,
        );
      }
    },
    assertCanRead(accountId, appId) {
      if (accounts !== '*' && !accounts.has(accountId)) {
        throw new GatewayError(
          'FORBIDDEN',
          `Your token does not allow reading account ${JSON.stringify(accountId)}.`,
        );
      }
      if (apps !== '*' && !apps.has(appId)) {
        throw new GatewayError(
          'FORBIDDEN',
          `Your token does not allow reading app ${JSON.stringify(appId)}.`,
        );
      }
    },
  };
}

/** Nothing: every check fails with the same code and message (a fresh error each time). */
export function noAccess(code: 'UNAUTHENTICATED' | 'UPSTREAM_UNAVAILABLE', message: string): CallerAccess {
  const refuse = (): never => {
    throw new GatewayError(code, message);
  };
  return { assertCanRead: refuse, assertScope: refuse };
}
