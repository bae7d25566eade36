import type * as Y from 'yjs';
import { defaultWhat, type EventWhat, type EventWhen } from '../../../src/shared/model/CalendarEvent';
import { groupMap, writeEvent } from '../../../src/shared/model/eventDocument';
import { privateStub } from '../../../src/shared/protocol/projectGroups';

export function when(start = '2026-03-02T10:00', end = '2026-03-02T11:00'): EventWhen {
  return { start, end, tzid: 'Europe/Berlin', allDay: false, rrule: null, exdates: [], rdates: [] };
}

export const PUBLIC_WHAT: EventWhat = { ...defaultWhat('Board meeting'), location: 'Room 7', description: 'Quarterly numbers', categories: ['Board'] };
export const PRIVATE_WHAT: EventWhat = { ...defaultWhat('Doctor'), location: 'Clinic', description: 'Check-up', private: true };

/** Writes the owner's sample: a public event (with attendees and reminders) and a private one (stub in full). */
export function writeSample(full: Y.Doc): void {
  full.transact(() => {
    writeEvent(full, 'pub', { when: when(), what: PUBLIC_WHAT, who: { organizer: null, attendees: [{ email: 'x@example.com', name: 'X', role: 'required', response: 'accepted' }] }, rem: [15] });
    writeEvent(full, 'priv', { when: when('2026-03-03T09:00', '2026-03-03T10:00'), what: privateStub(PRIVATE_WHAT), rem: [10] });
  });
}

export function writePrivateDetails(priv: Y.Doc): void {
  priv.transact(() => writeEvent(priv, 'priv', { when: when('2026-03-03T09:00', '2026-03-03T10:00'), what: PRIVATE_WHAT }));
}

/** Every text a document holds, to assert nothing forbidden is anywhere in it. */
export function allText(doc: Y.Doc): string {
  return JSON.stringify(doc.toJSON());
}

export function keysOf(doc: Y.Doc, group: 'when' | 'what' | 'who' | 'rem'): string[] {
  return [...groupMap(doc, group).keys()].sort();
}

/** Writes one more event: what a writer probe sends. */
export function writeProbe(doc: Y.Doc, key: string, title = 'Probe'): void {
  doc.transact(() => writeEvent(doc, key, { when: when('2026-04-01T08:00', '2026-04-01T09:00'), what: defaultWhat(title) }));
}
