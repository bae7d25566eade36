import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { defaultWhat, type Attendee } from '../../src/shared/model/CalendarEvent';
import { writeEvent } from '../../src/shared/model/eventDocument';
import { auditListSchema, directorySchema } from '../../src/shared/protocol/api';
import { readAccess, readInboxItems } from '../../src/shared/protocol/inboxDocument';
import type { MeetingItem } from '../../src/shared/protocol/meetings';
import { sharedAddressListSchema, sharedAddressSchema, type SharedAddress } from '../../src/shared/protocol/sharedAddresses';
import { CLOSE } from '../../src/shared/protocol/closeCodes';
import { runAdminCommand } from '../../src/relay/cli/runAdminCommand';
import { openStore } from '../../src/relay/store/Store';
import { when } from './support/events';
import { PASSWORD, startTestRelay, waitFor, type SyncClient, type TestRelay } from './support/relayHarness';

/**
 * Shared addresses (sales@) through a real relay: listed in the directory,
 * cannot sign in, members reach its calendar as delegates (added and removed
 * at once), aliases (at most five) resolve meeting requests to its members.
 */
describe('shared addresses', () => {
  let t: TestRelay;
  let admin: string;
  let alice: { id: string; token: string; calendarId: string; full: SyncClient };
  let bob: { id: string; token: string; inbox: SyncClient };
  let carol: { id: string; token: string; inbox: SyncClient };
  let sales: SharedAddress;

  const attendee = (email: string): Attendee => ({ email, name: email.split('@')[0]!, role: 'required', response: 'needs-action' });
  const writeMeeting = (doc: Y.Doc, key: string, to: string) =>
    doc.transact(() =>
      writeEvent(doc, key, {
        when: when('2026-05-04T10:00', '2026-05-04T11:00'),
        what: defaultWhat(`Meeting ${key}`),
        who: { organizer: { ...attendee('alice@example.com'), role: 'chair', response: 'accepted' }, attendees: [attendee(to)] },
      }),
    );
  const meetingsFor = (inbox: SyncClient, forId: string) => readInboxItems(inbox.doc).filter((i): i is MeetingItem => i.kind === 'meeting' && i.forId === forId);

  beforeAll(async () => {
    t = await startTestRelay({ roomIdleMs: 60_000 });
    t.org('Test Org', 'none');
    await t.person('admin@example.com', { admin: true });
    admin = (await t.signIn('admin@example.com')).accessToken;
    const a = await t.person('alice@example.com');
    const as = await t.signIn('alice@example.com');
    const calendarId = (await t.api<{ id: string }>('POST', '/api/calendars', as.accessToken, { name: 'Alice' })).body.id;
    const full = t.connect(`cal/${calendarId}/full`, as.accessToken);
    alice = { id: a.id, token: as.accessToken, calendarId, full };
    const b = await t.person('bob@example.com');
    const bs = await t.signIn('bob@example.com');
    bob = { id: b.id, token: bs.accessToken, inbox: t.connect(`inbox/${b.id}`, bs.accessToken) };
    const c = await t.person('carol@example.com');
    const cs = await t.signIn('carol@example.com');
    carol = { id: c.id, token: cs.accessToken, inbox: t.connect(`inbox/${c.id}`, cs.accessToken) };
    await Promise.all([full.synced, bob.inbox.synced, carol.inbox.synced]);
  });
  afterAll(async () => t.close());

  it('is created by an admin, with its own calendar, and listed in the directory as a shared address', async () => {
    expect((await t.api('POST', '/api/admin/shared-addresses', alice.token, { email: 'sales@example.com', name: 'Sales' })).status).toBe(403);
    expect((await t.api('POST', '/api/admin/shared-addresses', admin, { email: 'not-an-email', name: 'Sales' })).status).toBe(400);
    expect((await t.api('POST', '/api/admin/shared-addresses', admin, { email: 'sales@example.com', name: '' })).status).toBe(400);
    expect((await t.api('POST', '/api/admin/shared-addresses', admin, { email: 'alice@example.com', name: 'Taken' })).status).toBe(409);
    const r = await t.api('POST', '/api/admin/shared-addresses', admin, { email: 'Sales@Example.com', name: 'Sales' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    sales = sharedAddressSchema.parse(r.body);
    expect(sales).toMatchObject({ email: 'sales@example.com', name: 'Sales', members: [], aliases: [] });
    expect(t.relay.store.sharing.calendar(sales.calendarId)?.owner_id).toBe(sales.id);
    const dir = directorySchema.parse((await t.api('GET', '/api/directory', alice.token)).body);
    expect(dir.people.find((p) => p.id === sales.id)).toMatchObject({ kind: 'shared address', aliases: [] });
    expect(dir.people.find((p) => p.id === alice.id)?.kind).toBeUndefined();
    const list = sharedAddressListSchema.parse((await t.api('GET', '/api/admin/shared-addresses', admin)).body);
    expect(list.sharedAddresses.map((s) => s.id)).toEqual([sales.id]);
  });

  it('cannot sign in, whatever password is tried', async () => {
    for (const password of [PASSWORD, '!shared-address', 'x']) {
      expect((await t.api('POST', '/api/auth/sign-in', null, { email: 'sales@example.com', password })).status).toBe(401);
    }
  });

  it('members get delegate access to its calendar at once, and lose it at once', async () => {
    expect((await t.api('PUT', `/api/admin/shared-addresses/${sales.id}/members`, alice.token, { userId: bob.id })).status).toBe(403);
    expect((await t.api('PUT', `/api/admin/shared-addresses/${sales.id}/members`, admin, { userId: 'nobody' })).status).toBe(404);
    expect((await t.api('PUT', `/api/admin/shared-addresses/${sales.id}/members`, admin, {})).status).toBe(400);
    expect((await t.api('PUT', `/api/admin/shared-addresses/nope/members`, admin, { userId: bob.id })).status).toBe(404);
    expect((await t.api('PUT', `/api/admin/shared-addresses/${sales.id}/members`, admin, { userId: sales.id })).status).toBe(400);
    for (const id of [bob.id, carol.id]) {
      const r = await t.api('PUT', `/api/admin/shared-addresses/${sales.id}/members`, admin, { userId: id });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    await waitFor(() => readAccess(bob.inbox.doc).some((a) => a.id === sales.calendarId && a.level === 'delegate'), 5_000, 'bob delegate');
    const privateRoom = t.connect(`cal/${sales.calendarId}/private`, carol.token);
    await privateRoom.synced;
    const full = t.connect(`cal/${sales.calendarId}/full`, carol.token);
    await full.synced;
    const r = await t.api('DELETE', `/api/admin/shared-addresses/${sales.id}/members/${carol.id}`, admin);
    expect(sharedAddressSchema.parse(r.body).members).toEqual([bob.id]);
    expect((await full.closed).code).toBe(CLOSE.forbidden);
    expect((await privateRoom.closed).code).toBe(CLOSE.forbidden);
    await waitFor(() => !readAccess(carol.inbox.doc).some((a) => a.id === sales.calendarId), 5_000, 'carol loses it');
    expect((await t.api('DELETE', `/api/admin/shared-addresses/${sales.id}/members/${carol.id}`, admin)).status).toBe(404);
  });

  it('at most five aliases; a sixth is refused with a clear error; aliases must be free', async () => {
    for (let i = 1; i <= 5; i++) {
      const r = await t.api('POST', `/api/admin/shared-addresses/${sales.id}/aliases`, admin, { alias: `sales${i}@example.com` });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const sixth = await t.api<{ error: { code: string; message: string } }>('POST', `/api/admin/shared-addresses/${sales.id}/aliases`, admin, { alias: 'sales6@example.com' });
    expect(sixth.status).toBe(409);
    expect(sixth.body.error.code).toBe('too_many_aliases');
    expect(sixth.body.error.message).toMatch(/at most 5 aliases/);
    expect((await t.api('POST', `/api/admin/shared-addresses/${sales.id}/aliases`, admin, { alias: 'bob@example.com' })).status).toBe(409);
    expect((await t.api('POST', `/api/admin/shared-addresses/${sales.id}/aliases`, admin, { alias: 'nope' })).status).toBe(400);
    expect((await t.api('POST', `/api/admin/shared-addresses/${sales.id}/aliases`, alice.token, { alias: 'x@example.com' })).status).toBe(403);
    expect((await t.api('DELETE', `/api/admin/shared-addresses/${sales.id}/aliases`, admin, { alias: 'unknown@example.com' })).status).toBe(404);
    const removed = await t.api('DELETE', `/api/admin/shared-addresses/${sales.id}/aliases`, admin, { alias: 'sales5@example.com' });
    expect(sharedAddressSchema.parse(removed.body).aliases).toHaveLength(4);
    // Aliases are taken: a new person or another shared address cannot use one.
    expect((await t.api('POST', '/api/admin/shared-addresses', admin, { email: 'sales1@example.com', name: 'Dup' })).status).toBe(409);
    const dir = directorySchema.parse((await t.api('GET', '/api/directory', alice.token)).body);
    expect(dir.people.find((p) => p.id === sales.id)?.aliases).toEqual(['sales1@example.com', 'sales2@example.com', 'sales3@example.com', 'sales4@example.com']);
  });

  it('meeting requests to the address or to an alias reach its members', async () => {
    writeMeeting(alice.full.doc, 'direct', 'sales@example.com');
    writeMeeting(alice.full.doc, 'alias', 'SALES2@example.com');
    await waitFor(() => meetingsFor(bob.inbox, sales.id).length === 2, 5_000, 'bob gets both requests for sales');
    expect(meetingsFor(bob.inbox, sales.id).map((m) => m.eventKey).sort()).toEqual(['alias', 'direct']);
    // Carol left: nothing for her.
    expect(meetingsFor(carol.inbox, sales.id)).toEqual([]);
  });

  it('CLI: create, members, aliases, list; audited', async () => {
    const store = openStore(t.relay.dbPath);
    const out: string[] = [];
    try {
      await runAdminCommand(store, ['add-shared-address', '--email', 'pr@example.com', '--name', 'PR'], (l) => out.push(l));
      await runAdminCommand(store, ['add-address-member', '--address', 'pr@example.com', '--email', 'carol@example.com'], (l) => out.push(l));
      await runAdminCommand(store, ['add-alias', '--address', 'pr@example.com', '--alias', 'press@example.com'], (l) => out.push(l));
      await runAdminCommand(store, ['list-shared-addresses'], (l) => out.push(l));
      await expect(runAdminCommand(store, ['add-alias', '--address', 'bob@example.com', '--alias', 'x@example.com'], () => {})).rejects.toThrow(/not a shared address/);
      await expect(runAdminCommand(store, ['add-alias', '--address', 'pr@example.com', '--alias', 'bad'], () => {})).rejects.toThrow();
    } finally {
      store.close();
    }
    const text = out.join('\n');
    expect(text).toContain('Added shared address pr@example.com');
    expect(text).toMatch(/pr@example\.com {2}PR .*members: carol@example\.com {2}aliases: press@example\.com/);
    const pr = t.relay.store.directory.personByEmail('pr@example.com')!;
    const prCal = t.relay.store.sharedAddresses.get(pr.id)!.calendar_id;
    await waitFor(() => readAccess(carol.inbox.doc).some((a) => a.id === prCal && a.level === 'delegate'), 5_000, 'carol delegate via CLI');
    const audit = auditListSchema.parse((await t.api('GET', '/api/admin/audit', admin)).body);
    for (const action of ['shared-address.create', 'shared-address.add-member', 'shared-address.remove-member', 'shared-address.add-alias', 'shared-address.remove-alias']) {
      expect(audit.entries.some((e) => e.action === action), action).toBe(true);
    }
  });
});
