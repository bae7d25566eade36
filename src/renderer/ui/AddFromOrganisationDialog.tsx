import { useId, useState } from 'react';
import type { AccessVia, CalendarAccess } from '../../shared/protocol/api';
import type { SyncService } from '../sync/SyncService';
import { accessLabel } from './calendarLabel';
import { levelLabel } from './levelWords';
import { Modal } from './Modal';
import { problemsOf } from './problemsOf';
import { DoneFooter } from './DoneFooter';
import { ModalHeader } from './ModalHeader';
import { FormError } from './FormError';

interface AddFromOrganisationDialogProps {
  sync: SyncService;
  /** `sync.availableCalendars()`, read on every render of the app. */
  available: CalendarAccess[];
  onDone: (message: string) => void;
  onClose: () => void;
}

const VIA: Record<AccessVia, string> = {
  owner: '',
  direct: 'Shared with you',
  group: 'Shared with a group you’re in',
  default: 'Everyone in your organisation',
  external: 'Shared with you',
};

/**
 * "Add calendar › From your organisation" (Outlook's "From directory", Google's
 * "Browse calendars"): every calendar of someone else the person may see but
 * has not in their list, whether through a share to them, a group or the
 * organisation's default, with the level they would get. Add puts it in the
 * list on all their devices.
 */
export function AddFromOrganisationDialog({ sync, available, onDone, onClose }: AddFromOrganisationDialogProps) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const q = query.trim().toLowerCase();
  const shown = q ? available.filter((a) => a.ownerName.toLowerCase().includes(q) || a.name.toLowerCase().includes(q)) : available;

  const add = async (a: CalendarAccess) => {
    setBusy(a.id);
    setError(null);
    try {
      await sync.addAvailableCalendar(a.id);
      onDone(`${accessLabel(a)} was added to your calendars.`);
    } catch (err) {
      setError(problemsOf(err).join(' '));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Modal label="Add calendar from your organisation" onClose={onClose} className="org-calendars-dialog">
      <ModalHeader title="Add calendar from your organisation" onClose={onClose} />
      <div className="modal-body">
        {available.length === 0 ? (
          <p className="hint org-empty">There are no other calendars for you to add. When someone shares a calendar with you, a group you’re in or your whole organisation, it appears here.</p>
        ) : (
          <>
            <div className="field">
              <label htmlFor={`${id}-q`}>Search by person or calendar</label>
              <input id={`${id}-q`} type="search" data-autofocus value={query} autoComplete="off" onChange={(e) => setQuery(e.target.value)} />
            </div>
            <FormError message={error} />
            <ul className="org-list" aria-label="Calendars you can add">
              {shown.map((a) => (
                <li key={a.id} className="org-item">
                  <div className="org-text">
                    <span className="org-owner">{a.ownerName}</span>
                    <span className="org-name">{a.name}</span>
                    <span className="org-level">
                      {levelLabel(a.level)}
                      {VIA[a.via] && ` · ${VIA[a.via]}`}
                    </span>
                  </div>
                  <button type="button" className="btn btn-outline btn-small" disabled={busy !== null} onClick={() => void add(a)}>
                    Add
                    <span className="sr-only">{` ${accessLabel(a)}`}</span>
                  </button>
                </li>
              ))}
            </ul>
            {shown.length === 0 && <p className="hint">No calendar matches “{query.trim()}”.</p>}
          </>
        )}
      </div>
      <DoneFooter onDone={onClose} />
    </Modal>
  );
}
