import { dueSubscriptions, refreshSubscription, type RefreshDeps, type RefreshOutcome } from './refreshSubscription';

/** How often due subscriptions are looked for; the shortest interval offered is 5 minutes. */
export const SCHEDULER_TICK_MS = 30_000;

/**
 * Refreshes subscribed calendars on the person's schedule while the app is
 * open. Offline it does nothing (the calendars keep their last copy) and
 * catches up when the browser says it is online again. One refresh per
 * calendar at a time.
 */
export class SubscriptionScheduler {
  private readonly running = new Map<string, Promise<RefreshOutcome>>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly onOnline = () => void this.tick();

  constructor(
    private readonly deps: RefreshDeps,
    private readonly online: () => boolean = () => typeof navigator === 'undefined' || navigator.onLine,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), SCHEDULER_TICK_MS);
    if (typeof window !== 'undefined') window.addEventListener('online', this.onOnline);
    void this.tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (typeof window !== 'undefined') window.removeEventListener('online', this.onOnline);
  }

  /** Refreshes every due subscription; resolves when they are done. */
  async tick(): Promise<void> {
    if (!this.online()) return;
    const due = dueSubscriptions(this.deps.store.subscriptions(), this.deps.now());
    await Promise.all(due.map((s) => this.refresh(s.calendarId)));
  }

  /** Refreshes one subscription now (joining a refresh already under way). */
  refresh(calendarId: string): Promise<RefreshOutcome> {
    const existing = this.running.get(calendarId);
    if (existing) return existing;
    const sub = this.deps.store.subscriptions().find((s) => s.calendarId === calendarId);
    if (!sub) return Promise.resolve({ kind: 'error', message: 'This calendar is not a subscription.' });
    const run = refreshSubscription(this.deps, sub)
      .catch((err: unknown): RefreshOutcome => ({ kind: 'error', message: err instanceof Error ? err.message : String(err) }))
      .finally(() => this.running.delete(calendarId));
    this.running.set(calendarId, run);
    return run;
  }
}
