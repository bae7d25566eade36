import ICAL from 'ical.js';
import type { EventWhen } from '../../../src/shared/model/CalendarEvent';

type IcalTime = InstanceType<typeof ICAL.Time>;
type IcalComponent = InstanceType<typeof ICAL.Component>;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** An ICAL.Time as the model's local form, read from its fields (no zone maths). */
function local(t: IcalTime): string {
  const date = `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
  return t.isDate ? date : `${date}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
}

function timeOf(vevent: IcalComponent, name: string): { value: string; tzid: string | null; allDay: boolean } {
  const prop = vevent.getFirstProperty(name);
  if (!prop) throw new Error(`fixture VEVENT has no ${name}`);
  const t = prop.getFirstValue() as IcalTime;
  if (t.zone?.tzid === 'UTC') throw new Error(`fixtures write ${name} in local time, not UTC`);
  const tzid = prop.getParameter('tzid');
  return { value: local(t), tzid: typeof tzid === 'string' ? tzid : null, allDay: t.isDate };
}

function whenOf(vevent: IcalComponent): EventWhen {
  const start = timeOf(vevent, 'dtstart');
  const end = timeOf(vevent, 'dtend');
  const dates = (name: string) =>
    vevent.getAllProperties(name).flatMap((p) => (p.getValues() as IcalTime[]).map(local));
  const rrule = vevent.getFirstPropertyValue('rrule') as InstanceType<typeof ICAL.Recur> | null;
  return {
    start: start.value,
    end: end.value,
    tzid: start.allDay ? null : start.tzid,
    allDay: start.allDay,
    rrule: rrule ? rrule.toString() : null,
    exdates: dates('exdate'),
    rdates: dates('rdate'),
  };
}

/**
 * Reads a golden-test .ics: the VEVENT without RECURRENCE-ID is the series; the
 * others are overrides keyed by their RECURRENCE-ID in the model's local form.
 */
export function readIcsSeries(text: string): { when: EventWhen; overrides: Map<string, EventWhen> } {
  const vcal = new ICAL.Component(ICAL.parse(text));
  let master: EventWhen | null = null;
  const overrides = new Map<string, EventWhen>();
  for (const vevent of vcal.getAllSubcomponents('vevent')) {
    const rid = vevent.getFirstPropertyValue('recurrence-id') as IcalTime | null;
    if (rid) overrides.set(local(rid), { ...whenOf(vevent), rrule: null, exdates: [], rdates: [] });
    else master = whenOf(vevent);
  }
  if (!master) throw new Error('fixture has no series VEVENT');
  return { when: master, overrides };
}
