import { createHash, createHmac, randomBytes } from 'node:crypto';

/** A random bearer secret such as `rt_…`; 32 bytes of entropy. */
export function randomToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** For random, high-entropy tokens a plain SHA-256 is the right stored form (no salt needed). */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * A new machine credential: the token, shown once, and what is stored of it (its SHA-256, and a
 * prefix that lets people tell tokens apart without revealing them).
 */
export function issueToken(prefix: string): { token: string; tokenHash: string; tokenPrefix: string } {
  const token = randomToken(prefix);
  return { token, tokenHash: sha256Hex(token), tokenPrefix: token.slice(0, 10) };
}

export function hmacSha256Hex(key: string, value: string): string {
  return createHmac('sha256', key).update(value).digest('hex');
}
