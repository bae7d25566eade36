import { useMemo, useState, type ReactNode } from 'react';
import { ArchiveClient } from '../../archive/ArchiveClient';
import type { SyncService } from '../../sync/SyncService';
import { calendarInfoOf } from '../calendarAccess';
import { calendarLabel } from '../calendarLabel';
import { ConfirmDialog } from '../ConfirmDialog';
import { problemsOf } from '../problemsOf';
import { ArchiveContext, type ArchiveActions } from './ArchiveContext';
import { CalendarTrashDialog } from './CalendarTrashDialog';

/**
 * Archive and the event trash in the app: holds the archive confirmation and a
 * calendar's "Deleted events" dialog, which outlive the calendar menu that opens them.
 */
export function ArchiveProvider({ sync, locale, onStatus, children }: { sync: SyncService | undefined; locale: string; onStatus: (s: string) => void; children: ReactNode }) {
  const [dialog, setDialog] = useState<{ kind: 'archive' | 'trash'; calendarId: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const actions = useMemo<ArchiveActions | null>(() => {
    if (!sync?.relayClient) return null;
    return {
      archive: (calendarId) => {
        setError(null);
        setDialog({ kind: 'archive', calendarId });
      },
      openTrash: (calendarId) => setDialog({ kind: 'trash', calendarId }),
    };
  }, [sync]);
  const client = () => new ArchiveClient(sync!.relayClient!());
  const info = dialog && sync ? calendarInfoOf(sync, dialog.calendarId) : null;
  const label = info ? calendarLabel(info.access?.name ?? '', info) : '';
  const archive = async (calendarId: string) => {
    try {
      await client().archive(calendarId);
      setDialog(null);
      onStatus(`${label} was archived. Restore it from Settings › Archive and trash.`);
    } catch (err) {
      setError(problemsOf(err).join(' '));
    }
  };
  return (
    <ArchiveContext.Provider value={actions}>
      {children}
      {dialog?.kind === 'archive' && (
        <ConfirmDialog
          title="Archive calendar"
          message={`Archive “${label}”? It becomes read-only for everyone it is shared with and leaves the calendar list. You can restore it from Settings › Archive and trash.`}
          confirmLabel="Archive"
          error={error}
          onConfirm={() => void archive(dialog.calendarId)}
          onCancel={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'trash' && <CalendarTrashDialog client={client()} calendarId={dialog.calendarId} label={label} locale={locale} onClose={() => setDialog(null)} />}
    </ArchiveContext.Provider>
  );
}
