import { DateTime } from 'luxon';
import { useEffect, useId, useMemo, useState } from 'react';
import type { Directory, Me } from '../../shared/protocol/api';
import { findTimes, type SlotSuggestion } from '../../shared/schedule/findTimes';
import { workingWindows } from '../../shared/schedule/workingWindows';
import type { CalendarStore } from '../replica/CalendarStore';
import type { AttendeeRef, SchedulePerson } from '../schedule/SchedulePerson';
import { useSchedule } from '../schedule/useSchedule';
import type { SyncService } from '../sync/SyncService';
import { DirectoryPicker, matchEntries, type DirectoryEntry } from './DirectoryPicker';
import { Modal } from './Modal';
import { ModalHeader } from './ModalHeader';
import './findTime.css';

export interface FindTimeDialogProps {
  store: CalendarStore;
  sync: SyncService | null;
  /** The organiser; null when not signed in. */
  me: Me | null;
  /** Attendees from the editor (the organiser is added by the dialog); empty for a quick look from the toolbar. */
  attendees: readonly AttendeeRef[];
  /** Zone the suggestions and the grid are shown in: the organiser's display zone. */
  organizerZone: string;
  durationMinutes?: number;
  /** First day searched, 'YYYY-MM-DD' in the organiser's zone; today when omitted. */
  fromDate?: string;
  /** The event being edited, so its own time does not count as busy. */
  uid?: string | null;
  /** Given by the editor: "Use this time" fills its start and end, then the dialog closes. */
  onPick?: (startMs: number, endMs: number) => void;
  onClose: () => void;
}

const DURATIONS = [15, 30, 45, 60, 90, 120, 180];
const SHOWN = 12;

/**
 * Find a time: suggestions inside every required attendee's working hours in
 * their own zone, best first, and a grid of everyone's busy times for the
 * chosen day in the organiser's zone with each person's local time. Computed
 * on the device from replicas, so it works offline on what was last synced.
 */
