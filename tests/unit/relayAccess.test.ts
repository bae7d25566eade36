import { describe, expect, it } from 'vitest';
import type { CalendarAccess } from '../../src/shared/protocol/api';
import { computeReach } from '../../src/relay/access/computeReach';
import { diffAccess } from '../../src/relay/inbox/diffAccess';
import type { GrantRow } from '../../src/relay/store/rowSchemas';

const cal = { owner_id: 'own', org_id: 'org', default_level: null };
const g = (kind: 'user' | 'group', id: string, level: GrantRow['level'], seesPrivate = false): GrantRow => ({
  calendar_id: 'c',
  subject_kind: kind,
  subject_id: id,
  level,
  sees_private: seesPrivate,
  since: 0,
  granted_by: 'own',
});
const reach = (personId: string, grants: GrantRow[], opts: { org?: string; groups?: string[]; orgDefault?: GrantRow['level']; calDefault?: GrantRow['level'] | null } = {}) =>
  computeReach({
    personId,
    personOrgId: opts.org ?? 'org',
    groupIds: new Set(opts.groups ?? []),
    calendar: { ...cal, default_level: opts.calDefault ?? null },
    grants,
    orgDefault: opts.orgDefault ?? 'availability',
  });

describe('computeReach (effectiveLevel with its source)', () => {
  it('owner is owner', () => expect(reach('own', [g('user', 'own', 'limited')])).toEqual({ level: 'owner', via: 'owner', seesPrivate: true }));
  it('a direct grant wins, even below a group grant', () => {
    expect(reach('p', [g('user', 'p', 'availability'), g('group', 'g1', 'editor')], { groups: ['g1'] })).toEqual({ level: 'availability', via: 'direct', seesPrivate: false });
  });
  it('else the highest group grant', () => {
    expect(reach('p', [g('group', 'g1', 'limited'), g('group', 'g2', 'delegate', true), g('group', 'g3', 'owner')], { groups: ['g1', 'g2'] })).toEqual({ level: 'delegate', via: 'group', seesPrivate: true });
  });
  it('else the calendar default, else the organisation default', () => {
    expect(reach('p', [], { calDefault: 'reviewer' })).toEqual({ level: 'reviewer', via: 'default', seesPrivate: false });
    expect(reach('p', [], { orgDefault: 'limited' })).toEqual({ level: 'limited', via: 'default', seesPrivate: false });
    expect(reach('p', [], { orgDefault: 'limited', calDefault: 'none' }).level).toBe('none');
  });
  it('another organisation: a direct grant only (external), never groups or defaults', () => {
    expect(reach('x', [g('user', 'x', 'reviewer')], { org: 'other' })).toEqual({ level: 'reviewer', via: 'external', seesPrivate: false });
    expect(reach('x', [g('group', 'g1', 'editor')], { org: 'other', groups: ['g1'], orgDefault: 'editor' }).level).toBe('none');
  });
});

const access = (id: string, level: CalendarAccess['level'], via: CalendarAccess['via'], stale = false): CalendarAccess => ({
  id,
  name: id.toUpperCase(),
  ownerId: 'own',
  ownerName: 'Owner',
  level,
  via,
  seesPrivate: false,
  epochs: { titles: 0, busy: 0 },
  stale,
});

describe('diffAccess (inbox access and notices)', () => {
  const cause = { byId: 'own', byName: 'Owner' };
  let n = 0;
  const run = (prev: CalendarAccess[], next: CalendarAccess[], c: Parameters<typeof diffAccess>[2] = cause, pending: string[] = []) =>
    diffAccess(new Map(prev.map((a) => [a.id, a])), new Map(next.map((a) => [a.id, a])), c, 1000, () => `n${n++}`, (id) => pending.includes(id));
  const kinds = (d: ReturnType<typeof run>) => d.notices.map((x) => [x.notice, x.calendarId, x.previousLevel, x.level]);

  it('nothing changes, nothing is written', () => {
    expect(run([access('a', 'editor', 'direct')], [access('a', 'editor', 'direct')])).toEqual({ put: [], remove: [], notices: [] });
  });
  it('granted through a grant, silent through the default, silent with an invitation', () => {
    expect(kinds(run([], [access('a', 'reviewer', 'group')]))).toEqual([['granted', 'a', 'none', 'reviewer']]);
    expect(kinds(run([], [access('a', 'availability', 'default')]))).toEqual([]);
    expect(kinds(run([], [access('a', 'editor', 'direct')], cause, ['a']))).toEqual([]);
    expect(kinds(run([access('a', 'availability', 'default')], [access('a', 'editor', 'direct')], { ...cause, invitedTo: new Set(['a']) }))).toEqual([]);
  });
  it('level-changed, revoked (fell back), removed, stale', () => {
    expect(kinds(run([access('a', 'editor', 'direct')], [access('a', 'reviewer', 'direct')]))).toEqual([['level-changed', 'a', 'editor', 'reviewer']]);
    expect(kinds(run([access('a', 'editor', 'direct')], [access('a', 'availability', 'default')], { ...cause, directRevokedOn: new Set(['a']) }))).toEqual([['revoked', 'a', 'editor', 'availability']]);
    const removed = run([access('a', 'editor', 'direct')], []);
    expect(removed.remove).toEqual(['a']);
    expect(kinds(removed)).toEqual([['removed', 'a', 'editor', 'none']]);
    expect(kinds(run([access('a', 'reviewer', 'external')], [access('a', 'reviewer', 'external', true)]))).toEqual([['stale', 'a', 'reviewer', 'none']]);
  });
  it('own calendars never make notices', () => {
    expect(kinds(run([], [access('a', 'owner', 'owner')]))).toEqual([]);
    expect(kinds(run([access('a', 'owner', 'owner')], []))).toEqual([]);
  });
});
