import { useId, useState } from 'react';
import { DEFAULT_SUBSCRIPTION_INTERVAL } from '../replica/Subscription';
import { subscribeToFeed, type SubscribeStore } from '../ics/subscribeToFeed';
import type { RefreshDeps } from '../ics/refreshSubscription';
import { Modal } from './Modal';
import { ModalHeader } from './ModalHeader';
import { problemsOf } from './problemsOf';
import { RefreshIntervalSelect } from './RefreshIntervalSelect';
import { FormError } from './FormError';
import { SubmitFooter } from './SubmitFooter';

interface SubscribeDialogProps {
  deps: Omit<RefreshDeps, 'store'> & { store: SubscribeStore };
  color: string;
  onDone: (message: string) => void;
  onClose: () => void;
}

/** "Add calendar › Subscribe to a calendar address…": an internet calendar (ICS feed) as a read-only calendar. */
export function SubscribeDialog({ deps, color, onDone, onClose }: SubscribeDialogProps) {
  const id = useId();
  const [url, setUrl] = useState('');
  const [name, setName] = useState('');
  const [interval, setIntervalMinutes] = useState<number>(DEFAULT_SUBSCRIPTION_INTERVAL);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const done = await subscribeToFeed(deps, { url, name, color, intervalMinutes: interval });
      const n = done.counts.created + done.counts.updated + done.counts.unchanged;
      onDone(`Subscribed to “${done.name}” (${n} ${n === 1 ? 'event' : 'events'}).`);
      onClose();
    } catch (err) {
      setError(problemsOf(err).join(' '));
      setBusy(false);
    }
  };

  return (
    <Modal label="Subscribe to a calendar" onClose={onClose} className="ics-dialog">
      <ModalHeader title="Subscribe to a calendar" onClose={onClose} />
      <form
        id={`${id}-form`}
        className="modal-body"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-url`}>Calendar address</label>
          <input id={`${id}-url`} type="url" inputMode="url" required placeholder="https://example.org/calendar.ics" value={url} data-autofocus onChange={(e) => setUrl(e.target.value)} />
          <p className="hint">An http, https or webcal address of an .ics calendar: holidays, a sports fixture list, a colleague's published calendar. It stays read-only and is refreshed from the address.</p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} placeholder="The calendar's own name" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <RefreshIntervalSelect value={interval} onChange={setIntervalMinutes} />
        <FormError message={error} />
      </form>
      <SubmitFooter formId={`${id}-form`} label="Subscribe" busyLabel="Subscribing…" busy={busy} onCancel={onClose} />
    </Modal>
  );
}
