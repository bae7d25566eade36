import { feedUrlOf } from '../../shared/ipc/fetchIcs';
import { validateEvent } from '../../shared/model/validateEvent';
import type { ReplaceCounts } from '../replica/Subscription';
import type { RefreshDeps, SubscriptionStore } from './refreshSubscription';

export interface SubscribeInput {
  url: string;
  /** Blank: the feed's X-WR-CALNAME, else the address's host name. */
  name: string;
  color: string;
  intervalMinutes: number;
}

/** What subscribing needs of the store (CalendarStore has it). */
export interface SubscribeStore extends SubscriptionStore {
  createSubscription(name: string, color: string, url: string, intervalMinutes: number): Promise<string>;
}

/**
 * Subscribes to a calendar address: fetches and parses it first, so a wrong
 * address is reported in the dialog instead of leaving an empty calendar with
 * an error behind, then creates the read-only calendar with the feed's events.
 */
export async function subscribeToFeed(deps: Omit<RefreshDeps, 'store'> & { store: SubscribeStore }, input: SubscribeInput): Promise<{ calendarId: string; name: string; counts: ReplaceCounts }> {
  const url = feedUrlOf(input.url);
  if (!url) throw new Error('Enter an http, https or webcal address, such as https://example.org/calendar.ics.');
  const result = await deps.fetchFeed({ url: url.href, etag: null, lastModified: null });
  if (result.status === 'error') throw new Error(result.message);
  if (result.status === 'not-modified') throw new Error('The address answered “not modified” to a first request; it is not a calendar feed.');
  const parsed = await deps.parse(result.text);
  const name = (input.name.trim() || parsed.calendarName?.trim() || url.hostname).slice(0, 200);
  const calendarId = await deps.store.createSubscription(name, input.color, url.href, input.intervalMinutes);
  const events = parsed.events.filter((ev) => validateEvent({ when: ev.when, what: ev.what, who: ev.who, reminders: ev.reminders }).length === 0);
  const counts = await deps.store.replaceSubscribedEvents(calendarId, events);
  const at = deps.now();
  await deps.store.updateSubscription(calendarId, { etag: result.etag, lastModified: result.lastModified, lastGoodAt: at, lastAttemptAt: at, error: null });
  return { calendarId, name, counts };
}
