import { SHOW_AS, type Attendee, type EventWhat, type EventWho, type ShowAs } from '../model/CalendarEvent';
import { allProps, firstProp, type IcsComponent } from './IcsComponent';
import { splitTextList, unescapeText } from './icsText';
import { readDuration, readTimeList, readTimeValue, type IcsDuration, type IcsTime } from './readIcsValues';

/** A VEVENT's values, read but not yet placed in a zone or checked as a whole. */
export interface RawEvent {
  uid: string;
  line: number;
  summary: string | null;
  recurrenceId: IcsTime | null;
  start: IcsTime;
  end: IcsTime | null;
  duration: IcsDuration | null;
  rrule: string | null;
  exdates: IcsTime[];
  rdates: IcsTime[];
  what: EventWhat;
  who: EventWho;
  /** Minutes before start, from relative-to-start VALARM triggers. */
  reminders: number[];
  sequence: number;
  warnings: string[];
}

const BUSY_STATUS: Record<string, ShowAs> = {
  FREE: 'free',
  TENTATIVE: 'tentative',
  BUSY: 'busy',
  OOF: 'oof',
  WORKINGELSEWHERE: 'workingElsewhere',
};

const ROLE: Record<string, Attendee['role']> = {
  CHAIR: 'chair',
  'REQ-PARTICIPANT': 'required',
  'OPT-PARTICIPANT': 'optional',
  'NON-PARTICIPANT': 'optional',
};

const RESPONSE: Record<string, Attendee['response']> = {
  ACCEPTED: 'accepted',
  TENTATIVE: 'tentative',
  DECLINED: 'declined',
  'NEEDS-ACTION': 'needs-action',
};

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function text(c: IcsComponent, name: string): string {
  const p = firstProp(c, name);
  return p ? unescapeText(p.value) : '';
}

function showAsOf(c: IcsComponent): ShowAs {
  for (const name of ['X-MICROSOFT-CDO-BUSYSTATUS', 'X-MICROSOFT-CDO-INTENDEDSTATUS']) {
    const v = firstProp(c, name)?.value.trim().toUpperCase();
    const s = v ? BUSY_STATUS[v] : undefined;
    if (s) return s;
  }
  const transp = firstProp(c, 'TRANSP')?.value.trim().toUpperCase();
  if (transp === 'TRANSPARENT') return 'free';
  return 'busy';
}

function person(value: string, cn: string | undefined): { email: string; name: string } | null {
  const email = value.trim().replace(/^mailto:/i, '').trim();
  if (!EMAIL.test(email)) return null;
  return { email, name: (cn ?? '').trim() };
}

function whoOf(c: IcsComponent, warnings: string[]): EventWho {
  const org = firstProp(c, 'ORGANIZER');
  let organizer: Attendee | null = null;
  if (org) {
    const p = person(org.value, org.params.CN);
    if (p) organizer = { ...p, role: 'chair', response: 'accepted' };
    else warnings.push(`ORGANIZER at line ${org.line} has no email address (${JSON.stringify(org.value.slice(0, 60))}); left out`);
  }
  const attendees: Attendee[] = [];
  const seen = new Set<string>();
  for (const a of allProps(c, 'ATTENDEE')) {
    const p = person(a.value, a.params.CN);
    if (!p) {
      warnings.push(`ATTENDEE at line ${a.line} has no email address (${JSON.stringify(a.value.slice(0, 60))}); left out`);
      continue;
    }
    const key = p.email.toLowerCase();
    if (seen.has(key)) {
      warnings.push(`ATTENDEE at line ${a.line}: ${p.email} is listed twice; kept the first`);
      continue;
    }
    seen.add(key);
    attendees.push({
      ...p,
      role: ROLE[(a.params.ROLE ?? 'REQ-PARTICIPANT').toUpperCase()] ?? 'required',
      response: RESPONSE[(a.params.PARTSTAT ?? 'NEEDS-ACTION').toUpperCase()] ?? 'needs-action',
    });
  }
  return { organizer, attendees };
}

