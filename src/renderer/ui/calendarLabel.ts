import type { SharedCalendarInfo } from '../sync/SyncService';

/** Between owner and calendar name: "Alice Archer – Calendar". */
export const OWNER_SEPARATOR = ' – ';

/** A team calendar belongs to the organisation, not a person: "Sales_Client visits — Team". */
export const TEAM_SUFFIX = ' — Team';

/** The owner's name when the calendar is someone else's (shown to the person through a share), else null. */
export function sharedOwnerOf(info: Pick<SharedCalendarInfo, 'access' | 'level'> | null | undefined): string | null {
  if (!info || info.level === 'owner' || !info.access || info.access.via === 'owner' || info.access.team === true) return null;
  return info.access.ownerName || null;
}

/**
 * A calendar's name where it has to stand alone (accessible names, pickers,
 * confirmations): the person's own calendars by their name, other people's as
 * "<owner> – <name>", so Alice's "Calendar" and the person's "Calendar" differ.
 */
export function calendarLabel(name: string, info: Pick<SharedCalendarInfo, 'access' | 'level'> | null | undefined): string {
  if (info?.access?.team === true) return `${name}${TEAM_SUFFIX}`;
  const owner = sharedOwnerOf(info);
  return owner ? `${owner}${OWNER_SEPARATOR}${name}` : name;
}

/** The same for a calendar the person does not have yet (the organisation picker, notices). */
export function accessLabel(access: { ownerName: string; name: string; team?: boolean }): string {
  if (access.team === true) return `${access.name}${TEAM_SUFFIX}`;
  return `${access.ownerName}${OWNER_SEPARATOR}${access.name}`;
}
