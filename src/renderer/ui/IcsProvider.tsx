import { DateTime } from 'luxon';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { FetchIcsRequest, FetchIcsResult } from '../../shared/ipc/fetchIcs';
import { parseIcsInWorker } from '../ics/parseIcsInWorker';
import type { RefreshDeps } from '../ics/refreshSubscription';
import { SubscriptionScheduler } from '../ics/SubscriptionScheduler';
import type { Platform } from '../platform/Platform';
import type { CalendarInfo, CalendarStore } from '../replica/CalendarStore';
import type { SyncService } from '../sync/SyncService';
import { ExportIcsDialog } from './ExportIcsDialog';
import { IcsActionsContext, type IcsActions } from './IcsActions';
import { ImportIcsDialog, type ImportRequest } from './ImportIcsDialog';
import { PALETTE } from './palette';
import { SubscribeDialog } from './SubscribeDialog';
import './ics.css';

interface IcsProviderProps {
  store: CalendarStore;
  platform: Platform;
  sync?: SyncService;
  calendars: CalendarInfo[];
  /** Ids of the calendars the person may write to (by sharing level). */
  writableIds: ReadonlySet<string>;
  displayZone: string;
  onStatus: (message: string) => void;
  children: ReactNode;
}

const isIcsName = (name: string) => /\.(ics|ical|icalendar)$/i.test(name);

/**
 * ICS import, export and subscriptions for the whole window: the dialogs, the
 * refresh schedule of subscribed calendars, and the actions (IcsActions) the
 * calendar list, the Add calendar menu and the grid offer.
 */
export function IcsProvider({ store, platform, sync, calendars, writableIds, displayZone, onStatus, children }: IcsProviderProps) {
  const [importing, setImporting] = useState<{ key: number; request: ImportRequest } | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);
  const [subscribing, setSubscribing] = useState(false);

  const deps = useMemo((): RefreshDeps & { store: CalendarStore } => {
    const fetchFeed = async (request: FetchIcsRequest): Promise<FetchIcsResult> => {
      const direct = await platform.fetchIcs(request);
      if (direct.status !== 'error' || !direct.blocked) return direct;
      // The browser may not read another site's calendar without CORS: the relay can.
      const viaRelay = sync?.fetchIcs ? await sync.fetchIcs(request) : null;
      if (viaRelay) return viaRelay;
      return { status: 'error', message: `${direct.message} If the address works in a browser tab, it may not allow other sites to read it: sign in to a relay (Settings) to subscribe through it.` };
    };
    return { store, fetchFeed, parse: (text) => parseIcsInWorker(text), now: () => Date.now() };
  }, [store, platform, sync]);

  const scheduler = useMemo(() => new SubscriptionScheduler(deps), [deps]);
  useEffect(() => {
    scheduler.start();
    return () => scheduler.stop();
  }, [scheduler]);

  // A file dropped anywhere else must not replace the app with the file's contents.
  useEffect(() => {
    const guard = (e: DragEvent) => {
      if (e.dataTransfer && [...e.dataTransfer.types].includes('Files')) e.preventDefault();
    };
    window.addEventListener('dragover', guard);
    window.addEventListener('drop', guard);
    return () => {
      window.removeEventListener('dragover', guard);
      window.removeEventListener('drop', guard);
    };
  }, []);

  const importable = calendars.filter((c) => writableIds.has(c.id) && !c.subscribed);
  const canImportInto = (calendarId: string) => importable.some((c) => c.id === calendarId);
  const openImportWith = (request: ImportRequest) => setImporting((prev) => ({ key: (prev?.key ?? 0) + 1, request }));
  const used = new Set(calendars.map((c) => c.color.toLowerCase()));
  const freshColor = (PALETTE.find((p) => !used.has(p.color)) ?? PALETTE[0]!).color;

  const actions: IcsActions = {
    openImport: (calendarId) => openImportWith({ file: null, calendarId: calendarId && canImportInto(calendarId) ? calendarId : null, direct: false, ignored: [] }),
    importFiles: (calendarId, files) => {
      if (files.length === 0) return;
      const file = files.find((f) => isIcsName(f.name) || f.type === 'text/calendar') ?? files[0]!;
      const ignored = files.filter((f) => f !== file).map((f) => f.name);
      // On the grid: the first calendar shown that the person may write to.
      const target = calendarId ?? importable.find((c) => !c.hidden)?.id ?? importable[0]?.id ?? null;
      const direct = target !== null && canImportInto(target);
      openImportWith({ file, calendarId: direct ? target : null, direct, ignored });
    },
    openExport: setExporting,
    openSubscribe: () => setSubscribing(true),
    canImportInto,
    subscription: (calendarId) => store.subscriptions().find((s) => s.calendarId === calendarId) ?? null,
    refresh: (calendarId) => scheduler.refresh(calendarId),
    setRefreshInterval: (calendarId, minutes) => store.updateSubscription(calendarId, { intervalMinutes: minutes }),
  };

  const exportCalendar = exporting ? calendars.find((c) => c.id === exporting) : undefined;
  return (
    <IcsActionsContext.Provider value={actions}>
      {children}
      {importing && <ImportIcsDialog key={importing.key} store={store} request={importing.request} calendars={importable} newColor={freshColor} onClose={() => setImporting(null)} />}
      {exportCalendar && (
        <ExportIcsDialog
          store={store}
          calendarId={exportCalendar.id}
          calendarName={exportCalendar.name}
          displayZone={displayZone}
          today={DateTime.now().setZone(displayZone).toISODate() ?? new Date().toISOString().slice(0, 10)}
          onDone={onStatus}
          onClose={() => setExporting(null)}
        />
      )}
      {subscribing && <SubscribeDialog deps={deps} color={freshColor} onDone={onStatus} onClose={() => setSubscribing(false)} />}
    </IcsActionsContext.Provider>
  );
}
