import { canWrite } from '../../../shared/permissions/canWrite';
import type { SharedCalendarInfo } from '../../sync/SyncService';
import { useTeamActions } from './TeamContext';

/** In a team calendar's options: "Submissions (n)…" for maintainers, "Submit an item…" for the others in scope. */
export function TeamCalendarActions({ calendarId, info, onDialog }: { calendarId: string; info: SharedCalendarInfo | undefined; onDialog: () => void }) {
  const team = useTeamActions();
  if (!team || info?.access?.team !== true || info.access.stale) return null;
  const maintains = canWrite(info.level);
  const pending = team.queueOf(calendarId)?.pending ?? 0;
  return (
    <div className="calendar-share-actions">
      {maintains ? (
        <button
          type="button"
          className="btn btn-outline btn-small"
          onClick={() => {
            onDialog();
            team.openQueue(calendarId);
          }}
        >
          Submissions…
          {pending > 0 && <span className="badge">{pending}</span>}
        </button>
      ) : (
        <button
          type="button"
          className="btn btn-outline btn-small"
          onClick={() => {
            onDialog();
            team.openSubmit(calendarId);
          }}
        >
          Submit an item…
        </button>
      )}
    </div>
  );
}

/** The badge beside a maintained team calendar's name: items waiting for approval. */
export function TeamQueueBadge({ calendarId, info }: { calendarId: string; info: SharedCalendarInfo | undefined }) {
  const team = useTeamActions();
  if (!team || info?.access?.team !== true || !canWrite(info.level)) return null;
  const pending = team.queueOf(calendarId)?.pending ?? 0;
  if (pending === 0) return null;
  return (
    <span className="badge team-queue-badge" title={`${pending} waiting for approval`}>
      {pending}
      <span className="sr-only">{` ${pending === 1 ? 'item' : 'items'} waiting for approval`}</span>
    </span>
  );
}
