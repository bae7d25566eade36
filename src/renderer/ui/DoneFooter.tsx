/** The footer of dialogs whose changes apply as they are made: one "Done" that closes. */
export function DoneFooter({ onDone }: { onDone: () => void }) {
  return (
    <footer className="modal-actions">
      <span className="spacer" />
      <button type="button" className="btn btn-primary" onClick={onDone}>
        Done
      </button>
    </footer>
  );
}
