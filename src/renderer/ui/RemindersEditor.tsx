import { useId } from 'react';
import { Icon } from './Icon';
import { DEFAULT_REMINDER_MINUTES } from './eventDraft';
import { reminderFromMinutes, type ReminderDraft, type ReminderUnit } from './reminderDraft';

interface RemindersEditorProps {
  value: ReminderDraft[];
  onChange: (next: ReminderDraft[]) => void;
}

/**
 * The owner's reminders on the event (DESIGN.md, Reminders): none, or any
 * number of "N minutes/hours/days before".
 */
export function RemindersEditor({ value, onChange }: RemindersEditorProps) {
  const id = useId();
  const update = (i: number, patch: Partial<ReminderDraft>) => onChange(value.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="field reminders">
      <legend>Reminders</legend>
      {value.length === 0 && <p className="muted">No reminders</p>}
      {value.map((r, i) => (
        <div className="reminder-row" key={i}>
          <label className="sr-only" htmlFor={`${id}-amount-${i}`}>{`Reminder ${i + 1} amount`}</label>
          <input
            id={`${id}-amount-${i}`}
            type="number"
            min={0}
            className="input-narrow"
            value={Number.isFinite(r.amount) ? r.amount : ''}
            onChange={(e) => update(i, { amount: e.target.valueAsNumber })}
          />
          <label className="sr-only" htmlFor={`${id}-unit-${i}`}>{`Reminder ${i + 1} unit`}</label>
          <select id={`${id}-unit-${i}`} value={r.unit} onChange={(e) => update(i, { unit: e.target.value as ReminderUnit })}>
            <option value="minutes">minutes</option>
            <option value="hours">hours</option>
            <option value="days">days</option>
          </select>
          <span>before</span>
          <button type="button" className="icon-btn" aria-label={`Remove reminder ${i + 1}`} onClick={() => onChange(value.filter((_, j) => j !== i))}>
            <Icon name="close" size={20} />
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-text btn-small" onClick={() => onChange([...value, reminderFromMinutes(value.length === 0 ? DEFAULT_REMINDER_MINUTES : 60)])}>
        Add reminder
      </button>
    </fieldset>
  );
}
