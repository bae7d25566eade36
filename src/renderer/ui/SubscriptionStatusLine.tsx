import type { SubscriptionInfo } from '../replica/Subscription';

function timeOf(ms: number): string {
  const d = new Date(ms);
  const sameDay = d.toDateString() === new Date().toDateString();
  return sameDay ? d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }) : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * Under a subscribed calendar's name: when it was last refreshed, or why the
 * last refresh failed and how old the copy shown is.
 */
export function SubscriptionStatusLine({ id, subscription }: { id: string; subscription: SubscriptionInfo }) {
  const { error, lastGoodAt } = subscription;
  if (error) {
    const copy = lastGoodAt === null ? 'No copy yet.' : `Showing the copy from ${timeOf(lastGoodAt)}.`;
    return (
      <span id={id} className="subscription-status subscription-error" title={subscription.url}>
        {`Could not refresh: ${error} ${copy}`}
      </span>
    );
  }
  return (
    <span id={id} className="subscription-status" title={subscription.url}>
      {lastGoodAt === null ? 'Subscribed · not refreshed yet' : `Subscribed · refreshed ${timeOf(lastGoodAt)}`}
    </span>
  );
}
