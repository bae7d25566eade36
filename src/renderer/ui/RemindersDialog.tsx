import { useId, useState } from 'react';
import type { ReminderInstance } from '../../shared/reminders/ReminderOccurrence';
import { relativeStart } from '../reminders/describeReminder';
import { SNOOZE_MINUTES, type ReminderService } from '../reminders/ReminderService';
import { Modal } from './Modal';
import { ModalHeader } from './ModalHeader';
import { problemsOf } from './problemsOf';
import { reminderWords } from './reminderChoices';
import './reminders.css';
import { FormError } from './FormError';

interface RemindersDialogProps {
  service: ReminderService;
  due: ReminderInstance[];
  zone: string;
  locale: string;
  now: number;
  onOpenEvent: (r: ReminderInstance) => void;
  onClose: () => void;
}

/**
 * The Reminders window: what is due or overdue, each with Dismiss, Snooze and
 * Open, and Dismiss all. Dismissing or snoozing writes the person's overlay, so
 * the reminder goes from every device of theirs.
 */
export function RemindersDialog({ service, due, zone, locale, now, onOpenEvent, onClose }: RemindersDialogProps) {
  const id = useId();
  const [snoozeFor, setSnoozeFor] = useState<number>(5);
  const [error, setError] = useState<string | null>(null);
  const act = (work: () => Promise<void>) => {
    setError(null);
    work().catch((err: unknown) => setError(problemsOf(err).join(' ')));
  };
  const timeOf = (r: ReminderInstance) =>
    r.allDay
      ? new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: zone }).format(r.startMs)
      : new Intl.DateTimeFormat(locale, { weekday: 'short', hour: 'numeric', minute: '2-digit', timeZone: zone }).format(r.startMs);

  return (
    <Modal label="Reminders" onClose={onClose} className="reminders-dialog">
      <ModalHeader title={due.length === 0 ? 'Reminders' : `Reminders (${due.length})`} onClose={onClose} />
      <div className="modal-body">
        <FormError message={error} />
        {due.length === 0 ? (
          <p className="muted">No reminders are due.</p>
        ) : (
          <ul className="reminder-list" aria-label="Due reminders">
            {due.map((r) => {
              const titleId = `${id}-${r.id}`;
              const overdue = r.startMs < now;
              return (
                <li key={r.id} className="reminder-item" aria-labelledby={titleId}>
                  <div className="reminder-text">
                    <span className="reminder-title" id={titleId}>
                      {r.title || '(No title)'}
                    </span>
                    <span className="reminder-when">
                      {r.allDay ? `All day, ${timeOf(r)}` : `${timeOf(r)} · ${overdue ? `started ${relativeStart(r.startMs, now)}` : `starts ${relativeStart(r.startMs, now)}`}`}
                      {r.location ? ` · ${r.location}` : ''}
                      {r.source === 'personal' ? ' · your reminder' : ''}
                      {r.snoozed ? ' · snoozed' : ` · ${reminderWords(r.minutes)} before`}
                    </span>
                  </div>
                  <div className="reminder-actions">
                    <button type="button" className="btn btn-text btn-small" aria-label={`Open ${r.title || '(No title)'}`} onClick={() => onOpenEvent(r)}>
                      Open
                    </button>
                    <button type="button" className="btn btn-outline btn-small" aria-label={`Snooze ${r.title || '(No title)'}`} onClick={() => act(() => service.snooze([r.id], snoozeFor))}>
                      Snooze
                    </button>
                    <button type="button" className="btn btn-primary btn-small" aria-label={`Dismiss ${r.title || '(No title)'}`} onClick={() => act(() => service.dismiss([r.id]))}>
                      Dismiss
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <footer className="modal-actions">
        <label htmlFor={`${id}-snooze`} className="reminder-snooze-label">
          Snooze for
        </label>
        <select id={`${id}-snooze`} value={snoozeFor} onChange={(e) => setSnoozeFor(Number(e.target.value))}>
          {SNOOZE_MINUTES.map((m) => (
            <option key={m} value={m}>
              {reminderWords(m)}
            </option>
          ))}
        </select>
        <span className="spacer" />
        <button type="button" className="btn btn-text" disabled={due.length === 0} onClick={() => act(() => service.dismiss(due.map((r) => r.id)))}>
          Dismiss all
        </button>
        <button type="button" className="btn btn-primary" onClick={onClose}>
          Done
        </button>
      </footer>
    </Modal>
  );
}
