import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CalendarAccess } from '../../src/shared/protocol/api';
import { inboxItemsMap } from '../../src/shared/protocol/inboxDocument';
import { createTeamCalendarSchema, submitItemSchema, teamScopeSchema } from '../../src/shared/protocol/teamCalendars';
import { planCalendars } from '../../src/renderer/sync/planCalendars';
import { readSubmissionNotices, readSubmissionQueues } from '../../src/renderer/teams/teamInbox';
import { accessLabel, calendarLabel, sharedOwnerOf } from '../../src/renderer/ui/calendarLabel';

const team = (over: Partial<CalendarAccess> = {}): CalendarAccess => ({
  id: 'team1',
  name: 'Sales_Client visits',
  ownerId: 'admin',
  ownerName: 'Team',
  level: 'reviewer',
  via: 'group',
  seesPrivate: false,
  epochs: { titles: 0, busy: 0 },
  stale: false,
  team: true,
  ...over,
});

describe('team calendars in the app', () => {
  it('adds a team calendar in scope to the list without an invitation; not someone else\u2019s shared calendar', () => {
    const access = new Map([
      ['team1', team()],
      ['shared', team({ id: 'shared', team: undefined, ownerName: 'Bob' })],
    ]);
    const plan = planCalendars({ calendars: [], access, accessConfirmed: true, overlayConfirmed: true, deletedOwned: new Set(), now: 1 });
    expect(plan).toEqual([{ kind: 'add', access: team() }]);
    // Not before the access map is confirmed by the relay, and never a stale one.
    expect(planCalendars({ calendars: [], access, accessConfirmed: false, overlayConfirmed: true, deletedOwned: new Set(), now: 1 })).toEqual([]);
    expect(planCalendars({ calendars: [], access: new Map([['team1', team({ stale: true })]]), accessConfirmed: true, overlayConfirmed: true, deletedOwned: new Set(), now: 1 })).toEqual([]);
  });

  it('labels a team calendar "<name> — Team", never with a person as owner', () => {
    const info = { access: team(), level: 'reviewer' as const };
    expect(calendarLabel('Sales_Client visits', info)).toBe('Sales_Client visits — Team');
    expect(sharedOwnerOf(info)).toBeNull();
    expect(accessLabel(team())).toBe('Sales_Client visits — Team');
    expect(accessLabel({ name: 'Plans', ownerName: 'Bob' })).toBe('Bob – Plans');
  });

  it('reads queue badges and decisions from the inbox, ignoring damaged items', () => {
    const doc = new Y.Doc();
    const items = inboxItemsMap(doc);
    items.set('queue-team1', JSON.stringify({ id: 'queue-team1', kind: 'submission-queue', calendarId: 'team1', calendarName: 'X', pending: 2, at: 5 }));
    items.set('n1', JSON.stringify({ id: 'n1', kind: 'submission', submissionId: 's1', calendarId: 'team1', calendarName: 'X', title: 'A', status: 'approved', reason: '', byName: 'Sue', at: 6 }));
    items.set('n2', JSON.stringify({ id: 'n2', kind: 'submission', submissionId: 's2', calendarId: 'team1', calendarName: 'X', title: 'B', status: 'rejected', reason: 'No', byName: 'Sue', at: 7 }));
    items.set('bad', JSON.stringify({ id: 'bad', kind: 'submission-queue', calendarId: 'team1', pending: -1 }));
    items.set('junk', '{not json');
    expect(readSubmissionQueues(doc).map((q) => q.pending)).toEqual([2]);
    expect(readSubmissionNotices(doc, new Set()).map((n) => n.id)).toEqual(['n2', 'n1']);
    expect(readSubmissionNotices(doc, new Set(['n2'])).map((n) => n.id)).toEqual(['n1']);
  });

  it('schemas refuse bad team calendars and submissions', () => {
    expect(teamScopeSchema.safeParse({ kind: 'groups', groupIds: [] }).success).toBe(false);
    expect(teamScopeSchema.safeParse({ kind: 'org' }).success).toBe(true);
    expect(createTeamCalendarSchema.safeParse({ name: 'X', scope: { kind: 'org' }, level: 'editor' }).success).toBe(false);
    expect(createTeamCalendarSchema.parse({ name: ' X ', scope: { kind: 'org' }, level: 'limited' })).toMatchObject({ name: 'X', maintainerIds: [], acceptsSubmissions: false });
    expect(submitItemSchema.safeParse({ title: ' ', start: '2026-03-02T10:00', end: '2026-03-02T11:00' }).success).toBe(false);
    expect(submitItemSchema.safeParse({ title: 'A', start: 'x'.repeat(33), end: '2026-03-02T11:00' }).success).toBe(false);
    expect(submitItemSchema.parse({ title: 'A', start: '2026-03-02T10:00', end: '2026-03-02T11:00' })).toMatchObject({ tzid: null, allDay: false, location: '', description: '' });
  });
});
