import * as Y from 'yjs';
import type { Attendee, EventWhat, EventWhen, EventWho, Reminders, ShowAs } from '../../src/shared/model/CalendarEvent';
import { writeEvent, type EventGroups } from '../../src/shared/model/eventDocument';

/**
 * Deterministic workload for the replica benchmark: one calendar document with
 * `events` events (a share of them recurring), spread over about four years
 * around `nowMs`, each written once and then edited `editsPerEvent` times in
 * separate Yjs transactions by a few devices, in interleaved order (edit round 1
 * over all events in shuffled order, then round 2, ...), the way a long-lived
 * team calendar accumulates history. Every update is captured so the benchmark
 * can store the same history uncompacted (one row per edit) as a baseline.
 */

export interface WorkloadOptions {
  seed: number;
  events: number;
  recurringShare: number;
  editsPerEvent: number;
  nowMs: number;
  /** Devices that take turns writing, as Yjs client ids. */
  clients: number;
  calendarName: string;
}

export interface WorkloadStats {
  events: number;
  singles: number;
  series: number;
  seriesByKind: Record<SeriesKind, number>;
  seriesBounded: { count: number; until: number; unbounded: number };
  seriesWithExdates: number;
  exdates: number;
  changedOccurrences: number;
  zones: Record<string, number>;
  editsByKind: Record<string, number>;
  transactions: number;
  /** Edits that changed nothing (same value written again): Yjs emits no update for them. */
  noOpTransactions: number;
  clients: number;
  firstStart: string;
  lastStart: string;
}

export interface Workload {
  doc: Y.Doc;
  /** Every update the document emitted, in order: the uncompacted history. */
  updates: Uint8Array[];
  stats: WorkloadStats;
}

type SeriesKind = 'weekly' | 'daily' | 'monthlyByDate' | 'monthlyByNthWeekday' | 'yearly';

const DAY = 86_400_000;
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** mulberry32: small, fast, good enough for workload shapes. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const fmtDate = (dayMs: number) => new Date(dayMs).toISOString().slice(0, 10);
const fmtDateTime = (dayMs: number, minutes: number) => new Date(dayMs + minutes * 60_000).toISOString().slice(0, 19);
const icalDate = (dayMs: number) => fmtDate(dayMs).replace(/-/g, '');
/** ISO weekday index 0 = Monday. */
const weekdayOf = (dayMs: number) => (new Date(dayMs).getUTCDay() + 6) % 7;

function nthWeekdayOfMonth(year: number, month: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = Date.UTC(year, month, 1);
    const offset = (weekday - weekdayOf(first) + 7) % 7;
    return first + (offset + (n - 1) * 7) * DAY;
  }
  const last = Date.UTC(year, month + 1, 0);
  const back = (weekdayOf(last) - weekday + 7) % 7;
  return last - back * DAY;
}

interface Spec {
  uid: string;
  kind: SeriesKind | null;
  allDay: boolean;
  tzid: string | null;
  dayMs: number;
  startMin: number;
  durMin: number;
  allDayDays: number;
  interval: number;
  byday: string[];
  nth: number;
  weekday: number;
  rrule: string | null;
  /** Largest k of the primary occurrence column that is still inside the series. */
  maxK: number;
  when: EventWhen;
  what: EventWhat;
  who: EventWho;
  rem: Reminders;
  edits: string[];
  exdateKs: number[];
  overrideKs: number[];
}

