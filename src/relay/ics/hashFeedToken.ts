import { createHash } from 'node:crypto';

/** Feeds are looked up by a hash of their token, like refresh tokens (AuthService). */
export function hashFeedToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
