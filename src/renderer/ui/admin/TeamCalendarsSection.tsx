import { useEffect, useId, useState } from 'react';
import type { Directory } from '../../../shared/protocol/api';
import { TEAM_SCOPE_LEVELS, type TeamCalendar, type TeamScopeLevel } from '../../../shared/protocol/teamCalendars';
import { TeamClient } from '../../teams/TeamClient';
import { TEAM_SUFFIX } from '../calendarLabel';
import { levelLabel } from '../levelWords';
import { problemsOf } from '../problemsOf';
import type { AdminSectionContext } from './AdminSection';
import { FormError } from '../FormError';

interface Draft {
  name: string;
  scopeKind: 'org' | 'groups';
  groupIds: string[];
  level: TeamScopeLevel;
  maintainerIds: string[];
  acceptsSubmissions: boolean;
}

const EMPTY: Draft = { name: '', scopeKind: 'groups', groupIds: [], level: 'reviewer', maintainerIds: [], acceptsSubmissions: false };

function draftOf(t: TeamCalendar): Draft {
  return {
    name: t.name,
    scopeKind: t.scope.kind,
    groupIds: t.scope.kind === 'groups' ? t.scope.groupIds : [],
    level: t.level,
    maintainerIds: t.maintainers.map((m) => m.id),
    acceptsSubmissions: t.acceptsSubmissions,
  };
}

const toggle = (list: string[], id: string, on: boolean) => (on ? [...new Set([...list, id])] : list.filter((x) => x !== id));

