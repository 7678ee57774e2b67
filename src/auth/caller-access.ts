import { GatewayError } from '../errors.ts';

/** The OAuth 2.0 scopes a mutation needs (reads need none). */
export type WriteScope = 'meetings:write' | 'participants:write';

/**
 * What one request's caller may do. `assertApp` is called before any upstream call for an
 * app; it returns when the caller may use that app and throws a `GatewayError` otherwise:
 * `UNAUTHENTICATED` when the caller did not prove who they are (missing, invalid or expired
 * token), `FORBIDDEN` when the token does not list the app. `assertScope` is called before
 * any upstream write, after `assertApp`: `FORBIDDEN` when the token's `scope` claim lacks it.
 */
export interface CallerAccess {
  assertApp(appId: string): void;
  assertScope(scope: WriteScope): void;
}

/** Everything (no caller authentication configured). */
export const ANY_APP: CallerAccess = { assertApp() {}, assertScope() {} };

function checkScope(scopes: ReadonlySet<string>, scope: WriteScope): void {
  if (!scopes.has(scope)) {
    throw new GatewayError(
      'FORBIDDEN',
      `Your token does not allow this change: its "scope" claim must include ${scope}.`,
    );
  }
}

/** Every app (a token whose apps claim is `"*"`), writes limited to `scopes`. */
export function allApps(scopes: ReadonlySet<string> = new Set()): CallerAccess {
  return { assertApp() {}, assertScope: (scope) => checkScope(scopes, scope) };
}

/** Only the apps listed, writes limited to `scopes`. */
export function onlyApps(apps: ReadonlySet<string>, scopes: ReadonlySet<string> = new Set()): CallerAccess {
  return {
    assertApp(appId) {
      if (!apps.has(appId)) {
        throw new GatewayError(
          'FORBIDDEN',
          `Your token does not allow reading app ${JSON.stringify(appId)}.`,
        );
      }
    },
    assertScope: (scope) => checkScope(scopes, scope),
  };
}

/** Nothing: every check fails with the same code and message (a fresh error each time). */
export function noAccess(code: 'UNAUTHENTICATED' | 'UPSTREAM_UNAVAILABLE', message: string): CallerAccess {
  const refuse = (): never => {
    throw new GatewayError(code, message);
  };
  return { assertApp: refuse, assertScope: refuse };
}
