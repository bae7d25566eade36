import { useId, useState } from 'react';
import { MAX_SUBMISSION_DESCRIPTION, MAX_SUBMISSION_LOCATION, MAX_SUBMISSION_TITLE } from '../../../shared/protocol/teamCalendars';
import type { TeamClient } from '../../teams/TeamClient';
import { Modal } from '../Modal';
import { ModalHeader } from '../ModalHeader';
import { problemsOf } from '../problemsOf';
import { FormError } from '../FormError';

function todayAt(hour: string): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${hour}`;
}

/** "Submit an item…" to a team calendar the person reads but cannot edit: it waits for a maintainer. */
export function SubmitItemDialog({
  client,
  calendarId,
  label,
  displayZone,
  onDone,
  onClose,
}: {
  client: TeamClient;
  calendarId: string;
  label: string;
  displayZone: string;
  onDone: (title: string) => void;
  onClose: () => void;
}) {
  const id = useId();
  const [title, setTitle] = useState('');
  const [start, setStart] = useState(todayAt('10:00'));
  const [end, setEnd] = useState(todayAt('11:00'));
  const [location, setLocation] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await client.submit(calendarId, { title, start, end, tzid: displayZone, allDay: false, location, description });
      onDone(title.trim());
    } catch (err) {
      setError(problemsOf(err).join(' '));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal label={`Submit an item to ${label}`} onClose={onClose}>
      <ModalHeader title={`Submit an item to ${label}`} onClose={onClose} />
      <form
        className="modal-body"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="hint">The calendar&apos;s maintainers approve or reject it; you get a notice either way.</p>
        <div className="field">
          <label htmlFor={`${id}-title`}>Title</label>
          <input id={`${id}-title`} data-autofocus required maxLength={MAX_SUBMISSION_TITLE} value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-start`}>Starts</label>
            <input id={`${id}-start`} type="datetime-local" required value={start} onChange={(e) => setStart(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-end`}>Ends</label>
            <input id={`${id}-end`} type="datetime-local" required value={end} onChange={(e) => setEnd(e.target.value)} />
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-location`}>Location</label>
          <input id={`${id}-location`} maxLength={MAX_SUBMISSION_LOCATION} value={location} onChange={(e) => setLocation(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-description`}>Description</label>
          <textarea id={`${id}-description`} rows={3} maxLength={MAX_SUBMISSION_DESCRIPTION} value={description} onChange={(e) => setDescription(e.target.value)} />
        </div>
        <FormError message={error} />
        <footer className="modal-actions">
          <span className="spacer" />
          <button type="button" className="btn btn-text" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || title.trim() === ''}>
            Submit
          </button>
        </footer>
      </form>
    </Modal>
  );
}
