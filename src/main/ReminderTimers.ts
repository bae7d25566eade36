import { z } from 'zod';
import { scheduledReminderSchema, type ScheduledReminder } from '../shared/ipc/ScheduledReminder';
import { LATE_MS } from '../shared/reminders/splitNewlyDue';

/** What the main process needs around it; injected so this logic is tested without Electron. */
export interface ReminderTimerDeps {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** Shows an OS notification. */
  show(title: string, body: string): void;
  /** The stored state (a file under userData), or null. */
  load(): string | null;
  save(json: string): void;
  /** Told after every change, e.g. to rebuild the tray's menu. */
  changed?(): void;
}

const storedSchema = z.object({
  profiles: z.record(z.string(), z.array(scheduledReminderSchema)),
  shown: z.array(z.string()),
});
type Stored = z.infer<typeof storedSchema>;

/** Re-checks at least this often: timers do not run while the machine sleeps, and clocks get changed. */
const MAX_WAIT_MS = 60_000;

/**
 * The main process's reminder timers (issue 4): the renderer hands over each
 * profile's coming reminders; this shows every one once, when due, whether or
 * not a window is open. The list and what was shown are stored, so reminders
 * that came due while Tessera was closed or the machine slept are reported once,
 * together, on start or wake (`check`, also called on powerMonitor 'resume').
 */
export class ReminderTimers {
  private state: Stored = { profiles: {}, shown: [] };
  private shown = new Set<string>();
  private timer: unknown = null;

  constructor(private readonly deps: ReminderTimerDeps) {
    const raw = deps.load();
    if (raw !== null) {
      try {
        const parsed = storedSchema.safeParse(JSON.parse(raw));
        if (parsed.success) this.state = parsed.data;
      } catch {
        // A damaged file: start empty; the next window hands the schedule over again.
      }
    }
    this.shown = new Set(this.state.shown);
  }

  replace(profile: string, reminders: readonly ScheduledReminder[]): void {
    this.state.profiles[profile] = [...reminders];
    this.check();
  }

  /** Everything held, due first: for the tray's Reminders menu. */
  list(): { due: ScheduledReminder[]; upcoming: ScheduledReminder[] } {
    const now = this.deps.now();
    const all = Object.values(this.state.profiles)
      .flat()
      .sort((a, b) => a.dueAtMs - b.dueAtMs);
    return { due: all.filter((r) => r.dueAtMs <= now), upcoming: all.filter((r) => r.dueAtMs > now) };
  }

  /** Shows what came due and arms the next timer. */
  check(): void {
    const now = this.deps.now();
    const onTime: ScheduledReminder[] = [];
    const missed: ScheduledReminder[] = [];
    for (const r of Object.values(this.state.profiles).flat()) {
      if (r.dueAtMs > now || this.shown.has(r.key)) continue;
      this.shown.add(r.key);
      (now - r.dueAtMs > LATE_MS ? missed : onTime).push(r);
    }
    for (const r of onTime) this.deps.show(r.title, r.body);
    if (missed.length > 0) {
      const names = missed.slice(0, 5).map((r) => r.title || '(No title)');
      const more = missed.length > 5 ? ` and ${missed.length - 5} more` : '';
      this.deps.show(missed.length === 1 ? 'Missed reminder' : `${missed.length} missed reminders`, `${names.join(', ')}${more}`);
    }
    // Keep "shown" only for what is still listed, so it cannot grow without end.
    const listed = new Set(Object.values(this.state.profiles).flatMap((list) => list.map((r) => r.key)));
    this.shown = new Set([...this.shown].filter((k) => listed.has(k)));
    this.state.shown = [...this.shown];
    this.deps.save(JSON.stringify(this.state));
    this.arm(now);
    this.deps.changed?.();
  }

  dispose(): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
  }

  private arm(now: number): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    const next = Math.min(...Object.values(this.state.profiles).flatMap((list) => list.filter((r) => r.dueAtMs > now).map((r) => r.dueAtMs)));
    const wait = Number.isFinite(next) ? Math.min(MAX_WAIT_MS, next - now) : MAX_WAIT_MS;
    this.timer = this.deps.setTimer(() => {
      this.timer = null;
      this.check();
    }, Math.max(0, wait));
  }
}
