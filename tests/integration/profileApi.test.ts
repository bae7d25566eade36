import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema, directorySchema } from '../../src/shared/protocol/api';
import { profileReplySchema } from '../../src/shared/protocol/profile';
import { startTestRelay, type TestRelay } from './support/relayHarness';

describe('profile API (zone and working hours)', () => {
  let t: TestRelay;
  let alice: string;
  let bob: string;
  let outsider: string;

  beforeAll(async () => {
    t = await startTestRelay();
    const org = t.org('Test Org', 'availability');
    await t.person('alice@example.com', { org, name: 'Alice' });
    await t.person('bob@example.com', { org, name: 'Bob' });
    await t.person('eve@other.example', { org: t.org('Other Org', 'availability'), name: 'Eve' });
    alice = (await t.signIn('alice@example.com')).accessToken;
    bob = (await t.signIn('bob@example.com')).accessToken;
    outsider = (await t.signIn('eve@other.example')).accessToken;
  });
  afterAll(() => t.close());

  const hours = [
    { day: 1, start: '08:00', end: '16:00' },
    { day: 5, start: '09:30', end: '12:00' },
  ];

  it('starts empty, stores what the person sets and publishes it to their organisation only', async () => {
    const empty = await t.api('GET', '/api/profile', alice);
    expect(empty.status).toBe(200);
    expect(profileReplySchema.parse(empty.body)).toEqual({ zone: null, workingHours: null });

    const put = await t.api('PUT', '/api/profile', alice, { zone: 'Asia/Shanghai', workingHours: hours });
    expect(put.status).toBe(200);
    expect(profileReplySchema.parse((await t.api('GET', '/api/profile', alice)).body)).toEqual({ zone: 'Asia/Shanghai', workingHours: hours });

    const seenByBob = directorySchema.parse((await t.api('GET', '/api/directory', bob)).body);
    const a = seenByBob.people.find((p) => p.email === 'alice@example.com')!;
    expect([a.zone, a.workingHours]).toEqual(['Asia/Shanghai', hours]);
    // Bob has set nothing: the fields are absent, not invented.
    const b = seenByBob.people.find((p) => p.email === 'bob@example.com')!;
    expect('zone' in b).toBe(false);

    const seenOutside = directorySchema.parse((await t.api('GET', '/api/directory', outsider)).body);
    expect(seenOutside.people.some((p) => p.email === 'alice@example.com')).toBe(false);
  });

  it('replaces the profile on a second PUT', async () => {
    await t.api('PUT', '/api/profile', alice, { zone: 'America/New_York', workingHours: [] });
    expect(profileReplySchema.parse((await t.api('GET', '/api/profile', alice)).body)).toEqual({ zone: 'America/New_York', workingHours: [] });
  });

  it.each([
    ['an unknown zone', { zone: 'Mars/Olympus', workingHours: hours }],
    ['a missing zone', { workingHours: hours }],
    ['hours ending before they start', { zone: 'Europe/Berlin', workingHours: [{ day: 1, start: '17:00', end: '09:00' }] }],
    ['a weekday out of range', { zone: 'Europe/Berlin', workingHours: [{ day: 0, start: '09:00', end: '17:00' }] }],
    ['a malformed time', { zone: 'Europe/Berlin', workingHours: [{ day: 2, start: '9am', end: '17:00' }] }],
    ['a weekday twice', { zone: 'Europe/Berlin', workingHours: [hours[0], hours[0]] }],
    ['hours that are not a list', { zone: 'Europe/Berlin', workingHours: 'weekdays' }],
  ])('refuses %s with a 400 and keeps the stored profile', async (_what, body) => {
    const before = (await t.api('GET', '/api/profile', alice)).body;
    const r = await t.api('PUT', '/api/profile', alice, body);
    expect(r.status).toBe(400);
    expect(apiErrorSchema.safeParse(r.body).success).toBe(true);
    expect((await t.api('GET', '/api/profile', alice)).body).toEqual(before);
  });

  it('needs a signed-in caller', async () => {
    expect((await t.api('GET', '/api/profile', null)).status).toBe(401);
    expect((await t.api('PUT', '/api/profile', null, { zone: 'UTC', workingHours: [] })).status).toBe(401);
  });
});
