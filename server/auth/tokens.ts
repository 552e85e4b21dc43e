import { createHash, randomBytes } from 'node:crypto';

/** A random token of 32 bytes, base64url (for cookies, invitation links and CSRF). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a token: its SHA-256, so a leaked table does not leak sessions or links. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
