import { useId, useState } from 'react';
import type { CalendarAccess } from '../../shared/protocol/api';
import type { Invitation, Notice } from '../../shared/protocol/inboxDocument';
import type { SyncService } from '../sync/SyncService';
import { accessLabel } from './calendarLabel';
import { describeNotice } from './describeNotice';
import { levelLabel } from './levelWords';
import { Modal } from './Modal';
import { problemsOf } from './problemsOf';
import { DoneFooter } from './DoneFooter';
import { ModalHeader } from './ModalHeader';
import { MeetingRequestsSection, RESPONSE_WORDS } from './MeetingRequestsSection';
import type { MeetingItem, MeetingReply } from '../../shared/protocol/meetings';
import { SubmissionNoticesSection } from './teams/SubmissionNoticesSection';

interface InvitationsDialogProps {
  sync: SyncService;
  /** Pending invitations, newest first. */
  invitations: Invitation[];
  notices: Notice[];
  /** Calendars the person may add to their list now: a "granted" notice about one offers "Add to my calendars". */
  available: CalendarAccess[];
  locale: string;
  /** The person owns a calendar they could share back; null hides "Share my calendar…". */
  onShareBack: ((withUserId: string) => void) | null;
  /** After an action went through, with a sentence for the status line. */
  onDone: (message: string) => void;
  onClose: () => void;
  /** Meeting requests (the person's and those they receive as a delegate) and answers to their meetings. */
  meetings?: { requests: MeetingItem[]; replies: MeetingReply[]; myId: string | null; displayZone: string };
}

