import type { Attendee, CalendarEvent, EventWhen } from '../../src/shared/model/CalendarEvent';

/**
 * Writes the benchmark's events as one iCalendar file, so a CalDAV server (the
 * Radicale peer) holds the same 10,000 events as the relay. A series and its
 * changed occurrences share a UID, which is how a CalDAV server groups them into
 * one resource. Radicale adds the VTIMEZONEs for the IANA TZIDs itself.
 */

const DTSTAMP = '20261116T120000Z';

function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets (RFC 5545 3.1). */
function fold(line: string): string {
  if (Buffer.byteLength(line) <= 75) return line;
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  let limit = 75;
  for (const ch of line) {
    const b = Buffer.byteLength(ch);
    if (bytes + b > limit) {
      out.push(cur);
      cur = '';
      bytes = 0;
      limit = 74; // continuation lines start with a space
    }
    cur += ch;
    bytes += b;
  }
  out.push(cur);
  return out.join('\r\n ');
}

/** 2026-03-29T02:30 or 2026-03-29T02:30:00 -> 20260329T023000; 2026-03-29 -> 20260329. */
function icalLocal(v: string): string {
  if (v.length === 10) return v.replace(/-/g, '');
  const [d, t] = v.split('T') as [string, string];
  const hms = t.length === 5 ? `${t}:00` : t;
  return `${d.replace(/-/g, '')}T${hms.replace(/:/g, '')}`;
}

function timeProp(name: string, when: EventWhen, values: string[]): string {
  const joined = values.map(icalLocal).join(',');
  if (when.allDay) return `${name};VALUE=DATE:${joined}`;
  if (when.tzid) return `${name};TZID=${when.tzid}:${joined}`;
  return `${name}:${joined}`;
}

const ROLE: Record<Attendee['role'], string> = { required: 'REQ-PARTICIPANT', optional: 'OPT-PARTICIPANT', chair: 'CHAIR' };

function person(name: 'ORGANIZER' | 'ATTENDEE', a: Attendee): string {
  const cn = `CN="${a.name.replace(/"/g, "'")}"`;
  if (name === 'ORGANIZER') return `ORGANIZER;${cn}:mailto:${a.email}`;
  return `ATTENDEE;${cn};ROLE=${ROLE[a.role]};PARTSTAT=${a.response.toUpperCase()}:mailto:${a.email}`;
}

function vevent(e: CalendarEvent, master: CalendarEvent | null): string[] {
  const { when, what, who } = e;
  const lines = ['BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${DTSTAMP}`];
  // A changed occurrence's recurrence id takes the master's form (date or zoned time).
  if (e.recurrenceId) lines.push(timeProp('RECURRENCE-ID', master?.when ?? when, [e.recurrenceId]));
  lines.push(timeProp('DTSTART', when, [when.start]), timeProp('DTEND', when, [when.end]));
  if (when.rrule) lines.push(`RRULE:${when.rrule}`);
  if (when.exdates.length) lines.push(timeProp('EXDATE', when, when.exdates));
  if (when.rdates.length) lines.push(timeProp('RDATE', when, when.rdates));
  lines.push(`SUMMARY:${escapeText(what.title)}`);
  if (what.location) lines.push(`LOCATION:${escapeText(what.location)}`);
  if (what.description) lines.push(`DESCRIPTION:${escapeText(what.description)}`);
  if (what.categories.length) lines.push(`CATEGORIES:${what.categories.map(escapeText).join(',')}`);
  lines.push(`TRANSP:${what.showAs === 'free' ? 'TRANSPARENT' : 'OPAQUE'}`);
  if (what.showAs !== 'busy' && what.showAs !== 'free') lines.push(`X-MICROSOFT-CDO-BUSYSTATUS:${what.showAs.toUpperCase()}`);
  if (what.private) lines.push('CLASS:PRIVATE');
  if (who.organizer) lines.push(person('ORGANIZER', who.organizer));
  for (const a of who.attendees) lines.push(person('ATTENDEE', a));
  for (const minutes of e.reminders) lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', 'DESCRIPTION:Reminder', `TRIGGER:-PT${minutes}M`, 'END:VALARM');
  lines.push('END:VEVENT');
  return lines;
}

export function eventsToIcs(events: CalendarEvent[]): string {
  const masters = new Map<string, CalendarEvent>();
  for (const e of events) if (!e.recurrenceId) masters.set(e.uid, e);
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Tessera//relay bench//EN', 'CALSCALE:GREGORIAN'];
  for (const e of events) lines.push(...vevent(e, masters.get(e.uid) ?? null));
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