/** The fields of a team calendar: scope (organisation or departments) at a level, maintainers, the submissions switch. */
function TeamFields({ draft, setDraft, directory, withName }: { draft: Draft; setDraft: (d: Draft) => void; directory: Directory; withName: boolean }) {
  const id = useId();
  return (
    <>
      {withName && (
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} maxLength={200} placeholder="Sales_Client visits" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </div>
      )}
      <fieldset className="team-fieldset">
        <legend>Who sees it</legend>
        <label className="check">
          <input type="radio" name={`${id}-scope`} checked={draft.scopeKind === 'org'} onChange={() => setDraft({ ...draft, scopeKind: 'org' })} />
          The whole organisation
        </label>
        <label className="check">
          <input type="radio" name={`${id}-scope`} checked={draft.scopeKind === 'groups'} onChange={() => setDraft({ ...draft, scopeKind: 'groups' })} />
          Chosen departments
        </label>
        {draft.scopeKind === 'groups' && (
          <div className="team-choices" role="group" aria-label="Departments">
            {directory.groups.length === 0 && <p className="hint">No departments yet.</p>}
            {directory.groups.map((g) => (
              <label key={g.id} className="check">
                <input type="checkbox" checked={draft.groupIds.includes(g.id)} onChange={(e) => setDraft({ ...draft, groupIds: toggle(draft.groupIds, g.id, e.target.checked) })} />
                {g.name}
              </label>
            ))}
          </div>
        )}
        <div className="field field-inline">
          <label htmlFor={`${id}-level`}>They can</label>
          <select id={`${id}-level`} value={draft.level} onChange={(e) => setDraft({ ...draft, level: e.target.value as TeamScopeLevel })}>
            {TEAM_SCOPE_LEVELS.map((l) => (
              <option key={l} value={l}>
                {levelLabel(l)}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <fieldset className="team-fieldset">
        <legend>Maintainers (can edit)</legend>
        <div className="team-choices" role="group" aria-label="Maintainers">
          {directory.people.map((p) => (
            <label key={p.id} className="check">
              <input type="checkbox" checked={draft.maintainerIds.includes(p.id)} onChange={(e) => setDraft({ ...draft, maintainerIds: toggle(draft.maintainerIds, p.id, e.target.checked) })} />
              {`${p.name} (${p.email})`}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={draft.acceptsSubmissions} onChange={(e) => setDraft({ ...draft, acceptsSubmissions: e.target.checked })} />
        Accept submissions (people who cannot edit propose items; maintainers approve them)
      </label>
    </>
  );
}

/**
 * Team calendars: owned by the organisation, seen by everyone in scope without
 * an invitation. Changing the scope applies at once: people left out lose the
 * calendar on every device.
 */
export function TeamCalendarsSection({ admin, changed, version }: AdminSectionContext) {
  const id = useId();
  const client = new TeamClient(admin.relay);
  const [teams, setTeams] = useState<TeamCalendar[] | null>(null);
  const [directory, setDirectory] = useState<Directory | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [editing, setEditing] = useState<{ id: string; draft: Draft } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    const c = new TeamClient(admin.relay);
    Promise.all([c.list(), admin.relay.directory()]).then(
      ([list, dir]) => {
        if (!live) return;
        setTeams(list);
        setDirectory(dir);
      },
      (err: unknown) => live && setError(`Team calendars could not be loaded: ${problemsOf(err).join(' ')}`),
    );
    return () => {
      live = false;
    };
  }, [admin, version]);

  const scopeOf = (d: Draft) => (d.scopeKind === 'org' ? { kind: 'org' as const } : { kind: 'groups' as const, groupIds: d.groupIds });
  const run = async (fn: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      setStatus(await fn());
      setTeams(await client.list());
      changed();
    } catch (err) {
      setError(problemsOf(err).join(' '));
    } finally {
      setBusy(false);
    }
  };
  const create = () =>
    run(async () => {
      const t = await client.create({ name: draft.name, scope: scopeOf(draft), level: draft.level, maintainerIds: draft.maintainerIds, acceptsSubmissions: draft.acceptsSubmissions });
      setDraft(EMPTY);
      return `${t.name}${TEAM_SUFFIX} was created.`;
    });
  const save = (t: TeamCalendar, d: Draft) =>
    run(async () => {
      const before = draftOf(t);
      if (before.scopeKind !== d.scopeKind || before.level !== d.level || before.groupIds.join() !== d.groupIds.join()) await client.setScope(t.id, scopeOf(d), d.level);
      if ([...before.maintainerIds].sort().join() !== [...d.maintainerIds].sort().join()) await client.setMaintainers(t.id, d.maintainerIds);
      if (before.acceptsSubmissions !== d.acceptsSubmissions) await client.setAcceptsSubmissions(t.id, d.acceptsSubmissions);
      setEditing(null);
      return `${t.name}${TEAM_SUFFIX} was saved.`;
    });
  const groupName = (gid: string) => directory?.groups.find((g) => g.id === gid)?.name ?? 'a removed department';
  const scopeWords = (t: TeamCalendar) => (t.scope.kind === 'org' ? 'The whole organisation' : t.scope.groupIds.map(groupName).join(', '));
  const canCreate = draft.name.trim() !== '' && (draft.scopeKind === 'org' || draft.groupIds.length > 0);

  return (
    <section aria-labelledby={`${id}-title`} className="admin-section">
      <h3 id={`${id}-title`} className="sr-only">
        Team calendars
      </h3>
      <FormError message={error} />
      <p role="status" className="hint">
        {status}
      </p>
      {teams && teams.length === 0 && <p className="hint">No team calendars yet.</p>}
      {teams && teams.length > 0 && (
        <ul className="team-list" aria-label="Team calendars">
          {teams.map((t) => (
            <li key={t.id} className="team-list-item" aria-label={`${t.name}${TEAM_SUFFIX}`}>
              <div className="team-list-row">
                <div>
                  <strong>{`${t.name}${TEAM_SUFFIX}`}</strong>
                  <p className="hint">{`${scopeWords(t)} · ${levelLabel(t.level)} · maintainers: ${t.maintainers.map((m) => m.name).join(', ') || 'none'}${t.acceptsSubmissions ? ' · accepts submissions' : ''}`}</p>
                </div>
                <button type="button" className="btn btn-outline btn-small" onClick={() => setEditing(editing?.id === t.id ? null : { id: t.id, draft: draftOf(t) })}>
                  {editing?.id === t.id ? 'Cancel' : 'Edit'}
                  <span className="sr-only">{` ${t.name}`}</span>
                </button>
              </div>
              {editing?.id === t.id && directory && (
                <form
                  aria-label={`Edit ${t.name}`}
                  onSubmit={(e) => {
                    e.preventDefault();
                    void save(t, editing.draft);
                  }}
                >
                  <TeamFields draft={editing.draft} setDraft={(d) => setEditing({ id: t.id, draft: d })} directory={directory} withName={false} />
                  <div className="admin-form-actions">
                    <span className="spacer" />
                    <button type="submit" className="btn btn-primary" disabled={busy || (editing.draft.scopeKind === 'groups' && editing.draft.groupIds.length === 0)}>
                      Save
                    </button>
                  </div>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {directory && (
        <form
          className="team-create"
          aria-label="New team calendar"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <h4>New team calendar</h4>
          <TeamFields draft={draft} setDraft={setDraft} directory={directory} withName />
          <div className="admin-form-actions">
            <span className="spacer" />
            <button type="submit" className="btn btn-primary" disabled={busy || !canCreate}>
              Create team calendar
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
