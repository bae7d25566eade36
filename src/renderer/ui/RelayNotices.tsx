/** The error (an alert) and the status of the last change, as every relay-backed section shows them. */
export function RelayNotices({ error, status }: { error: string | null; status?: string | null }) {
  return (
    <>
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
    </>
  );
}
