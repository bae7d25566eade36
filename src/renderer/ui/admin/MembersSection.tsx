import { useCallback, useId, useMemo, useState } from 'react';
import type { Person } from '../../../shared/protocol/api';
import { AccountsClient } from '../../accounts/AccountsClient';
import { ConfirmDialog } from '../ConfirmDialog';
import { RelayNotices } from '../RelayNotices';
import { useRelayData } from '../useRelayData';
import type { AdminSectionContext } from './AdminSection';

/**
 * Members of the organisation: remove one (sessions, app passwords and received
 * shares end at once; their calendars stay, listed below to hand to another
 * member or archive), and the organisation's app password switch.
 */
export function MembersSection({ admin, changed, version }: AdminSectionContext) {
  const id = useId();
  const client = useMemo(() => new AccountsClient(admin.relay), [admin]);
  const [confirm, setConfirm] = useState<{ title: string; message: string; label: string; run: () => Promise<string> } | null>(null);
  const [targets, setTargets] = useState<Record<string, string>>({});
  const fetch = useCallback(() => Promise.all([client.people(), client.orphanedCalendars(), client.appPasswordsAllowed()]), [client]);
  const { data, busy, error, status, run: runChange } = useRelayData(fetch, { loadError: 'Members could not be loaded: ', reloadKey: version, afterRun: changed });
  const [people, orphaned, allowed] = data ?? [null, null, null];
  // The confirmation closes whether the change went through or was refused (the refusal shows above).
  const run = (fn: () => Promise<string>) =>
    runChange(async () => {
      try {
        return await fn();
      } finally {
        setConfirm(null);
      }
    });

  const members = people?.filter((p) => p.kind !== 'shared address') ?? [];
  const remove = (p: Person) =>
    setConfirm({
      title: `Remove ${p.name}?`,
      message: `${p.name} (${p.email}) is signed out everywhere, their app passwords stop working and the calendars shared with them are removed. Their own calendars stay, for you to hand to another member or archive.`,
      label: 'Remove',
      run: async () => {
        const r = await client.removeMember(p.id);
        const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
        return `${p.name} was removed: ${plural(r.sharesRemoved, 'share', 'shares')} removed, ${plural(r.calendarsKept.length, 'calendar', 'calendars')} kept for you below.`;
      },
    });
  const switchAppPasswords = (next: boolean) => {
    if (next) void run(async () => (await client.setAppPasswordsAllowed(true), 'App passwords are allowed.'));
    else
      setConfirm({
        title: 'Switch app passwords off?',
        message: 'Every app password in the organisation is revoked at once, and calendar apps signed in with one stop syncing.',
        label: 'Switch off',
        run: async () => `App passwords switched off: ${(await client.setAppPasswordsAllowed(false)).revoked} revoked.`,
      });
  };

  return (
    <section aria-labelledby={`${id}-title`} className="admin-section">
      <h3 id={`${id}-title`} className="sr-only">
        Members
      </h3>
      <RelayNotices error={error} status={status} />
      {allowed !== null && (
        <label className="admin-filter admin-filter-check">
          <input type="checkbox" checked={allowed} disabled={busy} onChange={(e) => switchAppPasswords(e.target.checked)} />
          <span>Allow app passwords (for calendar apps and feeds; read-only)</span>
        </label>
      )}
      <h4 id={`${id}-members`}>Members</h4>
      {people === null ? (
        <p className="hint">Loading…</p>
      ) : (
        <table className="perm-table admin-table" aria-labelledby={`${id}-members`}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col" className="perm-actions">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                <td>{p.email}</td>
                <td className="perm-actions">
                  <button type="button" className="btn btn-danger-text btn-small" aria-label={`Remove ${p.name}`} disabled={busy} onClick={() => remove(p)}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4 id={`${id}-orphans`}>Calendars of removed members</h4>
      {orphaned === null ? null : orphaned.calendars.length === 0 ? (
        <p className="hint">None waiting.</p>
      ) : (
        <ul className="inbox-list" aria-labelledby={`${id}-orphans`}>
          {orphaned.calendars.map((c) => (
            <li key={c.id} className="inbox-item">
              <p className="inbox-text" id={`${id}-o-${c.id}`}>
                <strong>{c.name}</strong> — {c.ownerName} ({c.ownerEmail}), removed
              </p>
              <div className="inbox-actions">
                <label className="sr-only" htmlFor={`${id}-to-${c.id}`}>{`New owner of ${c.name}`}</label>
                <select id={`${id}-to-${c.id}`} value={targets[c.id] ?? ''} onChange={(e) => setTargets({ ...targets, [c.id]: e.target.value })}>
                  <option value="">Hand to…</option>
                  {members.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="btn btn-outline btn-small"
                  aria-describedby={`${id}-o-${c.id}`}
                  disabled={busy || !targets[c.id]}
                  onClick={() => void run(async () => (await client.transferCalendar(c.id, targets[c.id]!), `${c.name} now belongs to ${members.find((p) => p.id === targets[c.id])?.name ?? 'its new owner'}.`))}
                >
                  Transfer
                </button>
                {orphaned.archiveAvailable && (
                  <button type="button" className="btn btn-text btn-small" aria-describedby={`${id}-o-${c.id}`} disabled={busy} onClick={() => void run(async () => (await client.archiveOrphaned(c.id), `${c.name} was archived.`))}>
                    Archive
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {confirm && <ConfirmDialog title={confirm.title} message={confirm.message} confirmLabel={confirm.label} onConfirm={() => void run(confirm.run)} onCancel={() => setConfirm(null)} />}
    </section>
  );
}
