import { useId, useSyncExternalStore } from 'react';
import { useReminderService } from './ReminderContext';

/**
 * "Show reminders" for one of the person's own calendars: off, its events'
 * reminders stay on the events but never fire for the person, on any device.
 */
export function ShowRemindersSwitch({ calendarId, label }: { calendarId: string; label: string }) {
  const service = useReminderService();
  const id = useId();
  const on = useSyncExternalStore(
    (l) => service?.subscribe(l) ?? (() => undefined),
    () => service?.showReminders(calendarId) ?? true,
  );
  if (!service) return null;
  return (
    <label className="checkbox show-reminders" htmlFor={id}>
      <input id={id} type="checkbox" role="switch" aria-checked={on} aria-label={`Show reminders for ${label}`} checked={on} onChange={(e) => void service.setShowReminders(calendarId, e.target.checked)} />
      Show reminders
    </label>
  );
}
