import type { CalendarEvent, EventWhen, ShowAs } from '../model/CalendarEvent';
import { expandSeries } from '../recurrence/expandSeries';
import { buildVtimezone } from './buildVtimezone';
import { escapeText, foldLine, paramValue } from './icsText';

export interface ExportIcsInput {
  calendarName: string;
  events: readonly CalendarEvent[];
  /** Only series and events with an occurrence in [fromMs, toMs) (floating times read as UTC). */
  range?: { fromMs: number; toMs: number };
  /** DTSTAMP of every event; now when left out. */
  stampMs?: number;
}

const BUSY_STATUS: Record<ShowAs, string> = {
  free: 'FREE',
  tentative: 'TENTATIVE',
  busy: 'BUSY',
  oof: 'OOF',
  workingElsewhere: 'WORKINGELSEWHERE',
};

const ROLE = { required: 'REQ-PARTICIPANT', optional: 'OPT-PARTICIPANT', chair: 'CHAIR' } as const;
const PARTSTAT = { 'needs-action': 'NEEDS-ACTION', accepted: 'ACCEPTED', tentative: 'TENTATIVE', declined: 'DECLINED' } as const;

/** Zones written as UTC ('Z') rather than with a TZID and VTIMEZONE. */
const UTC = 'UTC';

function compact(local: string): string {
  return local.replace(/[-:]/g, '');
}

/** `NAME;params:value` for a date property in a frame: VALUE=DATE, UTC, TZID or floating. */
function timeProp(name: string, values: readonly string[], frame: Pick<EventWhen, 'allDay' | 'tzid'>): string {
  const v = values.map((x) => (frame.allDay ? compact(x.slice(0, 10)) : compact(x.length === 16 ? `${x}:00` : x)));
  if (frame.allDay) return `${name};VALUE=DATE:${v.join(',')}`;
  if (frame.tzid === UTC) return `${name}:${v.map((x) => `${x}Z`).join(',')}`;
  if (frame.tzid === null) return `${name}:${v.join(',')}`;
  return `${name};TZID=${paramValue(frame.tzid)}:${v.join(',')}`;
}

function durationText(minutes: number): string {
  if (minutes === 0) return 'PT0S';
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return `-P${d ? `${d}D` : ''}${h || m ? 'T' : ''}${h ? `${h}H` : ''}${m ? `${m}M` : ''}`;
}

function stampText(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/[-:]|\.000/g, '');
}

function yearOf(local: string): number {
  return Number(local.slice(0, 4));
}

/** Last year an event can have an occurrence in, as far as a VTIMEZONE needs to cover. */
function lastYear(when: EventWhen): number {
  let year = yearOf(when.end);
  for (const d of when.rdates) year = Math.max(year, yearOf(d));
  if (when.rrule) {
    const until = /UNTIL=(\d{4})/i.exec(when.rrule);
    // Open or counted series: ten years of observances; readers fall back to the TZID's own rules beyond.
    year = Math.max(year, until ? Number(until[1]) : yearOf(when.start) + 10);
  }
  return year;
}

function overlaps(e: CalendarEvent, overrides: ReadonlyMap<string, EventWhen>, range: { fromMs: number; toMs: number }): boolean {
  try {
    return expandSeries(e.when, overrides, range, 'UTC').length > 0;
  } catch {
    return false;
  }
}

