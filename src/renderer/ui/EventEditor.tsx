import { useEffect, useId, useRef, useState } from 'react';
import { SHOW_AS, SHOW_AS_LABEL, type ShowAs } from '../../shared/model/CalendarEvent';
import { validateEvent } from '../../shared/model/validateEvent';
import type { PermissionLevel } from '../../shared/permissions/PermissionLevel';
import type { CalendarInfo, CalendarStore, EditScope, EventInput } from '../replica/CalendarStore';
import { CategoryPicker } from './CategoryPicker';
import { describeRecurrence } from './describeRecurrence';
import { anchorToOccurrence, draftToInput, type EditTarget, type EventDraft } from './eventDraft';
import { Icon } from './Icon';
import { levelLabel } from './levelWords';
import { Modal } from './Modal';
import { problemsOf } from './problemsOf';
import { RecurrenceEditor } from './RecurrenceEditor';
import { RemindersEditor } from './RemindersEditor';
import { ReminderField } from './ReminderField';
import { usePersonalReminder } from './usePersonalReminder';
import { ScopeDialog } from './ScopeDialog';
import { displayTitle } from './toEventInput';
import { addDays, addWallMinutes, daysBetween, wallMinutesBetween } from './wallTime';
import { ZoneSelect } from './ZoneSelect';
import { ModalHeader } from './ModalHeader';
import { AttendeesField } from './AttendeesField';
import { CancelMeetingDialog } from './CancelMeetingDialog';
import { MeetingTools } from './MeetingTools';
import { useMeetingEditor, type EditorMeetingContext } from './useMeetingEditor';

interface EventEditorProps {
  store: CalendarStore;
  calendars: CalendarInfo[];
  categories: Record<string, string>;
  initial: EventDraft;
  /** The stored event being edited; null for a new one. */
  target: EditTarget | null;
  firstDay: number;
  locale: string;
  /**
   * Set when the person may only view the event's calendar (below 'editor'):
   * every field is shown disabled, and there is no Save or Delete.
   */
  readOnlyLevel?: PermissionLevel | null;
  onClose: () => void;
  /** Meetings (attendees, sending, cancelling); absent without a relay. */
  meeting?: EditorMeetingContext;
}

/**
 * The event dialog: every field of an event, the repeat rule and the owner's
 * reminders. Problems the store reports are listed in the dialog and nothing
 * closes until a write succeeds, so no typing is ever lost to a failed save.
 */
