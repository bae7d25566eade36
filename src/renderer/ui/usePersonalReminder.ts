import { useState } from 'react';
import { canWrite } from '../../shared/permissions/canWrite';
import type { PermissionLevel } from '../../shared/permissions/PermissionLevel';
import type { EditTarget } from './eventDraft';
import { useReminderService } from './ReminderContext';

export interface PersonalReminder {
  /** True on someone else's existing item: the field edits the person's own reminder, not the event's. */
  applies: boolean;
  /** Minutes before the start, or null for none. */
  value: number | null;
  setValue: (minutes: number | null) => void;
  /** The owner's reminders, where the person may see them (editor and above); else null. */
  ownerReminders: number[] | null;
  /** Writes a changed value to the person's overlay (never to the event). */
  commit: () => Promise<void>;
}

/**
 * The editor's "Reminder" in the new model (DESIGN.md, Reminders). On the
 * person's own calendar, and when creating an item anywhere (that sets the
 * owner's reminder), the editor keeps editing the event's reminders. On an
 * existing item of someone else's calendar it edits only the person's personal
 * reminder, "none" until they set one.
 */
export function usePersonalReminder(target: EditTarget | null): PersonalReminder {
  const service = useReminderService();
  const level: PermissionLevel = target && service ? service.levelOf(target.calendarId) : 'owner';
  const applies = target !== null && service !== null && level !== 'owner';
  const [initial] = useState<number | null>(() => (applies && target && service ? (service.personalReminder(target.calendarId, target.uid)[0] ?? null) : null));
  const [value, setValue] = useState<number | null>(initial);
  return {
    applies,
    value,
    setValue,
    ownerReminders: applies && canWrite(level) && target ? target.event.reminders : null,
    commit: async () => {
      if (!applies || !target || !service || value === initial) return;
      // Series-wide: one personal reminder covers every occurrence, as in Outlook.
      await service.setPersonalReminder(target.calendarId, target.uid, value === null ? [] : [value]);
    },
  };
}
