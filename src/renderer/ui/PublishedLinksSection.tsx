import { Fragment, useCallback, useEffect, useId, useState } from 'react';
import { ICS_LINK_LEVELS, ICS_PASSWORD_MAX, type IcsAccessEntry, type IcsLink, type IcsLinkLevel } from '../../shared/protocol/icsLinks';
import type { SyncService } from '../sync/SyncService';
import { Icon } from './Icon';
import { problemsOf } from './problemsOf';
import { FormError } from './FormError';

/** Outlook's words for its publishing levels. */
export const ICS_LEVEL_LABEL: Record<IcsLinkLevel, string> = {
  availability: 'Availability only',
  limited: 'Limited details',
  reviewer: 'All details',
};

const ICS_LEVEL_HINT: Record<IcsLinkLevel, string> = {
  availability: 'Times and Busy, Tentative, Free… only.',
  limited: 'Times, titles and locations.',
  reviewer: 'Everything but your reminders. Private events only ever show as “Private appointment”.',
};

interface PublishedLinksSectionProps {
  sync: SyncService;
  calendarId: string;
  locale: string;
  /** Only the owner publishes; an administrator sees the links and may revoke them. */
  canPublish: boolean;
  /** The relay's address, to turn a feed path into a link people can paste. */
  relayUrl: string;
  /** After a link is published or revoked (the activity log has a new entry). */
  onChanged: () => void;
}

/** The first moment after the chosen day, in the person's zone: a link "expires on the 5th" works all of the 5th. */
function endOfDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + 1).getTime();
}

