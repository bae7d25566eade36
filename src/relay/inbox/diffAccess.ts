import type { CalendarAccess } from '../../shared/protocol/api';
import type { Notice } from '../../shared/protocol/inboxDocument';
import type { AccessCause } from './AccessCause';

export interface AccessDiff {
  put: CalendarAccess[];
  remove: string[];
  notices: Notice[];
}

function same(a: CalendarAccess, b: CalendarAccess): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * What changes in a person's inbox when their access goes from `prev` to `next`
 * (both keyed by calendar id), and the notices it deserves (NOTICE_KINDS):
 *  - granted: a calendar appears through a direct, group or external grant
 *    (not one that only the organisation default shows, and not when an
 *    invitation says so already);
 *  - level-changed: the level of a calendar still reached changed;
 *  - revoked: the direct grant went and the person fell back to a group grant or
 *    the default;
 *  - removed: a calendar is no longer reached (its replica leaves the devices);
 *  - stale: a person of another organisation lost it and keeps a stale copy.
 * Own calendars never make notices.
 */
export function diffAccess(
  prev: ReadonlyMap<string, CalendarAccess>,
  next: ReadonlyMap<string, CalendarAccess>,
  cause: AccessCause,
  now: number,
  newId: () => string,
  hasPendingInvitation: (calendarId: string) => boolean,
): AccessDiff {
  const put: CalendarAccess[] = [];
  const remove: string[] = [];
  const notices: Notice[] = [];
  const notice = (kind: Notice['notice'], a: CalendarAccess, level: Notice['level'], previousLevel: Notice['previousLevel']) => {
    notices.push({ id: newId(), kind: 'notice', notice: kind, calendarId: a.id, calendarName: a.name, byId: cause.byId, byName: cause.byName, level, previousLevel, at: now });
  };
  for (const [id, n] of next) {
    const p = prev.get(id);
    if (p && same(p, n)) continue;
    put.push(n);
    if (n.via === 'owner' || (p && p.via === 'owner')) continue;
    // The invitation just sent says it all.
    if (cause.invitedTo?.has(id) === true) continue;
    if (n.stale) {
      if (p && !p.stale) notice('stale', n, 'none', p.level);
      continue;
    }
    if (!p || p.stale) {
      const announced = hasPendingInvitation(id);
      if (n.via !== 'default' && !announced) notice('granted', n, n.level, 'none');
      continue;
    }
    if (p.level === n.level) continue;
    const fellBack = cause.directRevokedOn?.has(id) === true && (p.via === 'direct' || p.via === 'external') && (n.via === 'group' || n.via === 'default');
    notice(fellBack ? 'revoked' : 'level-changed', n, n.level, p.level);
  }
  for (const [id, p] of prev) {
    if (next.has(id)) continue;
    remove.push(id);
    if (p.via !== 'owner' && !p.stale) notice('removed', p, 'none', p.level);
  }
  return { put, remove, notices };
}
