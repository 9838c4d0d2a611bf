import { createHash, createHmac, randomBytes } from 'node:crypto';

/** A random bearer secret such as `rt_…`; 32 bytes of entropy. */
export function randomToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** For random, high-entropy tokens a plain SHA-256 is the right stored form (no salt needed). */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function hmacSha256Hex(key: string, value: string): string {
  return createHmac('sha256', key).update(value).digest('hex');
}
