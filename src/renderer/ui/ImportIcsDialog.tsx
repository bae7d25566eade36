import { useEffect, useId, useRef, useState } from 'react';
import type { CalendarInfo } from '../replica/CalendarStore';
import { calendarNameFor, describeSkipped, formatImportReport, importHeadline, type ImportReport } from '../ics/formatImportReport';
import type { ParsedIcs } from '../ics/icsWorkerMessages';
import { importParsedIcs, type IcsImportStore } from '../ics/importParsedIcs';
import { parseIcsInWorker } from '../ics/parseIcsInWorker';
import { Modal } from './Modal';
import { ModalHeader } from './ModalHeader';
import { problemsOf } from './problemsOf';
import { Radio } from './Radio';

export interface ImportRequest {
  /** A dropped file; none: the dialog asks for one. */
  file: File | null;
  /** The calendar to import into; null: the person chooses (a new calendar by default). */
  calendarId: string | null;
  /** Dropped on a calendar: import at once, with no questions. */
  direct: boolean;
  /** Other dropped files that were not imported (one file at a time). */
  ignored: string[];
}

interface ImportIcsDialogProps {
  store: IcsImportStore & { createCalendar(name: string, color: string): Promise<string> };
  request: ImportRequest;
  /** Calendars the events may go into (writable, not subscriptions). */
  calendars: CalendarInfo[];
  /** Colour of a new calendar. */
  newColor: string;
  onClose: () => void;
}

type Step =
  | { kind: 'choose-file' }
  | { kind: 'parsing'; fileName: string; done: number; total: number }
  | { kind: 'choose-target'; fileName: string; parsed: ParsedIcs }
  | { kind: 'writing'; done: number; total: number }
  | { kind: 'done'; report: ImportReport }
  | { kind: 'error'; message: string };

/**
 * Import of an .ics file: read it (in a worker, with progress), choose a new or
 * an existing calendar, write the events in batches (with progress), then say
 * exactly what was imported, what was skipped and why, and what was guessed.
 */
