import { useMemo, useState, type ReactNode } from 'react';
import type { SubmissionQueue } from '../../../shared/protocol/teamCalendars';
import type { SyncService } from '../../sync/SyncService';
import { TeamClient } from '../../teams/TeamClient';
import { calendarInfoOf } from '../calendarAccess';
import { calendarLabel } from '../calendarLabel';
import { SubmissionQueueDialog } from './SubmissionQueueDialog';
import { SubmitItemDialog } from './SubmitItemDialog';
import { TeamContext, type TeamActions } from './TeamContext';
import './teams.css';

/**
 * Team calendars' queue in the app: reads the badges from the inbox (so they
 * change live) and holds the queue and submit dialogs, which outlive the
 * calendar's menu that opens them.
 */
export function TeamProvider({ sync, displayZone, onStatus, children }: { sync: SyncService | undefined; displayZone: string; onStatus: (s: string) => void; children: ReactNode }) {
  const [dialog, setDialog] = useState<{ kind: 'queue' | 'submit'; calendarId: string } | null>(null);
  // The badges come from the inbox and are re-read on each render: key the context by their content.
  const queuesKey = JSON.stringify(sync?.submissionQueues?.() ?? []);
  const actions = useMemo<TeamActions | null>(() => {
    if (!sync?.relayClient) return null;
    const queues = JSON.parse(queuesKey) as SubmissionQueue[];
    return {
      queueOf: (id) => queues.find((q) => q.calendarId === id) ?? null,
      openQueue: (calendarId) => setDialog({ kind: 'queue', calendarId }),
      openSubmit: (calendarId) => setDialog({ kind: 'submit', calendarId }),
    };
  }, [sync, queuesKey]);
  const client = () => new TeamClient(sync!.relayClient!());
  const label = dialog && sync ? calendarLabel(calendarInfoOf(sync, dialog.calendarId).access?.name ?? '', calendarInfoOf(sync, dialog.calendarId)) : '';
  return (
    <TeamContext.Provider value={actions}>
      {children}
      {dialog?.kind === 'queue' && <SubmissionQueueDialog client={client()} calendarId={dialog.calendarId} label={label} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'submit' && (
        <SubmitItemDialog
          client={client()}
          calendarId={dialog.calendarId}
          label={label}
          displayZone={displayZone}
          onDone={(title) => {
            setDialog(null);
            onStatus(`"${title}" was sent to the maintainers of ${label}.`);
          }}
          onClose={() => setDialog(null)}
        />
      )}
    </TeamContext.Provider>
  );
}
