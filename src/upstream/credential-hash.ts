import { createHash } from 'node:crypto';

/**
 * A hasher for keys that hold a credential (so raw tokens are never kept as map keys):
 * sha256, base64url. It keeps the last text it hashed and that hash, so a gateway calling
 * with one token (service mode, the usual case) hashes it once instead of on every upstream
 * call. It holds one credential at most, the last one used.
 */
export function lastCredentialHasher(): (text: string) => string {
  let lastText: string | undefined;
  let lastHash = '';
  return (text) => {
    if (text !== lastText) {
      lastHash = createHash('sha256').update(text).digest('base64url');
      lastText = text;
    }
    return lastHash;
  };
}
