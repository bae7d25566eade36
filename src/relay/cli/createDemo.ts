import type * as Y from 'yjs';
import { writeEvent } from '../../shared/model/eventDocument';
import { defaultWhat, type EventWhen } from '../../shared/model/CalendarEvent';
import { privateStub } from '../../shared/protocol/projectGroups';
import { addGroup } from '../sharing/addGroup';
import { addPerson } from '../sharing/addPerson';
import { changeMembership } from '../sharing/changeMembership';
import { createCalendar } from '../sharing/createCalendar';
import { ensureOrg } from '../sharing/ensureOrg';
import { putGrant } from '../sharing/putGrant';
import { actorOf } from '../sharing/actorOf';
import { CLI_ACTOR, type SharingContext } from '../sharing/SharingContext';
import type { RoomHost } from '../sync/RoomHost';

export const DEMO_ORG = 'Demo Org';

export const DEMO_PEOPLE = [
  { email: 'alice@demo.tessera.test', name: 'Alice Admin', password: 'alice-demo-pass', admin: true, groups: ['Engineering'] },
  { email: 'bob@demo.tessera.test', name: 'Bob Sales', password: 'bob-demo-pass', admin: false, groups: ['Sales'] },
  { email: 'carol@demo.tessera.test', name: 'Carol Sales', password: 'carol-demo-pass', admin: false, groups: ['Sales'] },
  { email: 'dave@demo.tessera.test', name: 'Dave Engineer', password: 'dave-demo-pass', admin: false, groups: ['Engineering'] },
] as const;

function when(day: string, from: string, to: string): EventWhen {
  return { start: `${day}T${from}`, end: `${day}T${to}`, tzid: 'Europe/Berlin', allDay: false, rrule: null, exdates: [], rdates: [] };
}

/**
 * A demo organisation to try sharing with: four people in two departments, each
 * with a calendar, shared at different levels, and a few events (one private).
 * Idempotent: a second run only lists the sign-ins.
 */
export async function createDemo(ctx: SharingContext, rooms: RoomHost | null): Promise<{ created: boolean; people: typeof DEMO_PEOPLE }> {
  if (ctx.store.directory.orgByName(DEMO_ORG)) return { created: false, people: DEMO_PEOPLE };
  const org = ensureOrg(ctx, CLI_ACTOR, DEMO_ORG, 'availability');
  const groups = new Map<string, string>();
  for (const name of ['Sales', 'Engineering']) groups.set(name, addGroup(ctx, CLI_ACTOR, org.id, name).id);
  const ids = new Map<string, string>();
  for (const p of DEMO_PEOPLE) {
    const person = await addPerson(ctx, CLI_ACTOR, org.id, { email: p.email, name: p.name, password: p.password, isAdmin: p.admin });
    ids.set(p.email, person.id);
    for (const g of p.groups) changeMembership(ctx, CLI_ACTOR, groups.get(g)!, person.id, true);
  }
  const person = (email: string) => ctx.store.directory.person(ids.get(email)!)!;
  const alice = person(DEMO_PEOPLE[0].email);
  const bob = person(DEMO_PEOPLE[1].email);
  const aliceCal = createCalendar(ctx, alice, { name: 'Alice' }).access.id;
  const bobCal = createCalendar(ctx, bob, { name: 'Sales team' }).access.id;
  putGrant(ctx, actorOf(alice), aliceCal, { subject: { kind: 'group', id: groups.get('Engineering')! }, level: 'reviewer' });
  putGrant(ctx, actorOf(alice), aliceCal, { subject: { kind: 'user', id: ids.get(DEMO_PEOPLE[3].email)! }, level: 'delegate', seesPrivate: true, message: 'Please handle my meetings while I travel.' });
  putGrant(ctx, actorOf(alice), aliceCal, { subject: { kind: 'user', id: bob.id }, level: 'limited' });
  putGrant(ctx, actorOf(bob), bobCal, { subject: { kind: 'group', id: groups.get('Sales')! }, level: 'editor' });
  if (rooms) {
    const full = rooms.open({ kind: 'calendar', calendarId: aliceCal, doc: 'full' });
    const priv = rooms.open({ kind: 'calendar', calendarId: aliceCal, doc: 'private' });
    const day = new Date().toISOString().slice(0, 10);
    const doctor = { ...defaultWhat('Doctor'), location: 'Clinic', private: true };
    rooms.writeServer(full, (doc: Y.Doc) => {
      doc.getMap('meta').set('name', 'Alice');
      writeEvent(doc, 'demo-standup', { when: when(day, '09:30', '09:45'), what: { ...defaultWhat('Stand-up'), location: 'Room 1', description: 'Daily engineering stand-up' } });
      writeEvent(doc, 'demo-review', { when: when(day, '14:00', '15:00'), what: { ...defaultWhat('Design review'), description: 'Relay protocol' } });
      writeEvent(doc, 'demo-doctor', { when: when(day, '11:00', '12:00'), what: privateStub(doctor) });
    });
    rooms.writeServer(priv, (doc: Y.Doc) => {
      writeEvent(doc, 'demo-doctor', { when: when(day, '11:00', '12:00'), what: doctor });
    });
    const sales = rooms.open({ kind: 'calendar', calendarId: bobCal, doc: 'full' });
    rooms.writeServer(sales, (doc: Y.Doc) => {
      doc.getMap('meta').set('name', 'Sales team');
      writeEvent(doc, 'demo-pipeline', { when: when(day, '10:00', '11:00'), what: { ...defaultWhat('Pipeline review'), location: 'Sales floor' } });
    });
  }
  return { created: true, people: DEMO_PEOPLE };
}
