/** The footer of a dialog that acts on Submit: Cancel, and the submit button of the dialog's form (by id). */
export function SubmitFooter({ formId, label, busyLabel, busy = false, onCancel }: { formId: string; label: string; busyLabel?: string; busy?: boolean; onCancel: () => void }) {
  return (
    <footer className="modal-actions">
      <span className="spacer" />
      <button type="button" className="btn btn-text" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" form={formId} className="btn btn-primary" disabled={busy}>
        {busy && busyLabel ? busyLabel : label}
      </button>
    </footer>
  );
}
