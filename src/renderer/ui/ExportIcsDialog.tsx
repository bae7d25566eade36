import { DateTime } from 'luxon';
import { useId, useState } from 'react';
import { exportCalendarIcs, type IcsExportStore } from '../ics/exportCalendarIcs';
import { downloadText, safeFileName } from './downloadText';
import { Modal } from './Modal';
import { ModalHeader } from './ModalHeader';
import { problemsOf } from './problemsOf';
import { Radio } from './Radio';
import { FormError } from './FormError';
import { SubmitFooter } from './SubmitFooter';

interface ExportIcsDialogProps {
  store: IcsExportStore;
  calendarId: string;
  calendarName: string;
  /** Zone the range's dates are read in (the views' zone). */
  displayZone: string;
  /** Today in that zone, for the range's first guess. */
  today: string;
  onDone: (message: string) => void;
  onClose: () => void;
}

/** "Export .ics…": a calendar, whole or the part with occurrences in a date range, as <name>.ics. */
export function ExportIcsDialog({ store, calendarId, calendarName, displayZone, today, onDone, onClose }: ExportIcsDialogProps) {
  const id = useId();
  const [whole, setWhole] = useState(true);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(DateTime.fromISO(today).plus({ months: 1 }).toISODate() ?? today);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setError(null);
    let range: { fromMs: number; toMs: number } | undefined;
    if (!whole) {
      const start = DateTime.fromISO(from, { zone: displayZone });
      // The last day is included: the range ends at the start of the day after it.
      const end = DateTime.fromISO(to, { zone: displayZone }).plus({ days: 1 });
      if (!start.isValid || !end.isValid) return setError('Enter both dates of the range.');
      if (end <= start) return setError('The range must end on or after the day it starts.');
      range = { fromMs: start.toMillis(), toMs: end.toMillis() };
    }
    try {
      const { text, count } = await exportCalendarIcs(store, calendarId, calendarName, range);
      downloadText(text, safeFileName(calendarName, 'ics'), 'text/calendar');
      onDone(`Exported ${count} ${count === 1 ? 'event' : 'events'} of “${calendarName}”.`);
      onClose();
    } catch (err) {
      setError(problemsOf(err).join(' '));
    }
  };

  return (
    <Modal label="Export calendar" onClose={onClose} className="ics-dialog">
      <ModalHeader title={`Export “${calendarName}”`} onClose={onClose} />
      <form
        id={`${id}-form`}
        className="modal-body"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <fieldset className="field">
          <legend>What to export</legend>
          <Radio name={`${id}-what`} checked={whole} onSelect={() => setWhole(true)} label="The whole calendar" />
          <Radio name={`${id}-what`} checked={!whole} onSelect={() => setWhole(false)} label="A date range" />
        </fieldset>
        {!whole && (
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-from`}>From</label>
              <input id={`${id}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-to`}>To</label>
              <input id={`${id}-to`} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
            </div>
          </div>
        )}
        <p className="hint">An .ics file that Outlook, Google Calendar, Apple Calendar and Thunderbird can import. A series is exported whole when any of its occurrences falls in the range.</p>
        <FormError message={error} />
      </form>
      <SubmitFooter formId={`${id}-form`} label="Export" onCancel={onClose} />
    </Modal>
  );
}
