import { useId, useState } from 'react';
import type { AccountState, SyncService } from '../sync/SyncService';
import { problemsOf } from './problemsOf';

interface AccountSectionProps {
  sync: SyncService;
  account: AccountState;
}

/** The relay's address as people read it: the host, without the scheme. */
function relayHost(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/**
 * The relay account in Settings: where the relay is, signing in with email and
 * password, who is signed in, and what to do when the session has expired.
 * Signing out, or never signing in, leaves the app a purely local calendar.
 */
export function AccountSection({ sync, account }: AccountSectionProps) {
  const id = useId();
  const [relayUrl, setRelayUrl] = useState(account.relayUrl);
  // The address the app offers can arrive after Settings opened (the page's own
  // origin is asked whether it is a relay in the background): take it up while
  // the field still shows the previous offer, never over what the person typed.
  const [offered, setOffered] = useState(account.relayUrl);
  if (offered !== account.relayUrl) {
    setOffered(account.relayUrl);
    if (relayUrl === offered) setRelayUrl(account.relayUrl);
  }
  const [email, setEmail] = useState(account.status === 'expired' ? account.me.email : '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  const signingIn = account.status === 'signing-in' || working;

  const signIn = async () => {
    const url = relayUrl.trim();
    if (!url) return setError('Enter the relay’s address, for example https://relay.example.com.');
    if (!email.trim()) return setError('Enter your email address.');
    if (!password) return setError('Enter your password.');
    setError(null);
    setWorking(true);
    try {
      if (url !== account.relayUrl) await sync.setRelayUrl(url);
      await sync.signIn(email.trim(), password);
      setPassword('');
    } catch (err) {
      setError(problemsOf(err).join(' '));
    } finally {
      setWorking(false);
    }
  };

  const signOut = async () => {
    setError(null);
    setWorking(true);
    try {
      await sync.signOut();
      setPassword('');
    } catch (err) {
      setError(problemsOf(err).join(' '));
    } finally {
      setWorking(false);
    }
  };

  const errorLine = error && (
    <p className="form-error" role="alert">
      {error}
    </p>
  );

  if (account.status === 'signed-in') {
    const { me, online } = account;
    return (
      <section className="account-section" aria-labelledby={`${id}-h`}>
        <h3 id={`${id}-h`}>Relay account</h3>
        <p className="account-who">
          Signed in as <strong>{me.name}</strong> ({me.email})
        </p>
        <p className="hint">{me.orgName}</p>
        <div className="field">
          <label htmlFor={`${id}-relay`}>Relay address</label>
          <input id={`${id}-relay`} value={account.relayUrl} readOnly />
        </div>
        <p className={`account-status ${online ? 'sync-ok' : 'sync-warn'}`} role="status">
          <span className="sync-dot" aria-hidden="true" />
          {online ? `Connected to ${relayHost(account.relayUrl)}` : 'Offline. Your calendars keep working on this device, and changes are sent when the relay can be reached again.'}
        </p>
        {errorLine}
        <div className="account-actions">
          <button type="button" className="btn btn-outline" disabled={working} onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </section>
    );
  }

  const expired = account.status === 'expired';
  return (
    <section className="account-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Relay account</h3>
      {expired ? (
        <p className="banner account-expired" role="alert">
          Your session has expired, so your calendars are not syncing. Sign in again as {account.me.name} ({account.me.email}) to carry on; everything stays on this device meanwhile.
        </p>
      ) : (
        <p className="hint">Sign in to a Tessera relay to sync your calendars between devices and share them with other people.</p>
      )}
      <form
        className="account-form"
        aria-label="Sign in to a relay"
        onSubmit={(e) => {
          e.preventDefault();
          void signIn();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-relay`}>Relay address</label>
          <input
            id={`${id}-relay`}
            type="text"
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            placeholder="https://relay.example.com"
            value={relayUrl}
            disabled={signingIn}
            onChange={(e) => setRelayUrl(e.target.value)}
          />
        </div>
        <div className="field-row">
          <div className="field field-grow">
            <label htmlFor={`${id}-email`}>Email</label>
            <input id={`${id}-email`} type="email" autoComplete="username" spellCheck={false} value={email} disabled={signingIn} onChange={(e) => setEmail(e.target.value)} />
          </div>
          <div className="field field-grow">
            <label htmlFor={`${id}-password`}>Password</label>
            <input id={`${id}-password`} type="password" autoComplete="current-password" value={password} disabled={signingIn} onChange={(e) => setPassword(e.target.value)} />
          </div>
        </div>
        {errorLine}
        <div className="account-actions">
          <button type="submit" className="btn btn-primary" disabled={signingIn} aria-describedby={signingIn ? `${id}-busy` : undefined}>
            Sign in
          </button>
          {signingIn && (
            <span id={`${id}-busy`} className="hint" role="status">
              Signing in…
            </span>
          )}
          {expired && (
            <button type="button" className="btn btn-text" disabled={signingIn} onClick={() => void signOut()}>
              Sign out
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
