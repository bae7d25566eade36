import { describe, expect, it } from 'vitest';
import type { CalendarAccess } from '../../src/shared/protocol/api';
import type { Invitation } from '../../src/shared/protocol/inboxDocument';
import * as Y from 'yjs';
import { applyInvitationAnswers, readInvitationAnswers, recordInvitationAnswer } from '../../src/renderer/sync/applyInvitationAnswers';
import { listAvailableCalendars } from '../../src/renderer/sync/listAvailableCalendars';
import { accessLabel, calendarLabel, sharedOwnerOf } from '../../src/renderer/ui/calendarLabel';

const access = (id: string, over: Partial<CalendarAccess> = {}): CalendarAccess => ({
  id,
  name: 'Calendar',
  ownerId: 'o',
  ownerName: 'Olga',
  level: 'reviewer',
  via: 'direct',
  seesPrivate: false,
  epochs: { titles: 1, busy: 1 },
  stale: false,
  ...over,
});

const invitation = (id: string, status: Invitation['status']): Invitation => ({
  id,
  kind: 'invitation',
  calendarId: `cal-${id}`,
  calendarName: 'Calendar',
  fromId: 'o',
  fromName: 'Olga',
  level: 'reviewer',
  askBack: false,
  message: '',
  at: 1,
  status,
});

describe('listAvailableCalendars', () => {
  it('offers other people’s readable calendars that are not listed, by owner then name', () => {
    const list = [
      access('mine', { level: 'owner', via: 'owner', ownerName: 'Me' }),
      access('listed'),
      access('stale', { stale: true }),
      access('z', { ownerName: 'Zoe', via: 'default', level: 'availability' }),
      access('b2', { ownerName: 'Bea', name: 'Team' }),
      access('b1', { ownerName: 'Bea', name: 'Calendar', via: 'group', level: 'limited' }),
      access('none', { level: 'none' }),
    ];
    expect(listAvailableCalendars(list, new Set(['listed'])).map((a) => a.id)).toEqual(['b1', 'b2', 'z']);
    expect(listAvailableCalendars([], new Set())).toEqual([]);
  });
});

describe('invitation answers', () => {
  it('lets an answer given on another device win over a pending the inbox has not caught up with', () => {
    const answers = new Map([
      ['a', 'accepted' as const],
      ['d', 'accepted' as const],
    ]);
    const out = applyInvitationAnswers([invitation('a', 'pending'), invitation('b', 'pending'), invitation('d', 'declined')], answers);
    expect(out.map((i) => [i.id, i.status])).toEqual([
      ['a', 'accepted'],
      ['b', 'pending'],
      // The relay's own answer is the truth (declined later on the web, say).
      ['d', 'declined'],
    ]);
  });

  it('keeps answers in the overlay document, ignoring what does not parse', () => {
    const doc = new Y.Doc();
    recordInvitationAnswer(doc, 'a', 'accepted', null);
    recordInvitationAnswer(doc, 'b', 'declined', null);
    doc.getMap('invitationAnswers').set('junk', 42);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect([...readInvitationAnswers(copy)]).toEqual([
      ['a', 'accepted'],
      ['b', 'declined'],
    ]);
  });
});

describe('calendarLabel', () => {
  it('names other people’s calendars after their owner, so two “Calendar”s differ', () => {
    const shared = { level: 'reviewer' as const, access: access('x', { ownerName: 'Alice Admin' }) };
    expect(calendarLabel('Calendar', shared)).toBe('Alice Admin – Calendar');
    expect(sharedOwnerOf(shared)).toBe('Alice Admin');
    expect(calendarLabel('Calendar', { level: 'owner', access: access('y', { level: 'owner', via: 'owner' }) })).toBe('Calendar');
    expect(calendarLabel('Calendar', { level: 'owner', access: null })).toBe('Calendar');
    expect(calendarLabel('Calendar', undefined)).toBe('Calendar');
    expect(accessLabel({ ownerName: 'Bob', name: 'Sales team' })).toBe('Bob – Sales team');
  });
});
