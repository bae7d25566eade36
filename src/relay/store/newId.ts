import { randomBytes } from 'node:crypto';

/** A random id matching ID_PATTERN (16 base64url characters, 96 bits). */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}
