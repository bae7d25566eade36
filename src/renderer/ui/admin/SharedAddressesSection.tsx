import { useCallback, useId, useMemo, useState } from 'react';
import { MAX_ALIASES } from '../../../shared/protocol/sharedAddresses';
import { AccountsClient } from '../../accounts/AccountsClient';
import { RelayNotices } from '../RelayNotices';
import { useRelayData } from '../useRelayData';
import type { AdminSectionContext } from './AdminSection';

/**
 * Shared addresses (sales@): create one, add and remove its members (who get
 * delegate access to its calendar and its meeting requests) and its aliases.
 */
export function SharedAddressesSection({ admin, changed, version }: AdminSectionContext) {
  const id = useId();
  const client = useMemo(() => new AccountsClient(admin.relay), [admin]);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [pick, setPick] = useState<Record<string, string>>({});
  const [alias, setAlias] = useState<Record<string, string>>({});
  const fetch = useCallback(async () => {
    const [a, p] = await Promise.all([client.sharedAddresses(), client.people()]);
    return { addresses: a, people: p.filter((x) => x.kind !== 'shared address') };
  }, [client]);
  const { data, busy, error, run } = useRelayData(fetch, { loadError: 'Shared addresses could not be loaded: ', reloadKey: version, afterRun: changed });
  const addresses = data?.addresses ?? null;
  const people = data?.people ?? [];
  const nameOf = (userId: string) => people.find((p) => p.id === userId)?.name ?? userId;

  return (
    <section aria-labelledby={`${id}-title`} className="admin-section">
      <h3 id={`${id}-title`} className="sr-only">
        Shared addresses
      </h3>
      <RelayNotices error={error} />
      <form
        className="field-row"
        aria-label="New shared address"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await client.createSharedAddress(email.trim(), name.trim());
            setEmail('');
            setName('');
          });
        }}
      >
        <div className="field field-grow">
          <label htmlFor={`${id}-email`}>Address</label>
          <input id={`${id}-email`} type="email" placeholder="sales@example.com" value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field field-grow">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} placeholder="Sales" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <button type="submit" className="btn btn-primary" disabled={busy || !email.trim() || !name.trim()}>
            Create
          </button>
        </div>
      </form>
      {addresses === null ? (
        <p className="hint">Loading…</p>
      ) : addresses.length === 0 ? (
        <p className="hint">No shared addresses yet. Members of one share its calendar as delegates and receive its meeting requests.</p>
      ) : (
        <ul className="inbox-list" aria-label="Shared addresses">
          {addresses.map((a) => (
            <li key={a.id} className="inbox-item" aria-label={a.email}>
              <p className="inbox-text">
                <strong>{a.name}</strong> {a.email}
              </p>
              <p className="inbox-when">Members</p>
              <ul className="admin-chips">
                {a.members.map((m) => (
                  <li key={m}>
                    {nameOf(m)}{' '}
                    <button type="button" className="btn btn-text btn-small" aria-label={`Remove ${nameOf(m)} from ${a.email}`} disabled={busy} onClick={() => void run(() => client.setSharedAddressMember(a.id, m, false))}>
                      Remove
                    </button>
                  </li>
                ))}
              </ul>
              <div className="inbox-actions">
                <label className="sr-only" htmlFor={`${id}-m-${a.id}`}>{`Add a member to ${a.email}`}</label>
                <select id={`${id}-m-${a.id}`} value={pick[a.id] ?? ''} onChange={(e) => setPick({ ...pick, [a.id]: e.target.value })}>
                  <option value="">Add a member…</option>
                  {people
                    .filter((p) => !a.members.includes(p.id))
                    .map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                </select>
                <button type="button" className="btn btn-outline btn-small" disabled={busy || !pick[a.id]} onClick={() => void run(() => client.setSharedAddressMember(a.id, pick[a.id]!, true))}>
                  Add member
                </button>
              </div>
              <p className="inbox-when">{`Aliases (${a.aliases.length} of ${MAX_ALIASES})`}</p>
              <ul className="admin-chips">
                {a.aliases.map((x) => (
                  <li key={x}>
                    {x}{' '}
                    <button type="button" className="btn btn-text btn-small" aria-label={`Remove alias ${x}`} disabled={busy} onClick={() => void run(() => client.setSharedAddressAlias(a.id, x, false))}>
                      Remove
                    </button>
                  </li>
                ))}
              </ul>
              <form
                className="inbox-actions"
                aria-label={`Add an alias to ${a.email}`}
                onSubmit={(e) => {
                  e.preventDefault();
                  void run(async () => {
                    await client.setSharedAddressAlias(a.id, (alias[a.id] ?? '').trim(), true);
                    setAlias({ ...alias, [a.id]: '' });
                  });
                }}
              >
                <label className="sr-only" htmlFor={`${id}-al-${a.id}`}>{`New alias for ${a.email}`}</label>
                <input id={`${id}-al-${a.id}`} type="email" placeholder="alias@example.com" value={alias[a.id] ?? ''} onChange={(e) => setAlias({ ...alias, [a.id]: e.target.value })} />
                <button type="submit" className="btn btn-outline btn-small" disabled={busy || !(alias[a.id] ?? '').trim()}>
                  Add alias
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
