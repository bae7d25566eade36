import { FormError } from './FormError';
/** The error (an alert) and the status of the last change, as every relay-backed section shows them. */
export function RelayNotices({ error, status }: { error: string | null; status?: string | null }) {
  return (
    <>
      <FormError message={error} />
      {status && (
        <p className="hint" role="status">
          {status}
        </p>
      )}
    </>
  );
}
