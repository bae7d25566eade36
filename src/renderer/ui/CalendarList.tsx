import { useId, useState } from 'react';
import type { CalendarInfo, CalendarStore } from '../replica/CalendarStore';
import type { SharedCalendarInfo } from '../sync/SyncService';
import { CalendarListItem, type CalendarSharing } from './CalendarListItem';
import { ColorPicker } from './ColorPicker';
import { ConfirmDialog } from './ConfirmDialog';
import { Icon } from './Icon';
import { PALETTE } from './palette';
import { problemsOf } from './problemsOf';

/** What the list shows of sharing, with a sync service; absent, the list is as it always was. */
export interface CalendarListSharing {
  infoOf: (calendarId: string) => SharedCalendarInfo;
  /** Signed in or expired: sync states are shown and other people's calendars listed apart. */
  showStatus: boolean;
  /** Signed in: owned calendars offer Share… and Permissions…. */
  canShare: boolean;
  onShare: (calendarId: string) => void;
  onPermissions: (calendarId: string) => void;
}

interface CalendarListProps {
  store: CalendarStore;
  calendars: CalendarInfo[];
  sharing?: CalendarListSharing;
}

/**
 * The sidebar's calendars: show/hide, rename, recolour, add and delete (after a
 * confirmation); with a relay account also each calendar's sync state, sharing,
 * and other people's calendars under "Shared with me".
 */
export function CalendarList({ store, calendars, sharing }: CalendarListProps) {
  const id = useId();
  const [adding, setAdding] = useState(false);
  const [newName, setNewName] = useState('');
  const [newColor, setNewColor] = useState(PALETTE[6]!.color);
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<CalendarInfo | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const startAdding = () => {
    // Offer a colour no calendar has yet, so a new calendar stands out from the others.
    const used = new Set(calendars.map((c) => c.color.toLowerCase()));
    setNewColor((PALETTE.find((p) => !used.has(p.color)) ?? PALETTE[0]!).color);
    setNewName('');
    setError(null);
    setAdding(true);
  };

  const create = async () => {
    try {
      await store.createCalendar(newName, newColor);
      setAdding(false);
    } catch (err) {
      setError(problemsOf(err).join(' '));
    }
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      await store.deleteCalendar(deleting.id);
      setDeleting(null);
    } catch (err) {
      setDeleteError(problemsOf(err).join(' '));
    }
  };

  const sharingOf = (c: CalendarInfo): CalendarSharing | undefined => {
    if (!sharing) return undefined;
    const info = sharing.infoOf(c.id);
    const mine = sharing.canShare && info.level === 'owner';
    return {
      info,
      showStatus: sharing.showStatus,
      onShare: mine ? () => sharing.onShare(c.id) : null,
      onPermissions: mine ? () => sharing.onPermissions(c.id) : null,
    };
  };
  const withSharing = calendars.map((c) => ({ c, sharing: sharingOf(c) }));
  const own = withSharing.filter((x) => !x.sharing?.showStatus || x.sharing.info.level === 'owner');
  const others = withSharing.filter((x) => !own.includes(x));

  const item = ({ c, sharing: s }: { c: CalendarInfo; sharing: CalendarSharing | undefined }) => (
    <CalendarListItem
      key={c.id}
      calendar={c}
      onToggle={(hidden) => void store.updateCalendar(c.id, { hidden })}
      onRename={(name) => store.updateCalendar(c.id, { name })}
      onColor={(color) => void store.updateCalendar(c.id, { color })}
      onDelete={() => {
        setDeleteError(null);
        setDeleting(c);
      }}
      deleting={deleting?.id === c.id}
      sharing={s}
    />
  );

  return (
    <section className="calendar-list">
      <div className="sidebar-heading">
        <h2>My calendars</h2>
        <button type="button" className="icon-btn icon-btn-small" title="New calendar" onClick={startAdding}>
          <Icon name="plus" />
          <span className="sr-only">New calendar</span>
        </button>
      </div>
      <ul>{own.map(item)}</ul>
      {adding && (
        <form
          className="calendar-new"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-new`}>Name</label>
            <input
              id={`${id}-new`}
              autoFocus
              value={newName}
              onChange={(e) => setNewName(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setAdding(false);
              }}
            />
          </div>
          <ColorPicker label="Colour" value={newColor} onChange={setNewColor} />
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="calendar-edit-actions">
            <button type="button" className="btn btn-text btn-small" onClick={() => setAdding(false)}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary btn-small">
              Create
            </button>
          </div>
        </form>
      )}
      {others.length > 0 && (
        <>
          <div className="sidebar-heading sidebar-heading-next">
            <h2>Shared with me</h2>
          </div>
          <ul>{others.map(item)}</ul>
        </>
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete calendar"
          message={`Delete "${deleting.name}" and all its events from this device? This cannot be undone.`}
          confirmLabel="Delete"
          error={deleteError}
          onConfirm={() => void confirmDelete()}
          onCancel={() => setDeleting(null)}
        />
      )}
    </section>
  );
}
