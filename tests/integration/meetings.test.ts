import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { defaultWhat, type Attendee, type EventWho } from '../../src/shared/model/CalendarEvent';
import { deleteEventKey, groupMap, parseGroup, readEvent, writeEvent } from '../../src/shared/model/eventDocument';
import { readInboxItems } from '../../src/shared/protocol/inboxDocument';
import { privateStub } from '../../src/shared/protocol/projectGroups';
import { cancelNoteKey, meetingAnswersMap, meetingCancelNotesMap, type MeetingItem, type MeetingReply } from '../../src/shared/protocol/meetings';
import { when } from './support/events';
import { startTestRelay, waitFor, type SyncClient, type TestRelay } from './support/relayHarness';

/**
 * Meetings through a real relay with real y-websocket clients: the organiser
 * writes an event with attendees into their calendar's `full` room; requests,
 * answers (from the answering person's own `user/<id>` room), updates and
 * cancellations travel through the relay's derivation alone.
 */
describe('meetings', () => {
  let t: TestRelay;
  interface Person {
    id: string;
    email: string;
    token: string;
    inbox: SyncClient;
    overlay: SyncClient;
    calendarId: string;
  }
  const people: Record<string, Person> = {};
  let aliceFull: SyncClient;

  const attendee = (email: string, role: Attendee['role'] = 'required'): Attendee => ({ email, name: email.split('@')[0]!, role, response: 'needs-action' });
  const meetingsOf = (who: string): MeetingItem[] => readInboxItems(people[who]!.inbox.doc).filter((i): i is MeetingItem => i.kind === 'meeting');
  const meetingOf = (who: string, key: string, forWho = who) => meetingsOf(who).find((m) => m.eventKey === key && m.forId === people[forWho]!.id);
  /** The relay's own copy of an inbox: final as soon as the relay handled the update that would have changed it. */
  const relayMeetings = (who: string): MeetingItem[] => readInboxItems(t.relay.rooms.open({ kind: 'inbox', userId: people[who]!.id }).doc).filter((i): i is MeetingItem => i.kind === 'meeting');
  const repliesOf = (who: string): MeetingReply[] => readInboxItems(people[who]!.inbox.doc).filter((i): i is MeetingReply => i.kind === 'meeting-reply');
  const whoIn = (doc: Y.Doc, key: string): EventWho | null => parseGroup('who', groupMap(doc, 'who').get(key));
  const answer = (who: string, itemId: string, response: 'accepted' | 'tentative' | 'declined', comment = '', at = Date.now(), version?: number) => {
    const doc = people[who]!.overlay.doc;
    doc.transact(() => meetingAnswersMap(doc).set(itemId, JSON.stringify({ response, comment, at, version })));
  };
  const openFull = async (calendarId: string, token: string) => {
    const c = t.connect(`cal/${calendarId}/full`, token);
    await c.synced;
    return c;
  };
  const writeMeeting = (doc: Y.Doc, key: string, attendees: Attendee[], title = 'Planning', organizer = 'alice@example.com') => {
    doc.transact(() => writeEvent(doc, key, { when: when('2026-05-04T10:00', '2026-05-04T11:00'), what: { ...defaultWhat(title), location: 'Room 1' }, who: { organizer: { ...attendee(organizer), role: 'chair', response: 'accepted' }, attendees } }));
  };

  beforeAll(async () => {
    t = await startTestRelay();
    t.org('Test Org', 'availability');
    const outside = t.org('Other Org', 'none');
    for (const name of ['alice', 'bob', 'carol', 'dave', 'xena']) {
      const p = await t.person(`${name}@example.com`, name === 'xena' ? { org: outside } : {});
      const s = await t.signIn(`${name}@example.com`);
      const calendarId = (await t.api<{ id: string }>('POST', '/api/calendars', s.accessToken, { name: `${name}'s calendar` })).body.id;
      const inbox = t.connect(`inbox/${p.id}`, s.accessToken);
      const overlay = t.connect(`user/${p.id}`, s.accessToken);
      await Promise.all([inbox.synced, overlay.synced]);
      people[name] = { id: p.id, email: p.email, token: s.accessToken, inbox, overlay, calendarId };
    }
    // Dave is Carol's delegate: he receives her meeting requests and answers for her.
    const r = await t.api('PUT', `/api/calendars/${people.carol!.calendarId}/grants`, people.carol!.token, { subject: { kind: 'user', id: people.dave!.id }, level: 'delegate' });
    expect(r.status).toBe(200);
    aliceFull = await openFull(people.alice!.calendarId, people.alice!.token);
  });
  afterAll(async () => {
    await t.close();
  });

  it('delivers a request to each internal attendee and their delegates, and nothing for outside addresses', async () => {
    writeMeeting(aliceFull.doc, 'm1', [attendee('bob@example.com'), attendee('Carol@Example.com', 'optional'), attendee('someone@elsewhere.test'), attendee('xena@example.com')]);
    await waitFor(() => meetingOf('bob', 'm1') !== undefined && meetingOf('carol', 'm1') !== undefined && meetingOf('dave', 'm1', 'carol') !== undefined, 5_000, 'requests');
    const bob = meetingOf('bob', 'm1')!;
    expect(bob).toMatchObject({ status: 'request', calendarId: people.alice!.calendarId, title: 'Planning', location: 'Room 1', organizer: { email: 'alice@example.com' }, version: 1, answer: null, forName: 'bob' });
    expect(bob.when.start).toBe('2026-05-04T10:00');
    const forCarol = meetingOf('dave', 'm1', 'carol')!;
    expect(forCarol.forName).toBe('carol');
    expect(forCarol.id).toBe(meetingOf('carol', 'm1')!.id);
    // Dave is nobody's attendee here: only Carol's request reaches him.
    expect(meetingsOf('dave')).toHaveLength(1);
    // Another organisation's person and outside addresses get nothing: the relay
    // wrote every inbox in the step that delivered Bob's, so its own copies are final.
    expect(relayMeetings('xena')).toHaveLength(0);
    expect(relayMeetings('alice')).toHaveLength(0);
  });

  it('brings answers to the organiser, from the attendee and from a delegate, and puts accepted meetings in the attendee calendar', async () => {
    const bobItem = meetingOf('bob', 'm1')!;
    answer('bob', bobItem.id, 'accepted', 'See you there');
    await waitFor(() => whoIn(aliceFull.doc, 'm1')?.attendees.find((a) => a.email === 'bob@example.com')?.response === 'accepted', 5_000, "bob's answer");
    expect(whoIn(aliceFull.doc, 'm1')!.attendees.find((a) => a.email === 'bob@example.com')!.comment).toBe('See you there');
    await waitFor(() => repliesOf('alice').some((r) => r.fromEmail === 'bob@example.com' && r.response === 'accepted' && r.comment === 'See you there'));
    await waitFor(() => meetingOf('bob', 'm1')?.answer?.response === 'accepted');

    const bobFull = await openFull(people.bob!.calendarId, people.bob!.token);
    await waitFor(() => readEvent(bobFull.doc, 'm1') !== null, 5_000, "bob's copy");
    const copy = readEvent(bobFull.doc, 'm1')!;
    expect(copy.what.title).toBe('Planning');
    expect(copy.who.organizer?.email).toBe('alice@example.com');

    const carolItem = meetingOf('dave', 'm1', 'carol')!;
    answer('dave', carolItem.id, 'declined', 'Carol is away');
    await waitFor(() => whoIn(aliceFull.doc, 'm1')?.attendees.find((a) => a.email === 'Carol@Example.com')?.response === 'declined', 5_000, "carol's answer by dave");
    await waitFor(() => meetingOf('carol', 'm1')?.answer?.byName === 'dave');
    expect(repliesOf('alice').find((r) => r.fromName === 'carol')).toMatchObject({ byName: 'dave', response: 'declined', comment: 'Carol is away' });
    // Bob's answer stays.
    expect(whoIn(aliceFull.doc, 'm1')!.attendees.find((a) => a.email === 'bob@example.com')!.response).toBe('accepted');
  });

  it('never lets an answer change anything but the answering attendee’s own response', async () => {
    const before = JSON.stringify(readEvent(aliceFull.doc, 'm1'));
    const carolItem = meetingOf('carol', 'm1')!;
    // Bob answers Carol's request (he never received it), then sends garbage.
    answer('bob', carolItem.id, 'accepted');
    const bobOverlay = people.bob!.overlay.doc;
    bobOverlay.transact(() => {
      meetingAnswersMap(bobOverlay).set(meetingOf('bob', 'm1')!.id, JSON.stringify({ response: 'accepted', comment: 'x'.repeat(5_000), at: Date.now() }));
      meetingAnswersMap(bobOverlay).set('not-a-meeting', JSON.stringify({ response: 'needs-action', comment: '', at: 1 }));
      meetingAnswersMap(bobOverlay).set('m-junk', '{"response":');
      meetingAnswersMap(bobOverlay).set(meetingOf('bob', 'm1')!.id + 'x', JSON.stringify({ response: 'declined', comment: '', at: Date.now(), title: 'Hacked' }));
    });
    // The relay handled them once its copy of Bob's overlay holds them.
    await waitFor(() => t.relay.rooms.open({ kind: 'user', userId: people.bob!.id }).doc.getMap('meetingAnswers').has('m-junk'), 5_000, 'the relay to hold the answers');
    expect(t.logs.some((l) => l.includes('did not receive'))).toBe(true);
    expect(JSON.stringify(readEvent(t.relay.rooms.open({ kind: 'calendar', calendarId: people.alice!.calendarId, doc: 'full' }).doc, 'm1'))).toBe(before);
    expect(JSON.stringify(readEvent(aliceFull.doc, 'm1'))).toBe(before);

    // Bob cannot write the organiser's calendar at all (not shared with him for writing).
    const bobOnAlice = t.connect(`cal/${people.alice!.calendarId}/full`, people.bob!.token);
    const outcome = await Promise.race([bobOnAlice.synced.then(() => 'synced' as const), bobOnAlice.closed]);
    expect(outcome).not.toBe('synced');

    // A meeting in Bob's own calendar claiming Alice as organiser sends nothing.
    const bobFull = await openFull(people.bob!.calendarId, people.bob!.token);
    writeMeeting(bobFull.doc, 'spoof', [attendee('carol@example.com')], 'Spoofed');
    await waitFor(() => t.relay.rooms.open({ kind: 'calendar', calendarId: people.bob!.calendarId, doc: 'full' }).doc.getMap('when').has('spoof'));
    expect(relayMeetings('carol').some((m) => m.eventKey === 'spoof')).toBe(false);
  });

  it('brings updates and cancellations (with the organiser’s message) to attendees and their copies', async () => {
    writeMeeting(aliceFull.doc, 'm1', whoIn(aliceFull.doc, 'm1')!.attendees, 'Planning (moved)');
    await waitFor(() => meetingOf('bob', 'm1')?.title === 'Planning (moved)', 5_000, 'the update');
    expect(meetingOf('bob', 'm1')!.version).toBe(2);
    expect(meetingOf('bob', 'm1')!.answer?.response).toBe('accepted');
    const bobFull = await openFull(people.bob!.calendarId, people.bob!.token);
    await waitFor(() => readEvent(bobFull.doc, 'm1')?.what.title === 'Planning (moved)', 5_000, "bob's copy updated");
    // The organiser's device wrote `who` with Bob still "needs-action" (an old copy): the stored answers win.
    expect(whoIn(aliceFull.doc, 'm1')!.attendees.find((a) => a.email === 'bob@example.com')!.response).toBe('accepted');

    const aliceOverlay = people.alice!.overlay.doc;
    aliceOverlay.transact(() =>
      meetingCancelNotesMap(aliceOverlay).set(cancelNoteKey(people.alice!.calendarId, 'm1'), JSON.stringify({ calendarId: people.alice!.calendarId, eventKey: 'm1', message: 'Sorry, cancelled', at: Date.now() })),
    );
    aliceFull.doc.transact(() => deleteEventKey(aliceFull.doc, 'm1'));
    await waitFor(() => meetingOf('bob', 'm1')?.status === 'canceled' && meetingOf('dave', 'm1', 'carol')?.status === 'canceled', 5_000, 'the cancellation');
    await waitFor(() => meetingOf('bob', 'm1')?.cancelMessage === 'Sorry, cancelled', 5_000, 'the message');
    expect(meetingOf('bob', 'm1')!.title).toBe('Planning (moved)');
    await waitFor(() => readEvent(bobFull.doc, 'm1') === null, 5_000, "bob's copy removed");
  });

  it('withdraws the request of an attendee taken off the meeting', async () => {
    writeMeeting(aliceFull.doc, 'm2', [attendee('bob@example.com'), attendee('carol@example.com')]);
    await waitFor(() => meetingOf('bob', 'm2')?.status === 'request' && meetingOf('carol', 'm2')?.status === 'request');
    writeMeeting(aliceFull.doc, 'm2', [attendee('carol@example.com')]);
    await waitFor(() => meetingOf('bob', 'm2')?.status === 'canceled', 5_000, "bob's cancellation");
    expect(meetingOf('carol', 'm2')!.status).toBe('request');
  });

  it('puts a meeting a delegate accepts into the calendar of the person they act for', async () => {
    const item = meetingOf('dave', 'm2', 'carol')!;
    answer('dave', item.id, 'accepted');
    const carolFull = await openFull(people.carol!.calendarId, people.carol!.token);
    await waitFor(() => readEvent(carolFull.doc, 'm2') !== null, 5_000, "carol's copy");
    expect(readEvent(carolFull.doc, 'm2')!.who.attendees.find((a) => a.email === 'carol@example.com')!.response).toBe('accepted');
    const daveCalendar = t.relay.rooms.open({ kind: 'calendar', calendarId: people.dave!.calendarId, doc: 'full' });
    expect(readEvent(daveCalendar.doc, 'm2')).toBeNull();
  });

  it('delivers what an offline organiser wrote, and applies an offline attendee’s answer, on reconnect', async () => {
    // Alice's second device writes while offline, then connects.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(aliceFull.doc));
    writeMeeting(offline, 'm3', [attendee('bob@example.com')], 'Written on a plane');
    expect(meetingOf('bob', 'm3')).toBeUndefined();
    t.connect(`cal/${people.alice!.calendarId}/full`, people.alice!.token, offline);
    await waitFor(() => meetingOf('bob', 'm3')?.title === 'Written on a plane', 5_000, 'delivery on reconnect');

    // Bob answers on a device that is offline, which connects later.
    const bobOffline = new Y.Doc();
    Y.applyUpdate(bobOffline, Y.encodeStateAsUpdate(people.bob!.overlay.doc));
    bobOffline.transact(() => meetingAnswersMap(bobOffline).set(meetingOf('bob', 'm3')!.id, JSON.stringify({ response: 'tentative', comment: 'Maybe', at: Date.now() })));
    expect(whoIn(aliceFull.doc, 'm3')!.attendees[0]!.response).toBe('needs-action');
    t.connect(`user/${people.bob!.id}`, people.bob!.token, bobOffline);
    await waitFor(() => whoIn(aliceFull.doc, 'm3')?.attendees[0]?.response === 'tentative', 5_000, 'answer on reconnect');
  });

  it('asks everyone again when the organiser moves a meeting, ignores answers to the old time, and keeps answers on a title change', async () => {
    const responseOf = (doc: Y.Doc, email: string) => whoIn(doc, 'm4')?.attendees.find((a) => a.email === email);
    writeMeeting(aliceFull.doc, 'm4', [attendee('bob@example.com'), attendee('carol@example.com')], 'Review');
    await waitFor(() => meetingOf('bob', 'm4') !== undefined && meetingOf('dave', 'm4', 'carol') !== undefined, 5_000, 'requests');
    const bobId = meetingOf('bob', 'm4')!.id;
    answer('bob', bobId, 'accepted', 'Fine', Date.now(), 1);
    answer('dave', meetingOf('dave', 'm4', 'carol')!.id, 'tentative', 'Maybe', Date.now(), 1);
    await waitFor(() => responseOf(aliceFull.doc, 'bob@example.com')?.response === 'accepted' && responseOf(aliceFull.doc, 'carol@example.com')?.response === 'tentative', 5_000, 'answers');
    const bobFull = await openFull(people.bob!.calendarId, people.bob!.token);
    const carolFull = await openFull(people.carol!.calendarId, people.carol!.token);
    await waitFor(() => readEvent(bobFull.doc, 'm4') !== null && readEvent(carolFull.doc, 'm4') !== null, 5_000, 'copies');

    // A new title (with the organiser's device still holding everyone as needs-action) keeps the answers.
    writeMeeting(aliceFull.doc, 'm4', [attendee('bob@example.com'), attendee('carol@example.com')], 'Review (renamed)');
    await waitFor(() => meetingOf('bob', 'm4')?.title === 'Review (renamed)', 5_000, 'the rename');
    expect(meetingOf('bob', 'm4')).toMatchObject({ version: 2, whenVersion: 1, answer: { response: 'accepted', comment: 'Fine' } });
    await waitFor(() => responseOf(aliceFull.doc, 'bob@example.com')?.response === 'accepted', 5_000, 'answers kept');
    expect(responseOf(aliceFull.doc, 'carol@example.com')).toMatchObject({ response: 'tentative', comment: 'Maybe' });

    // A new time: every answer goes back to needs-action, in the organiser's event, the requests and the copies.
    aliceFull.doc.transact(() => writeEvent(aliceFull.doc, 'm4', { when: when('2026-05-04T14:00', '2026-05-04T15:00') }));
    await waitFor(() => meetingOf('bob', 'm4')?.when.start === '2026-05-04T14:00' && meetingOf('dave', 'm4', 'carol')?.when.start === '2026-05-04T14:00', 5_000, 'the move');
    for (const item of [meetingOf('bob', 'm4')!, meetingOf('carol', 'm4')!, meetingOf('dave', 'm4', 'carol')!]) {
      expect(item).toMatchObject({ status: 'request', version: 3, whenVersion: 3, answer: null, title: 'Review (renamed)' });
    }
    await waitFor(() => responseOf(aliceFull.doc, 'bob@example.com')?.response === 'needs-action' && responseOf(aliceFull.doc, 'carol@example.com')?.response === 'needs-action', 5_000, 'responses reset');
    expect(responseOf(aliceFull.doc, 'bob@example.com')!.comment).toBeUndefined();
    expect(responseOf(aliceFull.doc, 'carol@example.com')!.comment).toBeUndefined();
    for (const [doc, email] of [[bobFull.doc, 'bob@example.com'], [carolFull.doc, 'carol@example.com']] as const) {
      await waitFor(() => readEvent(doc, 'm4')?.when.start === '2026-05-04T14:00', 5_000, `${email}'s copy moved`);
      const copy = readEvent(doc, 'm4')!;
      expect(copy.what.showAs).toBe('tentative');
      expect(copy.who.attendees.find((a) => a.email === email)!.response).toBe('needs-action');
    }

    // Bob's device answers the version it had before the move: ignored, however recent.
    answer('bob', bobId, 'declined', 'Old time', Date.now() + 60_000, 2);
    const relayOverlay = t.relay.rooms.open({ kind: 'user', userId: people.bob!.id }).doc;
    await waitFor(() => String(meetingAnswersMap(relayOverlay).get(bobId)).includes('Old time'), 5_000, 'the relay to hold the stale answer');
    expect(t.logs.some((l) => l.includes('the time changed in version 3'))).toBe(true);
    const relayAlice = t.relay.rooms.open({ kind: 'calendar', calendarId: people.alice!.calendarId, doc: 'full' }).doc;
    expect(responseOf(relayAlice, 'bob@example.com')!.response).toBe('needs-action');
    expect(relayMeetings('bob').find((m) => m.eventKey === 'm4')!.answer).toBeNull();
    expect(readEvent(t.relay.rooms.open({ kind: 'calendar', calendarId: people.bob!.calendarId, doc: 'full' }).doc, 'm4')).not.toBeNull();

    // An answer to the new version applies.
    answer('bob', bobId, 'accepted', 'New time is fine', Date.now() + 120_000, 3);
    await waitFor(() => responseOf(aliceFull.doc, 'bob@example.com')?.response === 'accepted', 5_000, 'the new answer');
    expect(responseOf(aliceFull.doc, 'bob@example.com')!.comment).toBe('New time is fine');
    await waitFor(() => meetingOf('bob', 'm4')?.answer?.response === 'accepted', 5_000, "bob's item");
    await waitFor(() => readEvent(bobFull.doc, 'm4')?.who.attendees.find((a) => a.email === 'bob@example.com')?.response === 'accepted', 5_000, "bob's copy");
    expect(readEvent(bobFull.doc, 'm4')!.what.showAs).not.toBe('tentative');
    // Carol has not answered again: still asked.
    expect(responseOf(aliceFull.doc, 'carol@example.com')!.response).toBe('needs-action');
  });

  it('sends a private meeting from the private room: whole to attendees, to a delegate only with private items, answers and copies kept private', async () => {
    const calendarId = people.alice!.calendarId;
    const alicePrivate = t.connect(`cal/${calendarId}/private`, people.alice!.token);
    await alicePrivate.synced;
    const relayFull = t.relay.rooms.open({ kind: 'calendar', calendarId, doc: 'full' });
    const what = { ...defaultWhat('Health review'), location: 'Clinic', description: 'Confidential', private: true };
    const who: EventWho = { organizer: { ...attendee('alice@example.com'), role: 'chair', response: 'accepted' }, attendees: [attendee('bob@example.com'), attendee('carol@example.com')] };
    const slot = when('2026-05-06T09:00', '2026-05-06T10:00');

    // The stub can reach the relay before the details (two sockets): nothing is sent or cancelled for it.
    aliceFull.doc.transact(() => writeEvent(aliceFull.doc, 'p1', { when: slot, what: privateStub(what) }));
    await waitFor(() => readEvent(relayFull.doc, 'p1') !== null, 5_000, 'the stub at the relay');
    expect(relayMeetings('bob').some((m) => m.eventKey === 'p1')).toBe(false);
    alicePrivate.doc.transact(() => writeEvent(alicePrivate.doc, 'p1', { what, who }));
    await waitFor(() => meetingOf('bob', 'p1') !== undefined && meetingOf('carol', 'p1') !== undefined, 5_000, 'private requests');
    expect(meetingOf('bob', 'p1')).toMatchObject({ status: 'request', title: 'Health review', location: 'Clinic', description: 'Confidential', private: true, version: 1 });
    // Dave acts for Carol but may not see her private items: the relay's own copy of his inbox is final.
    expect(relayMeetings('dave').some((m) => m.eventKey === 'p1')).toBe(false);

    // Bob's answer lands in the private room's `who`; `full` never gets the people.
    answer('bob', meetingOf('bob', 'p1')!.id, 'accepted', 'Will be there');
    await waitFor(() => whoIn(alicePrivate.doc, 'p1')?.attendees.find((a) => a.email === 'bob@example.com')?.response === 'accepted', 5_000, "bob's answer");
    expect(groupMap(relayFull.doc, 'who').has('p1')).toBe(false);
    expect(readEvent(relayFull.doc, 'p1')!.what.title).toBe('');
    // Bob's copy is split as his own app splits a private event.
    const bobFull = t.relay.rooms.open({ kind: 'calendar', calendarId: people.bob!.calendarId, doc: 'full' });
    const bobPrivate = t.relay.rooms.open({ kind: 'calendar', calendarId: people.bob!.calendarId, doc: 'private' });
    await waitFor(() => groupMap(bobPrivate.doc, 'what').has('p1'), 5_000, "bob's copy");
    expect(readEvent(bobFull.doc, 'p1')!.what).toMatchObject({ title: '', description: '', private: true });
    expect(readEvent(bobFull.doc, 'p1')!.who.attendees).toHaveLength(0);
    expect(parseGroup('what', groupMap(bobPrivate.doc, 'what').get('p1'))).toMatchObject({ title: 'Health review', private: true });
    expect(parseGroup('who', groupMap(bobPrivate.doc, 'who').get('p1'))!.attendees.find((a) => a.email === 'bob@example.com')!.response).toBe('accepted');

    // Allowed private items, Dave receives Carol's request with the next change.
    const r = await t.api('PUT', `/api/calendars/${people.carol!.calendarId}/grants`, people.carol!.token, { subject: { kind: 'user', id: people.dave!.id }, level: 'delegate', seesPrivate: true });
    expect(r.status).toBe(200);
    alicePrivate.doc.transact(() => writeEvent(alicePrivate.doc, 'p1', { what: { ...what, location: 'Clinic, room 2' } }));
    await waitFor(() => meetingOf('dave', 'p1', 'carol')?.location === 'Clinic, room 2', 5_000, "dave's request");

    // Made public again: the copy's details move back into Bob's `full`.
    aliceFull.doc.transact(() => writeEvent(aliceFull.doc, 'p1', { what: { ...what, private: false }, who: whoIn(alicePrivate.doc, 'p1')! }));
    alicePrivate.doc.transact(() => deleteEventKey(alicePrivate.doc, 'p1'));
    await waitFor(() => readEvent(bobFull.doc, 'p1')?.what.title === 'Health review' && !groupMap(bobPrivate.doc, 'what').has('p1'), 5_000, 'public copy');
    expect(meetingOf('bob', 'p1')!.status).toBe('request');
    expect(meetingOf('bob', 'p1')!.private).toBeUndefined();

    // Private once more, then deleted: cancelled, and the copy leaves both of Bob's rooms.
    alicePrivate.doc.transact(() => writeEvent(alicePrivate.doc, 'p1', { what, who: whoIn(aliceFull.doc, 'p1')! }));
    aliceFull.doc.transact(() => writeEvent(aliceFull.doc, 'p1', { what: privateStub(what), who: { organizer: null, attendees: [] } }));
    await waitFor(() => groupMap(bobPrivate.doc, 'what').has('p1') && readEvent(bobFull.doc, 'p1')?.what.title === '', 5_000, 'private copy again');
    alicePrivate.doc.transact(() => deleteEventKey(alicePrivate.doc, 'p1'));
    aliceFull.doc.transact(() => deleteEventKey(aliceFull.doc, 'p1'));
    await waitFor(() => meetingOf('bob', 'p1')?.status === 'canceled', 5_000, 'the cancellation');
    await waitFor(() => !groupMap(bobFull.doc, 'when').has('p1') && !groupMap(bobPrivate.doc, 'what').has('p1'), 5_000, 'copy removed');
  });

  it('keeps requests and answers across a relay restart', async () => {
    await t.restart();
    const s = await t.signIn('bob@example.com');
    const inbox = t.connect(`inbox/${people.bob!.id}`, s.accessToken);
    await inbox.synced;
    const items = readInboxItems(inbox.doc).filter((i): i is MeetingItem => i.kind === 'meeting');
    expect(items.find((m) => m.eventKey === 'm3')?.answer?.response).toBe('tentative');
    expect(items.find((m) => m.eventKey === 'm1')?.status).toBe('canceled');
  });

  it('ignores hostile `who` data: duplicates, odd addresses, an organiser who is not the owner', async () => {
    const aliceS = await t.signIn('alice@example.com');
    const full = await openFull(people.alice!.calendarId, aliceS.accessToken);
    const s = await t.signIn('carol@example.com');
    const carolInbox = t.connect(`inbox/${people.carol!.id}`, s.accessToken);
    await carolInbox.synced;
    const carolMeetings = () => readInboxItems(carolInbox.doc).filter((i): i is MeetingItem => i.kind === 'meeting');
    writeMeeting(full.doc, 'dup', [attendee('carol@example.com'), attendee(' CAROL@example.com '), attendee(''), attendee('not an address'), attendee('alice@example.com')]);
    writeMeeting(full.doc, 'notmine', [attendee('carol@example.com')], 'Not mine', 'bob@example.com');
    await waitFor(() => carolMeetings().some((m) => m.eventKey === 'dup'));
    expect(carolMeetings().filter((m) => m.eventKey === 'dup')).toHaveLength(1);
    expect(carolMeetings().some((m) => m.eventKey === 'notmine')).toBe(false);
    // A `who` the schema refuses never reaches the document (the socket is reset), so nothing is sent either.
    full.doc.transact(() => groupMap(full.doc, 'who').set('bad', JSON.stringify({ organizer: 'alice', attendees: 'carol' })));
    expect(await full.closed).toMatchObject({ code: 4409 });
  });
});
