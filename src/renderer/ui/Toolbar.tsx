import type { ReactNode } from 'react';
import { Icon } from './Icon';
import { VIEW_DEFS, type ViewKind } from './viewKinds';

interface ToolbarProps {
  title: string;
  view: ViewKind;
  /** 'YYYY-MM-DD' shown in the jump-to-date input. */
  date: string;
  canUndo: boolean;
  canRedo: boolean;
  onToday: () => void;
  onPrev: () => void;
  onNext: () => void;
  onJump: (date: string) => void;
  onView: (view: ViewKind) => void;
  onUndo: () => void;
  onRedo: () => void;
  onNewEvent: () => void;
  onSettings: () => void;
  /** Administrators only: opens the admin page (shares, policies, audit). */
  onAdmin?: () => void;
  /** Find a time for a quick look at colleagues' availability. */
  onFindTime?: () => void;
  /** With a relay account: the inbox button and how many invitations and notices wait in it. */
  inbox?: { invitations: number; notices: number; onOpen: () => void };
  /** The Reminders bell (with its own window), beside settings. */
  reminders?: ReactNode;
}

function inboxSummary(invitations: number, notices: number): string {
  const parts = [invitations > 0 ? `${invitations} ${invitations === 1 ? 'invitation' : 'invitations'}` : null, notices > 0 ? `${notices} ${notices === 1 ? 'notice' : 'notices'}` : null].filter(Boolean);
  return parts.length > 0 ? `${parts.join(' and ')} waiting` : 'Nothing waiting';
}

/** The bar above the grid: navigation, the period shown, views, undo/redo, new event, invitations, settings. */
export function Toolbar(p: ToolbarProps) {
  const inboxCount = p.inbox ? p.inbox.invitations + p.inbox.notices : 0;
  return (
    <div className={p.inbox ? 'toolbar toolbar-with-inbox' : 'toolbar'} role="toolbar" aria-label="Navigation and views">
      <div className="toolbar-group">
        <button type="button" className="btn btn-outline" onClick={p.onToday} title="Today (T)">
          Today
        </button>
        <button type="button" className="icon-btn" aria-label="Previous" title="Previous (K)" onClick={p.onPrev}>
          <Icon name="chevronLeft" size={22} />
        </button>
        <button type="button" className="icon-btn" aria-label="Next" title="Next (J)" onClick={p.onNext}>
          <Icon name="chevronRight" size={22} />
        </button>
        <h1 className="toolbar-title" aria-live="polite">
          {p.title}
        </h1>
        <label className="sr-only" htmlFor="jump-date">
          Go to date
        </label>
        <input id="jump-date" className="jump-date" type="date" value={p.date} title="Go to date" onChange={(e) => e.target.value && p.onJump(e.target.value)} />
      </div>
      <div className="toolbar-group">
        <div className="segmented" role="group" aria-label="View">
          {VIEW_DEFS.map((v) => (
            <button key={v.kind} type="button" aria-pressed={p.view === v.kind} className={p.view === v.kind ? 'active' : ''} title={`${v.label} (${v.key.toUpperCase()})`} onClick={() => p.onView(v.kind)}>
              {v.label}
            </button>
          ))}
        </div>
        <button type="button" className="icon-btn" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!p.canUndo} onClick={p.onUndo}>
          <Icon name="undo" />
        </button>
        <button type="button" className="icon-btn" aria-label="Redo" title="Redo (Ctrl+Shift+Z)" disabled={!p.canRedo} onClick={p.onRedo}>
          <Icon name="redo" />
        </button>
        <button type="button" className="btn btn-primary btn-new" onClick={p.onNewEvent} title="New event (N)">
          <Icon name="plus" />
          <span className="btn-new-label">New event</span>
        </button>
        {p.onFindTime && (
          // An icon like its neighbours: a text button here pushed the views under the period at laptop widths.
          <button type="button" className="icon-btn" aria-label="Find a time" title="Find a time" onClick={p.onFindTime}>
            <Icon name="people" />
          </button>
        )}
        {p.inbox && (
          <button type="button" className="icon-btn inbox-btn" title={`Invitations: ${inboxSummary(p.inbox.invitations, p.inbox.notices).toLowerCase()}`} aria-describedby="inbox-count" onClick={p.inbox.onOpen}>
            <Icon name="mail" />
            <span className="sr-only">Invitations</span>
            {inboxCount > 0 && (
              <span className={`badge ${p.inbox.invitations > 0 ? '' : 'badge-quiet'}`} aria-hidden="true">
                {inboxCount > 99 ? '99+' : inboxCount}
              </span>
            )}
            <span id="inbox-count" hidden>
              {inboxSummary(p.inbox.invitations, p.inbox.notices)}
            </span>
          </button>
        )}
        {p.reminders}
        {p.onAdmin && (
          <button type="button" className="icon-btn" aria-label="Administration" title="Administration" onClick={p.onAdmin}>
            <Icon name="lock" />
          </button>
        )}
        <button type="button" className="icon-btn" aria-label="Settings" title="Settings" onClick={p.onSettings}>
          <Icon name="settings" />
        </button>
      </div>
    </div>
  );
}
