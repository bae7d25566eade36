import type { CalendarEvent, EventWhen } from '../model/CalendarEvent';
import { validateEvent } from '../model/validateEvent';
import { MS_PER_DAY } from '../time/daysFromCivil';
import { formatWall } from '../time/formatLocal';
import { epochToWall, wallToEpoch } from '../time/wallToEpoch';
import { firstProp } from './IcsComponent';
import { unescapeText } from './icsText';
import type { IcsTime } from './readIcsValues';
import { readVevent, type RawEvent } from './readVevent';
import { ZoneResolver } from './resolveZone';
import { scanIcs } from './scanIcs';

export interface IcsSkip {
  line: number | null;
  uid: string | null;
  summary: string | null;
  reason: string;
}

export interface IcsParseResult {
  /** X-WR-CALNAME. */
  calendarName: string | null;
  /** Masters and single events first in file order, each series' changed occurrences after it. */
  events: CalendarEvent[];
  /** Exactly what was left out and why; a skipped event is never partly imported. */
  skipped: IcsSkip[];
  /** What was read by a guess or left out of an event that was imported. */
  warnings: string[];
}

export interface ParseIcsOptions {
  onProgress?: (done: number, total: number) => void;
}

/** Where an event's times live: all-day dates, a zone, or floating (tzid null). */
interface Frame {
  allDay: boolean;
  tzid: string | null;
  /** The start's time of day, for DATE exclusions of a timed series. */
  timeOfDay: string;
}

const PROGRESS_EVERY = 1_000;

/**
 * Reads an iCalendar file into events of the model (CalendarEvent.ts), the way
 * every importer of Tessera does (app, worker, CLI, benchmark).
 *
 * Times keep the file's wall clock and zone: TZIDs become IANA zones (see
 * ZoneResolver), UTC times stay UTC, except a single event's, which moves into
 * the calendar's X-WR-TIMEZONE when there is one (Google writes single events in
 * UTC), and a changed occurrence's, which moves into its series' zone. Exclusions,
 * extra dates and recurrence ids are written in their series' zone, as the model
 * wants. Components are grouped by UID here, once, so reading is linear (ical.js's
 * Event looks through all siblings for each event: DESIGN.md, Known traps).
 *
 * Bad content never throws: each event that cannot be read whole, or that
 * validateEvent refuses, goes to `skipped` with the reason.
 *
 * @throws NotIcalendarError when the text is not an iCalendar file at all
 */
export function parseIcs(text: string, options: ParseIcsOptions = {}): IcsParseResult {
  const scan = scanIcs(text);
  const warnings = [...scan.warnings];
  const skipped: IcsSkip[] = [];
  const resolver = new ZoneResolver(scan.timezones);
  const warned = new Set<string>();
  const zoneOf = (tzid: string, year: number): string | null => {
    const r = resolver.resolve(tzid, year);
    if (r.warning && !warned.has(r.warning)) {
      warned.add(r.warning);
      warnings.push(r.warning);
    }
    return r.zone;
  };
  const calName = firstProp(scan.calendar, 'X-WR-CALNAME');
  const calZoneProp = firstProp(scan.calendar, 'X-WR-TIMEZONE');
  const calZone = calZoneProp ? zoneOf(calZoneProp.value.trim(), new Date().getUTCFullYear()) : null;

  const total = scan.events.length;
  const { onProgress } = options;
  // Read every block; group by UID, the series master (no RECURRENCE-ID) apart.
  const groups = new Map<string, { master: RawEvent | null; overrides: Map<string, RawEvent> }>();
  const skipRaw = (r: RawEvent, reason: string): void => {
    skipped.push({ line: r.line, uid: r.uid, summary: r.summary, reason });
  };
  scan.events.forEach((c, i) => {
    if (onProgress && i % PROGRESS_EVERY === 0) onProgress(i, total);
    const r = readVevent(c);
    if (typeof r === 'string') {
      const uid = firstProp(c, 'UID');
      const summary = firstProp(c, 'SUMMARY');
      skipped.push({ line: c.line, uid: uid ? unescapeText(uid.value).trim() || null : null, summary: summary ? unescapeText(summary.value) : null, reason: r });
      return;
    }
    let g = groups.get(r.uid);
    if (!g) groups.set(r.uid, (g = { master: null, overrides: new Map() }));
    const key = r.recurrenceId ? `${r.recurrenceId.tzid ?? (r.recurrenceId.utc ? 'Z' : '')}|${r.recurrenceId.local}` : null;
    const existing = key === null ? g.master : g.overrides.get(key);
    if (existing) {
      // Same UID and RECURRENCE-ID twice: the higher SEQUENCE wins, then the later one.
      const [keep, drop] = r.sequence >= existing.sequence ? [r, existing] : [existing, r];
      skipRaw(drop, `another VEVENT with UID ${JSON.stringify(r.uid)}${key ? ' and the same RECURRENCE-ID' : ''} (line ${keep.line}) replaces it`);
      if (keep === existing) return;
    }
    if (key === null) g.master = r;
    else g.overrides.set(key, r);
  });

  const events: CalendarEvent[] = [];
  const accept = (raw: RawEvent, event: CalendarEvent): boolean => {
    const problems = validateEvent(event);
    if (problems.length > 0) {
      skipRaw(raw, problems.join('; '));
      return false;
    }
    for (const w of raw.warnings) warnings.push(`UID ${raw.uid} (line ${raw.line}): ${w}`);
    events.push(event);
    return true;
  };

  for (const [uid, g] of groups) {
    const { master } = g;
    if (!master) {
      // Changed occurrences of a series the file does not hold: each becomes a single event.
      const orphans = [...g.overrides.values()];
      for (const o of orphans) {
        const frame = frameOf(o, calZone, zoneOf);
        const id = orphans.length === 1 ? uid : `${uid}@${(o.recurrenceId as IcsTime).local}`;
        if (accept(o, eventOf(o, id, null, frame, null, zoneOf))) {
          warnings.push(`UID ${uid} (line ${o.line}): a changed occurrence without its series; imported as a single event${id === uid ? '' : ` with UID ${id}`}`);
        }
      }
      continue;
    }
    const recurring = master.rrule !== null || master.rdates.length > 0;
    const frame = frameOf(master, recurring ? null : calZone, zoneOf);
    const m = eventOf(master, uid, null, frame, frame, zoneOf);
    if (!accept(master, m)) {
      for (const o of g.overrides.values()) skipRaw(o, `its series (UID ${JSON.stringify(uid)}, line ${master.line}) was skipped`);
      continue;
    }
    if (!recurring && g.overrides.size > 0) {
      for (const o of g.overrides.values()) skipRaw(o, `a changed occurrence of UID ${JSON.stringify(uid)}, which does not repeat`);
      continue;
    }
    const seen = new Set<string>();
    for (const o of g.overrides.values()) {
      const rid = place(o.recurrenceId as IcsTime, frame, zoneOf);
      if (seen.has(rid)) {
        skipRaw(o, `another changed occurrence of UID ${JSON.stringify(uid)} has the same RECURRENCE-ID (${rid})`);
        continue;
      }
      seen.add(rid);
      const own = frameOf(o, frame.allDay ? null : frame.tzid, zoneOf);
      accept(o, eventOf(o, uid, rid, own, frame, zoneOf));
    }
  }
  onProgress?.(total, total);
  skipped.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { calendarName: calName ? unescapeText(calName.value) : null, events, skipped, warnings };
}

