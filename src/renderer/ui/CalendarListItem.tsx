import { useId, useState } from 'react';
import type { CalendarInfo } from '../replica/CalendarStore';
import type { SharedCalendarInfo } from '../sync/SyncService';
import { calendarLabel, OWNER_SEPARATOR, sharedOwnerOf, TEAM_SUFFIX } from './calendarLabel';
import { CalendarIcsOptions } from './CalendarIcsOptions';
import { ColorPicker } from './ColorPicker';
import { useIcsActions } from './IcsActions';
import { Icon } from './Icon';
import { levelLabel } from './levelWords';
import { ShowRemindersSwitch } from './ShowRemindersSwitch';
import { SubscriptionStatusLine } from './SubscriptionStatusLine';
import { SyncStatusLine } from './SyncStatusLine';
import { TeamCalendarActions, TeamQueueBadge } from './teams/TeamCalendarActions';
import { CalendarArchiveActions } from './archive/CalendarArchiveActions';
import { useFileDrop } from './useFileDrop';
import { useDebouncedCommit } from './useDebouncedCommit';
import { FormError } from './FormError';

interface CalendarListItemProps {
  calendar: CalendarInfo;
  onToggle: (hidden: boolean) => void;
  onRename: (name: string) => Promise<void>;
  onColor: (color: string) => void;
  onDelete: () => void;
  /** While the delete (or remove) confirmation is up, the options close so only the dialog's button says "Delete". */
  deleting: boolean;
  /** With a relay account: who owns the calendar, at what level it is seen, its sync state, sharing actions. */
  sharing?: CalendarSharing;
}

export interface CalendarSharing {
  info: SharedCalendarInfo;
  /** Show the sync state line (not while signed out: the app is then a local calendar). */
  showStatus: boolean;
  /** Share… and Permissions… are offered (the person owns the calendar and is signed in). */
  onShare: (() => void) | null;
  onPermissions: (() => void) | null;
  /** "Remove from my calendars", for someone else's calendar (null: not offered). */
  onRemove: (() => void) | null;
}

/**
 * One calendar in the sidebar: a show/hide checkbox in the calendar's colour,
 * and behind its options button (or a right-click) the name, colour and delete
 * controls. With a relay account, lines under the name say whose calendar it is
 * and at what level (other people's), and how it is syncing; the person's own
 * calendars offer Share… and Permissions…. Only the owner may delete a calendar;
 * someone else's can be removed from the person's list ("Remove from my
 * calendars"), and is named "<owner> – <name>" wherever it must stand alone
 * (the checkbox, "Options for …", "Colour of …"), as two people's calendars
 * often share a name.
 */
