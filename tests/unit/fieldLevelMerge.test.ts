import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { defaultWhat, type EventWhen } from '../../src/shared/model/CalendarEvent';
import { readEvent, writeEvent } from '../../src/shared/model/eventDocument';

const when: EventWhen = { start: '2026-03-02T10:00:00', end: '2026-03-02T11:00:00', tzid: 'Europe/Berlin', allDay: false, rrule: null, exdates: [], rdates: [] };

/** Two replicas that only ever exchange real Yjs updates, as they would over the relay. */
function pair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const sync = () => {
    const fromA = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
    const fromB = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
    Y.applyUpdate(b, fromA);
    Y.applyUpdate(a, fromB);
  };
  return { a, b, sync };
}

describe('field-level merge of one event', () => {
  it('keeps a move on one replica and a description edit on the other', () => {
    const { a, b, sync } = pair();
    a.transact(() => writeEvent(a, 'ev1', { when, what: defaultWhat('Standup'), rem: [15] }));
    sync();

    const base = readEvent(b, 'ev1')!;
    // Offline on both sides: A moves the event, B edits its description.
    a.transact(() => writeEvent(a, 'ev1', { ...readEvent(a, 'ev1')!, when: { ...when, start: '2026-03-03T14:00:00', end: '2026-03-03T15:00:00' } }));
    b.transact(() => writeEvent(b, 'ev1', { when: base.when, what: { ...base.what, description: 'Bring the Q1 numbers' }, who: base.who, rem: base.reminders }));
    sync();

    for (const doc of [a, b]) {
      const ev = readEvent(doc, 'ev1')!;
      expect(ev.when.start).toBe('2026-03-03T14:00:00');
      expect(ev.what.description).toBe('Bring the Q1 numbers');
      expect(ev.what.title).toBe('Standup');
      expect(ev.reminders).toEqual([15]);
    }
  });

  it('converges when both replicas change the same group', () => {
    const { a, b, sync } = pair();
    a.transact(() => writeEvent(a, 'ev1', { when, what: defaultWhat('One') }));
    sync();
    a.transact(() => writeEvent(a, 'ev1', { what: defaultWhat('Title from A') }));
    b.transact(() => writeEvent(b, 'ev1', { what: defaultWhat('Title from B') }));
    sync();
    expect(readEvent(a, 'ev1')!.what.title).toBe(readEvent(b, 'ev1')!.what.title);
  });

  it('rewrites only the groups that changed', () => {
    const doc = new Y.Doc();
    doc.transact(() => writeEvent(doc, 'ev1', { when, what: defaultWhat('x') }));
    const changed: string[] = [];
    for (const group of ['when', 'what'] as const) doc.getMap(group).observe(() => changed.push(group));
    doc.transact(() => writeEvent(doc, 'ev1', { when, what: defaultWhat('y') }));
    expect(changed).toEqual(['what']);
  });
});
