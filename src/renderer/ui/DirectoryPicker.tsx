import { useId, useState, type KeyboardEvent } from 'react';
import type { Subject } from '../../shared/protocol/api';
import { Icon } from './Icon';

/** A person or a group as the picker lists it. */
export interface DirectoryEntry {
  subject: Subject;
  name: string;
  /** Email for a person, "Group · 4 people" for a group. */
  detail: string;
  /** Extra words after the detail, e.g. "Outside your organisation", "Can edit now". */
  note?: string;
}

interface DirectoryPickerProps {
  label: string;
  entries: DirectoryEntry[];
  query: string;
  onQuery: (query: string) => void;
  onPick: (entry: DirectoryEntry) => void;
  disabled?: boolean;
  autoFocus?: boolean;
}

const MAX_SHOWN = 50;

/** Entries whose name or email contains every word typed, people before groups, closest first. */
export function matchEntries(entries: DirectoryEntry[], query: string): DirectoryEntry[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const scored: { entry: DirectoryEntry; score: number }[] = [];
  for (const entry of entries) {
    const name = entry.name.toLowerCase();
    const detail = entry.detail.toLowerCase();
    if (!words.every((w) => name.includes(w) || detail.includes(w))) continue;
    const q = words.join(' ');
    const score = !q ? 0 : name === q || detail === q ? 0 : name.startsWith(q) || detail.startsWith(q) ? 1 : 2;
    scored.push({ entry, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.entry.subject.kind.localeCompare(b.entry.subject.kind) || a.entry.name.localeCompare(b.entry.name))
    .map((s) => s.entry);
}

/**
 * A search box over the directory (WAI-ARIA combobox with a listbox popup):
 * typing filters people by name or email and groups by name; arrow keys move
 * through the matches, Enter or a click picks one, Escape closes the list.
 */
export function DirectoryPicker({ label, entries, query, onQuery, onPick, disabled, autoFocus }: DirectoryPickerProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = matchEntries(entries, query).slice(0, MAX_SHOWN);
  const current = Math.min(active, matches.length - 1);
  const optionId = (i: number) => `${id}-opt-${i}`;

  const pick = (entry: DirectoryEntry) => {
    onPick(entry);
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(0);
        return;
      }
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive(matches.length === 0 ? 0 : (current + step + matches.length) % matches.length);
    } else if (e.key === 'Enter') {
      const entry = open ? matches[current] : undefined;
      if (entry) {
        // Enter picks; it does not send the form half-filled.
        e.preventDefault();
        pick(entry);
      }
    } else if (e.key === 'Escape' && open) {
      // Close the list, not the dialog around it.
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  };

  const expanded = open;
  return (
    <div className="field directory-picker">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-activedescendant={expanded && current >= 0 ? optionId(current) : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder="Search by name or email"
        data-autofocus={autoFocus ? true : undefined}
        disabled={disabled}
        value={query}
        onChange={(e) => {
          onQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onClick={() => setOpen(true)}
        onBlur={() => setOpen(false)}
      />
      <ul id={`${id}-list`} role="listbox" aria-label="Directory matches" className="directory-list" hidden={!expanded}>
        {expanded && matches.length === 0 && (
          <li className="directory-empty" role="presentation">
            No one in the directory matches “{query.trim()}”.
          </li>
        )}
        {expanded &&
          matches.map((entry, i) => (
            <li
              key={`${entry.subject.kind}:${entry.subject.id}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === current}
              className={`directory-option ${i === current ? 'active' : ''}`}
              // Keep focus in the input, so the blur does not close the list before the click lands.
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => pick(entry)}
            >
              <span className="directory-avatar" aria-hidden="true">
                <Icon name={entry.subject.kind === 'group' ? 'people' : 'person'} size={16} />
              </span>
              <span className="directory-text">
                <span className="directory-name">{entry.name}</span>
                <span className="directory-detail">
                  {entry.detail}
                  {entry.note && ` · ${entry.note}`}
                </span>
              </span>
            </li>
          ))}
      </ul>
    </div>
  );
}
