import { useId, useState } from 'react';
import type { CalendarInfo, CalendarStore } from '../replica/CalendarStore';
import type { SharedCalendarInfo } from '../sync/SyncService';
import { AddCalendarMenu } from './AddCalendarMenu';
import { calendarLabel, sharedOwnerOf } from './calendarLabel';
import { CalendarListItem, type CalendarSharing } from './CalendarListItem';
import { ColorPicker } from './ColorPicker';
import { ConfirmDialog } from './ConfirmDialog';
import { Icon } from './Icon';
import { useIcsActions } from './IcsActions';
import { PALETTE } from './palette';
import { problemsOf } from './problemsOf';
import { FormError } from './FormError';

/** What the list shows of sharing, with a sync service; absent, the list is as it always was. */
export interface CalendarListSharing {
  infoOf: (calendarId: string) => SharedCalendarInfo;
  /** Signed in or expired: sync states are shown and other people's calendars listed apart. */
  showStatus: boolean;
  /** Signed in: owned calendars offer Share… and Permissions…. */
  canShare: boolean;
  onShare: (calendarId: string) => void;
  onPermissions: (calendarId: string) => void;
  /** "Remove from my calendars" for someone else's calendar (after a confirmation); null: not offered. */
  onRemove: ((calendarId: string) => Promise<void>) | null;
  /** "Add calendar › From your organisation…"; null: not offered (no account). */
  onAddFromOrganisation: (() => void) | null;
  /** How many calendars that picker offers now. */
  available: number;
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
  const [removing, setRemoving] = useState<{ calendar: CalendarInfo; label: string; owner: string; stale: boolean } | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const ics = useIcsActions();

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

  const confirmRemove = async () => {
    if (!removing || !sharing?.onRemove) return;
    try {
      await sharing.onRemove(removing.calendar.id);
      setRemoving(null);
    } catch (err) {
      setRemoveError(problemsOf(err).join(' '));
    }
  };

  const sharingOf = (c: CalendarInfo): CalendarSharing | undefined => {
    if (!sharing) return undefined;
    const info = sharing.infoOf(c.id);
    const mine = sharing.canShare && info.level === 'owner';
    const owner = sharedOwnerOf(info);
    return {
      info,
      showStatus: sharing.showStatus,
      onShare: mine ? () => sharing.onShare(c.id) : null,
      onPermissions: mine ? () => sharing.onPermissions(c.id) : null,
      onRemove:
        sharing.onRemove && info.level !== 'owner'
          ? () => {
              setRemoveError(null);
              setRemoving({ calendar: c, label: calendarLabel(c.name, info), owner: owner ?? 'The owner', stale: info.access?.stale === true });
            }
          : null,
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
      deleting={deleting?.id === c.id || removing?.calendar.id === c.id}
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
          <FormError message={error} />
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
      {(sharing?.onAddFromOrganisation || ics) && (
        <AddCalendarMenu
          onCreate={startAdding}
          onFromOrganisation={sharing?.onAddFromOrganisation ?? null}
          onImport={ics ? () => ics.openImport(null) : null}
          onSubscribe={ics ? ics.openSubscribe : null}
          available={sharing?.available ?? 0}
        />
      )}
      {removing && (
        <ConfirmDialog
          title="Remove calendar"
          message={
            removing.stale
              ? `Remove “${removing.label}” from your calendars? It no longer syncs, and your copy leaves all your devices. This cannot be undone.`
              : `Remove “${removing.label}” from your calendars? Its events leave all your devices. ${removing.owner} still shares it with you: you can add it back with Add calendar › From your organisation.`
          }
          confirmLabel="Remove"
          error={removeError}
          onConfirm={() => void confirmRemove()}
          onCancel={() => setRemoving(null)}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete calendar"
          message={
            sharing?.infoOf(deleting.id).access
              ? `Delete "${deleting.name}" and all its events? It leaves your devices and everyone it is shared with. For 30 days you can restore it, with its sharing, from Settings › Archive and trash.`
              : `Delete "${deleting.name}" and all its events from this device? This cannot be undone.`
          }
          confirmLabel="Delete"
          error={deleteError}
          onConfirm={() => void confirmDelete()}
          onCancel={() => setDeleting(null)}
        />
      )}
    </section>
  );
}