function todayInput(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * The "Published links" part of a calendar's permissions: each ICS link with
 * its level, password, expiry, creation and last access; publishing a new one
 * (shown with a Copy button), each link's access log, and revoking.
 */
export function PublishedLinksSection({ sync, calendarId, locale, canPublish, relayUrl, onChanged }: PublishedLinksSectionProps) {
  const id = useId();
  const [links, setLinks] = useState<IcsLink[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [formOpen, setFormOpen] = useState(false);
  const [level, setLevel] = useState<IcsLinkLevel>('availability');
  const [password, setPassword] = useState('');
  const [expires, setExpires] = useState('');
  const [fresh, setFresh] = useState<IcsLink | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [logs, setLogs] = useState<Record<string, IcsAccessEntry[] | string>>({});

  const load = useCallback(() => {
    sync.icsLinks(calendarId).then(
      (l) => {
        setLinks(l);
        setLoadError(null);
      },
      (err: unknown) => setLoadError(`The published links could not be loaded: ${problemsOf(err).join(' ')}`),
    );
  }, [sync, calendarId]);

  useEffect(() => load(), [load]);

  const when = (ms: number) => new Date(ms).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const urlOf = (path: string) => new URL(path, relayUrl).toString();

  const copy = async (link: IcsLink) => {
    if (!link.path) return;
    try {
      await navigator.clipboard.writeText(urlOf(link.path));
      setCopied(link.id);
    } catch {
      setError('The link could not be copied; select it and copy it by hand.');
    }
  };

  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      const link = await sync.publishIcsLink(calendarId, { level, password: password === '' ? undefined : password, expiresAt: expires === '' ? undefined : endOfDay(expires) });
      setFresh(link);
      setCopied(null);
      setFormOpen(false);
      setPassword('');
      setExpires('');
      load();
      onChanged();
    } catch (err) {
      setError(problemsOf(err).join(' '));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (link: IcsLink) => {
    setBusy(true);
    setError(null);
    try {
      await sync.revokeIcsLink(calendarId, link.id);
      if (fresh?.id === link.id) setFresh(null);
      setConfirming(null);
      load();
      onChanged();
    } catch (err) {
      setError(problemsOf(err).join(' '));
    } finally {
      setBusy(false);
    }
  };

  const toggleLog = (link: IcsLink) => {
    if (logs[link.id] !== undefined) {
      setLogs(({ [link.id]: _gone, ...rest }) => rest);
      return;
    }
    // The summary's "Last access" is as old as the list: bring it along with the log.
    load();
    sync.icsLinkAccess(calendarId, link.id).then(
      (entries) => setLogs((l) => ({ ...l, [link.id]: entries })),
      (err: unknown) => setLogs((l) => ({ ...l, [link.id]: `The access log could not be loaded: ${problemsOf(err).join(' ')}` })),
    );
  };

  return (
    <section aria-labelledby={`${id}-links`} className="ics-links">
      <div className="section-heading">
        <h3 id={`${id}-links`}>Published links</h3>
        {canPublish && !formOpen && (
          <button type="button" className="btn btn-text btn-small" onClick={() => setFormOpen(true)} disabled={busy}>
            <Icon name="plus" size={16} />
            Publish link…
          </button>
        )}
      </div>
      <p className="hint">Anyone with a link can subscribe to this calendar from Outlook, Google or Apple Calendar, at the link’s level.</p>

      {formOpen && (
        <form
          className="ics-link-form"
          aria-label="Publish link"
          onSubmit={(e) => {
            e.preventDefault();
            void publish();
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-level`}>What it shows</label>
            <select id={`${id}-level`} value={level} aria-describedby={`${id}-level-hint`} onChange={(e) => setLevel(e.target.value as IcsLinkLevel)}>
              {ICS_LINK_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {ICS_LEVEL_LABEL[l]}
                </option>
              ))}
            </select>
            <p id={`${id}-level-hint`} className="hint">
              {ICS_LEVEL_HINT[level]}
            </p>
          </div>
          <div className="field-row">
            <div className="field field-grow">
              <label htmlFor={`${id}-password`}>Password (optional)</label>
              <input id={`${id}-password`} type="password" autoComplete="new-password" maxLength={ICS_PASSWORD_MAX} value={password} onChange={(e) => setPassword(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-expires`}>Expires after (optional)</label>
              <input id={`${id}-expires`} type="date" min={todayInput()} value={expires} onChange={(e) => setExpires(e.target.value)} />
            </div>
          </div>
          <div className="ics-link-form-actions">
            <button type="button" className="btn btn-text" onClick={() => setFormOpen(false)} disabled={busy}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              Publish
            </button>
          </div>
        </form>
      )}

      {fresh?.path && (
        <div className="ics-link-fresh" role="status">
          <label htmlFor={`${id}-fresh`}>New link ({ICS_LEVEL_LABEL[fresh.level]})</label>
          <div className="ics-link-copy">
            <input id={`${id}-fresh`} readOnly value={urlOf(fresh.path)} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" className="btn btn-small" onClick={() => void copy(fresh)}>
              {copied === fresh.id ? 'Copied' : 'Copy'}
            </button>
          </div>
        </div>
      )}

      {loadError && (
        <div className="form-error" role="alert">
          <p>{loadError}</p>
          <button type="button" className="btn btn-text btn-small" onClick={load}>
            Try again
          </button>
        </div>
      )}
      <FormError message={error} />
      {links && links.length === 0 && <p className="hint">No published links.</p>}
      {links && links.length > 0 && (
        <table className="perm-table ics-link-table" aria-labelledby={`${id}-links`}>
          <thead>
            <tr>
              <th scope="col">Level</th>
              <th scope="col">Password</th>
              <th scope="col">Expires</th>
              <th scope="col">Created</th>
              <th scope="col">Last access</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {links.map((l) => {
              const rowId = `${id}-l-${l.id}`;
              const log = logs[l.id];
              return (
                <Fragment key={l.id}>
                  <tr className={l.status === 'active' ? undefined : 'ics-link-inactive'}>
                    <th scope="row" id={rowId}>
                      <span className="perm-name">{ICS_LEVEL_LABEL[l.level]}</span>
                      <span className="perm-detail">{l.status === 'revoked' ? 'Revoked' : l.status === 'expired' ? 'Expired' : 'Active'}</span>
                    </th>
                    <td>{l.hasPassword ? 'Yes' : 'No'}</td>
                    <td>{l.expiresAt === null ? 'Never' : when(l.expiresAt)}</td>
                    <td>{when(l.createdAt)}</td>
                    <td>{l.lastAccessAt === null ? 'Never' : when(l.lastAccessAt)}</td>
                    <td className="perm-actions">
                      {confirming === l.id ? (
                        <>
                          <button type="button" className="btn btn-danger-text btn-small" aria-describedby={rowId} disabled={busy} onClick={() => void revoke(l)}>
                            Revoke link
                          </button>
                          <button type="button" className="btn btn-text btn-small" onClick={() => setConfirming(null)}>
                            Keep
                          </button>
                        </>
                      ) : (
                        <>
                          {l.path && l.status === 'active' && (
                            <button type="button" className="btn btn-text btn-small" aria-describedby={rowId} onClick={() => void copy(l)}>
                              {copied === l.id ? 'Copied' : 'Copy link'}
                            </button>
                          )}
                          <button type="button" className="btn btn-text btn-small" aria-describedby={rowId} aria-expanded={log !== undefined} onClick={() => toggleLog(l)}>
                            Access log
                          </button>
                          {l.status !== 'revoked' && (
                            <button type="button" className="btn btn-danger-text btn-small" aria-describedby={rowId} disabled={busy} onClick={() => setConfirming(l.id)}>
                              Revoke
                            </button>
                          )}
                        </>
                      )}
                    </td>
                  </tr>
                  {log !== undefined && (
                    <tr className="ics-link-log">
                      <td colSpan={6}>
                        {typeof log === 'string' ? (
                          <p className="form-error">{log}</p>
                        ) : log.length === 0 ? (
                          <p className="hint">Nobody has fetched this link yet.</p>
                        ) : (
                          <ol className="activity-list" aria-label={`Access log of the ${ICS_LEVEL_LABEL[l.level]} link`}>
                            {log.map((a, i) => (
                              <li key={i}>
                                <time dateTime={new Date(a.at).toISOString()}>{when(a.at)}</time>
                                <span>
                                  {a.address || 'Unknown address'} · {accessWords(a.status)}
                                  {a.userAgent && <span className="perm-detail">{a.userAgent}</span>}
                                </span>
                              </li>
                            ))}
                          </ol>
                        )}
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function accessWords(status: number): string {
  switch (status) {
    case 200:
      return 'Fetched';
    case 304:
      return 'No changes since the last fetch';
    case 401:
      return 'Wrong or missing password';
    case 410:
      return 'Refused: revoked or expired';
    case 429:
      return 'Refused: too many wrong passwords';
    default:
      return `Answered ${status}`;
  }
}