const TITLE_A = ['Team', 'Project', 'Design', 'Budget', 'Customer', 'Sprint', 'Hiring', 'Board', 'Quarterly', 'Ops', 'Security', 'Platform', 'Sales', 'Support', 'Roadmap', 'Release'];
const TITLE_B = ['sync', 'review', 'planning', 'stand-up', 'call', 'workshop', 'lunch', 'interview', 'retro', '1:1', 'demo', 'update', 'kick-off', 'training', 'check-in'];
const PROJECTS = ['Atlas', 'Borealis', 'Cedar', 'Delta', 'Ember', 'Fjord', 'Granite', 'Harbor', 'Iris', 'Juniper'];
const ROOMS = ['Room 1.02', 'Room 2.14', 'Room 3.01', 'Berlin HQ, Floor 4', 'New York office, Hudson room', 'Shanghai office, 12F', 'https://meet.example.com/abc-defg-hij', 'Zoom', 'Cafeteria', 'Client site'];
const WORDS = 'agenda notes please review the draft before we meet and bring open questions about scope timeline budget risks owners next steps decisions follow up dial in details are below thanks everyone for joining'.split(' ');
const FIRST = ['Anna', 'Ben', 'Chen', 'Dana', 'Emil', 'Fatima', 'Greg', 'Hana', 'Ivan', 'Julia', 'Kofi', 'Lena', 'Mateo', 'Nora', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tara'];
const LAST = ['Schmidt', 'Miller', 'Wang', 'Garcia', 'Becker', 'Li', 'Johnson', 'Weber', 'Zhang', 'Brown'];
const CATEGORIES = ['Blue', 'Green', 'Orange', 'Red', 'Purple'];

export function generateCalendar(opts: WorkloadOptions): Workload {
  const rnd = prng(opts.seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const weighted = <T>(pairs: readonly (readonly [T, number])[]): T => {
    let r = rnd() * pairs.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of pairs) if ((r -= w) < 0) return v;
    return pairs[pairs.length - 1]![0];
  };
  const hex = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(rnd() * 16).toString(16);
    return s;
  };
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
  const lorem = (min: number, max: number) => {
    const target = int(min, max);
    let s = '';
    while (s.length < target) s += (s ? ' ' : '') + pick(WORDS);
    return s.charAt(0).toUpperCase() + s.slice(1) + '.';
  };
  const person = (): Attendee => {
    const f = pick(FIRST);
    const l = pick(LAST);
    return { email: `${f}.${l}@example.com`.toLowerCase(), name: `${f} ${l}`, role: rnd() < 0.85 ? 'required' : 'optional', response: pick(['needs-action', 'accepted', 'accepted', 'tentative', 'declined'] as const) };
  };
  const title = () => `${pick(TITLE_A)} ${pick(TITLE_B)}${rnd() < 0.4 ? ` – ${pick(PROJECTS)}` : ''}`;

  const nowDay = Math.floor(opts.nowMs / DAY) * DAY;
  const spanDays = 2 * 730; // about four years, centred on now
  const firstDay = nowDay - 730 * DAY;

  const stats: WorkloadStats = {
    events: opts.events,
    singles: 0,
    series: 0,
    seriesByKind: { weekly: 0, daily: 0, monthlyByDate: 0, monthlyByNthWeekday: 0, yearly: 0 },
    seriesBounded: { count: 0, until: 0, unbounded: 0 },
    seriesWithExdates: 0,
    exdates: 0,
    changedOccurrences: 0,
    zones: {},
    editsByKind: {},
    transactions: 0,
    noOpTransactions: 0,
    clients: opts.clients,
    firstStart: '',
    lastStart: '',
  };

  // ---- plan every event --------------------------------------------------
  const specs: Spec[] = [];
  for (let i = 0; i < opts.events; i++) {
    const recurring = rnd() < opts.recurringShare;
    const kind: SeriesKind | null = recurring
      ? weighted<SeriesKind>([
          ['weekly', 60],
          ['daily', 12],
          ['monthlyByDate', 10],
          ['monthlyByNthWeekday', 9],
          ['yearly', 9],
        ])
      : null;
    const zoneChoice = kind === 'yearly' && rnd() < 0.7 ? 'all-day' : weighted([
      ['Europe/Berlin', 40],
      ['America/New_York', 25],
      ['Asia/Shanghai', 15],
      ['all-day', 17],
      ['floating', 3],
    ] as const);
    stats.zones[zoneChoice] = (stats.zones[zoneChoice] ?? 0) + 1;
    const allDay = zoneChoice === 'all-day';
    const tzid = allDay || zoneChoice === 'floating' ? null : zoneChoice;

    let dayMs = firstDay + int(0, spanDays - 1) * DAY;
    // Most timed meetings fall on working days.
    if (!allDay && weekdayOf(dayMs) >= 5 && rnd() < 0.85) dayMs += (7 - weekdayOf(dayMs)) * DAY;
    const startMin = int(7 * 4, 18 * 4) * 15;
    const durMin = weighted([
      [15, 8],
      [30, 30],
      [45, 8],
      [60, 34],
      [90, 10],
      [120, 7],
      [180, 3],
    ] as const);
    const allDayDays = rnd() < 0.8 ? 1 : int(2, 5);

    let interval = 1;
    let byday: string[] = [];
    let nth = 0;
    let weekday = weekdayOf(dayMs);
    let rrule: string | null = null;
    let maxK = Number.POSITIVE_INFINITY;
    if (kind) {
      let base: string;
      let perPeriod = 1;
      switch (kind) {
        case 'weekly': {
          const shape = weighted([
            ['one', 60],
            ['two', 25],
            ['workdays', 15],
          ] as const);
          if (shape === 'workdays') {
            if (weekdayOf(dayMs) >= 5) dayMs += (7 - weekdayOf(dayMs)) * DAY;
            byday = ['MO', 'TU', 'WE', 'TH', 'FR'];
          } else {
            const days = new Set([weekdayOf(dayMs)]);
            if (shape === 'two') days.add((weekdayOf(dayMs) + int(1, 3)) % 5);
            byday = [...days].sort((a, b) => a - b).map((d) => WEEKDAYS[d]!);
          }
          perPeriod = byday.length;
          interval = shape === 'one' && rnd() < 0.2 ? 2 : 1;
          base = `FREQ=WEEKLY${interval > 1 ? `;INTERVAL=${interval}` : ''};BYDAY=${byday.join(',')}`;
          break;
        }
        case 'daily':
          interval = rnd() < 0.15 ? 2 : 1;
          base = `FREQ=DAILY${interval > 1 ? `;INTERVAL=${interval}` : ''}`;
          break;
        case 'monthlyByDate': {
          const d = new Date(dayMs);
          if (d.getUTCDate() > 28) dayMs -= (d.getUTCDate() - 28) * DAY;
          base = `FREQ=MONTHLY;BYMONTHDAY=${new Date(dayMs).getUTCDate()}`;
          break;
        }
        case 'monthlyByNthWeekday': {
          const d = new Date(dayMs);
          nth = pick([1, 2, 3, 4, -1]);
          weekday = int(0, 4);
          dayMs = nthWeekdayOfMonth(d.getUTCFullYear(), d.getUTCMonth(), weekday, nth);
          base = `FREQ=MONTHLY;BYDAY=${nth}${WEEKDAYS[weekday]}`;
          break;
        }
        case 'yearly': {
          const d = new Date(dayMs);
          if (d.getUTCMonth() === 1 && d.getUTCDate() === 29) dayMs -= DAY;
          base = 'FREQ=YEARLY';
          break;
        }
      }
      weekday = kind === 'monthlyByNthWeekday' ? weekday : weekdayOf(dayMs);
      const bound = weighted([
        ['count', 25],
        ['until', 25],
        ['none', 50],
      ] as const);
      if (bound === 'count') {
        const count = kind === 'yearly' ? int(3, 10) : kind === 'daily' ? int(3, 20) : int(6, 40);
        rrule = `${base};COUNT=${count}`;
        maxK = Math.floor((count - 1) / perPeriod);
        stats.seriesBounded.count++;
      } else if (bound === 'until') {
        // Until the k-th occurrence of the primary column, a few weeks to a year or two on.
        maxK = kind === 'yearly' ? int(2, 6) : kind === 'daily' ? int(5, 90) : kind === 'weekly' ? int(4, 60) : int(3, 18);
        const lastDay = occurrenceDay({ kind, dayMs, interval, nth, weekday } as Spec, maxK);
        rrule = `${base};UNTIL=${allDay ? icalDate(lastDay) : `${icalDate(lastDay)}T235959${tzid ? 'Z' : ''}`}`;
        stats.seriesBounded.until++;
      } else {
        rrule = base;
        stats.seriesBounded.unbounded++;
      }
      stats.series++;
      stats.seriesByKind[kind]++;
    } else {
      stats.singles++;
    }

    const when: EventWhen = allDay
      ? { start: fmtDate(dayMs), end: fmtDate(dayMs + (kind ? 1 : allDayDays) * DAY), tzid: null, allDay: true, rrule, exdates: [], rdates: [] }
      : { start: fmtDateTime(dayMs, startMin), end: fmtDateTime(dayMs, startMin + durMin), tzid, allDay: false, rrule, exdates: [], rdates: [] };
    const what: EventWhat = {
      title: allDay && kind === 'yearly' ? `${pick(FIRST)}'s birthday` : title(),
      location: rnd() < 0.4 ? pick(ROOMS) : '',
      description: rnd() < 0.3 ? lorem(40, 200) : '',
      categories: rnd() < 0.2 ? [pick(CATEGORIES)] : [],
      showAs: weighted<ShowAs>([
        ['busy', 80],
        ['tentative', 8],
        ['free', 7],
        ['oof', 3],
        ['workingElsewhere', 2],
      ]),
      private: rnd() < 0.03,
    };
    const who: EventWho = rnd() < 0.3 ? { organizer: { ...person(), role: 'chair', response: 'accepted' }, attendees: Array.from({ length: int(1, 8) }, person) } : { organizer: null, attendees: [] };
    const rem: Reminders = rnd() < 0.6 ? [pick([5, 10, 15, 30])] : rnd() < 0.25 ? [15, 1440] : [];

    const spec: Spec = { uid: uuid(), kind, allDay, tzid, dayMs, startMin, durMin, allDayDays, interval, byday, nth, weekday, rrule, maxK, when, what, who, rem, edits: [], exdateKs: [], overrideKs: [] };

    // Exceptions are edits too: "delete this occurrence", "change this occurrence".
    if (kind) {
      const kMax = Number.isFinite(maxK) ? maxK : kind === 'yearly' ? 4 : kind.startsWith('monthly') ? 36 : 100;
      const ks = new Set<number>();
      if (rnd() < 0.2 && kMax >= 1) for (let n = int(1, 3); n > 0; n--) ks.add(int(1, kMax));
      spec.exdateKs = [...ks];
      if (rnd() < 0.06 && kMax >= 1) {
        const k = int(1, kMax);
        if (!ks.has(k)) spec.overrideKs.push(k);
      }
      if (spec.exdateKs.length > 0) stats.seriesWithExdates++;
    }
    const fixed = [...spec.exdateKs.map(() => 'exclude'), ...spec.overrideKs.map(() => 'changeOccurrence')].slice(0, opts.editsPerEvent);
    spec.exdateKs = spec.exdateKs.slice(0, fixed.filter((e) => e === 'exclude').length);
    const free = opts.editsPerEvent - fixed.length;
    const edits = [...fixed];
    for (let e = 0; e < free; e++) {
      edits.push(
        weighted([
          ['move', 25],
          ['retitle', 18],
          ['describe', 20],
          ['relocate', 10],
          ['invite', 12],
          ['remind', 8],
          ['categorise', 7],
        ] as const),
      );
    }
    // Shuffle so exceptions are not always the first edits.
    for (let a = edits.length - 1; a > 0; a--) {
      const b = int(0, a);
      [edits[a], edits[b]] = [edits[b]!, edits[a]!];
    }
    spec.edits = edits;
    specs.push(spec);
  }

  // ---- write history -----------------------------------------------------
  const doc = new Y.Doc();
  const clientIds = Array.from({ length: opts.clients }, () => 1 + Math.floor(rnd() * 0x7ffffffe));
  const updates: Uint8Array[] = [];
  const capture = (u: Uint8Array) => updates.push(u);
  doc.on('update', capture);
  const transact = (fn: () => void) => {
    doc.clientID = pick(clientIds);
    doc.transact(fn);
    stats.transactions++;
  };
  transact(() => doc.getMap('meta').set('name', opts.calendarName));

  let minStart = '';
  let maxStart = '';
  for (const s of specs) {
    transact(() => writeEvent(doc, s.uid, { when: s.when, what: s.what, who: s.who, rem: s.rem }));
    if (!minStart || s.when.start < minStart) minStart = s.when.start;
    if (!maxStart || s.when.start > maxStart) maxStart = s.when.start;
  }
  stats.firstStart = minStart;
  stats.lastStart = maxStart;

  const order = specs.map((_, i) => i);
  for (let round = 0; round < opts.editsPerEvent; round++) {
    for (let a = order.length - 1; a > 0; a--) {
      const b = int(0, a);
      [order[a], order[b]] = [order[b]!, order[a]!];
    }
    for (const i of order) {
      const s = specs[i]!;
      const edit = s.edits[round]!;
      stats.editsByKind[edit] = (stats.editsByKind[edit] ?? 0) + 1;
      const change = applyEdit(s, edit);
      if (!change) continue;
      transact(() => writeEvent(doc, change.key, change.groups));
    }
  }
  for (const s of specs) {
    stats.exdates += s.when.exdates.length;
  }
  doc.off('update', capture);
  stats.noOpTransactions = stats.transactions - updates.length;
  return { doc, updates, stats };

  // ---- edits -------------------------------------------------------------
  function applyEdit(s: Spec, edit: string): { key: string; groups: Partial<EventGroups> } | null {
    switch (edit) {
      case 'move': {
        if (s.kind) {
          // A series keeps its start (its exceptions refer to it); it gets longer or
          // shorter, and an all-day series moves to another place instead.
          if (s.allDay) return applyEdit(s, 'relocate');
          s.durMin = Math.max(15, s.durMin + pick([-30, -15, 15, 30, 60]));
          s.when = { ...s.when, end: fmtDateTime(s.dayMs, s.startMin + s.durMin) };
        } else if (s.allDay) {
          s.dayMs += int(-3, 3) * DAY;
          s.when = { ...s.when, start: fmtDate(s.dayMs), end: fmtDate(s.dayMs + s.allDayDays * DAY) };
        } else {
          s.dayMs += int(-2, 2) * DAY;
          s.startMin = Math.min(20 * 60, Math.max(7 * 60, s.startMin + pick([-60, -30, 0, 30, 60, 120])));
          s.durMin = rnd() < 0.3 ? pick([30, 60, 90]) : s.durMin;
          s.when = { ...s.when, start: fmtDateTime(s.dayMs, s.startMin), end: fmtDateTime(s.dayMs, s.startMin + s.durMin) };
        }
        return { key: s.uid, groups: { when: s.when } };
      }
      case 'retitle':
        s.what = { ...s.what, title: rnd() < 0.5 ? title() : `${s.what.title} (updated)` };
        return { key: s.uid, groups: { what: s.what } };
      case 'describe':
        s.what = { ...s.what, description: s.what.description && rnd() < 0.5 ? `${s.what.description}\n\n${lorem(60, 300)}` : lorem(80, 400) };
        return { key: s.uid, groups: { what: s.what } };
      case 'relocate':
        s.what = { ...s.what, location: pick(ROOMS) };
        return { key: s.uid, groups: { what: s.what } };
      case 'categorise':
        s.what = { ...s.what, categories: rnd() < 0.8 ? [pick(CATEGORIES)] : [], showAs: rnd() < 0.8 ? 'busy' : 'tentative' };
        return { key: s.uid, groups: { what: s.what } };
      case 'invite': {
        const attendees = s.who.attendees.map((a) => (rnd() < 0.5 ? { ...a, response: pick(['accepted', 'declined', 'tentative'] as const) } : a));
        attendees.push(person());
        s.who = { organizer: s.who.organizer ?? { ...person(), role: 'chair', response: 'accepted' }, attendees };
        return { key: s.uid, groups: { who: s.who } };
      }
      case 'remind':
        s.rem = rnd() < 0.2 ? [] : [pick([5, 10, 15, 30, 60])];
        return { key: s.uid, groups: { rem: s.rem } };
      case 'exclude': {
        const k = s.exdateKs.shift();
        if (k === undefined) return null;
        s.when = { ...s.when, exdates: [...s.when.exdates, occurrenceStart(s, k)] };
        return { key: s.uid, groups: { when: s.when } };
      }
      case 'changeOccurrence': {
        const k = s.overrideKs.shift();
        if (k === undefined) return null;
        const rid = occurrenceStart(s, k);
        const day = occurrenceDay(s, k);
        const shift = s.allDay ? 0 : pick([60, 120, -60]);
        const when: EventWhen = s.allDay
          ? { start: fmtDate(day + DAY), end: fmtDate(day + 2 * DAY), tzid: null, allDay: true, rrule: null, exdates: [], rdates: [] }
          : { start: fmtDateTime(day, s.startMin + shift), end: fmtDateTime(day, s.startMin + shift + s.durMin), tzid: s.tzid, allDay: false, rrule: null, exdates: [], rdates: [] };
        stats.changedOccurrences++;
        return { key: `${s.uid}#${rid}`, groups: { when, what: { ...s.what, title: `${s.what.title} (moved)` }, who: s.who, rem: s.rem } };
      }
      default:
        return null;
    }
  }
}

/** Day of the k-th occurrence of the series' primary column (the DTSTART weekday / day of month). */
function occurrenceDay(s: Pick<Spec, 'kind' | 'dayMs' | 'interval' | 'nth' | 'weekday'>, k: number): number {
  const d = new Date(s.dayMs);
  switch (s.kind) {
    case 'daily':
      return s.dayMs + k * s.interval * DAY;
    case 'weekly':
      return s.dayMs + k * 7 * s.interval * DAY;
    case 'monthlyByDate':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + k, d.getUTCDate());
    case 'monthlyByNthWeekday': {
      const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + k, 1));
      return nthWeekdayOfMonth(m.getUTCFullYear(), m.getUTCMonth(), s.weekday, s.nth);
    }
    case 'yearly':
      return Date.UTC(d.getUTCFullYear() + k, d.getUTCMonth(), d.getUTCDate());
    default:
      return s.dayMs;
  }
}

function occurrenceStart(s: Spec, k: number): string {
  const day = occurrenceDay(s, k);
  return s.allDay ? fmtDate(day) : fmtDateTime(day, s.startMin);
}
