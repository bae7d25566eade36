import { useCallback, useId } from 'react';
import type { DeletedEvent } from '../../../shared/protocol/trash';
import type { ArchiveClient } from '../../archive/ArchiveClient';
import { DoneFooter } from '../DoneFooter';
import { Modal } from '../Modal';
import { ModalHeader } from '../ModalHeader';
import { RelayNotices } from '../RelayNotices';
import { useRelayData } from '../useRelayData';

/** A calendar's deleted events (kept 30 days by the relay), each with Restore: for its owner and editors. */
export function CalendarTrashDialog({ client, calendarId, label, locale, onClose }: { client: ArchiveClient; calendarId: string; label: string; locale: string; onClose: () => void }) {
  const id = useId();
  const fetch = useCallback(() => client.deletedEvents(calendarId), [client, calendarId]);
  const { data: events, busy, error, status, run } = useRelayData(fetch);
  const restore = (e: DeletedEvent) => run(async () => (await client.restoreEvent(calendarId, e.key), `“${e.title || 'Untitled'}” is back in ${label}.`));

  const title = `Deleted events · ${label}`;
  return (
    <Modal label={title} onClose={onClose} className="invitations-dialog">
      <ModalHeader title={title} onClose={onClose} />
      <div className="modal-body">
        <RelayNotices error={error} status={status} />
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
