import { useCallback, useEffect, useId, useState } from 'react';
import type { DeletedEvent } from '../../../shared/protocol/trash';
import type { ArchiveClient } from '../../archive/ArchiveClient';
import { DoneFooter } from '../DoneFooter';
import { Modal } from '../Modal';
import { ModalHeader } from '../ModalHeader';
import { problemsOf } from '../problemsOf';

/** A calendar's deleted events (kept 30 days by the relay), each with Restore: for its owner and editors. */
export function CalendarTrashDialog({ client, calendarId, label, locale, onClose }: { client: ArchiveClient; calendarId: string; label: string; locale: string; onClose: () => void }) {
  const id = useId();
  const [events, setEvents] = useState<DeletedEvent[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setEvents(await client.deletedEvents(calendarId));
    } catch (err) {
      setError(problemsOf(err).join(' '));
    }
  }, [client, calendarId]);
  useEffect(() => {
    void load();
  }, [load]);

  const restore = async (e: DeletedEvent) => {
    setBusy(true);
    setError(null);
    try {
      await client.restoreEvent(calendarId, e.key);
      setStatus(`“${e.title || 'Untitled'}” is back in ${label}.`);
      await load();
    } catch (err) {
      setError(problemsOf(err).join(' '));
    } finally {
      setBusy(false);
    }
  };

  const title = `Deleted events · ${label}`;
  return (
    <Modal label={title} onClose={onClose} className="invitations-dialog">
      <ModalHeader title={title} onClose={onClose} />
      <div className="modal-body">
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {status && (
          <p className="hint" role="status">
            {status}
          </p>
        )}
        {events === null ? (
          <p className="hint">Loading…</p>
        ) : events.length === 0 ? (
          <p className="hint inbox-empty">No deleted events. Deleted events can be restored here for 30 days.</p>
        ) : (
          <ul className="inbox-list" aria-label="Deleted events">
            {events.map((e) => (
              <li key={e.key} className="inbox-item">
                <p className="inbox-text" id={`${id}-${e.key}`}>
                  <strong>{e.title || 'Untitled'}</strong>
                  {e.start && ` · ${e.start.replace('T', ' ').slice(0, 16)}`}
                </p>
                <p className="inbox-when">{`Deleted ${new Date(e.deletedAt).toLocaleString(locale)}`}</p>
                <div className="inbox-actions">
                  <span className="spacer" />
                  <button type="button" className="btn btn-outline btn-small" aria-describedby={`${id}-${e.key}`} disabled={busy} onClick={() => void restore(e)}>
                    Restore
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
      <DoneFooter onDone={onClose} />
    </Modal>
  );
}