function when(at: number, locale: string): string {
  return new Date(at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * The inbox: invitations to other people's calendars (Accept adds the calendar,
 * Decline says no) and notices about access that changed (granted, changed,
 * revoked, removed, no longer syncing), each dismissed by the person. A
 * calendar granted without an invitation (to a group, or to someone of another
 * organisation), or raised above what the organisation sees, can be added from
 * its notice when it is not in the person's list; the notice then goes away.
 */
export function InvitationsDialog({ sync, invitations, notices, available, locale, onShareBack, onDone, onClose, meetings }: InvitationsDialogProps) {
  const id = useId();
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const act = async (itemId: string, work: () => Promise<void>, done: string | null) => {
    setBusy(itemId);
    setErrors(({ [itemId]: _gone, ...rest }) => rest);
    try {
      await work();
      if (done) onDone(done);
    } catch (err) {
      setErrors((e) => ({ ...e, [itemId]: problemsOf(err).join(' ') }));
    } finally {
      setBusy(null);
    }
  };

  const availableById = new Map(available.map((a) => [a.id, a]));
  const submissionNotices = sync.submissionNotices?.() ?? [];
  const empty = invitations.length === 0 && notices.length === 0 && submissionNotices.length === 0 && !meetings?.requests.length && !meetings?.replies.length;
  return (
    <Modal label="Invitations" onClose={onClose} className="invitations-dialog">
      <ModalHeader title="Invitations" onClose={onClose} />
      <div className="modal-body">
        {empty && <p className="hint inbox-empty">You’re all caught up. When someone shares a calendar with you, the invitation appears here.</p>}
        {meetings && (
          <MeetingRequestsSection
            {...meetings}
            locale={locale}
            busy={busy}
            errors={errors}
            onAnswer={(item, response, comment) =>
              void act(item.id, () => sync.answerMeeting(item.id, response, comment), `You ${RESPONSE_WORDS[response].verb} “${item.title}”${item.forId !== meetings.myId ? ` for ${item.forName}` : ''}.`)
            }
            onDismiss={(itemId) => void act(itemId, () => sync.dismissNotice(itemId), null)}
          />
        )}
        {invitations.length > 0 && (
          <section aria-labelledby={`${id}-inv`}>
            <h3 id={`${id}-inv`}>{invitations.length === 1 ? '1 invitation' : `${invitations.length} invitations`}</h3>
            <ul className="inbox-list">
              {invitations.map((inv) => (
                <li key={inv.id} className="inbox-item" aria-labelledby={`${id}-${inv.id}`}>
                  <p id={`${id}-${inv.id}`} className="inbox-text">
                    <strong>{inv.fromName}</strong> shared <strong>{inv.calendarName}</strong> with you ({levelLabel(inv.level)})
                  </p>
                  <p className="inbox-when">{when(inv.at, locale)}</p>
                  {inv.message && <blockquote className="inbox-message">{inv.message}</blockquote>}
                  {inv.askBack && <p className="inbox-askback">{inv.fromName} also asks you to share your calendar with them.</p>}
                  {errors[inv.id] && (
                    <p className="form-error" role="alert">
                      {errors[inv.id]}
                    </p>
                  )}
                  <div className="inbox-actions">
                    {inv.askBack && onShareBack && (
                      <button type="button" className="btn btn-text btn-small" disabled={busy !== null} onClick={() => onShareBack(inv.fromId)}>
                        Share my calendar…
                      </button>
                    )}
                    <span className="spacer" />
                    <button
                      type="button"
                      className="btn btn-outline btn-small"
                      aria-describedby={`${id}-${inv.id}`}
                      disabled={busy !== null}
                      onClick={() => void act(inv.id, () => sync.declineInvitation(inv.id), `You declined ${inv.fromName}’s ${inv.calendarName}.`)}
                    >
                      Decline
                    </button>
                    <button
                      type="button"
                      className="btn btn-primary btn-small"
                      aria-describedby={`${id}-${inv.id}`}
                      disabled={busy !== null}
                      onClick={() => void act(inv.id, () => sync.acceptInvitation(inv.id), `${inv.fromName}’s ${inv.calendarName} was added to your calendars.`)}
                    >
                      Accept
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          </section>
        )}
        {notices.length > 0 && (
          <section aria-labelledby={`${id}-not`}>
            <h3 id={`${id}-not`}>Notices</h3>
            <ul className="inbox-list">
              {notices.map((n) => (
                <li key={n.id} className={`inbox-item inbox-notice notice-${n.notice}`} aria-labelledby={`${id}-${n.id}`}>
                  <div className="inbox-body">
                    <p id={`${id}-${n.id}`} className="inbox-text">
                      {describeNotice(n)}
                    </p>
                    <p className="inbox-when">{when(n.at, locale)}</p>
                    {errors[n.id] && (
                      <p className="form-error" role="alert">
                        {errors[n.id]}
                      </p>
                    )}
                  </div>
                  <div className="inbox-actions">
                    {n.notice === 'share-back-requested' && onShareBack && (
                      <button type="button" className="btn btn-text btn-small" disabled={busy !== null} onClick={() => onShareBack(n.byId)}>
                        Share my calendar…
                      </button>
                    )}
                    <button type="button" className="btn btn-text btn-small" aria-describedby={`${id}-${n.id}`} disabled={busy !== null} onClick={() => void act(n.id, () => sync.dismissNotice(n.id), null)}>
                      Dismiss
                    </button>
                    {(n.notice === 'granted' || n.notice === 'level-changed') && availableById.has(n.calendarId) && (
                      <button
                        type="button"
                        className="btn btn-primary btn-small"
                        aria-describedby={`${id}-${n.id}`}
                        disabled={busy !== null}
                        onClick={() =>
                          void act(
                            n.id,
                            async () => {
                              await sync.addAvailableCalendar(n.calendarId);
                              await sync.dismissNotice(n.id);
                            },
                            `${accessLabel(availableById.get(n.calendarId)!)} was added to your calendars.`,
                          )
                        }
                      >
                        Add to my calendars
                      </button>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        )}
        <SubmissionNoticesSection sync={sync} notices={submissionNotices} locale={locale} />
      </div>
      <DoneFooter onDone={onClose} />
    </Modal>
  );
}
