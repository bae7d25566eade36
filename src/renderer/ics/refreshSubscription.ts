import type { FetchIcsRequest, FetchIcsResult } from '../../shared/ipc/fetchIcs';
import { validateEvent } from '../../shared/model/validateEvent';
import type { ReplaceCounts, SubscriptionInfo, SubscriptionState } from '../replica/Subscription';
import type { CalendarEvent } from '../../shared/model/CalendarEvent';
import type { ParsedIcs } from './icsWorkerMessages';

/** What a refresh needs of the store (CalendarStore has it). */
export interface SubscriptionStore {
  subscriptions(): SubscriptionInfo[];
  updateSubscription(calendarId: string, patch: Partial<SubscriptionState>): Promise<void>;
  replaceSubscribedEvents(calendarId: string, events: readonly CalendarEvent[]): Promise<ReplaceCounts>;
}

export interface RefreshDeps {
  store: SubscriptionStore;
  fetchFeed: (request: FetchIcsRequest) => Promise<FetchIcsResult>;
  parse: (text: string) => Promise<ParsedIcs>;
  now: () => number;
}

export type RefreshOutcome = { kind: 'updated'; counts: ReplaceCounts; skipped: number } | { kind: 'not-modified' } | { kind: 'error'; message: string };

/**
 * One refresh of a subscribed calendar: a conditional GET, then (when the feed
 * changed) its events replace the calendar's by UID. A failure of any kind
 * leaves the last good copy as it is and records the error on the
 * subscription, where the calendar list shows it.
 */
export async function refreshSubscription(deps: RefreshDeps, sub: SubscriptionInfo): Promise<RefreshOutcome> {
  const at = deps.now();
  const fail = async (message: string): Promise<RefreshOutcome> => {
    await deps.store.updateSubscription(sub.calendarId, { lastAttemptAt: at, error: message });
    return { kind: 'error', message };
  };
  let result: FetchIcsResult;
  try {
    result = await deps.fetchFeed({ url: sub.url, etag: sub.etag, lastModified: sub.lastModified });
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  if (result.status === 'error') return fail(result.message);
  if (result.status === 'not-modified') {
    await deps.store.updateSubscription(sub.calendarId, { lastAttemptAt: at, lastGoodAt: at, error: null });
    return { kind: 'not-modified' };
  }
  let parsed: ParsedIcs;
  try {
    parsed = await deps.parse(result.text);
  } catch (err) {
    return fail(`The address did not send a calendar: ${err instanceof Error ? err.message : String(err)}`);
  }
  // The store would refuse an invalid event for the whole batch; one bad event must not keep the rest out.
  const events = parsed.events.filter((ev) => validateEvent({ when: ev.when, what: ev.what, who: ev.who, reminders: ev.reminders }).length === 0);
  const counts = await deps.store.replaceSubscribedEvents(sub.calendarId, events);
  await deps.store.updateSubscription(sub.calendarId, { etag: result.etag, lastModified: result.lastModified, lastGoodAt: at, lastAttemptAt: at, error: null });
  return { kind: 'updated', counts, skipped: parsed.skipped.length + parsed.events.length - events.length };
}

/** Subscriptions whose next refresh is due at `now`. */
export function dueSubscriptions(subs: readonly SubscriptionInfo[], now: number): SubscriptionInfo[] {
  return subs.filter((s) => s.lastAttemptAt === null || now - s.lastAttemptAt >= s.intervalMinutes * 60_000 || s.lastAttemptAt > now);
}
