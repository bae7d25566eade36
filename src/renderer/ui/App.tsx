import type FullCalendar from '@fullcalendar/react';
import { DateTime } from 'luxon';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Platform } from '../platform/Platform';
import type { CalendarStore, EditScope, EventInput, OccurrenceRow } from '../replica/CalendarStore';
import { CalendarList } from './CalendarList';
import { CalendarView, type NewRange, type VisibleRange } from './CalendarView';
import { draftFromEvent, newDraft, type EditTarget, type EventDraft } from './eventDraft';
import { EventEditor } from './EventEditor';
import { localeWeek } from './localeWeek';
import { MiniMonth } from './MiniMonth';
import { inputForMove, loadTarget, type MovedTimes } from './moveInput';
import { ProblemsBanner } from './ProblemsBanner';
import { problemsOf } from './problemsOf';
import { ScopeDialog } from './ScopeDialog';
import { SettingsDialog } from './SettingsDialog';
import { Toolbar } from './Toolbar';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';
import { useStoreState } from './useStoreState';
import { fcViewOf, isViewKind, type ViewKind } from './viewKinds';
import { systemZone as systemZoneOf } from '../../shared/time/systemZone';
import { resolveDisplayZone } from './displayZone';
import { todayIn, wallTimeOf } from './wallTime';
import './app.css';

interface AppProps {
  platform: Platform;
  store: CalendarStore;
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
export function App({ platform, store }: AppProps) {
  const state = useStoreState(store);
  const { calendars, settings } = state;
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
  const [dismissed, setDismissed] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const editorKey = useRef(0);

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

  const firstWritable = () => calendars.find((c) => !c.hidden)?.id ?? calendars[0]?.id ?? null;

  const openNew = (r: NewRange) => {
    const calendarId = firstWritable();
    if (!calendarId) return setNotice('Create a calendar first.');
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

  const openRow = async (row: OccurrenceRow) => {
    const t = await loadTarget(store, row);
    if (!t) return setNotice('This event no longer exists; it may have been deleted in another window.');
    const target: EditTarget = { calendarId: row.calendarId, uid: row.uid, recurrenceId: row.recurrenceId, event: t.event, master: t.master };
    editorKey.current += 1;
    setEditor({ key: editorKey.current, target, initial: draftFromEvent(target, displayZone) });
  };

  const move = async (row: OccurrenceRow, moved: MovedTimes, revert: () => void) => {
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

  return (
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
        />
      </header>
      <div className="app-body">
        <aside className="sidebar" aria-label="Sidebar">
          <MiniMonth selected={range.currentStart} today={today} firstDay={week.firstDay} locale={locale} onPick={(d) => api()?.gotoDate(d)} />
          <CalendarList store={store} calendars={calendars} />
        </aside>
        <main className="main">
          <ProblemsBanner problems={problems} onDismiss={() => setDismissed(state.problems.length)} />
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
            onDatesSet={(r) => {
              setRange(r);
              // Day-number links in month view switch FullCalendar's view directly.
              if (r.view && r.view !== view) setView(r.view);
            }}
            onOpen={openRow}
            onCreate={openNew}
            onMove={move}
          />
        </main>
      </div>

      {editor && (
        <EventEditor
          key={editor.key}
          store={store}
          calendars={calendars}
          categories={settings.categories}
          initial={editor.initial}
          target={editor.target}
          firstDay={week.firstDay}
          locale={locale}
          onClose={() => setEditor(null)}
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
      {settingsOpen && <SettingsDialog store={store} settings={settings} systemZone={systemZone} platform={platform} onClose={() => setSettingsOpen(false)} />}
    </div>
  );
}
