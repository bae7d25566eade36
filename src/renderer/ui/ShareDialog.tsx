import { useEffect, useId, useMemo, useState } from 'react';
import type { Directory, Me, Permissions, Subject } from '../../shared/protocol/api';
import type { SyncService } from '../sync/SyncService';
import { DirectoryPicker, matchEntries, type DirectoryEntry } from './DirectoryPicker';
import { Icon } from './Icon';
import { LEVEL_HINT, SHAREABLE_LEVELS, isShareable, levelLabel, type ShareableLevel } from './levelWords';
import { Modal } from './Modal';
import { problemsOf } from './problemsOf';
import { ModalHeader } from './ModalHeader';
import { FormError } from './FormError';

export interface ShareRequest {
  calendarId: string;
  /** Sharing back from an invitation: the person picks which of their calendars. */
  chooseCalendar?: boolean;
  subject?: Subject | null;
}

interface ShareDialogProps {
  sync: SyncService;
  me: Me | null;
  /** The person's own calendars (the only ones they may share). */
  calendars: { id: string; name: string }[];
  request: ShareRequest;
  onClose: () => void;
  /** After a share went through, with a sentence saying what happened. */
  onShared: (message: string) => void;
}

function entriesOf(directory: Directory, me: Me | null, permissions: Permissions | null): DirectoryEntry[] {
  const granted = new Map((permissions?.grants ?? []).map((g) => [`${g.subject.kind}:${g.subject.id}`, g.level]));
  const out: DirectoryEntry[] = [];
  for (const p of directory.people) {
    if (p.id === me?.id || p.id === permissions?.ownerId) continue;
    const level = granted.get(`user:${p.id}`);
    const notes = [p.kind === 'shared address' ? 'Shared address' : null, me && p.orgId !== me.orgId ? 'Outside your organisation' : null, level ? `Now: ${levelLabel(level)}` : null].filter(Boolean);
    out.push({ subject: { kind: 'user', id: p.id }, name: p.name, detail: p.email, note: notes.join(' · ') || undefined });
  }
  for (const g of directory.groups) {
    const level = granted.get(`group:${g.id}`);
    const count = g.members.length === 1 ? '1 person' : `${g.members.length} people`;
    out.push({ subject: { kind: 'group', id: g.id }, name: g.name, detail: `Group · ${count}`, note: level ? `Now: ${levelLabel(level)}` : undefined });
  }
  return out;
}

/**
 * "Share" for one of the person's calendars, as Outlook's sharing dialog: pick
 * a person or a group from the directory, choose what they may see or do,
 * optionally ask them to share back and add a message, then Send. A person
 * gets an invitation; sharing again with someone changes their level.
 */
