import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Access tokens: `v1.<payload>.<mac>`, payload base64url JSON {sub, sid, exp},
 * mac HMAC-SHA256 over `v1.<payload>` with the relay's secret. Stateless, so a
 * websocket or API request is checked without a lookup; the session id lets
 * sign-out end them early. Only characters valid in a Sec-WebSocket-Protocol
 * value, so browsers can pass the token there.
 */
const payloadSchema = z.object({ sub: z.string().min(1).max(64), sid: z.string().min(1).max(64), exp: z.number().int() });
export type AccessClaims = z.infer<typeof payloadSchema>;

const PREFIX = 'v1.';
const TOKEN_SHAPE = /^v1\.[A-Za-z0-9_-]{1,400}\.[A-Za-z0-9_-]{43}$/;

function mac(secret: Buffer, data: string): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

export function signAccessToken(secret: Buffer, claims: AccessClaims): string {
  const body = PREFIX + Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

export function looksLikeAccessToken(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}

export type TokenCheck = { ok: true; claims: AccessClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

export function verifyAccessToken(secret: Buffer, token: string, now: number): TokenCheck {
  if (!TOKEN_SHAPE.test(token)) return { ok: false, reason: 'malformed' };
  const dot = token.lastIndexOf('.');
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = mac(secret, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  let claims: AccessClaims;
  try {
    const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(body.slice(PREFIX.length), 'base64url').toString('utf8')));
    if (!parsed.success) return { ok: false, reason: 'malformed' };
    claims = parsed.data;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.exp <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
