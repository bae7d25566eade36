import { useCallback, useId, useState } from 'react';
import { APP_PASSWORD_NAME_MAX, type CreatedAppPassword } from '../../shared/protocol/appPasswords';
import { AccountsClient } from '../accounts/AccountsClient';
import type { RelayClient } from '../sync/RelayClient';
import { RelayNotices } from './RelayNotices';
import { useRelayData } from './useRelayData';

const day = (at: number, locale: string) => new Date(at).toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric' });

/**
 * In Settings, signed in: app passwords for feed readers and other clients.
 * A new one is shown once, to copy; the list has name, created and last use,
 * and Revoke, which stops it (and anything signed in with it) at once.
 */
export function AppPasswordsSection({ relay, locale }: { relay: RelayClient; locale: string }) {
  const id = useId();
  const [client] = useState(() => new AccountsClient(relay));
  const [name, setName] = useState('');
  const [fresh, setFresh] = useState<CreatedAppPassword | null>(null);
  const [copied, setCopied] = useState(false);
  const fetch = useCallback(() => client.appPasswords(), [client]);
  const { data: list, busy, error, setError, run: act } = useRelayData(fetch);

  const create = () =>
    act(async () => {
      const created = await client.createAppPassword(name.trim());
      setFresh(created);
      setCopied(false);
      setName('');
    });
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setError('Could not copy: select the password and copy it yourself.');
    }
  };
  const feedUrl = (calendarHint: string) => `${relay.baseUrl.replace(/\/+$/, '')}/ics/me/${calendarHint}.ics`;
  const active = list?.appPasswords.filter((p) => p.revokedAt === null) ?? [];

  return (
    <section aria-labelledby={`${id}-h`} className="app-passwords">
      <h3 id={`${id}-h`}>App passwords</h3>
      <p className="hint">
        For calendar apps and feed readers: sign in there with your email and an app password (never your account password). They can read your calendars at your level, and only read.
        Feed address: <code>{feedUrl('<calendar id>')}</code>
      </p>
      <RelayNotices error={error} />
      {list && !list.allowed && <p className="hint">Your organisation has switched app passwords off.</p>}
      {list?.allowed && (
        <form
          className="field-row"
          aria-label="New app password"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) void create();
          }}
        >
          <div className="field field-grow">
            <label htmlFor={`${id}-name`}>Name</label>
            <input id={`${id}-name`} value={name} maxLength={APP_PASSWORD_NAME_MAX} placeholder="Phone calendar" onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <button type="submit" className="btn btn-primary" disabled={busy || name.trim() === ''}>
              Create
            </button>
          </div>
        </form>
      )}
      {fresh && (
        <div className="ics-link-fresh" role="status">
          <label htmlFor={`${id}-fresh`}>{`App password “${fresh.name}” — copy it now, it is not shown again`}</label>
          <div className="ics-link-copy">
            <input id={`${id}-fresh`} readOnly value={fresh.password} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" className="btn btn-small" onClick={() => void copy(fresh.password)}>
              {copied ? 'Copied' : 'Copy'}
            </button>
            <button type="button" className="btn btn-text btn-small" onClick={() => setFresh(null)}>
              Done
            </button>
          </div>
        </div>
      )}
      {list === null ? (
        <p className="hint">Loading…</p>
      ) : active.length === 0 ? (
        <p className="hint">No app passwords.</p>
      ) : (
        <ul className="inbox-list" aria-label="App passwords">
          {active.map((p) => (
            <li key={p.id} className="inbox-item">
              <p className="inbox-text" id={`${id}-p-${p.id}`}>
                <strong>{p.name}</strong>
              </p>
              <p className="inbox-when">{`Created ${day(p.createdAt, locale)} · ${p.lastUsedAt === null ? 'never used' : `last used ${day(p.lastUsedAt, locale)}`}`}</p>
              <div className="inbox-actions">
                <span className="spacer" />
                <button type="button" className="btn btn-danger-text btn-small" aria-describedby={`${id}-p-${p.id}`} disabled={busy} onClick={() => void act(() => client.revokeAppPassword(p.id))}>
                  Revoke
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