export function ShareDialog({ sync, me, calendars, request, onClose, onShared }: ShareDialogProps) {
  const id = useId();
  const [calendarId, setCalendarId] = useState(request.calendarId);
  const [directory, setDirectory] = useState<Directory | null>(null);
  const [permissions, setPermissions] = useState<Permissions | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<DirectoryEntry | null>(null);
  const [level, setLevel] = useState<ShareableLevel>('reviewer');
  const [seesPrivate, setSeesPrivate] = useState(false);
  const [askBack, setAskBack] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    setLoadError(null);
    sync.directory().then(
      (d) => live && setDirectory(d),
      (err: unknown) => live && setLoadError(`The directory could not be loaded: ${problemsOf(err).join(' ')}`),
    );
    return () => {
      live = false;
    };
  }, [sync, attempt]);

  useEffect(() => {
    let live = true;
    setPermissions(null);
    // Only to say who has access already; sharing works without it.
    sync.permissions(calendarId).then(
      (p) => live && setPermissions(p),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [sync, calendarId]);

  const entries = useMemo(() => (directory ? entriesOf(directory, me, permissions) : []), [directory, me, permissions]);

  // Sharing back from an invitation: the person who asked is already chosen.
  const preset = request.subject ?? null;
  const [presetDone, setPresetDone] = useState(false);
  useEffect(() => {
    if (!preset || !directory || presetDone) return;
    setPresetDone(true);
    const entry = entriesOf(directory, null, null).find((e) => e.subject.kind === preset.kind && e.subject.id === preset.id);
    if (entry) {
      setPicked(entry);
      setQuery(entry.name);
    }
  }, [preset, directory, presetDone]);

  const calendarName = calendars.find((c) => c.id === calendarId)?.name ?? permissions?.calendarName ?? 'calendar';
  const existing = picked ? permissions?.grants.find((g) => g.subject.kind === picked.subject.kind && g.subject.id === picked.subject.id) : undefined;
  const isGroup = picked?.subject.kind === 'group';

  const pick = (entry: DirectoryEntry) => {
    setPicked(entry);
    setQuery(entry.name);
    setError(null);
    const grant = permissions?.grants.find((g) => g.subject.kind === entry.subject.kind && g.subject.id === entry.subject.id);
    if (grant && isShareable(grant.level)) {
      setLevel(grant.level);
      setSeesPrivate(grant.seesPrivate);
    }
  };

  /** The chosen entry, or the only one matching what was typed (or an exact name or email). */
  const resolve = (): DirectoryEntry | null => {
    if (picked) return picked;
    const q = query.trim().toLowerCase();
    if (!q) return null;
    const exact = entries.filter((e) => e.name.toLowerCase() === q || e.detail.toLowerCase() === q);
    if (exact.length === 1) return exact[0]!;
    const matches = matchEntries(entries, q);
    return matches.length === 1 ? matches[0]! : null;
  };

  const send = async () => {
    if (!directory) return;
    const target = resolve();
    if (!target) {
      setError(query.trim() ? `Choose who to share with from the list: “${query.trim()}” is not one person or group in the directory.` : 'Choose a person or group to share with.');
      return;
    }
    setBusy(true);
    setError(null);
    const person = target.subject.kind === 'user';
    try {
      await sync.setGrant(calendarId, {
        subject: target.subject,
        level,
        seesPrivate: level === 'delegate' ? seesPrivate : false,
        askBack: person ? askBack : false,
        message: person && message.trim() ? message.trim() : undefined,
      });
      onShared(`${calendarName} is shared with ${target.name} (${levelLabel(level)}).${person && !existing ? ' They’ll get an invitation.' : ''}`);
      onClose();
    } catch (err) {
      setError(problemsOf(err).join(' '));
    } finally {
      setBusy(false);
    }
  };

  const title = request.chooseCalendar ? 'Share your calendar' : `Share ${calendarName}`;
  return (
    <Modal label={title} onClose={onClose} className="share-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <ModalHeader title={title} onClose={onClose} />
        <div className="modal-body">
          {request.chooseCalendar && calendars.length > 1 && (
            <div className="field">
              <label htmlFor={`${id}-cal`}>Calendar</label>
              <select id={`${id}-cal`} value={calendarId} onChange={(e) => setCalendarId(e.target.value)}>
                {calendars.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          {loadError && (
            <div className="form-error" role="alert">
              <p>{loadError}</p>
              <button type="button" className="btn btn-text btn-small" onClick={() => setAttempt((n) => n + 1)}>
                Try again
              </button>
            </div>
          )}
          <DirectoryPicker
            label="Person or group"
            entries={entries}
            query={query}
            autoFocus={!preset}
            onQuery={(q) => {
              setQuery(q);
              setPicked(null);
            }}
            onPick={pick}
          />
          {!directory && !loadError && (
            <p className="hint" role="status">
              Loading the directory…
            </p>
          )}
          {picked && (
            <p className="share-picked">
              <Icon name={isGroup ? 'people' : 'person'} size={16} />
              <span>
                {isGroup ? `Everyone in ${picked.name} (${picked.detail.replace(/^Group · /, '')})` : `${picked.name} (${picked.detail})`}
                {existing && ` already has “${levelLabel(existing.level)}”; sending changes it.`}
              </span>
            </p>
          )}
          <div className="field">
            <label htmlFor={`${id}-level`}>Level</label>
            <select id={`${id}-level`} value={level} aria-describedby={`${id}-level-hint`} data-autofocus={preset ? true : undefined} onChange={(e) => setLevel(e.target.value as ShareableLevel)}>
              {SHAREABLE_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {levelLabel(l)}
                </option>
              ))}
            </select>
            <p id={`${id}-level-hint`} className="hint">
              {LEVEL_HINT[level]}
            </p>
          </div>
          {level === 'delegate' && (
            <label className="checkbox">
              <input type="checkbox" checked={seesPrivate} onChange={(e) => setSeesPrivate(e.target.checked)} />
              Can see my private items
            </label>
          )}
          {isGroup ? (
            <p className="hint">Everyone in the group gets this calendar at this level. Groups don’t get an invitation or a message.</p>
          ) : (
            <>
              <label className="checkbox">
                <input type="checkbox" checked={askBack} onChange={(e) => setAskBack(e.target.checked)} />
                Ask them to share their calendar with me too
              </label>
              <div className="field">
                <label htmlFor={`${id}-msg`}>Message</label>
                <textarea id={`${id}-msg`} rows={3} maxLength={2000} placeholder="Add a message (optional)" value={message} onChange={(e) => setMessage(e.target.value)} />
              </div>
            </>
          )}
          <FormError message={error} />
        </div>
        <footer className="modal-actions">
          <span className="spacer" />
          <button type="button" className="btn btn-text" onClick={onClose}>
            Cancel
          </button>
          {/* Who is who comes from the directory: until it is here there is no one to send to. */}
          <button type="submit" className="btn btn-primary" disabled={busy || !directory}>
            Send
          </button>
        </footer>
      </form>
    </Modal>
  );
}
