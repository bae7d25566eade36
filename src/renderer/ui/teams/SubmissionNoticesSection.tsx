import { useId, useState } from 'react';
import type { SubmissionNotice } from '../../../shared/protocol/teamCalendars';
import type { SyncService } from '../../sync/SyncService';
import { TEAM_SUFFIX } from '../calendarLabel';
import { problemsOf } from '../problemsOf';
import { FormError } from '../FormError';

export function describeSubmissionNotice(n: SubmissionNotice): string {
  const where = `${n.calendarName}${TEAM_SUFFIX}`;
  if (n.status === 'approved') return `${n.byName} approved “${n.title}”: it is in ${where} now.`;
  return `${n.byName} rejected “${n.title}” for ${where}${n.reason ? `: ${n.reason}` : '.'}`;
}

/** In the inbox: what became of the person's submissions to team calendars, each dismissed by them. */
export function SubmissionNoticesSection({ sync, notices, locale }: { sync: SyncService; notices: SubmissionNotice[]; locale: string }) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  if (notices.length === 0) return null;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Your submissions</h3>
      <ul className="inbox-list">
        {notices.map((n) => (
          <li key={n.id} className="inbox-item inbox-notice" aria-labelledby={`${id}-${n.id}`}>
            <div className="inbox-body">
              <p id={`${id}-${n.id}`} className="inbox-text">
                {describeSubmissionNotice(n)}
              </p>
              <p className="inbox-when">{new Date(n.at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })}</p>
            </div>
            <div className="inbox-actions">
              <button
                type="button"
                className="btn btn-text btn-small"
                aria-describedby={`${id}-${n.id}`}
                onClick={() => sync.dismissNotice(n.id).catch((err: unknown) => setError(problemsOf(err).join(' ')))}
              >
                Dismiss
              </button>
            </div>
          </li>
        ))}
      </ul>
      <FormError message={error} />
    </section>
  );
}