export function CalendarListItem({ calendar, onToggle, onRename, onColor, onDelete, deleting, sharing }: CalendarListItemProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(calendar.name);
  const [color, setColor] = useState(calendar.color);
  const [error, setError] = useState<string | null>(null);
  useDebouncedCommit(color, calendar.color, onColor);
  // .ics files dropped on the calendar are imported into it.
  const ics = useIcsActions();
  const subscription = ics?.subscription(calendar.id) ?? null;
  const [dropProps, dropActive] = useFileDrop(ics ? (files) => ics.importFiles(calendar.id, files) : null);

  const commitName = async () => {
    if (name.trim() === calendar.name) return;
    try {
      setError(null);
      await onRename(name);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  const info = sharing?.info;
  const owned = !info || info.level === 'owner';
  const sharedOwner = sharedOwnerOf(info);
  const label = calendarLabel(calendar.name, info);
  const canRemove = !owned && Boolean(sharing?.onRemove);
  // "Bob Stone · Can edit"; just the level when the calendar is named after its owner already.
  const ownerName = info?.access?.ownerName && info.access.ownerName !== calendar.name ? info.access.ownerName : null;
  const ownerLine = info && !owned ? [ownerName, levelLabel(info.level)].filter(Boolean).join(' · ') : null;
  const canShare = Boolean(sharing?.onShare);
  const describedBy = [ownerLine ? `${id}-owner` : null, sharing?.showStatus ? `${id}-sync` : null, subscription ? `${id}-subscription` : null].filter(Boolean).join(' ') || undefined;
  const toggleOptions = () => {
    setName(calendar.name);
    setColor(calendar.color);
    setOpen(!open);
  };

  return (
    <li
      className={`calendar-item ${open ? 'open' : ''} ${dropActive ? 'file-drop-active' : ''}`}
      {...dropProps}
      // Right-click opens the same options, as a calendar's context menu does in Outlook.
      onContextMenu={(e) => {
        if ((e.target as HTMLElement).closest('.calendar-edit')) return;
        e.preventDefault();
        if (!open) toggleOptions();
      }}
    >
      <div className="calendar-row">
        <label className="calendar-toggle">
          <input type="checkbox" checked={!calendar.hidden} style={{ accentColor: calendar.color }} aria-describedby={describedBy} onChange={(e) => onToggle(!e.target.checked)} />
          <span className="calendar-name">
            {sharedOwner && <span className="sr-only">{`${sharedOwner}${OWNER_SEPARATOR}`}</span>}
            {calendar.name}
            {info?.access?.team === true && <span className="calendar-team">{TEAM_SUFFIX}</span>}
          </span>
        </label>
        <TeamQueueBadge calendarId={calendar.id} info={info} />
        <button
          type="button"
          className="icon-btn icon-btn-small calendar-options"
          title={canShare ? 'Share, rename, recolour or delete' : owned ? 'Rename, recolour or delete' : canRemove ? 'Recolour or remove from my calendars' : 'Recolour'}
          aria-expanded={open}
          onClick={toggleOptions}
        >
          <Icon name="pencil" size={16} />
          {/* Named by text rather than aria-label, so finding the checkbox by the calendar's name finds only the checkbox. */}
          <span className="sr-only">{`Options for ${label}`}</span>
        </button>
      </div>
      {(ownerLine || sharing?.showStatus) && info && (
        <div className="calendar-sub">
          {ownerLine && (
            <span id={`${id}-owner`} className="calendar-owner">
              {ownerLine}
            </span>
          )}
          {sharing?.showStatus && <SyncStatusLine id={`${id}-sync`} state={info.sync} />}
        </div>
      )}
      {subscription && (
        <div className="calendar-sub">
          <SubscriptionStatusLine id={`${id}-subscription`} subscription={subscription} />
        </div>
      )}
      {open && !deleting && (
        <div className="calendar-edit">
          {canShare && (
            <div className="calendar-share-actions">
              <button
                type="button"
                className="btn btn-outline btn-small"
                onClick={() => {
                  setOpen(false);
                  sharing?.onShare?.();
                }}
              >
                <Icon name="people" size={16} />
                Share…
              </button>
              <button
                type="button"
                className="btn btn-outline btn-small"
                onClick={() => {
                  setOpen(false);
                  sharing?.onPermissions?.();
                }}
              >
                Permissions…
              </button>
            </div>
          )}
          {owned ? (
            <div className="field">
              <label htmlFor={`${id}-name`}>Name</label>
              <input
                id={`${id}-name`}
                value={name}
                onChange={(e) => setName(e.target.value)}
                onBlur={() => void commitName()}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') void commitName();
                }}
              />
            </div>
          ) : (
            // Only the owner names a calendar (the relay refuses anyone else's rename).
            info?.access && (
              <p className="hint calendar-shared-by">
                {`Shared with you by ${info.access.ownerName} (${levelLabel(info.level)}).`}
              </p>
            )
          )}
          <FormError message={error} />
          <TeamCalendarActions calendarId={calendar.id} info={info} onDialog={() => setOpen(false)} />
          <CalendarArchiveActions calendarId={calendar.id} info={info} onDialog={() => setOpen(false)} />
          <CalendarIcsOptions calendarId={calendar.id} onDialog={() => setOpen(false)} />
          <ColorPicker label={`Colour of ${label}`} value={color} onChange={setColor} />
          {owned && <ShowRemindersSwitch calendarId={calendar.id} label={label} />}
          <div className="calendar-edit-actions">
            {owned ? (
              <button
                type="button"
                className="btn btn-danger-text btn-small"
                onClick={() => {
                  setOpen(false);
                  onDelete();
                }}
              >
                <Icon name="trash" size={16} />
                Delete calendar
              </button>
            ) : canRemove ? (
              <button
                type="button"
                className="btn btn-danger-text btn-small"
                onClick={() => {
                  setOpen(false);
                  sharing?.onRemove?.();
                }}
              >
                <Icon name="close" size={16} />
                Remove from my calendars
              </button>
            ) : (
              <span />
            )}
            <button
              type="button"
              className="btn btn-text btn-small"
              onClick={() => {
                if (owned) void commitName();
                setOpen(false);
              }}
            >
              Done
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
