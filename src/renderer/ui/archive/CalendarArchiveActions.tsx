import { canWrite } from '../../../shared/permissions/canWrite';
import type { SharedCalendarInfo } from '../../sync/SyncService';
import { useArchiveActions } from './ArchiveContext';

/** In a calendar's options, for a calendar on the relay: "Deleted events…" (owner, editors) and "Archive" (owner). */
export function CalendarArchiveActions({ calendarId, info, onDialog }: { calendarId: string; info: SharedCalendarInfo | undefined; onDialog: () => void }) {
  const archive = useArchiveActions();
  if (!archive || !info?.access || info.access.stale || !canWrite(info.level)) return null;
  return (
    <div className="calendar-share-actions">
      <button
        type="button"
        className="btn btn-outline btn-small"
        onClick={() => {
          onDialog();
          archive.openTrash(calendarId);
        }}
      >
        Deleted events…
      </button>
      {info.level === 'owner' && (
        <button
          type="button"
          className="btn btn-outline btn-small"
          onClick={() => {
            onDialog();
            archive.archive(calendarId);
          }}
        >
          Archive…
        </button>
      )}
    </div>
  );
}
