import { canRead } from '../../shared/permissions/canRead';
import type { CalendarAccess } from '../../shared/protocol/api';
import { bindingFromAccess, docNamesOf, isWritable, sameBinding, type ReplicaBinding } from '../replica/ReplicaBinding';

export interface PlannedCalendar {
  id: string;
  binding: ReplicaBinding;
  /** Known to be on the relay (synced before, or listed as such in the overlay). */
  onRelay: boolean;
  /** Local changes not yet confirmed by the relay. */
  pending: boolean;
  /** The calendar a new profile starts with, untouched by the person. */
  auto: boolean;
  /** Holds no events (null: not known yet). */
  empty: boolean | null;
}

export interface PlanInput {
  /** Calendars in the person's overlay. */
  calendars: readonly PlannedCalendar[];
  /** The inbox's `access` map (or the relay's answer, when newer). */
  access: ReadonlyMap<string, CalendarAccess>;
  /** The access map was heard from the relay in this session (a stored one may be old). */
  accessConfirmed: boolean;
  overlayConfirmed: boolean;
  deletedOwned: ReadonlySet<string>;
  now: number;
}

export type CalendarPlan =
  /** Keep (or start) syncing the rooms of the calendar's binding. */
  | { kind: 'sync'; calendarId: string }
  /** Stop syncing, keep the copy (stale). */
  | { kind: 'stop'; calendarId: string }
  /** The level, epoch or private access changed. `reset`: unconfirmed edits would be refused or dropped, so keep them and reset. */
  | { kind: 'bind'; calendarId: string; binding: ReplicaBinding; reset: boolean }
  /** A local calendar goes to the relay. */
  | { kind: 'upload'; calendarId: string }
  /** Left the access map: leaves every device. */
  | { kind: 'remove'; calendarId: string; keepUnsaved: boolean }
  /** An owned calendar missing from the overlay (made on another client). */
  | { kind: 'add'; access: CalendarAccess }
  /** The untouched starter calendar of a new device, when the account already has calendars. */
  | { kind: 'drop-auto'; calendarId: string };

/**
 * What to do with each calendar, from the access map and the overlay (issue 3):
 * a calendar is synced when the access map has it at availability or more and
 * the overlay lists it, at the rooms its level allows; it leaves when the access
 * map drops it; a level change re-binds at once. Nothing is removed or uploaded
 * on a stored access map alone, which may predate changes made while offline.
 */
export function planCalendars(input: PlanInput): CalendarPlan[] {
  const plan: CalendarPlan[] = [];
  const listed = new Set(input.calendars.map((c) => c.id));
  // Calendars the person keeps: any the relay knows, any with events or touched by them.
  const keeps = input.calendars.filter((c) => input.access.has(c.id) || c.onRelay || !(c.auto && c.empty === true));
  for (const c of input.calendars) {
    const access = input.access.get(c.id);
    if (access && canRead(access.level)) {
      const desired = bindingFromAccess(access, input.now, c.binding);
      if (!sameBinding(c.binding, desired)) {
        const dropsDocs = docNamesOf(c.binding).some((d) => !docNamesOf(desired).includes(d));
        const losesWrite = isWritable(c.binding) && !isWritable(desired);
        plan.push({ kind: 'bind', calendarId: c.id, binding: desired, reset: c.binding.source === 'relay' && c.pending && (dropsDocs || losesWrite) });
      }
      plan.push(desired.staleSince === null ? { kind: 'sync', calendarId: c.id } : { kind: 'stop', calendarId: c.id });
      continue;
    }
    if (!input.accessConfirmed) {
      if (c.onRelay && c.binding.staleSince === null) plan.push({ kind: 'sync', calendarId: c.id });
      continue;
    }
    if (c.onRelay) {
      plan.push({ kind: 'remove', calendarId: c.id, keepUnsaved: c.pending });
      continue;
    }
    if (!input.overlayConfirmed) continue;
    if (c.auto && c.empty === true && keeps.length > 0) plan.push({ kind: 'drop-auto', calendarId: c.id });
    else if (c.empty !== null || !c.auto) plan.push({ kind: 'upload', calendarId: c.id });
  }
  if (input.accessConfirmed && input.overlayConfirmed) {
    for (const access of input.access.values()) {
      // Own calendars, and team calendars, which people in scope get without an invitation (issue 6).
      if ((access.level === 'owner' || access.team === true) && !access.stale && !listed.has(access.id) && !input.deletedOwned.has(access.id)) plan.push({ kind: 'add', access });
    }
  }
  return plan;
}