export function ImportIcsDialog({ store, request, calendars, newColor, onClose }: ImportIcsDialogProps) {
  const id = useId();
  const [step, setStep] = useState<Step>({ kind: 'choose-file' });
  const [into, setInto] = useState<'new' | 'existing'>(request.calendarId ? 'existing' : 'new');
  const [calendarId, setCalendarId] = useState(request.calendarId ?? calendars[0]?.id ?? '');
  const [newName, setNewName] = useState('');
  const [copied, setCopied] = useState(false);
  const started = useRef(false);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const write = async (fileName: string, parsed: ParsedIcs, target: { kind: 'new'; name: string } | { kind: 'existing'; calendarId: string }) => {
    try {
      setStep({ kind: 'writing', done: 0, total: parsed.events.length });
      const targetId = target.kind === 'new' ? await store.createCalendar(target.name, newColor) : target.calendarId;
      const targetName = target.kind === 'new' ? target.name : (calendars.find((c) => c.id === target.calendarId)?.name ?? 'Calendar');
      const counts = await importParsedIcs(store, targetId, parsed.events, (done, total) => alive.current && setStep({ kind: 'writing', done, total }));
      const warnings = [...parsed.warnings, ...request.ignored.map((n) => `${n} was not imported: drop or choose one file at a time.`)];
      if (alive.current) setStep({ kind: 'done', report: { ...counts, fileName, calendarName: targetName, skipped: parsed.skipped, warnings } });
    } catch (err) {
      if (alive.current) setStep({ kind: 'error', message: problemsOf(err).join(' ') });
    }
  };

  const read = async (file: File) => {
    setStep({ kind: 'parsing', fileName: file.name, done: 0, total: 0 });
    let parsed: ParsedIcs;
    try {
      const text = await file.text();
      parsed = await parseIcsInWorker(text, (done, total) => alive.current && setStep({ kind: 'parsing', fileName: file.name, done, total }));
    } catch (err) {
      if (alive.current) setStep({ kind: 'error', message: `${file.name}: ${problemsOf(err).join(' ')}` });
      return;
    }
    if (!alive.current) return;
    if (request.direct && request.calendarId) {
      await write(file.name, parsed, { kind: 'existing', calendarId: request.calendarId });
      return;
    }
    setNewName(calendarNameFor(parsed.calendarName, file.name));
    setStep({ kind: 'choose-target', fileName: file.name, parsed });
  };

  useEffect(() => {
    if (started.current || !request.file) return;
    started.current = true;
    void read(request.file);
    // Runs once per dialog: the request does not change while it is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const copy = async (report: ImportReport) => {
    try {
      await navigator.clipboard.writeText(formatImportReport(report));
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  const busy = step.kind === 'parsing' || step.kind === 'writing';
  return (
    <Modal label="Import calendar" onClose={() => !busy && onClose()} className="ics-dialog">
      <ModalHeader title="Import calendar" onClose={() => !busy && onClose()} />
      <div className="modal-body">
        {step.kind === 'choose-file' && (
          <div className="field">
            <label htmlFor={`${id}-file`}>Calendar file (.ics)</label>
            <input
              id={`${id}-file`}
              type="file"
              accept=".ics,.ical,.icalendar,text/calendar"
              data-autofocus
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void read(file);
              }}
            />
            <p className="hint">Exported from Outlook, Google Calendar, Apple Calendar, Thunderbird or any other calendar. You can also drop a file on a calendar in the list.</p>
          </div>
        )}
        {step.kind === 'parsing' && <Progress label={`Reading ${step.fileName}`} done={step.done} total={step.total} unit="items" />}
        {step.kind === 'writing' && <Progress label="Importing events" done={step.done} total={step.total} unit="events" />}
        {step.kind === 'choose-target' && (
          <form
            id={`${id}-target`}
            onSubmit={(e) => {
              e.preventDefault();
              if (into === 'new') void write(step.fileName, step.parsed, { kind: 'new', name: newName.trim() || calendarNameFor(null, step.fileName) });
              else if (calendarId) void write(step.fileName, step.parsed, { kind: 'existing', calendarId });
            }}
          >
            <p className="modal-text">
              {`${step.fileName}: ${step.parsed.events.length} ${step.parsed.events.length === 1 ? 'event' : 'events'} found`}
              {step.parsed.skipped.length > 0 && `, ${step.parsed.skipped.length} that cannot be read (listed after the import)`}.
            </p>
            <fieldset className="field ics-target">
              <legend>Import into</legend>
              <div className="radio-with-input">
                <Radio name={`${id}-into`} checked={into === 'new'} onSelect={() => setInto('new')} label="A new calendar" />
                <input aria-label="Name of the new calendar" value={newName} maxLength={200} onChange={(e) => setNewName(e.target.value)} onFocus={() => setInto('new')} />
              </div>
              {calendars.length > 0 && (
                <div className="radio-with-input">
                  <Radio name={`${id}-into`} checked={into === 'existing'} onSelect={() => setInto('existing')} label="An existing calendar" />
                  <select aria-label="Existing calendar" value={calendarId} onChange={(e) => setCalendarId(e.target.value)} onFocus={() => setInto('existing')}>
                    {calendars.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                </div>
              )}
            </fieldset>
            <p className="hint">Importing the same file again updates its events instead of adding them twice.</p>
          </form>
        )}
        {step.kind === 'done' && <ImportResult report={step.report} />}
        {step.kind === 'error' && (
          <p className="form-error" role="alert">
            {step.message}
          </p>
        )}
      </div>
      <footer className="modal-actions">
        {step.kind === 'done' && (
          <button type="button" className="btn btn-outline" onClick={() => void copy(step.report)}>
            {copied ? 'Copied' : 'Copy report'}
          </button>
        )}
        <span className="spacer" />
        {step.kind === 'choose-target' ? (
          <>
            <button type="button" className="btn btn-text" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" form={`${id}-target`} className="btn btn-primary">
              Import
            </button>
          </>
        ) : (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={onClose}>
            {step.kind === 'choose-file' ? 'Cancel' : 'Done'}
          </button>
        )}
      </footer>
    </Modal>
  );
}

function Progress({ label, done, total, unit }: { label: string; done: number; total: number; unit: string }) {
  return (
    <div className="ics-progress">
      <p className="modal-text">{total > 0 ? `${label}: ${done.toLocaleString()} of ${total.toLocaleString()} ${unit}` : `${label}…`}</p>
      <progress aria-label={label} max={total > 0 ? total : undefined} value={total > 0 ? done : undefined} />
    </div>
  );
}

function ImportResult({ report }: { report: ImportReport }) {
  return (
    <div className="ics-result">
      <p className="ics-headline" role="status">
        {`${importHeadline(report)} into “${report.calendarName}”.`}
      </p>
      {report.skipped.length === 0 ? (
        <p className="hint">Nothing was skipped.</p>
      ) : (
        <section aria-label="Skipped">
          <h3>{`Skipped ${report.skipped.length} ${report.skipped.length === 1 ? 'item' : 'items'}`}</h3>
          <table className="ics-skipped">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Event</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {report.skipped.map((s, i) => (
                <tr key={i} title={describeSkipped(s)}>
                  <td>{s.line ?? '–'}</td>
                  <td>{s.summary || s.uid || '–'}</td>
                  <td>{s.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {report.warnings.length > 0 && (
        <section aria-label="Warnings">
          <h3>Warnings</h3>
          <ul className="ics-warnings">
            {report.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
