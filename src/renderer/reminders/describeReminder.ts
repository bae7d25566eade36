import type { ReminderInstance } from '../../shared/reminders/ReminderOccurrence';

/** "in 30 minutes", "now", "5 minutes ago", "2 hours ago", "tomorrow". */
export function relativeStart(startMs: number, nowMs: number): string {
  const minutes = Math.round((startMs - nowMs) / 60_000);
  const abs = Math.abs(minutes);
  if (abs < 1) return 'now';
  const amount = abs < 60 ? `${abs} ${abs === 1 ? 'minute' : 'minutes'}` : abs < 48 * 60 ? `${Math.round(abs / 60)} ${Math.round(abs / 60) === 1 ? 'hour' : 'hours'}` : `${Math.round(abs / 1440)} days`;
  return minutes > 0 ? `in ${amount}` : `${amount} ago`;
}

/** Notification text for one reminder: its title, then when and where. */
export function describeReminder(r: ReminderInstance, nowMs: number, zone: string): { title: string; body: string } {
  const time = r.allDay
    ? new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: zone }).format(r.startMs)
    : new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone: zone }).format(r.startMs);
  const when = r.allDay ? `All day, ${time}` : `${time} (${relativeStart(r.startMs, nowMs)})`;
  return { title: r.title.trim() || '(No title)', body: [when, r.location.trim()].filter(Boolean).join(' · ') };
}
