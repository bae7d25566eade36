import { useId, useState } from 'react';
import type { SyncService, UnsavedChange } from '../sync/SyncService';
import { describeWhen } from './describeWhen';
import { downloadText, safeFileName } from './downloadText';
import { Modal } from './Modal';
import { problemsOf } from './problemsOf';
import { DoneFooter } from './DoneFooter';
import { ModalHeader } from './ModalHeader';

interface UnsavedChangesDialogProps {
  sync: SyncService;
  changes: UnsavedChange[];
  /** The person's own calendars, where a refused edit can be copied. */
  ownCalendars: { id: string; name: string }[];
  displayZone: string;
  locale: string;
  onDone: (message: string) => void;
  onClose: () => void;
}

/**
 * Edits the relay refused (the person's access dropped while they were
 * offline), one by one: copy it into one of their own calendars, export it as
 * an .ics file, or discard it. Nothing is lost until they choose.
 */
export function UnsavedChangesDialog({ sync, changes, ownCalendars, displayZone, locale, onDone, onClose }: UnsavedChangesDialogProps) {
  const id = useId();
  const [target, setTarget] = useState(ownCalendars[0]?.id ?? '');
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const copyTarget = ownCalendars.some((c) => c.id === target) ? target : (ownCalendars[0]?.id ?? '');

  const act = async (change: UnsavedChange, work: () => Promise<void>, done: string) => {
    setBusy(change.id);
    setErrors(({ [change.id]: _gone, ...rest }) => rest);
    try {
      await work();
      onDone(done);
    } catch (err) {
      setErrors((e) => ({ ...e, [change.id]: problemsOf(err).join(' ') }));
    } finally {
      setBusy(null);
    }
  };

  const exportOne = (change: UnsavedChange) => {
    try {
      downloadText(sync.exportUnsaved(change.id), safeFileName(change.event.what.title, 'ics'), 'text/calendar');
    } catch (err) {
      setErrors((e) => ({ ...e, [change.id]: problemsOf(err).join(' ') }));
    }
  };

  const targetName = ownCalendars.find((c) => c.id === copyTarget)?.name ?? 'your calendar';
  return (
    <Modal label="Unsaved changes" onClose={onClose} className="unsaved-dialog">
      <ModalHeader title="Unsaved changes" onClose={onClose} />
      <div className="modal-body">
        <p className="modal-text">These changes were made while you could still edit the calendar, but your access changed before they reached it. Copy them to a calendar of your own, export them, or discard them.</p>
        {ownCalendars.length > 1 && (
          <div className="field">
            <label htmlFor={`${id}-target`}>Copy to</label>
            <select id={`${id}-target`} value={copyTarget} onChange={(e) => setTarget(e.target.value)}>
              {ownCalendars.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {changes.length === 0 && <p className="hint">Nothing left to review.</p>}
        <ul className="unsaved-list">
          {changes.map((c) => (
            <li key={c.id} className="unsaved-item" aria-labelledby={`${id}-${c.id}`}>
              <p id={`${id}-${c.id}`} className="unsaved-title">
                {c.event.what.title || '(No title)'}
              </p>
              <p className="unsaved-meta">
                {describeWhen(c.event, displayZone, locale)} · {c.calendarName}
              </p>
              <p className="unsaved-reason">{c.reason}</p>
              {errors[c.id] && (
                <p className="form-error" role="alert">
                  {errors[c.id]}
                </p>
              )}
              <div className="inbox-actions">
                <button
                  type="button"
                  className="btn btn-primary btn-small"
                  disabled={busy !== null || !copyTarget}
                  title={copyTarget ? `Copy to ${targetName}` : 'You have no calendar of your own to copy to'}
                  onClick={() => void act(c, () => sync.copyUnsavedTo(c.id, copyTarget), `${c.event.what.title || 'The event'} was copied to ${targetName}.`)}
                >
                  Copy to my calendar
                </button>
                <button type="button" className="btn btn-outline btn-small" disabled={busy !== null} onClick={() => exportOne(c)}>
                  Export…
                </button>
                <span className="spacer" />
                <button type="button" className="btn btn-danger-text btn-small" disabled={busy !== null} onClick={() => void act(c, () => sync.discardUnsaved(c.id), `${c.event.what.title || 'The change'} was discarded.`)}>
                  Discard
                </button>
              </div>
            </li>
          ))}
        </ul>
      </div>
      <DoneFooter onDone={onClose} />
    </Modal>
  );
}
