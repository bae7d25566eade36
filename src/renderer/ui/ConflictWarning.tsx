import { useMemo } from 'react';
import type { Me } from '../../shared/protocol/api';
import { describeConflicts, findConflicts } from '../../shared/schedule/findConflicts';
import type { CalendarStore } from '../replica/CalendarStore';
import type { AttendeeRef } from '../schedule/SchedulePerson';
import { useSchedule } from '../schedule/useSchedule';
import type { SyncService } from '../sync/SyncService';

export interface ConflictWarningProps {
  store: CalendarStore;
  sync: SyncService | null;
  /** The organiser; null when not signed in. */
  me: Me | null;
  attendees: readonly AttendeeRef[];
  startMs: number;
  endMs: number;
  /** The event being edited, so it does not conflict with itself. */
  uid?: string | null;
}

/**
 * "Bob Sales is busy then; Carol Sales is tentative." for the editor, from what
 * the organiser's device holds (free/busy is enough, nothing else is read).
 * Renders nothing when everyone known is free.
 */
export function ConflictWarning({ store, sync, me, attendees, startMs, endMs, uid }: ConflictWarningProps) {
  const valid = Number.isFinite(startMs) && Number.isFinite(endMs) && endMs > startMs;
  const schedule = useSchedule(valid ? { store, sync, me, attendees, fromMs: startMs, toMs: endMs, excludeUid: uid ?? null } : null);
  const text = useMemo(() => {
    if (!schedule || !valid) return '';
    const conflicts = findConflicts(
      startMs,
      endMs,
      schedule.people.map((p) => ({ id: p.key, name: p.isOrganizer ? 'You' : p.name || p.email, busy: p.busy })),
    );
    // "You is busy" reads badly; the organiser gets their own sentence.
    return describeConflicts(conflicts).replace(/^You is busy then/, 'You are busy then').replace(/(^|; )You is tentative/, '$1You are tentative');
  }, [schedule, valid, startMs, endMs]);
  if (!text) return null;
  return (
    <p className="conflict-warning" role="status" aria-label="Conflicts">
      {text}
    </p>
  );
}
