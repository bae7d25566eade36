import { useCallback, useId, useState } from 'react';
import { ArchiveClient } from '../../archive/ArchiveClient';
import type { RelayClient } from '../../sync/RelayClient';
import { downloadText } from '../downloadText';
import { RelayNotices } from '../RelayNotices';
import { useRelayData } from '../useRelayData';
import { RestoreFromFile } from './RestoreFromFile';

const day = (at: number, locale: string) => new Date(at).toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric' });

/**
 * In Settings, signed in: the person's archived calendars (hidden from the list,
 * read-only) and deleted calendars (kept 30 days), each with Restore,
 * "Export my account", which saves one file the relay can restore from, and
 * "Restore from a file…", which brings back what such a file holds and is
 * missing here (a calendar purged after its 30 days, say).
 */
export function ArchiveSection({ relay, locale }: { relay: RelayClient; locale: string }) {
  const id = useId();
  const [client] = useState(() => new ArchiveClient(relay));
  const fetch = useCallback(() => Promise.all([client.archived(), client.deletedCalendars()]), [client]);
  const { data, busy, error, status, run } = useRelayData(fetch);
  const [archived, deleted] = data ?? [null, null];

  const exportAccount = () =>
    run(async () => {
      const file = await client.exportAccount();
      downloadText(JSON.stringify(file), `tessera-account-${new Date().toISOString().slice(0, 10)}.json`, 'application/json');
      return 'Your account was exported.';
    });

  return (
    <section aria-labelledby={`${id}-h`} className="archive-section">
      <h3 id={`${id}-h`}>Archive and trash</h3>
      <RelayNotices error={error} status={status} />
      <h4 id={`${id}-arch`}>Archived calendars</h4>
      {archived === null ? (
        <p className="hint">Loading…</p>
      ) : archived.length === 0 ? (
        <p className="hint">No archived calendars. An archived calendar is read-only for everyone and hidden from the list until you restore it.</p>
      ) : (
        <ul className="inbox-list" aria-labelledby={`${id}-arch`}>
          {archived.map((c) => (
            <li key={c.id} className="inbox-item">
              <p className="inbox-text" id={`${id}-a-${c.id}`}>
                <strong>{c.name}</strong>
              </p>
              <div className="inbox-actions">
                <span className="spacer" />
                <button type="button" className="btn btn-outline btn-small" aria-describedby={`${id}-a-${c.id}`} disabled={busy} onClick={() => void run(async () => (await client.unarchive(c.id), `${c.name} is back in your calendars.`))}>
                  Restore
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <h4 id={`${id}-del`}>Deleted calendars</h4>
      {deleted === null ? (
        <p className="hint">Loading…</p>
      ) : deleted.length === 0 ? (
        <p className="hint">No deleted calendars. Deleted calendars can be restored, with their sharing, for 30 days.</p>
      ) : (
        <ul className="inbox-list" aria-labelledby={`${id}-del`}>
          {deleted.map((c) => (
            <li key={c.id} className="inbox-item">
              <p className="inbox-text" id={`${id}-d-${c.id}`}>
                <strong>{c.name}</strong>
              </p>
              <p className="inbox-when">{`Deleted ${day(c.deletedAt, locale)} · removed for good on ${day(c.purgeAt, locale)}`}</p>
              <div className="inbox-actions">
                <span className="spacer" />
                <button type="button" className="btn btn-outline btn-small" aria-describedby={`${id}-d-${c.id}`} disabled={busy} onClick={() => void run(async () => (await client.restoreDeleted(c.id), `${c.name} was restored with its sharing.`))}>
                  Restore
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <h4>Export and restore</h4>
      <p className="hint">One file with your own calendars, what you shared and your personal settings. Restoring it brings back the calendars it holds that are no longer here; what is here stays as it is.</p>
      <div className="inbox-actions">
        <button type="button" className="btn btn-outline btn-small" disabled={busy} onClick={() => void exportAccount()}>
          Export my account
        </button>
        <RestoreFromFile client={client} run={run} busy={busy} />
      </div>
    </section>
  );
}