export function FindTimeDialog({ store, sync, me, attendees: initial, organizerZone, durationMinutes = 30, fromDate, uid, onPick, onClose }: FindTimeDialogProps) {
  const id = useId();
  // Read once: suggestions start no earlier than when the dialog opened.
  const [openedAt] = useState(() => Date.now());
  const today = DateTime.fromMillis(openedAt, { zone: organizerZone }).toISODate()!;
  const [attendees, setAttendees] = useState<AttendeeRef[]>(() => [...initial]);
  const [duration, setDuration] = useState(durationMinutes);
  const [from, setFrom] = useState(fromDate ?? today);
  const [to, setTo] = useState(() => DateTime.fromISO(fromDate ?? today).plus({ days: 6 }).toISODate()!);
  const [selected, setSelected] = useState<number | null>(null);
  const [directory, setDirectory] = useState<Directory | null>(null);
  const [query, setQuery] = useState('');

  useEffect(() => {
    let live = true;
    sync?.directory().then(
      (d) => live && setDirectory(d),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [sync]);

  const fromMs = DateTime.fromISO(from, { zone: organizerZone }).startOf('day').toMillis();
  const toMs = DateTime.fromISO(to, { zone: organizerZone }).startOf('day').plus({ days: 1 }).toMillis();
  const rangeOk = Number.isFinite(fromMs) && Number.isFinite(toMs) && toMs > fromMs && toMs - fromMs <= 62 * 86_400_000;
  const schedule = useSchedule(rangeOk ? { store, sync, me, attendees, fromMs, toMs, excludeUid: uid ?? null } : null);

  const slots = useMemo<SlotSuggestion[]>(() => {
    if (!schedule || !rangeOk) return [];
    return findTimes({
      attendees: schedule.people.map((p) => ({ id: p.key, required: p.required, zone: p.zone, workingHours: p.workingHours, busy: p.busy })),
      durationMinutes: duration,
      from: Math.max(fromMs, openedAt),
      to: toMs,
      stepMinutes: duration >= 30 ? 30 : 15,
      organizerZone,
      limit: SHOWN,
    });
  }, [schedule, rangeOk, duration, fromMs, toMs, organizerZone, openedAt]);

  const chosen = slots.find((s) => s.startMs === selected) ?? null;
  const gridDay = DateTime.fromMillis(chosen?.startMs ?? slots[0]?.startMs ?? fromMs, { zone: organizerZone }).startOf('day');
  const shownKeys = new Set(attendees.map((a) => a.email.toLowerCase()));
  const entries: DirectoryEntry[] = (directory?.people ?? [])
    .filter((p) => p.id !== me?.id && !shownKeys.has(p.email.toLowerCase()))
    .map((p) => ({ subject: { kind: 'user', id: p.id }, name: p.name, detail: p.email, note: p.zone ? p.zone : undefined }));
  const nameOf = (key: string) => schedule?.people.find((p) => p.key === key)?.name ?? key;
  const optionalCount = attendees.filter((a) => !a.required).length;

  return (
    <Modal label="Find a time" onClose={onClose} className="find-time-dialog">
      <ModalHeader title="Find a time" onClose={onClose} />
      <div className="modal-body find-time-body">
        <section aria-label="Attendees" className="find-time-people">
          <ul className="find-time-attendees">
            {attendees.map((a) => (
              <li key={a.email}>
                <span className="find-time-name">{a.name || a.email}</span>
                <label className="find-time-optional">
                  <input
                    type="checkbox"
                    checked={!a.required}
                    onChange={(e) => setAttendees((list) => list.map((x) => (x.email === a.email ? { ...x, required: !e.target.checked } : x)))}
                  />
                  Optional
                </label>
                <button type="button" className="btn btn-text btn-small" aria-label={`Remove ${a.name || a.email}`} onClick={() => setAttendees((list) => list.filter((x) => x.email !== a.email))}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
          {directory && (
            <DirectoryPicker
              label="Add attendee"
              entries={matchEntries(entries, query)}
              query={query}
              onQuery={setQuery}
              onPick={(e) => {
                setAttendees((list) => [...list, { email: e.detail, name: e.name, required: true }]);
                setQuery('');
              }}
            />
          )}
        </section>
        <div className="find-time-controls">
          <div className="field">
            <label htmlFor={`${id}-duration`}>Duration</label>
            <select id={`${id}-duration`} value={duration} onChange={(e) => setDuration(Number(e.target.value))}>
              {DURATIONS.map((d) => (
                <option key={d} value={d}>
                  {d < 60 ? `${d} minutes` : d % 60 === 0 ? `${d / 60} hour${d === 60 ? '' : 's'}` : `${Math.floor(d / 60)} h ${d % 60} min`}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-from`}>From</label>
            <input id={`${id}-from`} type="date" value={from} onChange={(e) => {
                const next = e.target.value;
                setFrom(next);
                // Keep the range's length when its start moves past its end.
                if (next && next > to) setTo(DateTime.fromISO(next).plus({ days: 6 }).toISODate() ?? next);
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>To</label>
            <input id={`${id}-to`} type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
          </div>
        </div>
        {!rangeOk && (
          <p className="form-error" role="alert">
            Choose a range of at most two months that ends after it starts.
          </p>
        )}
        <section aria-label="Suggested times">
          <h3>Suggested times</h3>
          {schedule === null ? (
            <p className="hint">Reading calendars…</p>
          ) : slots.length === 0 ? (
            <p className="hint" role="status">
              No time in this range suits every required attendee.
            </p>
          ) : (
            <ul className="find-time-slots" role="listbox" aria-label="Suggestions">
              {slots.map((s) => {
                const label = describeSlot(s, organizerZone, optionalCount, nameOf);
                return (
                  <li key={s.startMs} role="option" aria-selected={s.startMs === chosen?.startMs} aria-label={label} className={s.startMs === chosen?.startMs ? 'selected' : ''} onClick={() => setSelected(s.startMs)}>
                    {label}
                  </li>
                );
              })}
            </ul>
          )}
          {schedule && schedule.syncing.length > 0 && <p className="hint">Some calendars are syncing for the first time; their owners show as unknown until then.</p>}
        </section>
        {schedule && <ScheduleGrid people={schedule.people} day={gridDay} zone={organizerZone} slot={chosen ?? slots[0] ?? null} />}
      </div>
      <footer className="modal-actions">
        <span className="spacer" />
        <button type="button" className="btn btn-text" onClick={onClose}>
          {onPick ? 'Cancel' : 'Close'}
        </button>
        {onPick && (
          <button
            type="button"
            className="btn btn-primary"
            disabled={!chosen}
            onClick={() => {
              if (!chosen) return;
              onPick(chosen.startMs, chosen.endMs);
              onClose();
            }}
          >
            Use this time
          </button>
        )}
      </footer>
    </Modal>
  );
}

/** "Tue 24 Nov 10:00-10:30, all required free, 2 of 3 optional free". */
export function describeSlot(s: SlotSuggestion, zone: string, optionalCount: number, nameOf: (key: string) => string): string {
  const a = DateTime.fromMillis(s.startMs, { zone });
  const b = DateTime.fromMillis(s.endMs, { zone });
  const when = `${a.toFormat('ccc d LLL HH:mm')}-${b.toFormat(a.hasSame(b, 'day') ? 'HH:mm' : 'ccc d LLL HH:mm')}`;
  const required = s.requiredTentative.length === 0 ? 'all required free' : `${s.requiredTentative.map(nameOf).join(', ')} tentative`;
  const optional = optionalCount === 0 ? '' : `, ${s.optionalFree.length} of ${s.optionalTotal} optional free`;
  return `${when}, ${required}${optional}`;
}

interface ScheduleGridProps {
  people: SchedulePerson[];
  day: DateTime;
  zone: string;
  slot: SlotSuggestion | null;
}

/** One row per person over the day in the organiser's zone: working hours shaded, busy and tentative blocks, their local time. */
function ScheduleGrid({ people, day, zone, slot }: ScheduleGridProps) {
  const start = day.toMillis();
  const end = day.plus({ days: 1 }).toMillis();
  const span = end - start;
  const pct = (ms: number) => `${(((Math.min(Math.max(ms, start), end) - start) / span) * 100).toFixed(3)}%`;
  const width = (a: number, b: number) => `${(((Math.min(b, end) - Math.max(a, start)) / span) * 100).toFixed(3)}%`;
  const at = slot?.startMs ?? start + 12 * 3_600_000;
  return (
    <section aria-label="Schedules" className="find-time-grid">
      <h3>
        {day.toFormat('cccc d LLLL')} <span className="hint">({zone})</span>
      </h3>
      <div className="ftg-row ftg-axis" aria-hidden="true">
        <span className="ftg-who" />
        <span className="ftg-track">
          {[0, 3, 6, 9, 12, 15, 18, 21].map((h) => (
            <span key={h} className="ftg-tick" style={{ left: `${(h / 24) * 100}%` }}>
              {String(h).padStart(2, '0')}
            </span>
          ))}
        </span>
      </div>
      {people.map((p) => {
        const local = p.zone ? DateTime.fromMillis(at, { zone: p.zone }) : null;
        const windows = p.workingHours && p.zone ? workingWindows(p.workingHours, p.zone, start, end) : [];
        return (
          <div className="ftg-row" key={p.key} role="group" aria-label={`${p.isOrganizer ? 'You' : p.name || p.email}${p.required ? '' : ' (optional)'}`}>
            <span className="ftg-who">
              <span className="ftg-name">
                {p.isOrganizer ? `${p.name} (you)` : p.name || p.email}
                {!p.required && <span className="hint"> · optional</span>}
              </span>
              <span className="ftg-local hint" aria-label="Local time">
                {local ? `${local.toFormat('HH:mm')} ${local.offsetNameShort ?? p.zone}` : 'zone unknown'}
              </span>
            </span>
            <span className={`ftg-track ${p.busy === null ? 'ftg-unknown' : ''}`} title={p.unknownReason ?? undefined}>
              {windows.map(([a, b]) => (
                <span key={`w${a}`} className="ftg-work" style={{ left: pct(a), width: width(a, b) }} />
              ))}
              {(p.busy ?? [])
                .filter((b) => b.endMs > start && b.startMs < end)
                .map((b, i) => (
                  <span key={`b${i}`} className={`ftg-busy ftg-${b.kind}`} style={{ left: pct(b.startMs), width: width(b.startMs, b.endMs) }} />
                ))}
              {slot && slot.endMs > start && slot.startMs < end && <span className="ftg-slot" style={{ left: pct(slot.startMs), width: width(slot.startMs, slot.endMs) }} />}
              {p.busy === null && <span className="ftg-unknown-text">{p.unknownReason}</span>}
            </span>
          </div>
        );
      })}
      <p className="hint ftg-legend">
        <span className="ftg-key ftg-work" /> working hours <span className="ftg-key ftg-busy ftg-busy" /> busy <span className="ftg-key ftg-busy ftg-tentative" /> tentative{' '}
        <span className="ftg-key ftg-slot" /> suggestion
      </p>
    </section>
  );
}
