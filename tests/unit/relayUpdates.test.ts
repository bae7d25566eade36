import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { defaultWhat } from '../../src/shared/model/CalendarEvent';
import { writeEvent } from '../../src/shared/model/eventDocument';
import { privateStub } from '../../src/shared/protocol/projectGroups';
import { inspectUpdate } from '../../src/relay/sync/inspectUpdate';
import { validateCalendarItems } from '../../src/relay/sync/validateCalendarItems';

const when = { start: '2026-01-05T09:00', end: '2026-01-05T10:00', tzid: 'Europe/Berlin', allDay: false, rrule: null, exdates: [], rdates: [] };

function serverWith(change?: (d: Y.Doc) => void): Y.Doc {
  const d = new Y.Doc();
  if (change) d.transact(() => change(d));
  return d;
}

/** The update a client starting from `server`'s state makes with `change`. */
function clientUpdate(server: Y.Doc, change: (d: Y.Doc) => void): Uint8Array {
  const c = new Y.Doc();
  Y.applyUpdate(c, Y.encodeStateAsUpdate(server));
  const sv = Y.encodeStateVector(c);
  c.transact(() => change(c));
  return Y.encodeStateAsUpdate(c, sv);
}

function check(server: Y.Doc, update: Uint8Array, doc: 'full' | 'private' = 'full'): string | null {
  const i = inspectUpdate(server, update);
  if (!i.ok) return i.reason;
  return validateCalendarItems(i.items, doc);
}

describe('inspectUpdate', () => {
  it('sees nothing new in a state the document has (what a read-only client sends back)', () => {
    const server = serverWith((d) => writeEvent(d, 'a', { when, what: defaultWhat('A') }));
    const r = inspectUpdate(server, Y.encodeStateAsUpdate(server));
    expect(r).toMatchObject({ ok: true, hasNew: false, items: [] });
  });

  it('sees new structs and new deletions', () => {
    const server = serverWith((d) => writeEvent(d, 'a', { when, what: defaultWhat('A') }));
    const del = clientUpdate(server, (d) => d.getMap('what').delete('a'));
    const r = inspectUpdate(server, del);
    expect(r.ok && r.hasNew).toBe(true);
    // A delete of something already deleted is not new.
    const after = serverWith();
    Y.applyUpdate(after, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(after, del);
    const again = inspectUpdate(after, del);
    expect(again.ok && again.hasNew).toBe(false);
  });

  it('resolves the key of an overwrite (origin only) through the document', () => {
    const server = serverWith((d) => writeEvent(d, 'a', { when, what: defaultWhat('A') }));
    const u = clientUpdate(server, (d) => d.getMap('what').set('a', JSON.stringify(defaultWhat('B'))));
    const r = inspectUpdate(server, u);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.items.map((i) => [i.root, i.key])).toEqual([['what', 'a']]);
  });

  it('resolves chains inside one update (set, then overwrite in a later transaction)', () => {
    const server = serverWith();
    const c = new Y.Doc();
    c.getMap('what').set('k', JSON.stringify(defaultWhat('1')));
    c.getMap('what').set('k', JSON.stringify(defaultWhat('2')));
    c.getMap('what').set('k', '{"bad":true}');
    const r = inspectUpdate(server, Y.encodeStateAsUpdate(c));
    expect(r.ok).toBe(true);
    // Overwritten values may merge into one deleted item; every item lands on what.k.
    if (r.ok) {
      expect(r.items.length).toBeGreaterThanOrEqual(2);
      for (const i of r.items) expect([i.root, i.key]).toEqual(['what', 'k']);
    }
    expect(check(server, Y.encodeStateAsUpdate(c))).toBe('invalid:what');
  });

  it('refuses gaps and unknown origins (missing-dependency) and garbage (malformed-update)', () => {
    const server = serverWith();
    const c = new Y.Doc();
    c.getMap('when').set('a', JSON.stringify(when));
    const sv = Y.encodeStateVector(c);
    c.getMap('when').set('b', JSON.stringify(when));
    expect(inspectUpdate(server, Y.encodeStateAsUpdate(c, sv))).toEqual({ ok: false, reason: 'missing-dependency' });
    expect(inspectUpdate(server, new Uint8Array([1, 2, 3]))).toEqual({ ok: false, reason: 'malformed-update' });
  });
});

describe('validateCalendarItems', () => {
  const server = serverWith();
  it('accepts a whole event, deletions and the calendar name', () => {
    expect(check(server, clientUpdate(server, (d) => writeEvent(d, 'a', { when, what: defaultWhat('A'), who: { organizer: null, attendees: [{ email: 'a@b.c', name: 'A', role: 'chair', response: 'accepted' }] }, rem: [5, 10] })))).toBeNull();
    expect(check(server, clientUpdate(server, (d) => d.getMap('meta').set('name', 'Work')))).toBeNull();
  });
  it('accepts private details in `private`, only the stub in `full`', () => {
    const what = { ...defaultWhat('Secret'), private: true };
    expect(check(server, clientUpdate(server, (d) => writeEvent(d, 'p', { when, what })), 'private')).toBeNull();
    expect(check(server, clientUpdate(server, (d) => writeEvent(d, 'p', { when, what })), 'full')).toBe('private-details-in-full');
    expect(check(server, clientUpdate(server, (d) => writeEvent(d, 'p', { when, what: privateStub(what) })), 'full')).toBeNull();
  });
  it('refuses other roots, content types, shapes and sizes', () => {
    const cases: [(d: Y.Doc) => void, string][] = [
      [(d) => d.getMap('x').set('k', '1'), 'unknown-root:x'],
      [(d) => d.getArray('when').insert(0, ['x']), 'not-a-map-entry:when'],
      [(d) => d.getMap('when').set('k', 5 as unknown as string), 'invalid:when'],
      [(d) => d.getMap('who').set('k', JSON.stringify({ organizer: null })), 'invalid:who'],
      [(d) => d.getMap('rem').set('k', JSON.stringify(new Array(11).fill(1).map((_, i) => i))), 'invalid:rem'],
      [(d) => d.getMap('what').set('k', JSON.stringify({ ...defaultWhat('x'), description: 'x'.repeat(64_001) })), 'invalid:what'],
      [(d) => d.getMap('what').set('', JSON.stringify(defaultWhat('x'))), 'invalid-key:what'],
      [(d) => d.getMap('meta').set('name', 'x'.repeat(201)), 'invalid:meta.name'],
      [(d) => d.getMap('when').set('k', new Y.Text() as unknown as string), 'content-type:when'],
    ];
    for (const [change, reason] of cases) expect(check(server, clientUpdate(server, change))).toBe(reason);
  });
  it('counts characters as people do: 1,000 emoji are a valid title', () => {
    expect(check(server, clientUpdate(server, (d) => writeEvent(d, 'e', { when, what: defaultWhat('😀'.repeat(1000)) })))).toBeNull();
  });
});
