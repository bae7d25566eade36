import { useEffect, useId, useState } from 'react';
import { EXTERNAL_SHARING_CAPS, ICS_LINK_CAPS, NEW_CALENDAR_LEVELS, POLICY_TITLE, type OrgPolicy, type PolicyCutBack } from '../../../shared/protocol/policies';
import { levelLabel } from '../levelWords';
import { problemsOf } from '../problemsOf';
import type { AdminSectionContext } from './AdminSection';
import { FormError } from '../FormError';

function cutBackWords(c: PolicyCutBack): string {
  const parts = [
    c.grantsDowngraded > 0 ? `${c.grantsDowngraded} external ${c.grantsDowngraded === 1 ? 'share' : 'shares'} lowered` : null,
    c.grantsRemoved > 0 ? `${c.grantsRemoved} external ${c.grantsRemoved === 1 ? 'share' : 'shares'} removed` : null,
    c.linksRevoked > 0 ? `${c.linksRevoked} published ${c.linksRevoked === 1 ? 'link' : 'links'} revoked` : null,
  ].filter(Boolean);
  return parts.length > 0 ? `Policies saved: ${parts.join(', ')}.` : 'Policies saved.';
}

/**
 * The organisation's policies. Tightening one cuts back what already exists
 * (docs/relay.md): the page says so before saving, and what was cut after.
 */
export function PoliciesSection({ admin, changed, version }: AdminSectionContext) {
  const id = useId();
  const [saved, setSaved] = useState<OrgPolicy | null>(null);
  const [draft, setDraft] = useState<OrgPolicy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    admin.policies().then(
      (p) => {
        if (!live) return;
        setSaved(p);
        setDraft(p);
      },
      (err: unknown) => live && setError(`The policies could not be loaded: ${problemsOf(err).join(' ')}`),
    );
    return () => {
      live = false;
    };
  }, [admin, version]);

  const save = async () => {
    if (!draft) return;
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const answer = await admin.setPolicies(draft);
      setSaved(answer.policy);
      setDraft(answer.policy);
      setStatus(cutBackWords(answer.cutBack));
      changed();
    } catch (err) {
      setError(problemsOf(err).join(' '));
    } finally {
      setBusy(false);
    }
  };

  const dirty = saved && draft && (saved.newCalendarLevel !== draft.newCalendarLevel || saved.externalSharingMax !== draft.externalSharingMax || saved.icsLinksMax !== draft.icsLinksMax);

  return (
    <section aria-labelledby={`${id}-title`} className="admin-section">
      <h3 id={`${id}-title`} className="sr-only">
        Policies
      </h3>
      <FormError message={error} />
      {draft && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div className="field field-inline">
            <label htmlFor={`${id}-new`}>{POLICY_TITLE.newCalendarLevel}</label>
            <select id={`${id}-new`} value={draft.newCalendarLevel ?? ''} onChange={(e) => setDraft({ ...draft, newCalendarLevel: (e.target.value || null) as OrgPolicy['newCalendarLevel'] })}>
              <option value="">Follow the organisation default</option>
              {NEW_CALENDAR_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {levelLabel(l)}
                </option>
              ))}
            </select>
          </div>
          <p className="hint admin-hint">What people in the organisation see of a calendar created from now on. Existing calendars keep their setting.</p>
          <div className="field field-inline">
            <label htmlFor={`${id}-ext`}>{POLICY_TITLE.externalSharing}</label>
            <select id={`${id}-ext`} value={draft.externalSharingMax} onChange={(e) => setDraft({ ...draft, externalSharingMax: e.target.value as OrgPolicy['externalSharingMax'] })}>
              {EXTERNAL_SHARING_CAPS.map((l) => (
                <option key={l} value={l}>
                  {l === 'none' ? 'Not allowed' : `At most: ${levelLabel(l)}`}
                </option>
              ))}
            </select>
          </div>
          <p className="hint admin-hint">Shares with people of other organisations above this are lowered to it when you save; “Not allowed” removes them (they keep a copy that no longer syncs).</p>
          <div className="field field-inline">
            <label htmlFor={`${id}-ics`}>{POLICY_TITLE.icsLinks}</label>
            <select id={`${id}-ics`} value={draft.icsLinksMax} onChange={(e) => setDraft({ ...draft, icsLinksMax: e.target.value as OrgPolicy['icsLinksMax'] })}>
              {ICS_LINK_CAPS.map((l) => (
                <option key={l} value={l}>
                  {l === 'none' ? 'Not allowed' : `At most: ${levelLabel(l)}`}
                </option>
              ))}
            </select>
          </div>
          <p className="hint admin-hint">Published links above this are revoked when you save; their feeds stop at once.</p>
          <div className="admin-form-actions">
            <span role="status" className="hint">
              {status}
            </span>
            <span className="spacer" />
            <button type="button" className="btn btn-text" disabled={!dirty || busy} onClick={() => setDraft(saved)}>
              Reset
            </button>
            <button type="submit" className="btn btn-primary" disabled={!dirty || busy}>
              Save policies
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
