import { useEffect, useRef, useState } from 'react';
import type { ReminderInstance } from '../../shared/reminders/ReminderOccurrence';
import { Icon } from './Icon';
import { useReminderService, useReminderSnapshot } from './ReminderContext';
import { RemindersDialog } from './RemindersDialog';
import { useNow } from './useNow';

interface RemindersButtonProps {
  zone: string;
  locale: string;
  /** Opens the reminder's event in the editor. */
  onOpenEvent: (r: ReminderInstance) => void;
}

/**
 * The toolbar's bell: a badge with how many reminders are due, the Reminders
 * window on click, and that window opening by itself when reminders come due
 * (in the window that fires them).
 */
export function RemindersButton({ zone, locale, onOpenEvent }: RemindersButtonProps) {
  const service = useReminderService();
  const snapshot = useReminderSnapshot(service);
  const [open, setOpen] = useState(false);
  const seenRequests = useRef(snapshot.openRequests);
  const now = useNow(open && snapshot.due.length > 0 ? snapshot.due[0]!.dueAtMs : null);
  useEffect(() => {
    if (snapshot.openRequests !== seenRequests.current) {
      seenRequests.current = snapshot.openRequests;
      if (snapshot.due.length > 0) setOpen(true);
    }
  }, [snapshot]);
  if (!service) return null;
  const count = snapshot.due.length;
  const summary = count === 0 ? 'No reminders due' : `${count} ${count === 1 ? 'reminder' : 'reminders'} due`;
  return (
    <>
      <button type="button" className="icon-btn reminders-btn" title={`Reminders: ${summary.toLowerCase()}`} aria-describedby="reminders-count" onClick={() => setOpen(true)}>
        <Icon name="bell" />
        <span className="sr-only">Reminders</span>
        {count > 0 && (
          <span className="badge" aria-hidden="true">
            {count > 99 ? '99+' : count}
          </span>
        )}
        <span id="reminders-count" hidden>
          {summary}
        </span>
      </button>
      {open && (
        <RemindersDialog
          service={service}
          due={snapshot.due}
          zone={zone}
          locale={locale}
          now={now}
          onOpenEvent={(r) => {
            setOpen(false);
            onOpenEvent(r);
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
