import { useCallback, useState } from 'react';
import type { Submission } from '../../../shared/protocol/teamCalendars';
import type { TeamClient } from '../../teams/TeamClient';
import { DoneFooter } from '../DoneFooter';
import { Modal } from '../Modal';
import { ModalHeader } from '../ModalHeader';
import { RelayNotices } from '../RelayNotices';
import { useRelayData } from '../useRelayData';

function when(s: Submission): string {
  const { start, end, allDay } = s.item;
  if (allDay) return start === end ? start : `${start} – ${end}`;
  const [d1, t1] = start.split('T');
  const [d2, t2] = end.split('T');
  return d1 === d2 ? `${d1} ${t1}–${t2}` : `${d1} ${t1} – ${d2} ${t2}`;
}

/** A maintainer's view of a team calendar's queue: approve (it goes into the calendar for everyone) or reject with a reason. */
export function SubmissionQueueDialog({ client, calendarId, label, onClose }: { client: TeamClient; calendarId: string; label: string; onClose: () => void }) {
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  // The client is rebuilt on each render of the provider; the calendar decides what to load.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const fetch = useCallback(() => client.submissions(calendarId), [calendarId]);
  const { data: items, busy, error, run } = useRelayData(fetch);
  const act = (fn: () => Promise<unknown>) =>
    run(async () => {
      await fn();
      setRejecting(null);
      setReason('');
    });
  const pending = items?.filter((s) => s.status === 'pending') ?? [];
  const decided = items?.filter((s) => s.status !== 'pending').slice(0, 10) ?? [];
  return (
    <Modal label={`Submissions to ${label}`} onClose={onClose} className="team-queue-dialog">
      <ModalHeader title={`Submissions to ${label}`} onClose={onClose} />
      <div className="modal-body">
        {items === null && !error && <p className="hint">Loading…</p>}
        {items && pending.length === 0 && <p className="hint">Nothing is waiting.</p>}
        {pending.length > 0 && (
          <ul className="team-queue" aria-label="Waiting for approval">
            {pending.map((s) => (
              <li key={s.id} className="team-queue-item" aria-label={s.item.title}>
                <div className="team-queue-text">
                  <strong>{s.item.title}</strong>
                  <span className="hint">{`${when(s)}${s.item.location ? ` · ${s.item.location}` : ''} · from ${s.submitterName}`}</span>
                  {s.item.description && <span className="team-queue-description">{s.item.description}</span>}
                </div>
                {rejecting === s.id ? (
                  <div className="team-queue-reject">
                    <label className="sr-only" htmlFor={`reason-${s.id}`}>{`Reason for rejecting ${s.item.title}`}</label>
                    <input id={`reason-${s.id}`} placeholder="Reason (optional)" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
                    <button type="button" className="btn btn-danger-text btn-small" disabled={busy} onClick={() => void act(() => client.reject(calendarId, s.id, reason))}>
                      Reject
                    </button>
                    <button type="button" className="btn btn-text btn-small" onClick={() => setRejecting(null)}>
                      Cancel
                    </button>
                  </div>
                ) : (
                  <div className="team-queue-actions">
                    <button type="button" className="btn btn-primary btn-small" disabled={busy} onClick={() => void act(() => client.approve(calendarId, s.id))}>
                      {`Approve`}
                      <span className="sr-only">{` ${s.item.title}`}</span>
                    </button>
                    <button type="button" className="btn btn-outline btn-small" disabled={busy} onClick={() => setRejecting(s.id)}>
                      {`Reject…`}
                      <span className="sr-only">{` ${s.item.title}`}</span>
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
        {decided.length > 0 && (
          <>
            <h3 className="team-queue-heading">Decided</h3>
            <ul className="team-queue team-queue-decided">
              {decided.map((s) => (
                <li key={s.id} className="team-queue-item">
                  <span>{s.item.title}</span>
                  <span className="hint">{`${s.status === 'approved' ? 'Approved' : 'Rejected'} by ${s.decidedByName}${s.reason ? `: ${s.reason}` : ''}`}</span>
                </li>
              ))}
            </ul>
          </>
        )}
        <RelayNotices error={error} />
      </div>
      <DoneFooter onDone={onClose} />
    </Modal>
  );
}
