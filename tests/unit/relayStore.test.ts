import { describe, expect, it } from 'vitest';
import { signAccessToken, verifyAccessToken } from '../../src/relay/auth/accessToken';
import { hashPassword, verifyPassword } from '../../src/relay/auth/hashPassword';
import { MIGRATIONS } from '../../src/relay/store/migrations';
import { openStore } from '../../src/relay/store/Store';
import { TokenBucket } from '../../src/relay/sync/TokenBucket';
import { parseAwarenessUpdate } from '../../src/relay/sync/parseAwarenessUpdate';

describe('relay store', () => {
  it('migrates by user_version', () => {
    const store = openStore(':memory:');
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    store.close();
  });

  it('refuses a damaged row instead of using it', () => {
    const store = openStore(':memory:');
    const org = store.directory.createOrg('O', 'none', 1);
    store.db.prepare("UPDATE orgs SET default_level = 'superuser' WHERE id = ?").run(org.id);
    expect(() => store.directory.org(org.id)).toThrow(/Damaged row in orgs/);
    store.close();
  });

  it('compacts a room into a snapshot and the updates after it', () => {
    const store = openStore(':memory:');
    const a = store.rooms.append('r', new Uint8Array([1]));
    store.rooms.append('r', new Uint8Array([2]));
    store.rooms.compact('r', new Uint8Array([9]), a + 1, 5);
    const c = store.rooms.append('r', new Uint8Array([3]));
    expect(store.rooms.load('r')).toEqual({ snapshot: Buffer.from([9]), updates: [{ id: c, data: Buffer.from([3]) }], lastId: c });
    store.rooms.deletePrefix('r');
    expect(store.rooms.load('r')).toEqual({ snapshot: null, updates: [], lastId: 0 });
    store.close();
  });
});

describe('relay auth primitives', () => {
  it('passwords: scrypt, verified in constant time, malformed hashes refused', async () => {
    const h = await hashPassword('secret password', 16);
    expect(h).toMatch(/^scrypt\$16\$8\$1\$/);
    expect(await verifyPassword('secret password', h)).toBe(true);
    expect(await verifyPassword('Secret password', h)).toBe(false);
    expect(await verifyPassword('x', 'plain')).toBe(false);
  });

  it('access tokens: signed, expiring, tamper-evident', () => {
    const secret = Buffer.alloc(32, 7);
    const token = signAccessToken(secret, { sub: 'u', sid: 's', exp: 2_000 });
    expect(verifyAccessToken(secret, token, 1_000)).toEqual({ ok: true, claims: { sub: 'u', sid: 's', exp: 2_000 } });
    expect(verifyAccessToken(secret, token, 2_000)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyAccessToken(Buffer.alloc(32, 8), token, 1_000)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyAccessToken(secret, `${token}x`, 1_000).ok).toBe(false);
    expect(verifyAccessToken(secret, 'Bearer nonsense', 1_000)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('relay sync primitives', () => {
  it('token bucket: a burst, then the rate', () => {
    const b = new TokenBucket(3, 10, 0);
    expect([b.take(1, 0), b.take(1, 0), b.take(1, 0), b.take(1, 0)]).toEqual([true, true, true, false]);
    expect(b.take(1, 100)).toBe(true);
    expect(b.take(1, 100)).toBe(false);
  });

  it('awareness updates are read whole or refused', () => {
    expect(parseAwarenessUpdate(new Uint8Array([1, 5, 1, 2, 123, 125]))).toEqual([{ clientId: 5, clock: 1, state: {} }]);
    expect(parseAwarenessUpdate(new Uint8Array([1, 5, 1, 10, 123]))).toBeNull();
    expect(parseAwarenessUpdate(new Uint8Array([1, 5, 1, 4, 110, 117, 108, 108, 9]))).toBeNull();
  });
});
