import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHOW_AS, SHOW_AS_LABEL, type CalendarEvent } from '../../src/shared/model/CalendarEvent';
import { ICS_LINK_LEVELS } from '../../src/shared/protocol/icsLinks';
import { privateStub, PRIVATE_TITLE } from '../../src/shared/protocol/projectGroups';
import { projectFeedEvent } from '../../src/relay/ics/feedEvents';
import { describeAudit } from '../../src/renderer/ui/describeAudit';

const secret = fc.string({ minLength: 1, maxLength: 8, unit: fc.constantFrom(...'abcdef'.split('')) });
const eventArb = fc.record({ title: secret, location: secret, description: secret, category: secret, showAs: fc.constantFrom(...SHOW_AS), private: fc.boolean() }).map(
  (v): CalendarEvent => {
    const what = { title: `T_${v.title}`, location: `L_${v.location}`, description: `D_${v.description}`, categories: [`C_${v.category}`], showAs: v.showAs, private: false };
    return {
      uid: 'u1',
      recurrenceId: null,
      when: { start: '2026-03-02T10:00', end: '2026-03-02T11:00', tzid: 'Europe/Berlin', allDay: false, rrule: null, exdates: [], rdates: [] },
      // `full` holds private events only as stubs: that is what a feed is built from.
      what: v.private ? privateStub({ ...what, private: true }) : what,
      who: { organizer: null, attendees: [{ email: 'A_x@example.com', name: 'A', role: 'required', response: 'accepted' }] },
      reminders: [15],
    };
  },
);

describe('projectFeedEvent', () => {
  it('never puts a field above the link’s level into a feed event', () => {
    fc.assert(
      fc.property(eventArb, fc.constantFrom(...ICS_LINK_LEVELS), (event, level) => {
        const out = projectFeedEvent(event, level);
        const text = JSON.stringify(out);
        expect(out.reminders).toEqual([]);
        expect(out.when).toEqual(event.when);
        expect(out.what.showAs).toBe(event.what.showAs);
        if (level === 'availability') {
          expect(text).not.toMatch(/[TLDCA]_/);
          expect(out.what.title).toBe(SHOW_AS_LABEL[event.what.showAs]);
        } else if (level === 'limited' || event.what.private) {
          expect(text).not.toMatch(/[DCA]_/);
          if (event.what.private) expect([out.what.title, out.what.location]).toEqual([PRIVATE_TITLE, '']);
        } else {
          expect(out.what).toEqual(event.what);
          expect(out.who).toEqual(event.who);
        }
      }),
    );
  });
});

describe('describeAudit for published links', () => {
  const entry = (action: string, detail: Record<string, unknown>) => ({ id: 1, at: 0, actorId: 'a', actorName: 'A', action, calendarId: 'c', subject: null, detail });
  it('names the level and the password', () => {
    expect(describeAudit(entry('ics-link.publish', { level: 'limited', password: true }), () => null)).toBe('published a link (limited details, with a password)');
    expect(describeAudit(entry('ics-link.publish', { level: 'availability', password: false }), () => null)).toBe('published a link (availability only)');
    expect(describeAudit(entry('ics-link.revoke', { level: 'reviewer' }), () => null)).toBe('revoked a published link (all details)');
    expect(describeAudit(entry('ics-link.revoke', { level: 'bogus' }), () => null)).toBe('revoked a published link');
  });
});
