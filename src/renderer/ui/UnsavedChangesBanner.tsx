import type { UnsavedChange } from '../sync/SyncService';

/** "3 changes could not be saved to Team" for each calendar with refused edits. */
export function unsavedSummary(changes: UnsavedChange[]): string[] {
  const byCalendar = new Map<string, { name: string; count: number }>();
  for (const c of changes) {
    const entry = byCalendar.get(c.calendarId) ?? { name: c.calendarName, count: 0 };
    entry.count += 1;
    byCalendar.set(c.calendarId, entry);
  }
  return [...byCalendar.values()].map(({ name, count }) => `${count === 1 ? '1 change' : `${count} changes`} could not be saved to ${name}`);
}

interface UnsavedChangesBannerProps {
  changes: UnsavedChange[];
  onReview: () => void;
}

/** Above the grid while any edit the relay refused is waiting for the person to decide. */
export function UnsavedChangesBanner({ changes, onReview }: UnsavedChangesBannerProps) {
  if (changes.length === 0) return null;
  const lines = unsavedSummary(changes);
  return (
    <div className="banner banner-unsaved" role="alert">
      <div className="banner-text">
        {lines.map((l) => (
          <p key={l}>{l}.</p>
        ))}
      </div>
      <button type="button" className="btn btn-text btn-small" onClick={onReview}>
        Review…
      </button>
    </div>
  );
}
