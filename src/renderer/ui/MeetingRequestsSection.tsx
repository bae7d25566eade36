import { useId, useState } from 'react';
import type { MeetingItem, MeetingReply, MeetingResponse } from '../../shared/protocol/meetings';
import { describeMeetingTime } from './describeMeetingTime';
import './meetings.css';
import { FormError } from './FormError';

export const RESPONSE_WORDS: Record<MeetingResponse, { verb: string; label: string }> = {
  accepted: { verb: 'accepted', label: 'Accept' },
  tentative: { verb: 'tentatively accepted', label: 'Tentative' },
  declined: { verb: 'declined', label: 'Decline' },
};

interface MeetingRequestsSectionProps {
  requests: MeetingItem[];
  replies: MeetingReply[];
  myId: string | null;
  displayZone: string;
  locale: string;
  busy: string | null;
  errors: Record<string, string>;
  onAnswer: (item: MeetingItem, response: MeetingResponse, comment: string) => void;
  /** Removes a cancelled request or an answer notice from the list. */
  onDismiss: (id: string) => void;
}

/**
 * Meeting requests in the inbox (Outlook's semantics): Accept, Tentative or
 * Decline with an optional comment; a delegate sees the requests of the person
 * they act for as "Received for <name>", and their answer counts as that
 * person's. A cancelled meeting says so with the organiser's message. Answers to
 * one's own meetings are listed below, until dismissed.
 */
export function MeetingRequestsSection({ requests, replies, myId, displayZone, locale, busy, errors, onAnswer, onDismiss }: MeetingRequestsSectionProps) {
  const id = useId();
  if (requests.length === 0 && replies.length === 0) return null;
  return (
    <>
      {requests.length > 0 && (
        <section aria-labelledby={`${id}-req`}>
          <h3 id={`${id}-req`}>Meeting requests</h3>
          <ul className="inbox-list">
            {requests.map((m) => (
              <MeetingRequestRow key={m.id} item={m} myId={myId} displayZone={displayZone} locale={locale} busy={busy} error={errors[m.id]} onAnswer={onAnswer} onDismiss={onDismiss} />
            ))}
          </ul>
        </section>
      )}
      {replies.length > 0 && (
        <section aria-labelledby={`${id}-rep`}>
          <h3 id={`${id}-rep`}>Answers to your meetings</h3>
          <ul className="inbox-list">
            {replies.map((r) => (
              <li key={r.id} className="inbox-item inbox-notice" aria-labelledby={`${id}-${r.id}`}>
                <div className="inbox-body">
                  <p id={`${id}-${r.id}`} className="inbox-text">
                    <strong>{r.fromName}</strong> {RESPONSE_WORDS[r.response].verb} <strong>{r.title || 'your meeting'}</strong>
                    {r.byName && <> (answered by {r.byName})</>}
                  </p>
                  {r.comment && <blockquote className="inbox-message">{r.comment}</blockquote>}
                </div>
                <div className="inbox-actions">
                  <button type="button" className="btn btn-text btn-small" aria-describedby={`${id}-${r.id}`} disabled={busy !== null} onClick={() => onDismiss(r.id)}>
                    Dismiss
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

interface RowProps {
  item: MeetingItem;
  myId: string | null;
  displayZone: string;
  locale: string;
  busy: string | null;
  error: string | undefined;
  onAnswer: (item: MeetingItem, response: MeetingResponse, comment: string) => void;
  onDismiss: (id: string) => void;
}

function MeetingRequestRow({ item: m, myId, displayZone, locale, busy, error, onAnswer, onDismiss }: RowProps) {
  const id = useId();
  const [comment, setComment] = useState('');
  const forOther = myId !== null && m.forId !== myId;
  const canceled = m.status === 'canceled';
  const title = m.title || '(no title)';
  return (
    <li className={`inbox-item meeting-request${canceled ? ' meeting-canceled' : ''}`} aria-labelledby={`${id}-t`}>
      <p id={`${id}-t`} className="inbox-text">
        {canceled ? 'Canceled: ' : m.version > 1 ? 'Updated: ' : ''}
        <strong>{title}</strong>
        {m.private && <span className="meeting-private"> · Private</span>}
      </p>
      <p className="inbox-when">{describeMeetingTime(m.when, displayZone, locale)}</p>
      {m.location && <p className="inbox-when">{m.location}</p>}
      <p className="inbox-when">
        From {m.organizer.name || m.organizer.email}
        {forOther && <span className="meeting-for"> · Received for {m.forName}</span>}
      </p>
      {!canceled && m.version > 1 && m.whenVersion === m.version && <p className="meeting-answer">The time changed{m.answer ? '.' : ': earlier answers no longer count, please answer again.'}</p>}
      {canceled && m.cancelMessage && <blockquote className="inbox-message">{m.cancelMessage}</blockquote>}
      {!canceled && m.answer && (
        <p className="meeting-answer">
          {m.answer.byName && m.answer.byName !== m.forName ? `${m.answer.byName} ${RESPONSE_WORDS[m.answer.response].verb} for ${m.forName}` : forOther ? `${m.forName} ${RESPONSE_WORDS[m.answer.response].verb}` : `You ${RESPONSE_WORDS[m.answer.response].verb}`}
          {m.answer.comment && <>: “{m.answer.comment}”</>}
        </p>
      )}
      <FormError message={error} />
      {canceled ? (
        <div className="inbox-actions">
          <span className="spacer" />
          <button type="button" className="btn btn-text btn-small" aria-describedby={`${id}-t`} disabled={busy !== null} onClick={() => onDismiss(m.id)}>
            Remove
          </button>
        </div>
      ) : (
        <>
          <div className="field meeting-comment">
            <label htmlFor={`${id}-c`}>Comment for {m.organizer.name || m.organizer.email} (optional)</label>
            <input id={`${id}-c`} value={comment} maxLength={1000} onChange={(e) => setComment(e.target.value)} />
          </div>
          <div className="inbox-actions">
            <span className="spacer" />
            {(['declined', 'tentative', 'accepted'] as const).map((r) => (
              <button
                key={r}
                type="button"
                className={`btn btn-small ${r === 'accepted' ? 'btn-primary' : 'btn-outline'}`}
                aria-describedby={`${id}-t`}
                aria-pressed={m.answer?.response === r}
                disabled={busy !== null}
                onClick={() => onAnswer(m, r, comment)}
              >
                {RESPONSE_WORDS[r].label}
              </button>
            ))}
          </div>
        </>
      )}
    </li>
  );
}
