import { useState } from 'react';
import { useIcsActions } from './IcsActions';
import { RefreshIntervalSelect } from './RefreshIntervalSelect';

/**
 * In a calendar's options: Import .ics… / Export .ics…, and for a subscribed
 * calendar its address, refresh schedule and "Refresh now".
 */
export function CalendarIcsOptions({ calendarId, onDialog }: { calendarId: string; onDialog: () => void }) {
  const ics = useIcsActions();
  const [refreshing, setRefreshing] = useState(false);
  if (!ics) return null;
  const subscription = ics.subscription(calendarId);
  const refresh = async () => {
    setRefreshing(true);
    try {
      await ics.refresh(calendarId);
    } finally {
      setRefreshing(false);
    }
  };
  return (
    <>
      {subscription && (
        <div className="subscription-options">
          <p className="subscription-url">{`Subscribed to ${subscription.url}`}</p>
          <RefreshIntervalSelect value={subscription.intervalMinutes} onChange={(m) => void ics.setRefreshInterval(calendarId, m)} />
        </div>
      )}
      <div className="calendar-ics-actions">
        {subscription && (
          <button type="button" className="btn btn-outline btn-small" disabled={refreshing} onClick={() => void refresh()}>
            {refreshing ? 'Refreshing…' : 'Refresh now'}
          </button>
        )}
        {ics.canImportInto(calendarId) && (
          <button
            type="button"
            className="btn btn-outline btn-small"
            onClick={() => {
              onDialog();
              ics.openImport(calendarId);
            }}
          >
            Import .ics…
          </button>
        )}
        <button
          type="button"
          className="btn btn-outline btn-small"
          onClick={() => {
            onDialog();
            ics.openExport(calendarId);
          }}
        >
          Export .ics…
        </button>
      </div>
    </>
  );
}
