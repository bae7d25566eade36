import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Icon } from './Icon';

interface AddCalendarMenuProps {
  /** "Create blank calendar": the same form as the New calendar button. */
  onCreate: () => void;
  /** "From your organisation…": the picker of calendars the person may add (null: not offered, no account). */
  onFromOrganisation: (() => void) | null;
  /** "Import .ics…" (null: not offered). */
  onImport?: (() => void) | null;
  /** "Subscribe to a calendar address…" (null: not offered). */
  onSubscribe?: (() => void) | null;
  /** How many calendars the picker would offer (shown beside the item). */
  available: number;
}

/**
 * "Add calendar" under the calendar list, as in Outlook (Add calendar › Create
 * blank calendar / From directory) and Google Calendar (+ › Browse calendars):
 * a menu button (ARIA menu pattern: arrows move, Escape closes and returns
 * focus, a click elsewhere closes).
 */
export function AddCalendarMenu({ onCreate, onFromOrganisation, onImport = null, onSubscribe = null, available }: AddCalendarMenuProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);

  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  useEffect(() => {
    if (!open) return;
    // In the top layer (Popover API), so the sidebar's scrolling box does not clip it; placed under the button.
    const list = menu.current;
    const anchor = button.current?.getBoundingClientRect();
    if (list && anchor) {
      list.style.left = `${Math.round(anchor.left)}px`;
      list.style.top = `${Math.round(anchor.bottom + 2)}px`;
      if (typeof list.showPopover === 'function' && !list.matches(':popover-open')) list.showPopover();
      const room = window.innerHeight - list.getBoundingClientRect().bottom;
      if (room < 8) list.style.top = `${Math.max(8, Math.round(anchor.top - 2 - list.offsetHeight))}px`;
    }
    items()[0]?.focus();
    const onDown = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!menu.current?.contains(t) && !button.current?.contains(t)) setOpen(false);
    };
    // Placed once: scrolling the sidebar or resizing the window closes it rather than leave it adrift.
    const onMove = (e: Event) => {
      if (!(e.target instanceof Node && menu.current?.contains(e.target))) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    window.addEventListener('resize', onMove);
    document.addEventListener('scroll', onMove, true);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      window.removeEventListener('resize', onMove);
      document.removeEventListener('scroll', onMove, true);
    };
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const choose = (fn: () => void) => {
    close(false);
    fn();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      e.preventDefault();
      list[(to + list.length) % list.length]?.focus();
    };
    if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(list.length - 1);
    else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === 'Tab') close(false);
  };

  return (
    <div className="add-calendar">
      <button
        ref={button}
        type="button"
        className="btn btn-text btn-small add-calendar-btn"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        <Icon name="plus" size={16} />
        Add calendar
      </button>
      {open && (
        <ul ref={menu} id={`${id}-menu`} popover="manual" className="menu add-calendar-menu" role="menu" aria-label="Add calendar" onKeyDown={onKeyDown}>
          {onFromOrganisation && (
            <li role="none">
              <button type="button" role="menuitem" tabIndex={-1} className="menu-item" onClick={() => choose(onFromOrganisation)}>
                <Icon name="people" size={16} />
                <span className="menu-item-label">From your organisation…</span>
                {available > 0 && (
                  <span className="menu-item-count" aria-hidden="true">
                    {available}
                  </span>
                )}
              </button>
            </li>
          )}
          <li role="none">
            <button type="button" role="menuitem" tabIndex={-1} className="menu-item" onClick={() => choose(onCreate)}>
              <Icon name="pencil" size={16} />
              <span className="menu-item-label">Create blank calendar</span>
            </button>
          </li>
          {onSubscribe && (
            <li role="none">
              <button type="button" role="menuitem" tabIndex={-1} className="menu-item" onClick={() => choose(onSubscribe)}>
                <Icon name="repeat" size={16} />
                <span className="menu-item-label">Subscribe to a calendar address…</span>
              </button>
            </li>
          )}
          {onImport && (
            <li role="none">
              <button type="button" role="menuitem" tabIndex={-1} className="menu-item" onClick={() => choose(onImport)}>
                <Icon name="plus" size={16} />
                <span className="menu-item-label">Import .ics…</span>
              </button>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
