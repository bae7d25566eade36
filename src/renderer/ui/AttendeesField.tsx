import { useId, useState } from 'react';
import type { Attendee, EventWho } from '../../shared/model/CalendarEvent';
import type { Directory } from '../../shared/protocol/api';
import { DirectoryPicker, matchEntries, type DirectoryEntry } from './DirectoryPicker';
import { Icon } from './Icon';
import './meetings.css';

const RESPONSE_LABEL: Record<Attendee['response'], string> = {
  accepted: 'Accepted',
  tentative: 'Tentative',
  declined: 'Declined',
  'needs-action': 'No answer',
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const lower = (s: string) => s.trim().toLowerCase();

/** "Accepted 2, Tentative 1, Declined 0, No answer 1". */
export function describeResponses(attendees: readonly Attendee[]): string {
  const count = (r: Attendee['response']) => attendees.filter((a) => a.response === r).length;
  return `Accepted ${count('accepted')}, Tentative ${count('tentative')}, Declined ${count('declined')}, No answer ${count('needs-action')}`;
}

interface AttendeesFieldProps {
  who: EventWho;
  onChange: (who: EventWho) => void;
  /** Who sends the meeting: the calendar's owner. Null when unknown (not signed in): people cannot be invited then. */
  organizer: { email: string; name: string } | null;
  /** The organisation's people, for picking and for telling outside addresses apart; null while loading or offline with none kept. */
  directory: Directory | null;
  disabled: boolean;
}

/**
 * The editor's meeting part: people from the directory or any e-mail address,
 * required or optional, each with their answer and comment, and the count of
 * answers. Adding the first attendee makes the calendar's owner the organiser;
 * removing the last makes it a plain event again. Outside addresses are kept on
 * the meeting but nobody delivers to them (the relay has no mail server).
 */
export function AttendeesField({ who, onChange, organizer, directory, disabled }: AttendeesFieldProps) {
  const id = useId();
  const [query, setQuery] = useState('');
  const attendees = who.attendees;
  const known = new Set(attendees.map((a) => lower(a.email)));
  const people = directory?.people ?? [];
  const internal = new Set(people.map((p) => lower(p.email)));
  const canInvite = organizer !== null && !disabled;

  const entries: DirectoryEntry[] = people
    .filter((p) => !known.has(lower(p.email)) && (!organizer || lower(p.email) !== lower(organizer.email)))
    .map((p) => ({ subject: { kind: 'user', id: p.id }, name: p.name, detail: p.email, note: p.kind === 'shared address' ? 'Shared address' : undefined }));

  const add = (email: string, name: string) => {
    if (!organizer || known.has(lower(email)) || lower(email) === lower(organizer.email)) return;
    const next: Attendee = { email: email.trim(), name: name.trim(), role: 'required', response: 'needs-action' };
    onChange({ organizer: who.organizer ?? { email: organizer.email, name: organizer.name, role: 'chair', response: 'accepted' }, attendees: [...attendees, next] });
    setQuery('');
  };
  const update = (email: string, patch: Partial<Attendee>) => onChange({ ...who, attendees: attendees.map((a) => (a.email === email ? { ...a, ...patch } : a)) });
  const remove = (email: string) => {
    const rest = attendees.filter((a) => a.email !== email);
    onChange(rest.length === 0 ? { organizer: null, attendees: [] } : { ...who, attendees: rest });
  };

  const typed = query.trim();
  const typedIsAddress = EMAIL.test(typed) && !known.has(lower(typed));

  return (
    <fieldset className="attendees-field" aria-labelledby={`${id}-legend`}>
      <legend id={`${id}-legend`}>Attendees</legend>
      {attendees.length > 0 && (
        <>
          {who.organizer && (
            <p className="attendees-organizer">
              Organiser: <strong>{who.organizer.name || who.organizer.email}</strong>
            </p>
          )}
          <p className="attendees-summary" aria-label="Responses">
            {describeResponses(attendees)}
          </p>
          <ul className="attendees-list" aria-label="Attendees">
            {attendees.map((a) => {
              const outside = directory !== null && !internal.has(lower(a.email));
              const label = a.name || a.email;
              return (
                <li key={a.email} className="attendee" aria-label={label}>
                  <span className="directory-avatar" aria-hidden="true">
                    <Icon name="person" size={16} />
                  </span>
                  <span className="attendee-text">
                    <span className="attendee-name">{label}</span>
                    <span className="attendee-detail">
                      {a.name ? a.email : ''}
                      {outside && <span className="attendee-outside">{a.name ? ' · ' : ''}Outside address: will not be notified</span>}
                    </span>
                    {a.comment && <span className="attendee-comment">“{a.comment}”</span>}
                  </span>
                  <span className={`attendee-response response-${a.response}`}>{RESPONSE_LABEL[a.response]}</span>
                  <select aria-label={`Role of ${label}`} value={a.role === 'optional' ? 'optional' : 'required'} disabled={!canInvite} onChange={(e) => update(a.email, { role: e.target.value === 'optional' ? 'optional' : 'required' })}>
                    <option value="required">Required</option>
                    <option value="optional">Optional</option>
                  </select>
                  <button type="button" className="icon-btn" aria-label={`Remove ${label}`} disabled={!canInvite} onClick={() => remove(a.email)}>
                    <Icon name="close" size={16} />
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {organizer === null ? (
        !disabled && <p className="hint">Sign in to a relay account (Settings) to invite people.</p>
      ) : (
        !disabled && (
          <div
            className="attendees-add"
            onKeyDownCapture={(e) => {
              // Enter in the search box must never send the meeting half-written: it adds a typed
              // address, and otherwise does nothing when the directory has no match.
              if (e.key !== 'Enter' || (e.target as HTMLElement).getAttribute('role') !== 'combobox') return;
              e.preventDefault();
              // The picker still sees the key and picks a highlighted match.
              if (typedIsAddress && matchEntries(entries, typed).length === 0) {
                e.stopPropagation();
                add(typed, '');
              }
            }}
          >
            <DirectoryPicker
              label="Invite people"
              entries={entries}
              query={query}
              onQuery={setQuery}
              onPick={(e) => {
                const p = people.find((x) => x.id === e.subject.id);
                if (p) add(p.email, p.name);
              }}
            />
            {typedIsAddress && (
              <button type="button" className="btn btn-outline btn-small attendees-add-address" onClick={() => add(typed, '')}>
                Add {typed}
                {!internal.has(lower(typed)) && ' (will not be notified)'}
              </button>
            )}
          </div>
        )
      )}
    </fieldset>
  );
}
