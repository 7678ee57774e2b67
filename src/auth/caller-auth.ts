import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';
import type { CallerAuthConfig, JwtRules } from '../config.ts';
import type { RequestHeaders } from '../request-headers.ts';
import { type Allowed, ANY_APP, type CallerAccess, noAccess, onlyAllowed } from './caller-access.ts';

/**
 * Caller authentication: turns a request's `Authorization: Bearer <JWT>` into the apps
 * its caller may read. HS256 tokens are checked with AUTH_JWT_SECRET; RS256/ES256 tokens
 * with the keys of AUTH_JWKS_URL (fetched on first use, cached, refetched when a token
 * names an unknown key, at most every 30 s). `exp` and `nbf` are honoured when present,
 * `aud` and `iss` are required to match when AUTH_AUDIENCE / AUTH_ISSUER are set. The
 * claim AUTH_APPS_CLAIM holds the app ids the caller may read, or `"*"` for all (a list
 * holding `"*"` means all too). The claim AUTH_ACCOUNTS_CLAIM, when the token has it, holds
 * the account ids the caller may read, with the same rules; a token without it is not
 * bound to accounts. The `scope` claim (space-separated) must hold `meetings:write` or
 * `participants:write` for the mutations of that kind.
 *
 * `authenticate` never throws and never makes an upstream call: a missing, invalid or
 * expired token gives an access whose every check fails with `UNAUTHENTICATED`. Messages
 * never contain the token.
 */
export interface CallerAuthenticator {
  authenticate(request: RequestHeaders): Promise<CallerAccess>;
}

const MISSING =
  'Send an Authorization header with a Bearer token: this gateway requires callers to authenticate.';
const INVALID = 'The bearer token is not valid.';

export function createCallerAuthenticator(config: CallerAuthConfig): CallerAuthenticator {
  if (config.kind === 'none') return { authenticate: async () => ANY_APP };
  const claims = claimChecks(config);
  let verify: (token: string) => Promise<{ payload: JWTPayload }>;
  if (config.kind === 'hs256') {
    const secret = new TextEncoder().encode(config.secret);
    verify = (token) => jwtVerify(token, secret, { ...claims, algorithms: ['HS256'] });
  } else {
    const keys = createRemoteJWKSet(new URL(config.jwksUrl), {
      timeoutDuration: 5_000,
      cooldownDuration: 30_000,
    });
    verify = (token) => jwtVerify(token, keys, { ...claims, algorithms: ['RS256', 'ES256'] });
  }
  return {
    async authenticate(request) {
      const token = bearerToken(request.headers.get('authorization'));
      if (token === undefined) return noAccess('UNAUTHENTICATED', MISSING);
      let payload: JWTPayload;
      try {
        ({ payload } = await verify(token));
      } catch (error) {
        return rejection(error, config.kind === 'jwks');
      }
      const accountsClaim = payload[config.accountsClaim];
      return onlyAllowed(
        allowedFromClaim(payload[config.appsClaim]),
        accountsClaim === undefined ? '*' : allowedFromClaim(accountsClaim),
        scopesFromClaim(payload.scope),
      );
    },
  };
}

/**
 * `aud` and `iss` checks, when configured; `exp` is required unless AUTH_ALLOW_NO_EXP=true
 * (`exp` and `nbf` are always checked by jose when present).
 */
function claimChecks(rules: JwtRules): { audience?: string; issuer?: string; requiredClaims?: string[] } {
  return {
    ...(rules.allowNoExp ? {} : { requiredClaims: ['exp'] }),
    ...(rules.audience !== undefined ? { audience: rules.audience } : {}),
    ...(rules.issuer !== undefined ? { issuer: rules.issuer } : {}),
  };
}

/** The token of a `Bearer` Authorization header (scheme in any case); undefined otherwise. */
export function bearerToken(header: string | null): string | undefined {
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/** The access for a token that failed verification; `remote` when keys come from AUTH_JWKS_URL. */
function rejection(error: unknown, remote: boolean): CallerAccess {
  if (error instanceof errors.JWTExpired) return noAccess('UNAUTHENTICATED', 'The bearer token has expired.');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'exp' && error.reason === 'missing') {
      return noAccess(
        'UNAUTHENTICATED',
        'The bearer token has no expiry (exp claim); this gateway accepts only tokens that expire.',
      );
    }
    if (error.claim === 'nbf') return noAccess('UNAUTHENTICATED', 'The bearer token is not valid yet.');
    if (error.claim === 'aud') {
      return noAccess('UNAUTHENTICATED', 'The bearer token was issued for another audience.');
    }
    if (error.claim === 'iss') return noAccess('UNAUTHENTICATED', 'The bearer token has the wrong issuer.');
    return noAccess('UNAUTHENTICATED', INVALID);
  }
  if (remote && (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError))) {
    // The key set could not be fetched (or answered garbage): not the caller's fault.
    return noAccess(
      'UPSTREAM_UNAVAILABLE',
      'The keys that check bearer tokens could not be fetched; try again later.',
    );
  }
  return noAccess('UNAUTHENTICATED', INVALID);
}

/** The `scope` claim: space-separated scopes (OAuth 2.0 style); anything else → none. */
function scopesFromClaim(claim: unknown): Set<string> {
  return new Set(typeof claim === 'string' ? claim.split(' ').filter((scope) => scope !== '') : []);
}

/** `"*"` or a list holding `"*"` → every id; a list → its string items; anything else → none. */
function allowedFromClaim(claim: unknown): Allowed {
  if (claim === '*') return '*';
  if (!Array.isArray(claim)) return new Set();
  if (claim.includes('*')) return '*';
  return new Set(claim.filter((item): item is string => typeof item === 'string'));
}
