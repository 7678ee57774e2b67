import { GatewayError } from '../errors.ts';

/**
 * What one request's caller may read. `assertApp` is called before any upstream call for an
 * app; it returns when the caller may read that app and throws a `GatewayError` otherwise:
 * `UNAUTHENTICATED` when the caller did not prove who they are (missing, invalid or expired
 * token), `FORBIDDEN` when the token does not list the app.
 */
export interface CallerAccess {
  assertApp(appId: string): void;
}

/** Every app (no caller authentication configured, or a token whose claim is `"*"`). */
export const ANY_APP: CallerAccess = { assertApp() {} };

/** Only the apps listed. */
export function onlyApps(apps: ReadonlySet<string>): CallerAccess {
  return {
    assertApp(appId) {
      if (!apps.has(appId)) {
        throw new GatewayError(
          'FORBIDDEN',
          `Your token does not allow reading app ${JSON.stringify(appId)}.`,
        );
      }
    },
  };
}

/** Nothing: every app check fails with the same code and message (a fresh error each time). */
export function noAccess(code: 'UNAUTHENTICATED' | 'UPSTREAM_UNAVAILABLE', message: string): CallerAccess {
  return {
    assertApp() {
      throw new GatewayError(code, message);
    },
  };
}