function remindersOf(c: IcsComponent, warnings: string[]): number[] {
  const out: number[] = [];
  for (const alarm of c.children) {
    if (alarm.name !== 'VALARM') continue;
    const action = firstProp(alarm, 'ACTION')?.value.trim().toUpperCase();
    // Apple writes ACTION:NONE placeholders for "no alert".
    if (action === 'NONE') continue;
    const trigger = firstProp(alarm, 'TRIGGER');
    if (!trigger) {
      warnings.push(`VALARM at line ${alarm.line} has no TRIGGER; left out`);
      continue;
    }
    if ((trigger.params.VALUE ?? '').toUpperCase() === 'DATE-TIME') {
      warnings.push(`VALARM at line ${alarm.line} fires at a fixed time (${trigger.value}), not before the start; left out`);
      continue;
    }
    const d = readDuration(trigger.value);
    if (!d) {
      warnings.push(`VALARM at line ${alarm.line}: TRIGGER ${JSON.stringify(trigger.value)} is not a duration; left out`);
      continue;
    }
    if ((trigger.params.RELATED ?? 'START').toUpperCase() !== 'START') {
      warnings.push(`VALARM at line ${alarm.line} is relative to the end; only reminders before the start are kept; left out`);
      continue;
    }
    const before = 0 - (d.days * 1440 + d.seconds / 60);
    if (before < 0 || !Number.isInteger(before)) {
      warnings.push(`VALARM at line ${alarm.line} fires ${before < 0 ? 'after the start' : 'at a fraction of a minute'} (${trigger.value}); left out`);
      continue;
    }
    if (before > 60 * 24 * 28) {
      warnings.push(`VALARM at line ${alarm.line} fires more than 4 weeks before the start (${trigger.value}); left out`);
      continue;
    }
    if (!out.includes(before)) out.push(before);
  }
  if (out.length > 10) {
    warnings.push(`${out.length} reminders; kept the 10 nearest the start`);
    out.sort((a, b) => a - b).splice(10);
  }
  return out.sort((a, b) => a - b);
}

/** Reads one whole VEVENT; a string with the reason when it cannot be imported. */
export function readVevent(c: IcsComponent): RawEvent | string {
  if (c.broken) return c.broken;
  const warnings: string[] = [];
  const uidProp = firstProp(c, 'UID');
  const uid = uidProp ? unescapeText(uidProp.value).trim() : '';
  if (uid === '') return 'it has no UID';
  const dtstart = firstProp(c, 'DTSTART');
  if (!dtstart) return 'it has no DTSTART';
  const start = readTimeValue(dtstart.value, dtstart.params.TZID ?? null, dtstart.params.VALUE);
  if (typeof start === 'string') return `DTSTART at line ${dtstart.line}: ${start}`;
  let end: IcsTime | null = null;
  let duration: IcsDuration | null = null;
  const dtend = firstProp(c, 'DTEND');
  if (dtend) {
    const e = readTimeValue(dtend.value, dtend.params.TZID ?? null, dtend.params.VALUE);
    if (typeof e === 'string') return `DTEND at line ${dtend.line}: ${e}`;
    end = e;
  } else {
    const dur = firstProp(c, 'DURATION');
    if (dur) {
      duration = readDuration(dur.value);
      if (!duration) return `DURATION at line ${dur.line}: ${JSON.stringify(dur.value)} is not a duration`;
    }
  }
  let recurrenceId: IcsTime | null = null;
  const rid = firstProp(c, 'RECURRENCE-ID');
  if (rid) {
    const r = readTimeValue(rid.value, rid.params.TZID ?? null, rid.params.VALUE);
    if (typeof r === 'string') return `RECURRENCE-ID at line ${rid.line}: ${r}`;
    recurrenceId = r;
    if ((rid.params.RANGE ?? '').toUpperCase() === 'THISANDFUTURE') warnings.push(`RECURRENCE-ID at line ${rid.line} has RANGE=THISANDFUTURE; read as a change of that one occurrence`);
  }
  const rrules = allProps(c, 'RRULE');
  if (rrules.length > 1) warnings.push(`${rrules.length} RRULEs; only the first (line ${rrules[0]?.line}) is kept`);
  const rrule = rrules[0]?.value.trim().replace(/^RRULE:/i, '') || null;
  const exdates: IcsTime[] = [];
  const rdates: IcsTime[] = [];
  for (const [name, list] of [['EXDATE', exdates], ['RDATE', rdates]] as const) {
    for (const p of allProps(c, name)) {
      const { times, errors } = readTimeList(p);
      list.push(...times);
      for (const e of errors) warnings.push(`${e}; that date is left out`);
    }
  }
  const categories: string[] = [];
  for (const p of allProps(c, 'CATEGORIES')) {
    for (const cat of splitTextList(p.value)) if (cat.trim() !== '' && !categories.includes(cat)) categories.push(cat);
  }
  const klass = firstProp(c, 'CLASS')?.value.trim().toUpperCase();
  const what: EventWhat = {
    title: text(c, 'SUMMARY'),
    location: text(c, 'LOCATION'),
    description: text(c, 'DESCRIPTION'),
    categories,
    showAs: showAsOf(c),
    private: klass === 'PRIVATE' || klass === 'CONFIDENTIAL',
  };
  if (!SHOW_AS.includes(what.showAs)) what.showAs = 'busy';
  const seq = Number(firstProp(c, 'SEQUENCE')?.value ?? 0);
  return {
    uid,
    line: c.line,
    summary: what.title || null,
    recurrenceId,
    start,
    end,
    duration,
    rrule,
    exdates,
    rdates,
    what,
    who: whoOf(c, warnings),
    reminders: remindersOf(c, warnings),
    sequence: Number.isFinite(seq) ? seq : 0,
    warnings,
  };
}
