import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema, meSchema, sessionSchema, type Session } from '../../src/shared/protocol/api';
import { CLOSE } from '../../src/shared/protocol/closeCodes';
import { startTestRelay, type TestRelay } from './support/relayHarness';

describe('sign-in, refresh, expiry, sign-out', () => {
  let t: TestRelay;
  let userId: string;

  beforeAll(async () => {
    t = await startTestRelay({ accessTtlMs: 60_000, refreshTtlMs: 3_600_000, signInAttempts: 3 });
    t.org('Test Org', 'none');
    userId = (await t.person('amy@example.com', { name: 'Amy' })).id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('signs in with email (any case) and password, returning a Session', async () => {
    const r = await t.api<Session>('POST', '/api/auth/sign-in', null, { email: '  AMY@Example.com ', password: 'correct horse battery' });
    expect(r.status).toBe(200);
    const s = sessionSchema.parse(r.body);
    expect(s.user).toMatchObject({ id: userId, email: 'amy@example.com', name: 'Amy', orgName: 'Test Org', isAdmin: false });
    expect(s.accessExpiresAt - Date.now()).toBeGreaterThan(50_000);
    expect(s.refreshExpiresAt - Date.now()).toBeGreaterThan(3_000_000);
    const me = await t.api('GET', '/api/me', s.accessToken);
    expect(meSchema.parse(me.body).id).toBe(userId);
  });

  it('refuses wrong passwords and unknown people alike (401), bad bodies with 400, and too many failures with 429', async () => {
    const wrong = await t.api('POST', '/api/auth/sign-in', null, { email: 'amy@example.com', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(apiErrorSchema.parse(wrong.body).error.code).toBe('invalid_credentials');
    const unknown = await t.api('POST', '/api/auth/sign-in', null, { email: 'nobody@example.com', password: 'whatever' });
    expect(unknown.status).toBe(401);
    const bad = await t.api('POST', '/api/auth/sign-in', null, { email: 'not an email' });
    expect(bad.status).toBe(400);
    expect(apiErrorSchema.parse(bad.body).error.code).toBe('bad_request');
    for (let i = 0; i < 3; i++) await t.api('POST', '/api/auth/sign-in', null, { email: 'amy@example.com', password: 'wrong' });
    const limited = await t.api('POST', '/api/auth/sign-in', null, { email: 'amy@example.com', password: 'correct horse battery' });
    expect(limited.status).toBe(429);
    t.advance(6 * 60_000);
    expect((await t.api('POST', '/api/auth/sign-in', null, { email: 'amy@example.com', password: 'correct horse battery' })).status).toBe(200);
  });

  it('an expired access token is refused by the API (401 token_expired) and by sync (4401)', async () => {
    const s = await t.signIn('amy@example.com');
    t.advance(61_000);
    const r = await t.api('GET', '/api/me', s.accessToken);
    expect(r.status).toBe(401);
    expect(apiErrorSchema.parse(r.body).error.code).toBe('token_expired');
    const c = t.connect(`inbox/${userId}`, s.accessToken);
    expect(await c.closed).toEqual({ code: CLOSE.unauthorized, reason: 'expired' });
  });

  it('a tampered token is refused', async () => {
    const s = await t.signIn('amy@example.com');
    const [v, payload, mac] = s.accessToken.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), exp: Date.now() + 10 ** 9 })).toString('base64url');
    expect((await t.api('GET', '/api/me', `${v}.${forged}.${mac}`)).status).toBe(401);
    expect((await t.api('GET', '/api/me', null)).status).toBe(401);
    const c = t.connect(`inbox/${userId}`, `${v}.${forged}.${mac}`);
    expect(await c.closed).toEqual({ code: CLOSE.unauthorized, reason: 'bad-signature' });
  });

  it('refresh rotates: the new pair works, the old refresh token works once only, and reuse ends the session', async () => {
    const s = await t.signIn('amy@example.com');
    const r1 = await t.api<Session>('POST', '/api/auth/refresh', null, { refreshToken: s.refreshToken });
    expect(r1.status).toBe(200);
    const s1 = sessionSchema.parse(r1.body);
    expect(s1.refreshToken).not.toBe(s.refreshToken);
    expect((await t.api('GET', '/api/me', s1.accessToken)).status).toBe(200);
    // Presenting the used token again means it was copied: the session ends.
    const reuse = await t.api('POST', '/api/auth/refresh', null, { refreshToken: s.refreshToken });
    expect(reuse.status).toBe(401);
    expect((await t.api('POST', '/api/auth/refresh', null, { refreshToken: s1.refreshToken })).status).toBe(401);
    expect((await t.api('GET', '/api/me', s1.accessToken)).status).toBe(401);
  });

  it('a refresh token expires', async () => {
    const s = await t.signIn('amy@example.com');
    t.advance(3_600_001);
    expect((await t.api('POST', '/api/auth/refresh', null, { refreshToken: s.refreshToken })).status).toBe(401);
  });

  it('sign-out by refresh token ends the session', async () => {
    const s = await t.signIn('amy@example.com');
    expect((await t.api('POST', '/api/auth/sign-out', null, { refreshToken: s.refreshToken })).status).toBe(204);
    expect((await t.api('POST', '/api/auth/refresh', null, { refreshToken: s.refreshToken })).status).toBe(401);
    expect((await t.api('GET', '/api/me', s.accessToken)).status).toBe(401);
  });

  it('keeps only hashes of refresh tokens and the signing secret in the data file', async () => {
    const s = await t.signIn('amy@example.com');
    const rows = t.relay.store.db.prepare('SELECT hash FROM refresh_tokens').all() as { hash: string }[];
    expect(rows.some((r) => r.hash === s.refreshToken)).toBe(false);
    const people = t.relay.store.db.prepare('SELECT password_hash FROM people').all() as { password_hash: string }[];
    for (const p of people) expect(p.password_hash).toMatch(/^scrypt\$/);
  });
});