type ZoneOf = (tzid: string, year: number) => string | null;

/** The zone an event's own times are kept in; `preferUtcAs` takes UTC times into a zone. */
function frameOf(r: RawEvent, preferUtcAs: string | null, zoneOf: ZoneOf): Frame {
  const s = r.start;
  const timeOfDay = s.dateOnly ? 'T00:00:00' : s.local.slice(10);
  if (s.dateOnly) return { allDay: true, tzid: null, timeOfDay };
  if (s.utc) return { allDay: false, tzid: preferUtcAs ?? 'UTC', timeOfDay };
  if (s.tzid === null) return { allDay: false, tzid: null, timeOfDay };
  return { allDay: false, tzid: zoneOf(s.tzid, Number(s.local.slice(0, 4))), timeOfDay };
}

/** The instant a value names, or null for a floating one (same wall time everywhere). */
function instantOf(t: IcsTime, zoneOf: ZoneOf): number | null {
  if (t.utc) return t.wall;
  if (t.tzid === null) return null;
  const zone = zoneOf(t.tzid, Number(t.local.slice(0, 4)));
  return zone === null ? null : wallToEpoch(t.wall, zone);
}

/** A value in the frame's local form (date, or wall time in its zone). */
function place(t: IcsTime, frame: Frame, zoneOf: ZoneOf): string {
  if (frame.allDay) return t.local.slice(0, 10);
  if (t.dateOnly) return `${t.local}${frame.timeOfDay}`;
  if (frame.tzid === null) return t.local;
  const instant = instantOf(t, zoneOf);
  if (instant === null) return t.local;
  return formatWall(epochToWall(instant, frame.tzid), false);
}

function endOf(r: RawEvent, frame: Frame, start: string, zoneOf: ZoneOf): string {
  const startWall = Date.parse(`${start}${frame.allDay ? 'T00:00:00' : ''}Z`);
  if (r.end) {
    if (frame.allDay) {
      const e = r.end.local.slice(0, 10);
      // A timed end on an all-day start: the event covers that end's date.
      return !r.end.dateOnly && r.end.local.slice(10) !== 'T00:00:00' ? formatWall(Date.parse(`${e}T00:00:00Z`) + MS_PER_DAY, true) : e;
    }
    return place(r.end, frame, zoneOf);
  }
  if (frame.allDay) {
    const days = r.duration ? Math.max(1, r.duration.days + Math.ceil(r.duration.seconds / 86_400)) : 1;
    return formatWall(startWall + days * MS_PER_DAY, true);
  }
  if (!r.duration) return start;
  // Days are calendar days (10:00 stays 10:00 across DST); the rest is exact time.
  const dayWall = startWall + r.duration.days * MS_PER_DAY;
  if (frame.tzid === null) return formatWall(dayWall + r.duration.seconds * 1000, false);
  return formatWall(epochToWall(wallToEpoch(dayWall, frame.tzid) + r.duration.seconds * 1000, frame.tzid), false);
}

function eventOf(r: RawEvent, uid: string, recurrenceId: string | null, frame: Frame, series: Frame | null, zoneOf: ZoneOf): CalendarEvent {
  const start = frame.allDay ? r.start.local.slice(0, 10) : r.start.utc || r.start.tzid === null ? place(r.start, frame, zoneOf) : r.start.local;
  const isMaster = recurrenceId === null && series !== null;
  const when: EventWhen = {
    start,
    end: endOf(r, frame, start, zoneOf),
    tzid: frame.allDay ? null : frame.tzid,
    allDay: frame.allDay,
    rrule: isMaster ? r.rrule : null,
    exdates: isMaster ? unique(r.exdates.map((t) => place(t, frame, zoneOf))) : [],
    rdates: isMaster ? unique(r.rdates.map((t) => place(t, frame, zoneOf))) : [],
  };
  return { uid, recurrenceId, when, what: r.what, who: r.who, reminders: r.reminders };
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}
