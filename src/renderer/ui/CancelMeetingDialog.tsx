import { useId, useState } from 'react';
import { MAX_MEETING_COMMENT } from '../../shared/protocol/meetings';
import { Modal } from './Modal';

interface CancelMeetingDialogProps {
  title: string;
  busy: boolean;
  onConfirm: (message: string) => void;
  onCancel: () => void;
}

/** Outlook's "Cancel meeting": the attendees get the cancellation, with an optional message. */
export function CancelMeetingDialog({ title, busy, onConfirm, onCancel }: CancelMeetingDialogProps) {
  const id = useId();
  const [message, setMessage] = useState('');
  return (
    <Modal label="Cancel meeting" onClose={onCancel} className="modal-small">
      <h2 className="modal-title">Cancel meeting</h2>
      <p className="modal-text">“{title || '(no title)'}” is removed from your calendar and every attendee is told it is cancelled.</p>
      <div className="field">
        <label htmlFor={`${id}-msg`}>Message to attendees (optional)</label>
        <textarea id={`${id}-msg`} rows={3} maxLength={MAX_MEETING_COMMENT} value={message} data-autofocus onChange={(e) => setMessage(e.target.value)} />
      </div>
      <div className="modal-actions">
        <button type="button" className="btn btn-text" onClick={onCancel}>
          Don’t cancel
        </button>
        <button type="button" className="btn btn-danger" disabled={busy} onClick={() => onConfirm(message)}>
          Send cancellation
        </button>
      </div>
    </Modal>
  );
}
