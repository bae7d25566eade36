import { describe, expect, it } from 'vitest';
import { ipcArgsSchemas, ipcResultSchemas } from '../../src/shared/ipc/ipcSchemas';
import type { ScheduledReminder } from '../../src/shared/ipc/ScheduledReminder';
import { ReminderTimers, type ReminderTimerDeps } from '../../src/main/ReminderTimers';

const MIN = 60_000;

/** A hand-driven clock and timer queue: the main process's logic, without Electron or wall-clock time. */
function harness(start: number, stored: string | null = null) {
  let now = start;
  let file = stored;
  const shown: [string, string][] = [];
  const timers = new Map<number, { at: number; fn: () => void }>();
  let nextId = 1;
  const deps: ReminderTimerDeps = {
    now: () => now,
    setTimer: (fn, ms) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimer: (h) => timers.delete(h as number),
    show: (title, body) => shown.push([title, body]),
    load: () => file,
    save: (json) => {
      file = json;
    },
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const next = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > end) break;
      timers.delete(next[0]);
      now = next[1].at;
      next[1].fn();
    }
    now = end;
  };
  /** Time passes with no timer running (the machine asleep). */
  const sleep = (ms: number) => {
    now += ms;
  };
  return { deps, shown, advance, sleep, file: () => file };
}

const T0 = Date.UTC(2026, 5, 10, 9, 0);
const r = (key: string, dueAtMs: number, title = key): ScheduledReminder => ({ key, title, body: '10:00 (in 30 minutes)', dueAtMs });

describe('ReminderTimers (Electron main process)', () => {
  it('shows each reminder once, when due', () => {
    const h = harness(T0);
    const timers = new ReminderTimers(h.deps);
    timers.replace('tessera', [r('a', T0 + 5 * MIN, 'Standup'), r('b', T0 + 90 * MIN, 'Review')]);
    h.advance(4 * MIN);
    expect(h.shown).toEqual([]);
    h.advance(MIN);
    expect(h.shown.map(([t]) => t)).toEqual(['Standup']);
    // The renderer hands the same list over again (a recompute): nothing shows twice.
    timers.replace('tessera', [r('a', T0 + 5 * MIN, 'Standup'), r('b', T0 + 90 * MIN, 'Review')]);
    h.advance(85 * MIN);
    expect(h.shown.map(([t]) => t)).toEqual(['Standup', 'Review']);
  });

  it('reports what came due while Tessera was closed once, on the next start', () => {
    const first = harness(T0);
    new ReminderTimers(first.deps).replace('tessera', [r('a', T0 + 10 * MIN, 'Standup'), r('b', T0 + 20 * MIN, 'Review'), r('c', T0 + 5 * 60 * MIN, 'Later')]);
    // Closed before anything fired; started again an hour later with the stored file.
    const second = harness(T0 + 60 * MIN, first.file());
    const timers = new ReminderTimers(second.deps);
    timers.check();
    expect(second.shown).toEqual([['2 missed reminders', 'Standup, Review']]);
    timers.check();
    expect(second.shown).toHaveLength(1);
    expect(timers.list().due.map((x) => x.key)).toEqual(['a', 'b']);
  });

  it('after sleep, the wake check reports missed ones together and keeps the rest on time', () => {
    const h = harness(T0);
    const timers = new ReminderTimers(h.deps);
    timers.replace('tessera', [r('a', T0 + 10 * MIN, 'Standup'), r('b', T0 + 3 * 60 * MIN, 'Lunch')]);
    h.sleep(60 * MIN);
    timers.check(); // powerMonitor 'resume'
    expect(h.shown).toEqual([['Missed reminder', 'Standup']]);
    h.advance(2 * 60 * MIN);
    expect(h.shown.map(([t]) => t)).toEqual(['Missed reminder', 'Lunch']);
  });

  it('a damaged stored file starts empty instead of failing', () => {
    const h = harness(T0, '{not json');
    const timers = new ReminderTimers(h.deps);
    expect(timers.list()).toEqual({ due: [], upcoming: [] });
    const h2 = harness(T0, JSON.stringify({ profiles: { tessera: [{ key: 1 }] }, shown: [] }));
    expect(new ReminderTimers(h2.deps).list()).toEqual({ due: [], upcoming: [] });
  });

  it('the IPC contract refuses bad schedules', () => {
    expect(ipcArgsSchemas.scheduleReminders.parse(['tessera', [r('a', T0)]])).toEqual(['tessera', [r('a', T0)]]);
    expect(ipcArgsSchemas.scheduleReminders.safeParse(['../etc', []]).success).toBe(false);
    expect(ipcArgsSchemas.scheduleReminders.safeParse(['tessera', [{ ...r('a', T0), extra: 1 }]]).success).toBe(false);
    expect(ipcArgsSchemas.scheduleReminders.safeParse(['tessera', [{ ...r('a', T0), title: 't'.repeat(257) }]]).success).toBe(false);
    expect(ipcArgsSchemas.scheduleReminders.safeParse(['tessera', [r('a', -1)]]).success).toBe(false);
    expect(ipcArgsSchemas.scheduleReminders.safeParse(['tessera', new Array(501).fill(r('a', T0))]).success).toBe(false);
    expect(ipcResultSchemas.scheduleReminders.safeParse('yes').success).toBe(false);
  });
});
