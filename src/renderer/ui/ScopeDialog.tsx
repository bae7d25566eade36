import type { EditScope } from '../replica/CalendarStore';
import { Modal } from './Modal';

interface ScopeDialogProps {
  action: 'edit' | 'delete';
  /** Changing the rule itself has no meaning for one occurrence, so that choice can be left out. */
  allowThis?: boolean;
  /** Moving a series to another calendar moves all of it, so then only "all events" is offered. */
  allowFollowing?: boolean;
  onChoose: (scope: EditScope) => void;
  onCancel: () => void;
}

/** Asks which part of a series an edit, drag or delete applies to, as Outlook and Google do. */
export function ScopeDialog({ action, allowThis = true, allowFollowing = true, onChoose, onCancel }: ScopeDialogProps) {
  const label = action === 'delete' ? 'Delete recurring event' : 'Edit recurring event';
  return (
    <Modal label={label} onClose={onCancel} className="modal-small">
      <h2 className="modal-title">{label}</h2>
      <p className="modal-text">{action === 'delete' ? 'Which events do you want to delete?' : 'Which events do you want to change?'}</p>
      <div className="scope-choices">
        {allowThis && (
          <button type="button" className="btn" data-autofocus onClick={() => onChoose('this')}>
            This occurrence
          </button>
        )}
        {allowFollowing && (
          <button type="button" className="btn" data-autofocus={allowThis ? undefined : true} onClick={() => onChoose('following')}>
            This and following
          </button>
        )}
        <button type="button" className="btn" data-autofocus={allowThis || allowFollowing ? undefined : true} onClick={() => onChoose('series')}>
          All events in the series
        </button>
      </div>
      <div className="modal-actions">
        <button type="button" className="btn btn-text" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}
