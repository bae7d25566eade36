import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SHOW_AS, type EventWhat } from '../../src/shared/model/CalendarEvent';
import { deleteEventKey, groupMap, parseGroup, writeEvent } from '../../src/shared/model/eventDocument';
import { PRIVATE_TITLE, privateStub } from '../../src/shared/protocol/projectGroups';
import { allProjectionKeys, projectKeys } from '../../src/relay/sync/projectCalendar';

const when = { start: '2026-01-05T09:00', end: '2026-01-05T10:00', tzid: null, allDay: false, rrule: null, exdates: [], rdates: [] };
const text = fc.string({ maxLength: 8 }).map((s) => `S<${s}>`);
const op = fc.record({
  key: fc.constantFrom('a', 'b', 'c', 'd'),
  remove: fc.boolean(),
  onlyWhat: fc.boolean(),
  what: fc.record({ title: text, location: text, description: text, categories: fc.array(text, { maxLength: 2 }), showAs: fc.constantFrom(...SHOW_AS), private: fc.boolean() }),
});

/** What each projection may hold of one `what`, by the rules of projectGroups.ts. */
function allowed(kind: 'titles' | 'busy', source: EventWhat): EventWhat {
  const base = { title: '', location: '', description: '', categories: [], showAs: source.showAs, private: source.private };
  if (kind === 'busy') return base;
  return source.private ? { ...base, title: PRIVATE_TITLE } : { ...base, title: source.title, location: source.location };
}

describe('projectKeys', () => {
  it('keeps titles and busy exactly what their level allows, incrementally and from scratch (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(op, { maxLength: 6 }), { minLength: 1, maxLength: 6 }), (batches) => {
        const full = new Y.Doc();
        const titles = new Y.Doc();
        const busy = new Y.Doc();
        for (const batch of batches) {
          const changed = new Set<string>();
          full.transact(() => {
            for (const o of batch) {
              changed.add(o.key);
              if (o.remove) deleteEventKey(full, o.key);
              else if (o.onlyWhat) groupMap(full, 'what').set(o.key, JSON.stringify(o.what.private ? privateStub(o.what) : o.what));
              else writeEvent(full, o.key, { when, what: o.what.private ? privateStub(o.what) : o.what });
            }
          });
          titles.transact(() => projectKeys(full, titles, 'titles', changed));
          busy.transact(() => projectKeys(full, busy, 'busy', changed));
        }
        const fresh = new Y.Doc();
        fresh.transact(() => projectKeys(full, fresh, 'titles', allProjectionKeys(full, fresh)));
        expect(fresh.toJSON()).toEqual(titles.toJSON());
        for (const [kind, doc] of [['titles', titles], ['busy', busy]] as const) {
          expect([...doc.share.keys()].sort()).toEqual(['what', 'when']);
          // Only events (with a `when`), and each `what` exactly as allowed.
          expect([...groupMap(doc, 'when').keys()].sort()).toEqual([...groupMap(full, 'when').keys()].sort());
          groupMap(doc, 'what').forEach((raw, key) => {
            expect(groupMap(full, 'when').has(key)).toBe(true);
            expect(parseGroup('what', raw)).toEqual(allowed(kind, parseGroup('what', groupMap(full, 'what').get(key))!));
          });
        }
        // Nothing the owner wrote into a private event's details ever reaches full or the projections.
        for (const batch of batches) for (const o of batch) if (o.what.private) expect(JSON.stringify(busy.toJSON())).not.toContain(o.what.title);
      }),
      { numRuns: 300 },
    );
  });
});