function veventLines(e: CalendarEvent, series: EventWhen | null, stamp: string): string[] {
  const { when, what, who } = e;
  const lines = ['BEGIN:VEVENT', `UID:${escapeText(e.uid)}`, `DTSTAMP:${stamp}`];
  if (e.recurrenceId !== null) lines.push(timeProp('RECURRENCE-ID', [e.recurrenceId], series ?? when));
  lines.push(timeProp('DTSTART', [when.start], when), timeProp('DTEND', [when.end], when));
  if (when.rrule) lines.push(`RRULE:${when.rrule}`);
  if (when.exdates.length) lines.push(timeProp('EXDATE', when.exdates, when));
  if (when.rdates.length) lines.push(timeProp('RDATE', when.rdates, when));
  if (what.title) lines.push(`SUMMARY:${escapeText(what.title)}`);
  if (what.location) lines.push(`LOCATION:${escapeText(what.location)}`);
  if (what.description) lines.push(`DESCRIPTION:${escapeText(what.description)}`);
  if (what.categories.length) lines.push(`CATEGORIES:${what.categories.map(escapeText).join(',')}`);
  lines.push(`CLASS:${what.private ? 'PRIVATE' : 'PUBLIC'}`);
  lines.push(`TRANSP:${what.showAs === 'free' ? 'TRANSPARENT' : 'OPAQUE'}`);
  lines.push(`X-MICROSOFT-CDO-BUSYSTATUS:${BUSY_STATUS[what.showAs]}`);
  if (who.organizer) lines.push(`ORGANIZER${who.organizer.name ? `;CN=${paramValue(who.organizer.name)}` : ''}:mailto:${who.organizer.email}`);
  for (const a of who.attendees) {
    const cn = a.name ? `;CN=${paramValue(a.name)}` : '';
    lines.push(`ATTENDEE${cn};ROLE=${ROLE[a.role]};PARTSTAT=${PARTSTAT[a.response]}:mailto:${a.email}`);
  }
  for (const minutes of e.reminders) {
    lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${escapeText(what.title || 'Reminder')}`, `TRIGGER:${durationText(minutes)}`, 'END:VALARM');
  }
  lines.push('END:VEVENT');
  return lines;
}

/**
 * Writes events (or those with an occurrence in `range`) as an iCalendar file:
 * IANA TZIDs with a VTIMEZONE for each zone used, UTC as 'Z', floating times bare,
 * all-day as VALUE=DATE; a series' changed occurrences follow it with a
 * RECURRENCE-ID in the series' form; reminders as VALARMs; show-as as both TRANSP
 * and X-MICROSOFT-CDO-BUSYSTATUS (Outlook reads the latter, everyone else the
 * former). CRLF line ends, lines folded at 75 octets. parseIcs reads it back to
 * the same events.
 */
export function exportIcs(input: ExportIcsInput): string {
  const masters = new Map<string, CalendarEvent>();
  const overridesOf = new Map<string, CalendarEvent[]>();
  for (const e of input.events) {
    if (e.recurrenceId === null) masters.set(e.uid, e);
    else {
      let list = overridesOf.get(e.uid);
      if (!list) overridesOf.set(e.uid, (list = []));
      list.push(e);
    }
  }
  const chosen: { event: CalendarEvent; series: EventWhen | null }[] = [];
  const take = (uid: string, master: CalendarEvent | undefined): void => {
    const overrides = overridesOf.get(uid) ?? [];
    if (input.range && master) {
      const map = new Map(overrides.map((o) => [o.recurrenceId as string, o.when]));
      if (!overlaps(master, map, input.range)) return;
    }
    if (master) chosen.push({ event: master, series: null });
    for (const o of overrides) {
      if (!master && input.range && !overlaps({ ...o, when: { ...o.when, rrule: null, rdates: [] } }, new Map(), input.range)) continue;
      chosen.push({ event: o, series: master?.when ?? null });
    }
  };
  for (const [uid, m] of masters) take(uid, m);
  for (const uid of overridesOf.keys()) if (!masters.has(uid)) take(uid, undefined);

  // Years each zone must cover.
  const zones = new Map<string, [number, number]>();
  for (const { event } of chosen) {
    const { tzid, allDay } = event.when;
    if (allDay || tzid === null || tzid === UTC) continue;
    const span = zones.get(tzid);
    const from = yearOf(event.when.start);
    const to = lastYear(event.when);
    zones.set(tzid, span ? [Math.min(span[0], from), Math.max(span[1], to)] : [from, to]);
  }
  const stamp = stampText(input.stampMs ?? Date.now());
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Tessera//Tessera Calendar//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(input.calendarName)}`];
  for (const [zone, [from, to]] of [...zones].sort(([a], [b]) => (a < b ? -1 : 1))) lines.push(...buildVtimezone(zone, from, Math.min(to, from + 60)));
  for (const { event, series } of chosen) lines.push(...veventLines(event, series, stamp));
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
