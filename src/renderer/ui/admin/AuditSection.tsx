import { useEffect, useId, useState } from 'react';
import type { AuditEntry } from '../../../shared/protocol/api';
import { describeAudit } from '../describeAudit';
import { problemsOf } from '../problemsOf';
import type { AdminSectionContext } from './AdminSection';
import { formatAdminTime } from './formatAdminTime';
import { FormError } from '../FormError';

/** Actions only administrators take (policies, the review, the CLI), for the "admin actions only" filter. */
function isAdminAction(e: AuditEntry): boolean {
  return e.actorId === 'cli' || e.action.startsWith('policy.') || e.action.startsWith('admin.') || e.action.startsWith('default.org') || e.action.startsWith('person.') || e.action.startsWith('group.') || e.action.startsWith('org.') || e.action.startsWith('shared-address.') || e.action === 'calendar.transfer';
}

/** The organisation's audit log, newest first. */
export function AuditSection({ admin, locale, version }: AdminSectionContext) {
  const id = useId();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [onlyAdmin, setOnlyAdmin] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    admin.audit().then(
      (list) => live && setEntries([...list].sort((a, b) => b.at - a.at || b.id - a.id)),
      (err: unknown) => live && setError(`The audit log could not be loaded: ${problemsOf(err).join(' ')}`),
    );
    return () => {
      live = false;
    };
  }, [admin, version]);

  const shown = entries?.filter((e) => !onlyAdmin || isAdminAction(e)) ?? null;
  return (
    <section aria-labelledby={`${id}-title`} className="admin-section">
      <h3 id={`${id}-title`} className="sr-only">
        Audit
      </h3>
      <label className="admin-filter admin-filter-check">
        <input type="checkbox" checked={onlyAdmin} onChange={(e) => setOnlyAdmin(e.target.checked)} />
        <span>Administrators’ actions only</span>
      </label>
      <FormError message={error} />
      {shown && shown.length === 0 && <p className="hint">Nothing recorded yet.</p>}
      {shown && shown.length > 0 && (
        <ol className="activity-list" aria-label="Audit log">
          {shown.map((e) => (
            <li key={e.id}>
              <time dateTime={new Date(e.at).toISOString()}>{formatAdminTime(e.at, locale)}</time>
              <span>
                <strong>{e.actorName}</strong> {describeAudit(e, () => null)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
