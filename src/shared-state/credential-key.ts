import { createHash, createHmac, createSecretKey, randomBytes } from 'node:crypto';

/**
 * Turns an upstream credential (the `Authorization` value) into the short id that scopes
 * cache entries, generations and rate-budget cells: an HMAC-SHA-256 under a key the
 * process holds, so neither a key in Redis nor a heap dump of key strings gives the token
 * back, and no one without the key can compute the id of a token they guess.
 *
 * The key: `CACHE_KEY_SECRET` when set (the same in every process sharing a Redis); else,
 * in service mode, one derived from the service token (every replica has it); else a
 * random key for this process only.
 */
export type CredentialKey = (authorization: string) => string;

export function credentialKeyFn(secret: string | undefined, serviceToken: string | undefined): CredentialKey {
  const key =
    secret !== undefined
      ? Buffer.from(secret, 'utf8')
      : serviceToken !== undefined
        ? createHash('sha256').update('realtimekit-gateway cache key\0').update(serviceToken).digest()
        : randomBytes(32);

  const secretKey = createSecretKey(key);
  // Most requests carry the credential of the one before (always so in service mode).
  let last: { authorization: string; id: string } | undefined;
  return (authorization) => {
    if (last?.authorization !== authorization) {
      const id = createHmac('sha256', secretKey).update(authorization).digest('base64url').slice(0, 32);
      last = { authorization, id };
    }
    return last.id;
  };
}
