import { useId, useState } from 'react';
import type { CalendarInfo } from '../replica/CalendarStore';
import { ColorPicker } from './ColorPicker';
import { Icon } from './Icon';
import { useDebouncedCommit } from './useDebouncedCommit';

interface CalendarListItemProps {
  calendar: CalendarInfo;
  onToggle: (hidden: boolean) => void;
  onRename: (name: string) => Promise<void>;
  onColor: (color: string) => void;
  onDelete: () => void;
  /** While the delete confirmation is up, the options close so only the dialog's button says "Delete". */
  deleting: boolean;
}

/**
 * One calendar in the sidebar: a show/hide checkbox in the calendar's colour,
 * and behind its options button the name, colour and delete controls.
 */
export function CalendarListItem({ calendar, onToggle, onRename, onColor, onDelete, deleting }: CalendarListItemProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(calendar.name);
  const [color, setColor] = useState(calendar.color);
  const [error, setError] = useState<string | null>(null);
  useDebouncedCommit(color, calendar.color, onColor);

  const commitName = async () => {
    if (name.trim() === calendar.name) return;
    try {
      setError(null);
      await onRename(name);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <li className={`calendar-item ${open ? 'open' : ''}`}>
      <div className="calendar-row">
        <label className="calendar-toggle">
          <input type="checkbox" checked={!calendar.hidden} style={{ accentColor: calendar.color }} onChange={(e) => onToggle(!e.target.checked)} />
          <span className="calendar-name">{calendar.name}</span>
        </label>
        <button
          type="button"
          className="icon-btn icon-btn-small calendar-options"
          title="Rename, recolour or delete"
          aria-expanded={open}
          onClick={() => {
            setName(calendar.name);
            setColor(calendar.color);
            setOpen(!open);
          }}
        >
          <Icon name="pencil" size={16} />
          {/* Named by text rather than aria-label, so finding the checkbox by the calendar's name finds only the checkbox. */}
          <span className="sr-only">{`Options for ${calendar.name}`}</span>
        </button>
      </div>
      {open && !deleting && (
        <div className="calendar-edit">
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
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <ColorPicker label={`Colour of ${calendar.name}`} value={color} onChange={setColor} />
          <div className="calendar-edit-actions">
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
            <button
              type="button"
              className="btn btn-text btn-small"
              onClick={() => {
                void commitName();
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
