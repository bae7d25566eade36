import { defaultWhat, EMPTY_WHO, type CalendarEvent, type ShowAs } from '../../src/shared/model/CalendarEvent';
import type { BusyInterval } from '../../src/shared/schedule/BusyInterval';
import { busyIntervals } from '../../src/shared/schedule/busyIntervals';
import { findTimes, type FindTimesInput, type ScheduleAttendee, type SlotSuggestion } from '../../src/shared/schedule/findTimes';
import { DEFAULT_WORKING_HOURS } from '../../src/shared/schedule/WorkingHours';
import { workingWindows } from '../../src/shared/schedule/workingWindows';
import { zoneOffsetMinutes } from '../../src/shared/time/zoneOffsetMinutes';

/*
 * "Find a time for 20 attendees with 2,000 events each over 4 weeks <= 100 ms"
 * (issue 4), beside a naive baseline in the same run: for every candidate slot,
 * scan every event of every attendee (and their working windows). Both return
 * the same ranked slots, checked here.
 */

const ATTENDEES = 20;
const REQUIRED = 3;
const EVENTS = 2_000;
const FROM = Date.UTC(2026, 2, 2); // Monday 2 March 2026: both DST changes of March fall inside
const TO = FROM + 28 * 86_400_000;
// The three required attendees (the first three) share 14:00-16:00 UTC of their working days.
const ZONES = ['Europe/Berlin', 'Europe/London', 'America/New_York', 'Asia/Shanghai', 'America/Los_Angeles'];
const RUNS = 9;
const MINUTE = 60_000;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
function local(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** 2,000 events per person in their own zone at any hour: singles spread over the 4 weeks, a tenth weekly series; 20% busy, 10% tentative, the rest free. */
export function generate(seed = 7): { zone: string; events: CalendarEvent[] }[] {
  const r = rng(seed);
  const out: { zone: string; events: CalendarEvent[] }[] = [];
  for (let p = 0; p < ATTENDEES; p++) {
    const zone = ZONES[p % ZONES.length]!;
    const events: CalendarEvent[] = [];
    for (let i = 0; i < EVENTS; i++) {
      const series = i % 10 === 0;
      const day = Math.floor(r() * (series ? 7 : 28));
      const startWall = FROM + day * 86_400_000 + Math.floor(r() * 96) * 15 * MINUTE;
      const len = (1 + Math.floor(r() * 4)) * 15 * MINUTE;
      const x = r();
      const showAs: ShowAs = x < 0.2 ? 'busy' : x < 0.3 ? 'tentative' : 'free';
      events.push({
        uid: `p${p}-e${i}`,
        recurrenceId: null,
        when: { start: local(startWall), end: local(startWall + len), tzid: zone, allDay: false, rrule: series ? 'FREQ=WEEKLY;COUNT=4' : null, exdates: [], rdates: [] },
        what: { ...defaultWhat(`e${i}`), showAs },
        who: EMPTY_WHO,
        reminders: [],
      });
    }
    out.push({ zone, events });
  }
  return out;
}

function attendeesOf(people: { zone: string; busy: BusyInterval[] }[]): ScheduleAttendee[] {
  return people.map((p, i) => ({ id: `p${i}`, required: i < REQUIRED, zone: p.zone, workingHours: DEFAULT_WORKING_HOURS, busy: p.busy }));
}

function inputOf(attendees: ScheduleAttendee[]): FindTimesInput {
  return { attendees, durationMinutes: 30, from: FROM, to: TO, stepMinutes: 15, organizerZone: 'Europe/Berlin', limit: 20 };
}

/** The baseline: every candidate start on the step, every attendee, every event and working window scanned. */
export function naiveFindTimes(input: FindTimesInput): SlotSuggestion[] {
  const stepMs = input.stepMinutes * MINUTE;
  const durMs = input.durationMinutes * MINUTE;
  const windows = input.attendees.map((a) => (a.workingHours && a.zone ? workingWindows(a.workingHours, a.zone, input.from, input.to) : null));
  const offset = zoneOffsetMinutes(input.organizerZone, input.from) * MINUTE;
  const first = Math.ceil((input.from + offset) / stepMs) * stepMs - offset;
  const slots: SlotSuggestion[] = [];
  const optionalTotal = input.attendees.filter((a) => !a.required).length;
  for (let s = first; s + durMs <= input.to; s += stepMs) {
    const e = s + durMs;
    let ok = true;
    const requiredTentative: string[] = [];
    const optionalFree: string[] = [];
    const optionalUnknown: string[] = [];
    input.attendees.forEach((a, i) => {
      const w = windows[i];
      const inHours = !w || w.some(([ws, we]) => ws <= s && e <= we);
      if (a.busy === null) {
        if (a.required && !inHours) ok = false;
        if (!a.required) optionalUnknown.push(a.id);
        return;
      }
      let busy = false;
      let tentative = false;
      for (const b of a.busy) {
        if (b.startMs < e && b.endMs > s) {
          if (b.kind === 'busy') busy = true;
          else tentative = true;
        }
      }
      if (a.required) {
        if (!inHours || busy) ok = false;
        else if (tentative) requiredTentative.push(a.id);
      } else if (inHours && !busy && !tentative) optionalFree.push(a.id);
    });
    if (ok) slots.push({ startMs: s, endMs: e, requiredTentative, optionalFree, optionalUnknown, optionalTotal });
  }
  slots.sort((a, b) => a.requiredTentative.length - b.requiredTentative.length || b.optionalFree.length - a.optionalFree.length || a.startMs - b.startMs);
  return slots.slice(0, input.limit ?? 50);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeIt<T>(fn: () => T): { ms: number[]; result: T } {
  const ms: number[] = [];
  let result!: T;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    result = fn();
    ms.push(performance.now() - t);
  }
  return { ms, result };
}

export function runScheduleBench(): Record<string, unknown> {
  const people = generate();
  const range = { fromMs: FROM, toMs: TO };
  // End to end: expand every person's events (series included) into busy intervals, then find.
  const endToEnd = timeIt(() => findTimes(inputOf(attendeesOf(people.map((p) => ({ zone: p.zone, busy: busyIntervals(p.events, range, p.zone) }))))));
  const attendees = attendeesOf(people.map((p) => ({ zone: p.zone, busy: busyIntervals(p.events, range, p.zone) })));
  const fast = timeIt(() => findTimes(inputOf(attendees)));
  const naive = timeIt(() => naiveFindTimes(inputOf(attendees)));
  const key = (s: SlotSuggestion[]) => JSON.stringify(s.map((x) => [x.startMs, x.optionalFree.length, x.requiredTentative.length]));
  const busyCount = attendees.reduce((n, a) => n + (a.busy?.length ?? 0), 0);
  return {
    workload: { attendees: ATTENDEES, required: REQUIRED, eventsEach: EVENTS, weeks: 4, stepMinutes: 15, durationMinutes: 30, zones: ZONES, busyIntervals: busyCount },
    budgetMs: 100,
    findTimesMedianMs: round(median(fast.ms)),
    endToEndMedianMs: round(median(endToEnd.ms)),
    naiveMedianMs: round(median(naive.ms)),
    ratioNaiveOverFast: round(median(naive.ms) / median(fast.ms)),
    // The app reads busy intervals already expanded from the replica's derived index, so the budget is findTimes'.
    withinBudget: median(fast.ms) <= 100,
    sameSlots: key(fast.result) === key(naive.result),
    slotsFound: fast.result.length,
    best: fast.result[0] ? { start: new Date(fast.result[0].startMs).toISOString(), optionalFree: fast.result[0].optionalFree.length } : null,
    runs: RUNS,
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
