import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords are stored as `scrypt$<N>$<r>$<p>$<salt>$<hash>` (base64url). The cost
 * travels with the hash, so it can be raised later (or lowered in tests) without
 * breaking existing sign-ins.
 */
export const DEFAULT_SCRYPT_COST = 1 << 15;
const KEY_LENGTH = 32;
const FORMAT = /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{40,})$/;

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function memFor(N: number, r: number): number {
  return 256 * N * r;
}

export async function hashPassword(password: string, cost = DEFAULT_SCRYPT_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, { N: cost, r: 8, p: 1, maxmem: memFor(cost, 8) });
  return `scrypt$${cost}$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** For the CLI, which has nothing else to do meanwhile. */
export function hashPasswordSync(password: string, cost = DEFAULT_SCRYPT_COST): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFKC'), salt, KEY_LENGTH, { N: cost, r: 8, p: 1, maxmem: memFor(cost, 8) });
  return `scrypt$${cost}$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Constant-time check; false for a malformed stored hash rather than an exception. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = FORMAT.exec(stored);
  if (!m) return false;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!Number.isInteger(Math.log2(N)) || N < 2 || r < 1 || p < 1 || N > 1 << 20) return false;
  const expected = Buffer.from(m[5]!, 'base64url');
  const key = await scryptAsync(password, Buffer.from(m[4]!, 'base64url'), { N, r, p, maxmem: memFor(N, r) * p + 1024 * 1024 });
  return key.length === expected.length && timingSafeEqual(key, expected);
}
