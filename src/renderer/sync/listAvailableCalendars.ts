import { canRead } from '../../shared/permissions/canRead';
import type { CalendarAccess } from '../../shared/protocol/api';

/**
 * Other people's calendars the person could add to their list ("Add calendar >
 * From your organisation"): everything the access map lets them read that is
 * not theirs, not stale and not listed already, ordered by owner, then name.
 */
export function listAvailableCalendars(access: Iterable<CalendarAccess>, listed: ReadonlySet<string>): CalendarAccess[] {
  const out: CalendarAccess[] = [];
  for (const a of access) {
    if (a.level === 'owner' || a.via === 'owner' || a.stale || !canRead(a.level) || listed.has(a.id)) continue;
    out.push(a);
  }
  return out.sort((a, b) => a.ownerName.localeCompare(b.ownerName) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
