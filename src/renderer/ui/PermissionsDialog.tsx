import { useCallback, useEffect, useId, useState } from 'react';
import { compareLevels } from '../../shared/permissions/compareLevels';
import type { PermissionLevel } from '../../shared/permissions/PermissionLevel';
import type { AuditEntry, Directory, EffectiveEntry, Grant, Permissions } from '../../shared/protocol/api';
import type { SyncService } from '../sync/SyncService';
import { describeAudit } from './describeAudit';
import { Icon } from './Icon';
import { DEFAULT_LEVELS, SHAREABLE_LEVELS, levelLabel } from './levelWords';
import { Modal } from './Modal';
import { problemsOf } from './problemsOf';
import { PublishedLinksSection } from './PublishedLinksSection';
import { DoneFooter } from './DoneFooter';
import { ModalHeader } from './ModalHeader';
import { FormError } from './FormError';

interface PermissionsDialogProps {
  sync: SyncService;
  calendarId: string;
  /** As the sidebar shows it; empty to use the relay's name. */
  calendarName: string;
  locale: string;
  onClose: () => void;
  /** Opens the share dialog for this calendar. */
  onShare: () => void;
}

const grantKey = (g: Grant) => `${g.subject.kind}:${g.subject.id}`;

/** Which group grant gives a person their level, for "through group Sales". */
function groupOf(entry: EffectiveEntry, perms: Permissions, directory: Directory | null): string | null {
  if (!directory) return null;
  const groups = perms.grants.filter((g) => g.subject.kind === 'group' && directory.groups.some((d) => d.id === g.subject.id && d.members.includes(entry.userId)));
  const best = groups.find((g) => g.level === entry.level) ?? groups.sort((a, b) => compareLevels(b.level, a.level))[0];
  return best?.subject.name ?? null;
}

function throughWords(entry: EffectiveEntry, perms: Permissions, directory: Directory | null): string {
  switch (entry.via) {
    case 'owner':
      return 'Owner';
    case 'direct':
      return 'Direct';
    case 'group': {
      const name = groupOf(entry, perms, directory);
      return name ? `Group ${name}` : 'A group';
    }
    case 'default':
      return 'Organisation default';
    case 'external':
      return 'External';
  }
}

/**
 * The calendar's "Permissions" tab, as in Outlook: who it is shared with and at
 * what level (each changeable or removable), the level for everyone in the
 * organisation, everyone who can reach it and through what, and the activity
 * log of every sharing change.
 */
