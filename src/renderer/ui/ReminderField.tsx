import { useId } from 'react';
import { REMINDER_CHOICES, reminderWords } from './reminderChoices';
import type { PersonalReminder } from './usePersonalReminder';

/**
 * The person's own reminder on someone else's item: "None" by default, stored in
 * their overlay, so it follows them to their devices and never reaches the
 * owner. Where the person can see the owner's reminder it is shown beside,
 * read-only, so nobody wonders which one they are changing.
 */
export function ReminderField({ personal }: { personal: PersonalReminder }) {
  const id = useId();
  const choices: number[] = [...REMINDER_CHOICES];
  if (personal.value !== null && !choices.includes(personal.value)) choices.push(personal.value);
  choices.sort((a, b) => a - b);
  return (
    <div className="field personal-reminder">
      <label htmlFor={`${id}-reminder`}>Reminder</label>
      <select
        id={`${id}-reminder`}
        aria-describedby={`${id}-hint`}
        value={personal.value === null ? 'none' : String(personal.value)}
        onChange={(e) => personal.setValue(e.target.value === 'none' ? null : Number(e.target.value))}
      >
        <option value="none">None</option>
        {choices.map((m) => (
          <option key={m} value={String(m)}>
            {m === 0 ? 'At the start' : `${reminderWords(m)} before`}
          </option>
        ))}
      </select>
      <p className="hint" id={`${id}-hint`}>
        {personal.value === null ? 'Reminder: none. ' : ''}Your own reminder, on your devices only.
      </p>
      {personal.ownerReminders !== null && (
        <p className="hint owner-reminder" role="note">
          {`Owner's reminder: ${personal.ownerReminders.length === 0 ? 'none' : personal.ownerReminders.map(reminderWords).join(', ')}`}
        </p>
      )}
    </div>
  );
}
