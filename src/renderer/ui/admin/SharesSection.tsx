import { useEffect, useId, useMemo, useState } from 'react';
import type { AdminShare, ShareFilter } from '../../../shared/protocol/policies';
import { ConfirmDialog } from '../ConfirmDialog';
import { levelLabel, SHAREABLE_LEVELS, type ShareableLevel } from '../levelWords';
import { problemsOf } from '../problemsOf';
import type { AdminSectionContext } from './AdminSection';
import { formatAdminTime } from './formatAdminTime';
import { FormError } from '../FormError';

function recipientWords(s: AdminShare): string {
  if (s.recipient.kind === 'group') return `Group ${s.recipient.name}`;
  return s.recipient.email ? `${s.recipient.name} (${s.recipient.email})` : s.recipient.name;
}

/**
 * Every share in the organisation, filtered by person, calendar, level and
 * external, each revocable (the same as the owner removing it: the recipient's
 * devices follow at once).
 */
export function SharesSection({ admin, locale, changed, version }: AdminSectionContext) {
  const id = useId();
  const [filter, setFilter] = useState<ShareFilter>({});
  const [person, setPerson] = useState('');
  const [shares, setShares] = useState<AdminShare[] | null>(null);
  const [calendars, setCalendars] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<AdminShare | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    admin.shares(filter).then(
      (list) => {
        if (!live) return;
        setShares(list);
        setError(null);
        // The calendar filter offers every calendar seen so far, so narrowing never hides the others.
        setCalendars((prev) => {
          const byId = new Map(prev.map((c) => [c.id, c]));
          for (const s of list) byId.set(s.calendarId, { id: s.calendarId, name: s.calendarName });
          return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
        });
      },
      (err: unknown) => live && setError(`The shares could not be loaded: ${problemsOf(err).join(' ')}`),
    );
    return () => {
      live = false;
    };
  }, [admin, filter, version]);

  const revoke = async (s: AdminShare) => {
    try {
      await admin.revokeShare(s.calendarId, { kind: s.recipient.kind, id: s.recipient.id });
      setConfirm(null);
      setConfirmError(null);
      changed();
    } catch (err) {
      setConfirmError(problemsOf(err).join(' '));
    }
  };

  const count = useMemo(() => (shares ? `${shares.length} ${shares.length === 1 ? 'share' : 'shares'}` : ''), [shares]);

  return (
    <section aria-labelledby={`${id}-title`} className="admin-section">
      <h3 id={`${id}-title`} className="sr-only">
        Shares
      </h3>
      <form
        className="admin-filters"
        role="search"
        aria-label="Filter shares"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter((f) => ({ ...f, person: person.trim() || undefined }));
        }}
      >
        <label className="admin-filter">
          <span>Person</span>
          <input type="search" value={person} placeholder="Email" onChange={(e) => setPerson(e.target.value)} onBlur={() => setFilter((f) => ({ ...f, person: person.trim() || undefined }))} />
        </label>
        <label className="admin-filter">
          <span>Calendar</span>
          <select value={filter.calendar ?? ''} onChange={(e) => setFilter((f) => ({ ...f, calendar: e.target.value || undefined }))}>
            <option value="">All calendars</option>
            {calendars.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="admin-filter">
          <span>Level</span>
          <select value={filter.level ?? ''} onChange={(e) => setFilter((f) => ({ ...f, level: (e.target.value || undefined) as ShareableLevel | undefined }))}>
            <option value="">All levels</option>
            {SHAREABLE_LEVELS.map((l) => (
              <option key={l} value={l}>
                {levelLabel(l)}
              </option>
            ))}
          </select>
        </label>
        <label className="admin-filter admin-filter-check">
          <input type="checkbox" checked={filter.external === true} onChange={(e) => setFilter((f) => ({ ...f, external: e.target.checked ? true : undefined }))} />
          <span>Outside the organisation only</span>
        </label>
      </form>
      <FormError message={error} />
      <p className="hint" aria-live="polite">
        {count}
      </p>
      {shares && shares.length > 0 && (
        <table className="perm-table admin-table" aria-label="Shares">
          <thead>
            <tr>
              <th scope="col">Calendar</th>
              <th scope="col">Owner</th>
              <th scope="col">Shared with</th>
              <th scope="col">Level</th>
              <th scope="col">Since</th>
              <th scope="col">Last synced</th>
              <th scope="col" className="perm-actions">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shares.map((s) => (
              <tr key={`${s.calendarId}:${s.recipient.kind}:${s.recipient.id}`}>
                <th scope="row">{s.calendarName}</th>
                <td>{s.ownerName}</td>
                <td>
                  {recipientWords(s)}
                  {s.recipient.external && <span className="admin-tag">External</span>}
                </td>
                <td>
                  {levelLabel(s.level)}
                  {s.seesPrivate && <span className="perm-detail">Sees private items</span>}
                </td>
                <td>{formatAdminTime(s.since, locale)}</td>
                <td>{s.lastSyncedAt === null ? <span className="muted">Never</span> : formatAdminTime(s.lastSyncedAt, locale)}</td>
                <td className="perm-actions">
                  <button type="button" className="btn btn-text btn-small" aria-label={`Revoke ${s.calendarName} for ${s.recipient.name}`} onClick={() => setConfirm(s)}>
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shares && shares.length === 0 && <p className="hint">No shares match.</p>}
      {confirm && (
        <ConfirmDialog
          title="Revoke this share?"
          message={`${recipientWords(confirm)} will lose “${levelLabel(confirm.level)}” on ${confirm.calendarName} (owned by ${confirm.ownerName}) at once; their devices drop what the new level no longer allows. ${confirm.ownerName} sees it in the calendar's activity.`}
          confirmLabel="Revoke"
          error={confirmError}
          onConfirm={() => void revoke(confirm)}
          onCancel={() => {
            setConfirm(null);
            setConfirmError(null);
          }}
        />
      )}
    </section>
  );
}
