import type FullCalendar from '@fullcalendar/react';
import { DateTime } from 'luxon';
import { useEffect, useMemo, useRef, useState } from 'react';
import { canWrite } from '../../shared/permissions/canWrite';
import type { PermissionLevel } from '../../shared/permissions/PermissionLevel';
import type { Platform } from '../platform/Platform';
import type { CalendarStore, EditScope, EventInput, OccurrenceRow } from '../replica/CalendarStore';
import type { SyncService } from '../sync/SyncService';
import { calendarInfoOf } from './calendarAccess';
import { AddFromOrganisationDialog } from './AddFromOrganisationDialog';
import { calendarLabel } from './calendarLabel';
import { CalendarList, type CalendarListSharing } from './CalendarList';
import { TeamProvider } from './teams/TeamProvider';
import { ArchiveProvider } from './archive/ArchiveProvider';
import { CalendarView, type NewRange, type VisibleRange } from './CalendarView';
import { draftFromEvent, newDraft, type EditTarget, type EventDraft } from './eventDraft';
import { EventEditor } from './EventEditor';
import { IcsDropZone } from './IcsDropZone';
import { IcsProvider } from './IcsProvider';
import { InvitationsDialog } from './InvitationsDialog';
import { localeWeek } from './localeWeek';
import { MiniMonth } from './MiniMonth';
import { inputForMove, loadTarget, type MovedTimes } from './moveInput';
import { PermissionsDialog } from './PermissionsDialog';
import { AdminPage } from './AdminPage';
import { ProblemsBanner } from './ProblemsBanner';
import { RemindersButton } from './RemindersButton';
import { problemsOf } from './problemsOf';
import { ScopeDialog } from './ScopeDialog';
import { SettingsDialog } from './SettingsDialog';
import { FindTimeDialog } from './FindTimeDialog';
import { ShareDialog, type ShareRequest } from './ShareDialog';
import { Toolbar } from './Toolbar';
import { UnsavedChangesBanner } from './UnsavedChangesBanner';
import { UnsavedChangesDialog } from './UnsavedChangesDialog';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';
import { useStoreState } from './useStoreState';
import { hasAccount, useSyncState } from './useSyncState';
import { fcViewOf, isViewKind, type ViewKind } from './viewKinds';
import { systemZone as systemZoneOf } from '../../shared/time/systemZone';
import { resolveDisplayZone } from './displayZone';
import { todayIn, wallTimeOf } from './wallTime';
import './app.css';

interface AppProps {
  platform: Platform;
  store: CalendarStore;
  /**
   * Syncing and sharing through a relay. Absent (or signed out), the app is a
   * purely local calendar, exactly as before there was a relay.
   */
  sync?: SyncService;
}

interface EditorState {
  initial: EventDraft;
  target: EditTarget | null;
  /** Remounts the editor for each opening, so its state starts fresh. */
  key: number;
}

interface MovePrompt {
  row: OccurrenceRow;
  input: EventInput;
  revert: () => void;
}

/**
 * The calendar window: sidebar (mini month, calendars), toolbar, the grid,
 * and the dialogs. It owns what is on screen (view, date, open dialog); the
 * store owns the data, and every change to it arrives through subscribe.
 */
