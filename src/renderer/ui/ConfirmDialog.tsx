import { Modal } from './Modal';
import { FormError } from './FormError';

interface ConfirmDialogProps {
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** Shown under the message when the confirmed action failed. */
  error?: string | null;
}

/** A yes/no question before something that cannot be undone (deleting a calendar). */
export function ConfirmDialog({ title, message, confirmLabel, onConfirm, onCancel, error }: ConfirmDialogProps) {
  return (
    <Modal label={title} onClose={onCancel} className="modal-small">
      <h2 className="modal-title">{title}</h2>
      <p className="modal-text">{message}</p>
      <FormError message={error} />
      <div className="modal-actions">
        <button type="button" className="btn btn-text" data-autofocus onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="btn btn-danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