export function PermissionsDialog({ sync, calendarId, calendarName, locale, onClose, onShare }: PermissionsDialogProps) {
  const id = useId();
  const [perms, setPerms] = useState<Permissions | null>(null);
  const [directory, setDirectory] = useState<Directory | null>(null);
  const [audit, setAudit] = useState<AuditEntry[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [auditError, setAuditError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  const loadAudit = useCallback(() => {
    sync.audit(calendarId).then(
      (entries) => {
        setAudit([...entries].sort((a, b) => b.at - a.at));
        setAuditError(null);
      },
      (err: unknown) => setAuditError(`The activity could not be loaded: ${problemsOf(err).join(' ')}`),
    );
  }, [sync, calendarId]);

  useEffect(() => {
    let live = true;
    setLoadError(null);
    sync.permissions(calendarId).then(
      (p) => live && setPerms(p),
      (err: unknown) => live && setLoadError(`The permissions could not be loaded: ${problemsOf(err).join(' ')}`),
    );
    // Only to name the group a person reaches the calendar through.
    sync.directory().then(
      (d) => live && setDirectory(d),
      () => undefined,
    );
    loadAudit();
    return () => {
      live = false;
    };
  }, [sync, calendarId, attempt, loadAudit]);

  const run = async (key: string, work: () => Promise<Permissions>) => {
    setBusy(key);
    setError(null);
    try {
      setPerms(await work());
      loadAudit();
    } catch (err) {
      setError(problemsOf(err).join(' '));
    } finally {
      setBusy(null);
    }
  };

  const setGrantLevel = (g: Grant, level: Exclude<PermissionLevel, 'owner'>, seesPrivate = g.seesPrivate) =>
    run(grantKey(g), () => sync.setGrant(calendarId, { subject: { kind: g.subject.kind, id: g.subject.id }, level, seesPrivate: level === 'delegate' ? seesPrivate : false }));

  const nameOf = (subject: string): string | null => {
    const bare = subject.replace(/^(user|group):/, '');
    const grant = perms?.grants.find((g) => g.subject.id === bare);
    if (grant) return grant.subject.name;
    return directory?.people.find((p) => p.id === bare)?.name ?? directory?.groups.find((g) => g.id === bare)?.name ?? null;
  };

  // The name the person sees in their sidebar; the relay's until the calendar is known here.
  const name = calendarName || perms?.calendarName || 'calendar';
  const title = `Permissions for ${name}`;
  const account = sync.account();
  const effective = perms ? [...perms.effective].sort((a, b) => (a.via === 'owner' ? -1 : b.via === 'owner' ? 1 : compareLevels(b.level, a.level) || a.name.localeCompare(b.name))) : [];

  return (
    <Modal label={title} onClose={onClose} className="permissions-dialog">
      <ModalHeader title={title} onClose={onClose} />
      <div className="modal-body">
        {loadError && (
          <div className="form-error" role="alert">
            <p>{loadError}</p>
            <button type="button" className="btn btn-text btn-small" onClick={() => setAttempt((n) => n + 1)}>
              Try again
            </button>
          </div>
        )}
        {!perms && !loadError && (
          <p className="hint" role="status">
            Loading permissions…
          </p>
        )}
        <FormError message={error} />
        {perms && (
          <>
            <section aria-labelledby={`${id}-shared`}>
              <div className="section-heading">
                <h3 id={`${id}-shared`}>Shared with</h3>
                <button type="button" className="btn btn-text btn-small" onClick={onShare}>
                  <Icon name="plus" size={16} />
                  Share…
                </button>
              </div>
              <table className="perm-table">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Level</th>
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row" id={`${id}-org`}>
                      <span className="perm-name">People in my organization</span>
                      <span className="perm-detail">Everyone in your organisation without a level of their own</span>
                    </th>
                    <td colSpan={2}>
                      <label className="sr-only" htmlFor={`${id}-default`}>
                        People in my organization
                      </label>
                      <select
                        id={`${id}-default`}
                        value={perms.defaultLevel ?? ''}
                        disabled={busy !== null}
                        onChange={(e) => {
                          const v = e.target.value;
                          void run('default', () => sync.setDefaultLevel(calendarId, v === '' ? null : (v as PermissionLevel)));
                        }}
                      >
                        <option value="">{`Organisation’s default (${levelLabel(perms.orgDefaultLevel)})`}</option>
                        {DEFAULT_LEVELS.map((l) => (
                          <option key={l} value={l}>
                            {levelLabel(l)}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                  {perms.grants.map((g) => {
                    const key = grantKey(g);
                    const rowId = `${id}-g-${g.subject.kind}-${g.subject.id}`;
                    const levels: PermissionLevel[] = (SHAREABLE_LEVELS as readonly PermissionLevel[]).includes(g.level) ? [...SHAREABLE_LEVELS] : [g.level, ...SHAREABLE_LEVELS];
                    return (
                      <tr key={key}>
                        <th scope="row" id={rowId}>
                          <span className="perm-name">
                            <Icon name={g.subject.kind === 'group' ? 'people' : 'person'} size={14} />
                            {g.subject.name}
                          </span>
                          <span className="perm-detail">{g.subject.kind === 'group' ? 'Group' : (g.subject.email ?? '')}</span>
                        </th>
                        <td>
                          <select
                            aria-label="Level"
                            aria-describedby={rowId}
                            value={g.level}
                            disabled={busy !== null}
                            onChange={(e) => void setGrantLevel(g, e.target.value as Exclude<PermissionLevel, 'owner'>)}
                          >
                            {levels.map((l) => (
                              <option key={l} value={l}>
                                {levelLabel(l)}
                              </option>
                            ))}
                          </select>
                          {g.level === 'delegate' && (
                            <label className="checkbox perm-private">
                              <input type="checkbox" checked={g.seesPrivate} disabled={busy !== null} onChange={(e) => void setGrantLevel(g, 'delegate', e.target.checked)} />
                              Can see my private items
                            </label>
                          )}
                        </td>
                        <td className="perm-actions">
                          <button type="button" className="btn btn-danger-text btn-small" aria-describedby={rowId} disabled={busy !== null} onClick={() => void setGrantLevel(g, 'none')}>
                            Remove
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              {perms.grants.length === 0 && <p className="hint">Not shared with anyone yet. Use Share… to invite a person or a group.</p>}
            </section>

            <section aria-labelledby={`${id}-who`}>
              <h3 id={`${id}-who`}>Who can see this calendar</h3>
              <table className="perm-table perm-effective">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Level</th>
                    <th scope="col">Through</th>
                  </tr>
                </thead>
                <tbody>
                  {effective.map((e) => (
                    <tr key={e.userId}>
                      <th scope="row">
                        <span className="perm-name">{e.name}</span>
                        <span className="perm-detail">{e.email}</span>
                      </th>
                      <td>{levelLabel(e.level)}</td>
                      <td>{throughWords(e, perms, directory)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </>
        )}

        {perms && account.status === 'signed-in' && (account.me.id === perms.ownerId || account.me.isAdmin) && (
          <PublishedLinksSection sync={sync} calendarId={calendarId} locale={locale} canPublish={account.me.id === perms.ownerId} relayUrl={account.relayUrl} onChanged={loadAudit} />
        )}

        <section aria-labelledby={`${id}-activity`}>
          <h3 id={`${id}-activity`}>Activity</h3>
          {auditError && <p className="form-error">{auditError}</p>}
          {audit && audit.length === 0 && <p className="hint">No sharing changes yet.</p>}
          {audit && audit.length > 0 && (
            <ol className="activity-list" aria-labelledby={`${id}-activity`}>
              {audit.map((a) => (
                <li key={a.id}>
                  <time dateTime={new Date(a.at).toISOString()}>{new Date(a.at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })}</time>
                  <span>
                    <strong>{a.actorName}</strong> {describeAudit(a, nameOf)}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
      <DoneFooter onDone={onClose} />
    </Modal>
  );
}