export function EventEditor({ store, calendars, categories, initial, target, firstDay, locale, readOnlyLevel = null, onClose, meeting }: EventEditorProps) {
  const readOnly = readOnlyLevel !== null;
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [scopePrompt, setScopePrompt] = useState<{ action: 'edit' | 'delete'; input: EventInput | null; allowThis: boolean; allowFollowing: boolean } | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  // The form scrolls; bring the problems into view when a save is refused.
  useEffect(() => {
    if (problems.length > 0) errorRef.current?.scrollIntoView({ block: 'nearest' });
  }, [problems]);
  const isOccurrence = target !== null && target.master !== null && target.recurrenceId !== null;
  // Someone else's item: "Reminder" is the person's own (overlay), the event's stay the owner's.
  const personal = usePersonalReminder(target);

  const set = (patch: Partial<EventDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const m = useMeetingEditor(meeting, draft.calendarId, target?.event.who);
  const [cancelPrompt, setCancelPrompt] = useState(false);

  /** Moving the start keeps the duration, as every calendar app does. */
  const setStart = (date: string, time: string) => {
    setDraft((d) => {
      if (!date) return { ...d, startDate: date, startTime: time };
      if (d.allDay || !time || !d.startTime || !d.endDate || !d.endTime) {
        const span = d.startDate && d.endDate ? daysBetween(d.startDate, d.endDate) : 0;
        return { ...d, startDate: date, startTime: time, endDate: d.startDate && d.endDate ? addDays(date, Math.max(0, span)) : d.endDate };
      }
      const duration = wallMinutesBetween(`${d.startDate}T${d.startTime}:00`, `${d.endDate}T${d.endTime}:00`);
      const end = addWallMinutes(`${date}T${time}:00`, Math.max(0, duration));
      return { ...d, startDate: date, startTime: time, endDate: end.slice(0, 10), endTime: end.slice(11, 16) };
    });
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblems([]);
    try {
      await work();
      await personal.commit();
      onClose();
    } catch (err) {
      setProblems(problemsOf(err));
    } finally {
      setBusy(false);
      setScopePrompt(null);
    }
  };

  const moveIfNeeded = async () => {
    if (target && draft.calendarId !== target.calendarId) await store.moveToCalendar(target.calendarId, target.uid, draft.calendarId);
  };

  const save = () => {
    if (readOnly) return;
    const drafted = draftToInput(draft, target);
    const early = drafted.problems;
    const input = drafted.input && meeting ? { ...drafted.input, who: m.whoToSave() } : drafted.input;
    if (!input) {
      setProblems(early);
      return;
    }
    // Check before asking about the series, so a mistake is shown before any question.
    const invalid = validateEvent(input);
    if (invalid.length > 0) {
      setProblems(invalid);
      return;
    }
    if (!target) {
      void run(async () => {
        await store.createEvent(draft.calendarId, input);
      });
      return;
    }
    if (isOccurrence) {
      // A new rule, or a move to another calendar, only means something for the
      // series (an occurrence cannot live apart from it), so "this occurrence" is not offered then.
      const ruleChanged = input.when.rrule !== target.master!.when.rrule;
      const calendarChanged = draft.calendarId !== target.calendarId;
      setScopePrompt({ action: 'edit', input, allowThis: !ruleChanged && !calendarChanged, allowFollowing: !calendarChanged });
      return;
    }
    void run(async () => {
      await store.updateEvent(target.calendarId, target.uid, null, input, 'series');
      await moveIfNeeded();
    });
  };

  const applyScope = (scope: EditScope) => {
    if (!target || !scopePrompt) return;
    const { action, input } = scopePrompt;
    if (action === 'delete') {
      void run(() => store.deleteEvent(target.calendarId, target.uid, target.recurrenceId, scope));
      return;
    }
    if (!input) return;
    void run(async () => {
      await store.updateEvent(target.calendarId, target.uid, target.recurrenceId, scope === 'this' ? input : anchorToOccurrence(input, target), scope);
      // Moving to another calendar takes the whole series along (only offered with scope 'series').
      if (scope === 'series') await moveIfNeeded();
    });
  };

  const remove = () => {
    if (!target) return;
    if (isOccurrence) {
      setScopePrompt({ action: 'delete', input: null, allowThis: true, allowFollowing: true });
      return;
    }
    if (m.organisedHere && meeting) {
      setCancelPrompt(true);
      return;
    }
    void run(() => store.deleteEvent(target.calendarId, target.uid, null, 'series'));
  };

  const summary = describeRecurrence(draft.recurrence, target?.master?.when.start.slice(0, 10) ?? draft.startDate, draft.allDay, draft.allDay ? null : draft.tzid, locale);
  const label = target ? 'Edit event' : 'New event';
  const calendarName = calendars.find((c) => c.id === draft.calendarId)?.name;

  return (
    <Modal label={label} onClose={onClose} className="event-editor">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <ModalHeader title={label} onClose={onClose} />

        <div className="modal-body">
          {problems.length > 0 && (
            <div className="form-error" role="alert" ref={errorRef}>
              <ul>
                {problems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            </div>
          )}

          {readOnlyLevel !== null && (
            <p className="readonly-note" id={`${id}-ro`}>
              <Icon name="lock" size={16} />
              <span>
                You can view this calendar ({levelLabel(readOnlyLevel)})
                {calendarName && <span className="readonly-calendar"> · {calendarName}</span>}
              </span>
            </p>
          )}

          {/* A disabled fieldset disables every control inside, the repeat and reminder editors included. */}
          {m.attendeeCopy && (
            <p className="readonly-note" id={`${id}-copy`}>
              <Icon name="people" size={16} />
              <span>Meeting organised by {m.who.organizer?.name || m.who.organizer?.email}: its details come from the organiser. Answer it in Invitations.</span>
            </p>
          )}
          <fieldset className="editor-fields" disabled={readOnly || m.attendeeCopy} aria-describedby={readOnly ? `${id}-ro` : m.attendeeCopy ? `${id}-copy` : undefined}>
            <div className="field">
              <label htmlFor={`${id}-title`}>Title</label>
              <input
                id={`${id}-title`}
                data-autofocus
                className="input-title"
                placeholder={readOnly ? '' : 'Add a title'}
                value={readOnlyLevel !== null ? displayTitle(draft.title, draft.showAs, readOnlyLevel) : draft.title}
                onChange={(e) => set({ title: e.target.value })}
              />
            </div>

            <div className="when-grid">
              <div className="field">
                <label htmlFor={`${id}-sd`}>Start date</label>
                <input id={`${id}-sd`} type="date" value={draft.startDate} onChange={(e) => setStart(e.target.value, draft.startTime)} />
              </div>
              {!draft.allDay && (
                <div className="field">
                  <label htmlFor={`${id}-st`}>Start time</label>
                  <input id={`${id}-st`} type="time" value={draft.startTime} onChange={(e) => setStart(draft.startDate, e.target.value)} />
                </div>
              )}
              <span className="when-sep" aria-hidden="true">
                –
              </span>
              <div className="field">
                <label htmlFor={`${id}-ed`}>End date</label>
                <input id={`${id}-ed`} type="date" value={draft.endDate} min={draft.startDate} onChange={(e) => set({ endDate: e.target.value })} />
              </div>
              {!draft.allDay && (
                <div className="field">
                  <label htmlFor={`${id}-et`}>End time</label>
                  <input id={`${id}-et`} type="time" value={draft.endTime} onChange={(e) => set({ endTime: e.target.value })} />
                </div>
              )}
            </div>

            <div className="field-row">
              <label className="checkbox">
                <input type="checkbox" checked={draft.allDay} onChange={(e) => set({ allDay: e.target.checked })} />
                All day
              </label>
              {!draft.allDay && (
                <div className="field field-grow">
                  <label htmlFor={`${id}-tz`}>Time zone</label>
                  <ZoneSelect id={`${id}-tz`} value={draft.tzid} onChange={(tzid) => set({ tzid })} nullLabel={draft.tzid === null ? 'Floating (same clock time in every zone)' : undefined} />
                </div>
              )}
            </div>

            <RecurrenceEditor
              value={draft.recurrence}
              onChange={(recurrence) => set({ recurrence })}
              startDate={target?.master?.when.start.slice(0, 10) ?? draft.startDate}
              firstDay={firstDay}
              locale={locale}
              summary={summary}
            />

            <div className="field">
              <label htmlFor={`${id}-loc`}>Location</label>
              <input id={`${id}-loc`} value={draft.location} placeholder="Add a location" onChange={(e) => set({ location: e.target.value })} />
            </div>

            {meeting && (
              <>
                <AttendeesField who={m.who} onChange={m.setWho} organizer={m.owner} directory={m.directory} disabled={readOnly || m.attendeeCopy} />
                {m.organisedHere && !readOnly && <MeetingTools store={store} ctx={meeting} who={m.who} draft={draft} uid={target?.uid ?? null} onTimes={set} />}
              </>
            )}

            <div className="field-row">
              {calendars.length > 1 && (
                <div className="field field-grow">
                  <label htmlFor={`${id}-cal`}>Calendar</label>
                  <select id={`${id}-cal`} value={draft.calendarId} onChange={(e) => set({ calendarId: e.target.value })}>
                    {calendars.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <div className="field field-grow">
                <label htmlFor={`${id}-showas`}>Show as</label>
                <select id={`${id}-showas`} value={draft.showAs} onChange={(e) => set({ showAs: e.target.value as ShowAs })}>
                  {SHOW_AS.map((s) => (
                    <option key={s} value={s}>
                      {SHOW_AS_LABEL[s]}
                    </option>
                  ))}
                </select>
              </div>
              <label className="checkbox">
                <input type="checkbox" checked={draft.private} onChange={(e) => set({ private: e.target.checked })} />
                Private
              </label>
            </div>

            <CategoryPicker categories={categories} value={draft.categories} onChange={(c) => set({ categories: c })} />
            {!personal.applies && <RemindersEditor value={draft.reminders} onChange={(reminders) => set({ reminders })} />}

            <div className="field">
              <label htmlFor={`${id}-desc`}>Description</label>
              <textarea id={`${id}-desc`} rows={4} value={draft.description} placeholder={readOnly ? '' : 'Add a description'} onChange={(e) => set({ description: e.target.value })} />
            </div>
          </fieldset>
          {/* Outside the fieldset: a reviewer, who cannot change the event, can still set their own reminder. */}
          {personal.applies && <ReminderField personal={personal} />}
        </div>

        {readOnly ? (
          <footer className="modal-actions">
            <span className="spacer" />
            <button type="button" className="btn btn-primary" onClick={() => void personal.commit().then(onClose)}>
              Done
            </button>
          </footer>
        ) : (
          <footer className="modal-actions">
            {target && (
              <button type="button" className="btn btn-danger-text" disabled={busy} onClick={remove}>
                {m.organisedHere && meeting && !isOccurrence ? 'Cancel meeting' : 'Delete'}
              </button>
            )}
            <span className="spacer" />
            <button type="button" className="btn btn-text" onClick={onClose}>
              Cancel
            </button>
            {!m.attendeeCopy && (
              <button type="submit" className="btn btn-primary" disabled={busy}>
                {/* Outlook's words: the relay delivers whatever syncs, so saving a meeting is sending it. */}
                {m.organisedHere && meeting ? (target ? 'Send update' : 'Send') : 'Save'}
              </button>
            )}
          </footer>
        )}
      </form>

      {cancelPrompt && target && meeting && (
        <CancelMeetingDialog
          title={draft.title}
          busy={busy}
          onCancel={() => setCancelPrompt(false)}
          onConfirm={(message) =>
            void run(async () => {
              // The note first: the relay adds it to the cancellation whichever of the two it receives first.
              if (message.trim()) await meeting.sync.noteMeetingCancel(target.calendarId, target.uid, message.trim());
              await store.deleteEvent(target.calendarId, target.uid, null, 'series');
            })
          }
        />
      )}
      {scopePrompt && <ScopeDialog action={scopePrompt.action} allowThis={scopePrompt.allowThis} allowFollowing={scopePrompt.allowFollowing} onChoose={applyScope} onCancel={() => setScopePrompt(null)} />}
    </Modal>
  );
}
