import type { CalendarEvent } from '../../shared/model/CalendarEvent';

/**
 * One event as an iCalendar file (RFC 5545), for keeping a refused edit outside
 * Tessera: times as stored (wall time with TZID, dates for all-day, floating
 * left floating), recurrence, text, people and the event's own reminders.
 */
export function formatEventIcs(event: CalendarEvent, now: number): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Tessera//Unsaved change//EN', 'BEGIN:VEVENT'];
  lines.push(`UID:${text(event.uid)}`);
  lines.push(`DTSTAMP:${utcStamp(now)}`);
  if (event.recurrenceId !== null) lines.push(timeLine('RECURRENCE-ID', event.recurrenceId, event.when.tzid, event.when.allDay));
  lines.push(timeLine('DTSTART', event.when.start, event.when.tzid, event.when.allDay));
  lines.push(timeLine('DTEND', event.when.end, event.when.tzid, event.when.allDay));
  if (event.when.rrule) lines.push(`RRULE:${event.when.rrule}`);
  for (const d of event.when.exdates) lines.push(timeLine('EXDATE', d, event.when.tzid, event.when.allDay));
  for (const d of event.when.rdates) lines.push(timeLine('RDATE', d, event.when.tzid, event.when.allDay));
  const { what, who } = event;
  if (what.title) lines.push(`SUMMARY:${text(what.title)}`);
  if (what.location) lines.push(`LOCATION:${text(what.location)}`);
  if (what.description) lines.push(`DESCRIPTION:${text(what.description)}`);
  if (what.categories.length > 0) lines.push(`CATEGORIES:${what.categories.map(text).join(',')}`);
  if (what.private) lines.push('CLASS:PRIVATE');
  lines.push(`TRANSP:${what.showAs === 'free' ? 'TRANSPARENT' : 'OPAQUE'}`);
  if (what.showAs === 'tentative') lines.push('STATUS:TENTATIVE');
  if (who.organizer) lines.push(`ORGANIZER;CN=${param(who.organizer.name)}:mailto:${who.organizer.email}`);
  for (const a of who.attendees) {
    const role = a.role === 'optional' ? 'OPT-PARTICIPANT' : a.role === 'chair' ? 'CHAIR' : 'REQ-PARTICIPANT';
    lines.push(`ATTENDEE;CN=${param(a.name)};ROLE=${role};PARTSTAT=${a.response.toUpperCase()}:mailto:${a.email}`);
  }
  for (const minutes of event.reminders) lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${text(what.title || 'Reminder')}`, `TRIGGER:-PT${minutes}M`, 'END:VALARM');
  lines.push('END:VEVENT', 'END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

function timeLine(name: string, local: string, tzid: string | null, allDay: boolean): string {
  if (allDay) return `${name};VALUE=DATE:${local.slice(0, 10).replaceAll('-', '')}`;
  const [date = '', time = ''] = local.split('T');
  const hms = (time.length === 5 ? `${time}:00` : time).replaceAll(':', '');
  const value = `${date.replaceAll('-', '')}T${hms}`;
  return tzid ? `${name};TZID=${tzid}:${value}` : `${name}:${value}`;
}

function utcStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** TEXT values: backslash, semicolon, comma and newlines escaped. */
function text(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

function param(value: string): string {
  return /[;:,]/.test(value) ? `"${value.replace(/"/g, "'")}"` : value;
}

/** Lines longer than 75 octets continue on the next line after a space. */
function fold(line: string): string {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = new TextEncoder().encode(ch).length;
    if (size + n > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