export function App({ platform, store, sync }: AppProps) {
  const state = useStoreState(store);
  const { calendars: storedCalendars, settings } = state;
  const syncState = useSyncState(sync);
  // An archived calendar stays on the device (read-only) but leaves the list and the grid until restored.
  const archivedKey = sync ? storedCalendars.filter((c) => calendarInfoOf(sync, c.id).access?.archived === true).map((c) => c.id).join(' ') : '';
  const calendars = useMemo(() => (archivedKey ? storedCalendars.filter((c) => !archivedKey.split(' ').includes(c.id)) : storedCalendars), [storedCalendars, archivedKey]);
  const account = syncState?.account ?? null;
  const signedIn = account?.status === 'signed-in';
  const withAccount = hasAccount(syncState);
  const me = account && (account.status === 'signed-in' || account.status === 'expired') ? account.me : null;
  const locale = typeof navigator === 'undefined' ? 'en-US' : navigator.language || 'en-US';
  const week = useMemo(() => localeWeek(locale), [locale]);
  const displayZone = resolveDisplayZone(settings.displayZone);
  const secondZone = settings.secondZone && resolveDisplayZone(settings.secondZone) === settings.secondZone ? settings.secondZone : null;

  const calendarRef = useRef<FullCalendar | null>(null);
  const api = () => calendarRef.current?.getApi() ?? null;
  const [view, setView] = useState<ViewKind>(() => (isViewKind(settings.view) ? settings.view : 'week'));
  const [range, setRange] = useState<VisibleRange>({ title: '', view: null, currentStart: todayIn(displayZone) });
  const [editor, setEditor] = useState<EditorState | null>(null);
  const [movePrompt, setMovePrompt] = useState<MovePrompt | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [adminOpen, setAdminOpen] = useState(false);
  const [findTimeOpen, setFindTimeOpen] = useState(false);
  const [dismissed, setDismissed] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [shareRequest, setShareRequest] = useState<ShareRequest | null>(null);
  const [permissionsFor, setPermissionsFor] = useState<string | null>(null);
  const [sharesMade, setSharesMade] = useState(0);
  const [inboxOpen, setInboxOpen] = useState(false);
  const [orgPickerOpen, setOrgPickerOpen] = useState(false);
  const [unsavedOpen, setUnsavedOpen] = useState(false);
  const editorKey = useRef(0);

  // Levels are read from the sync service on every render (its notifications re-render
  // the app); the grid gets a map that only changes when a level does.
  // A subscribed calendar is only ever written by its refresh: the person views it like a reviewer.
  const levelPairs = calendars.map((c): [string, PermissionLevel] => [c.id, c.subscribed ? 'reviewer' : sync ? calendarInfoOf(sync, c.id).level : 'owner']);
  const levelKey = JSON.stringify(levelPairs);
  const levels = useMemo(() => new Map(JSON.parse(levelKey) as [string, PermissionLevel][]), [levelKey]);
  const levelOf = (calendarId: string): PermissionLevel => levels?.get(calendarId) ?? 'owner';
  const writableCalendars = calendars.filter((c) => canWrite(levelOf(c.id)));
  const ownCalendars = calendars.filter((c) => levelOf(c.id) === 'owner');

  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(() => setStatus(null), 6000);
    return () => clearTimeout(timer);
  }, [status]);

  const today = todayIn(displayZone);
  const problems = state.problems.slice(dismissed);

  useEffect(() => {
    document.title = range.title ? `${range.title} – Tessera` : 'Tessera';
  }, [range.title]);

  const changeView = (kind: ViewKind) => {
    setView(kind);
    api()?.changeView(fcViewOf(kind));
    if (settings.view !== kind) void store.updateSettings({ view: kind }).catch(() => undefined);
  };

  const firstWritable = () => writableCalendars.find((c) => !c.hidden)?.id ?? writableCalendars[0]?.id ?? null;

  const openNew = (r: NewRange) => {
    const calendarId = firstWritable();
    if (!calendarId) return setNotice(calendars.length === 0 ? 'Create a calendar first.' : 'You can only view the calendars you have. Create a calendar of your own to add events.');
    editorKey.current += 1;
    setEditor({ key: editorKey.current, target: null, initial: newDraft(calendarId, r.start, r.end, r.allDay, displayZone) });
  };

  /** "New event" from the toolbar or the n key: the next full hour, on the day shown if today is not in view. */
  const openNewNow = () => {
    const now = DateTime.now().setZone(displayZone);
    const visibleStart = api()?.view.activeStart;
    const visibleEnd = api()?.view.activeEnd;
    const inView = !visibleStart || !visibleEnd || (now.toMillis() >= visibleStart.valueOf() && now.toMillis() < visibleEnd.valueOf());
    const base = inView ? now.plus({ hours: 1 }).startOf('hour') : DateTime.fromISO(`${range.currentStart}T09:00`, { zone: displayZone });
    openNew({ start: wallTimeOf(base.toMillis(), displayZone), end: wallTimeOf(base.plus({ hours: 1 }).toMillis(), displayZone), allDay: false });
  };

  const openRow = async (row: Pick<OccurrenceRow, 'calendarId' | 'uid' | 'recurrenceId'>) => {
    const t = await loadTarget(store, row);
    if (!t) return setNotice('This event no longer exists; it may have been deleted in another window.');
    const target: EditTarget = { calendarId: row.calendarId, uid: row.uid, recurrenceId: row.recurrenceId, event: t.event, master: t.master };
    editorKey.current += 1;
    setEditor({ key: editorKey.current, target, initial: draftFromEvent(target, displayZone) });
  };

  const move = async (row: OccurrenceRow, moved: MovedTimes, revert: () => void) => {
    // The grid does not let these be dragged; this is the guard behind it.
    if (!canWrite(levelOf(row.calendarId))) {
      revert();
      return setNotice('You can only view this calendar, so its events cannot be moved.');
    }
    const target = await loadTarget(store, row);
    if (!target) {
      revert();
      return setNotice('This event no longer exists; it may have been deleted in another window.');
    }
    const input = inputForMove(target, moved, displayZone);
    if (row.recurrenceId !== null && target.master) {
      setMovePrompt({ row, input, revert });
      return;
    }
    store.updateEvent(row.calendarId, row.uid, null, input, 'series').catch((err: unknown) => {
      revert();
      setNotice(problemsOf(err).join(' '));
    });
  };

  const applyMove = (scope: EditScope) => {
    if (!movePrompt) return;
    const { row, input, revert } = movePrompt;
    setMovePrompt(null);
    store.updateEvent(row.calendarId, row.uid, row.recurrenceId, input, scope).catch((err: unknown) => {
      revert();
      setNotice(problemsOf(err).join(' '));
    });
  };

  const undo = () => {
    if (store.canUndo()) store.undo().catch((err: unknown) => setNotice(problemsOf(err).join(' ')));
  };
  const redo = () => {
    if (store.canRedo()) store.redo().catch((err: unknown) => setNotice(problemsOf(err).join(' ')));
  };

  useKeyboardShortcuts({
    today: () => api()?.today(),
    next: () => api()?.next(),
    prev: () => api()?.prev(),
    view: changeView,
    newEvent: openNewNow,
    undo,
    redo,
  });

  const systemZone = systemZoneOf();

  const listSharing: CalendarListSharing | undefined = sync
    ? {
        infoOf: (id) => calendarInfoOf(sync, id),
        showStatus: withAccount,
        canShare: signedIn,
        onShare: (calendarId) => setShareRequest({ calendarId }),
        onPermissions: setPermissionsFor,
        onRemove: withAccount
          ? async (calendarId) => {
              const label = calendarLabel(calendars.find((c) => c.id === calendarId)?.name ?? '', calendarInfoOf(sync, calendarId));
              await sync.removeSharedCalendar(calendarId);
              setStatus(`${label} was removed from your calendars.`);
            }
          : null,
        onAddFromOrganisation: withAccount ? () => setOrgPickerOpen(true) : null,
        available: syncState?.available.length ?? 0,
      }
    : undefined;
  const unsaved = syncState?.unsaved ?? [];
  const permissionsCalendar = permissionsFor ? calendars.find((c) => c.id === permissionsFor) : undefined;
  // Read on every render, so an event whose calendar drops below 'editor' while it is open turns read-only at once.
  const editorLevel = editor?.target ? levelOf(editor.target.calendarId) : 'owner';
  const editorReadOnly = canWrite(editorLevel) ? null : editorLevel;
  // An event can move to any calendar the person may write to; a read-only one stays where it is.
  // Named "<owner> – <name>" for other people's calendars: Alice's "Calendar" is not the person's own "Calendar".
  const editorCalendars = (editorReadOnly !== null && editor ? calendars.filter((c) => c.id === editor.initial.calendarId) : writableCalendars).map((c) =>
    sync ? { ...c, name: calendarLabel(c.name, calendarInfoOf(sync, c.id)) } : c,
  );

  return (
    <IcsProvider store={store} platform={platform} sync={sync} calendars={calendars} writableIds={new Set(writableCalendars.map((c) => c.id))} displayZone={displayZone} onStatus={setStatus}>
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            {Number(today.slice(8, 10))}
          </span>
          <span className="brand-name">Tessera</span>
        </div>
        <Toolbar
          title={range.title}
          view={range.view ?? view}
          date={range.currentStart}
          canUndo={state.canUndo}
          canRedo={state.canRedo}
          onToday={() => api()?.today()}
          onPrev={() => api()?.prev()}
          onNext={() => api()?.next()}
          onJump={(d) => api()?.gotoDate(d)}
          onView={changeView}
          onUndo={undo}
          onRedo={redo}
          onNewEvent={openNewNow}
          onSettings={() => setSettingsOpen(true)}
          onAdmin={signedIn && me?.isAdmin && sync?.relayClient ? () => setAdminOpen(true) : undefined}
          reminders={<RemindersButton zone={displayZone} locale={locale} onOpenEvent={(r) => void openRow(r)} />}
          onFindTime={() => setFindTimeOpen(true)}
          inbox={
            withAccount && syncState
              ? {
                  // Unanswered meeting requests count as invitations, answers to one's meetings as notices.
                  invitations: syncState.invitations.length + syncState.meetingRequests.filter((m) => m.status === 'request' && !m.answer).length,
                  notices: syncState.notices.length + syncState.meetingReplies.length + (sync?.submissionNotices?.().length ?? 0),
                  onOpen: () => setInboxOpen(true),
                }
              : undefined
          }
        />
      </header>
      <div className="app-body">
        <aside className="sidebar" aria-label="Sidebar">
          <MiniMonth selected={range.currentStart} today={today} firstDay={week.firstDay} locale={locale} onPick={(d) => api()?.gotoDate(d)} />
          <TeamProvider sync={sync} displayZone={displayZone} onStatus={setStatus}>
            <ArchiveProvider sync={sync} locale={locale} onStatus={setStatus}>
              <CalendarList store={store} calendars={calendars} sharing={listSharing} />
            </ArchiveProvider>
          </TeamProvider>
        </aside>
        <IcsDropZone className="main">
          <ProblemsBanner problems={problems} onDismiss={() => setDismissed(state.problems.length)} />
          <UnsavedChangesBanner changes={unsaved} onReview={() => setUnsavedOpen(true)} />
          {notice && (
            <div className="banner banner-notice" role="alert">
              <p className="banner-text">{notice}</p>
              <button type="button" className="btn btn-text btn-small" onClick={() => setNotice(null)}>
                Dismiss
              </button>
            </div>
          )}
          <CalendarView
            store={store}
            calendars={calendars}
            categories={settings.categories}
            displayZone={displayZone}
            secondZone={secondZone}
            view={view}
            week={week}
            locale={locale}
            version={state.version}
            calendarRef={calendarRef}
            levels={levels}
            canCreate={writableCalendars.length > 0 || calendars.length === 0}
            onDatesSet={(r) => {
              setRange(r);
              // Day-number links in month view switch FullCalendar's view directly.
              if (r.view && r.view !== view) setView(r.view);
            }}
            onOpen={openRow}
            onCreate={openNew}
            onMove={move}
          />
        </IcsDropZone>
      </div>

      {editor && (
        <EventEditor
          key={editor.key}
          store={store}
          calendars={editorCalendars}
          categories={settings.categories}
          initial={editor.initial}
          target={editor.target}
          firstDay={week.firstDay}
          locale={locale}
          readOnlyLevel={editorReadOnly}
          onClose={() => setEditor(null)}
          meeting={sync && signedIn ? { sync, me, displayZone } : undefined}
        />
      )}
      {movePrompt && (
        <ScopeDialog
          action="edit"
          onChoose={applyMove}
          onCancel={() => {
            movePrompt.revert();
            setMovePrompt(null);
          }}
        />
      )}
      {findTimeOpen && <FindTimeDialog store={store} sync={sync ?? null} me={me} attendees={[]} organizerZone={displayZone} onClose={() => setFindTimeOpen(false)} />}
      {adminOpen && signedIn && me?.isAdmin && sync?.relayClient && <AdminPage relay={sync.relayClient()} locale={locale} onClose={() => setAdminOpen(false)} />}
      {settingsOpen && <SettingsDialog store={store} settings={settings} systemZone={systemZone} platform={platform} sync={sync} account={account ?? undefined} onClose={() => setSettingsOpen(false)} />}
      {sync && syncState && inboxOpen && (
        <InvitationsDialog
          sync={sync}
          invitations={syncState.invitations}
          notices={syncState.notices}
          available={syncState.available}
          locale={locale}
          onShareBack={signedIn && ownCalendars.length > 0 ? (userId) => setShareRequest({ calendarId: ownCalendars[0]!.id, chooseCalendar: true, subject: { kind: 'user', id: userId } }) : null}
          onDone={setStatus}
          onClose={() => setInboxOpen(false)}
          meetings={{ requests: syncState.meetingRequests, replies: syncState.meetingReplies, myId: account && account.status !== 'signed-out' && account.status !== 'signing-in' ? account.me.id : null, displayZone }}
        />
      )}
      {sync && syncState && orgPickerOpen && <AddFromOrganisationDialog sync={sync} available={syncState.available} onDone={setStatus} onClose={() => setOrgPickerOpen(false)} />}
      {sync && permissionsFor && (
        <PermissionsDialog
          key={`${permissionsFor}:${sharesMade}`}
          sync={sync}
          calendarId={permissionsFor}
          calendarName={permissionsCalendar?.name ?? ''}
          locale={locale}
          onShare={() => setShareRequest({ calendarId: permissionsFor })}
          onClose={() => setPermissionsFor(null)}
        />
      )}
      {sync && shareRequest && (
        <ShareDialog
          sync={sync}
          me={me}
          calendars={ownCalendars}
          request={shareRequest}
          onShared={(message) => {
            setSharesMade((n) => n + 1);
            setStatus(message);
          }}
          onClose={() => setShareRequest(null)}
        />
      )}
      {sync && unsavedOpen && unsaved.length > 0 && (
        <UnsavedChangesDialog sync={sync} changes={unsaved} ownCalendars={ownCalendars} displayZone={displayZone} locale={locale} onDone={setStatus} onClose={() => setUnsavedOpen(false)} />
      )}
      {/* Always there, empty when quiet: a live region has to exist before its words arrive to be read out. */}
      {sync && (
        <div className="toast" role="status">
          {status && (
            <>
              <span>{status}</span>
              <button type="button" className="btn btn-text btn-small" onClick={() => setStatus(null)}>
                OK
              </button>
            </>
          )}
        </div>
      )}
    </div>
    </IcsProvider>
  );
}
