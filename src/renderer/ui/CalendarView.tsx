import type { DayHeaderContentArg, DatesSetArg, EventChangeArg, EventClickArg, EventContentArg, EventSourceFuncArg, EventInput as FcEventInput, DateSelectArg, SlotLabelContentArg, EventMountArg, WeekNumberContentArg } from '@fullcalendar/core';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin, { type DateClickArg } from '@fullcalendar/interaction';
import listPlugin from '@fullcalendar/list';
import luxon3Plugin from '@fullcalendar/luxon3';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { DateTime } from 'luxon';
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { PermissionLevel } from '../../shared/permissions/PermissionLevel';
import type { CalendarInfo, CalendarStore, OccurrenceRow } from '../replica/CalendarStore';
import { DayHeader } from './DayHeader';
import { EventContent } from './EventContent';
import type { LocaleWeek } from './localeWeek';
import type { MovedTimes } from './moveInput';
import { rowOf, toEventInput } from './toEventInput';
import { fcViewOf, type ViewKind } from './viewKinds';
import { addDays, hourLabel, uses12Hour, wallTimeOf, zoneAbbreviation } from './wallTime';

/** A new event's range: wall times in the display zone, or dates (end exclusive) for all-day. */
export interface NewRange {
  start: string;
  end: string;
  allDay: boolean;
}

export interface VisibleRange {
  title: string;
  view: ViewKind | null;
  /** First date of the period shown, 'YYYY-MM-DD' in the display zone. */
  currentStart: string;
}

interface CalendarViewProps {
  store: CalendarStore;
  calendars: CalendarInfo[];
  categories: Record<string, string>;
  displayZone: string;
  secondZone: string | null;
  view: ViewKind;
  week: LocaleWeek;
  locale: string;
  /** Store version: a change means data may have changed, so the grid refetches. */
  version: number;
  calendarRef: RefObject<FullCalendar | null>;
  /**
   * Each calendar's level, with a sync service: events of calendars below
   * 'editor' cannot be dragged or resized. Absent, every calendar is the person's own.
   */
  levels?: ReadonlyMap<string, PermissionLevel>;
  /** Whether any calendar takes new events; if none does, selecting a range creates nothing. */
  canCreate?: boolean;
  onDatesSet: (range: VisibleRange) => void;
  onOpen: (row: OccurrenceRow) => void;
  onCreate: (range: NewRange) => void;
  onMove: (row: OccurrenceRow, moved: MovedTimes, revert: () => void) => void;
}

const PLUGINS = [luxon3Plugin, dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin];

const FC_TO_KIND: Record<string, ViewKind> = { timeGridDay: 'day', timeGridWeek: 'week', workWeek: 'workWeek', dayGridMonth: 'month', listWeek: 'agenda' };

/**
 * The calendar grid: FullCalendar fed by a function event source that asks
 * the store for the visible range of the visible calendars. The grid is drawn
 * in the display zone through the Luxon plugin; with a second zone, the time
 * axis shows both clocks and its corner names both zones.
 */
export function CalendarView(props: CalendarViewProps) {
  const { store, calendars, categories, displayZone, secondZone, view, week, locale, version, calendarRef, levels, canCreate = true } = props;

  // The event source is created once (a new function would make FullCalendar
  // drop and rebuild its sources); it reads the latest store and calendars from here.
  const latest = useRef({ store, calendars, levels });
  useEffect(() => {
    latest.current = { store, calendars, levels };
  }, [store, calendars, levels]);

  // A change of level redraws too: it changes what can be dragged and how titles read.
  const visibleKey = calendars
    .filter((c) => !c.hidden)
    .map((c) => `${c.id}:${c.color}:${levels?.get(c.id) ?? ''}`)
    .join(',');

  const [events] = useState(() => (info: EventSourceFuncArg, success: (events: FcEventInput[]) => void, failure: (error: Error) => void) => {
    const { store: s, calendars: cals, levels: lv } = latest.current;
    const visible = cals.filter((c) => !c.hidden).map((c) => c.id);
    const byId = new Map(cals.map((c) => [c.id, c]));
    s.queryRange(info.start.valueOf(), info.end.valueOf(), visible).then(
      (rows) => success(rows.map((r) => toEventInput(r, byId, lv))),
      (err: unknown) => failure(err instanceof Error ? err : new Error(String(err))),
    );
  });

  useEffect(() => {
    calendarRef.current?.getApi().refetchEvents();
  }, [version, visibleKey, calendarRef]);

  useEffect(() => {
    const api = calendarRef.current?.getApi();
    const fc = fcViewOf(view);
    if (api && api.view.type !== fc) api.changeView(fc);
  }, [view, calendarRef]);

  const callbacks = useRef(props);
  useEffect(() => {
    callbacks.current = props;
  });

  // Every option below keeps its identity until what it depends on changes. FullCalendar
  // rebuilds its view context when an option changes, and a drag in progress across that
  // rebuild is dropped as if into another calendar: drawn where it was dropped, never saved.
  // Each store notification (a save, another window's edit) re-renders this component.
  const categoriesKey = JSON.stringify(categories);
  const stableCategories = useMemo(() => JSON.parse(categoriesKey) as Record<string, string>, [categoriesKey]);
  const hour12 = uses12Hour(locale);
  // 24-hour clocks read "09:00" like the time axis; 12-hour ones "9:00 AM".
  const eventTimeFormat = useMemo(() => ({ hour: hour12 ? 'numeric' : '2-digit', minute: '2-digit', hour12 }) as const, [hour12]);
  const views = useMemo(
    () => ({
      workWeek: { type: 'timeGrid', duration: { weeks: 1 }, hiddenDays: week.weekend, buttonText: 'Work week' },
      // The corner cell above the time axis is FullCalendar's week-number cell; with a
      // second zone it names both zones instead (there is no other hook for that corner).
      timeGrid: { weekNumbers: secondZone !== null },
    }),
    [week.weekend, secondZone],
  );

  const scrollTime = useMemo(() => {
    const hour = DateTime.now().setZone(displayZone).hour;
    return `${String(Math.max(0, hour - 1)).padStart(2, '0')}:00:00`;
  }, [displayZone]);

  const slotLabel = useCallback(
    (arg: SlotLabelContentArg) => {
      const ms = arg.date.valueOf();
      if (!secondZone) return <span className="slot-main">{hourLabel(ms, displayZone, locale)}</span>;
      return (
        <span className="slot-dual">
          <span className="slot-second">{hourLabel(ms, secondZone, locale)}</span>
          <span className="slot-main">{hourLabel(ms, displayZone, locale)}</span>
        </span>
      );
    },
    [secondZone, displayZone, locale],
  );

  // Named for the week shown, not for today: a June week viewed in winter reads "CEST", not "CET".
  // FullCalendar passes the range start as a UTC-coerced date, hours off at most: close enough for an offset.
  const zoneHeader = useCallback(
    (arg: WeekNumberContentArg) => (
      <span className="zone-header" title={`Times in ${secondZone} and ${displayZone}`}>
        <span className="slot-second">{zoneAbbreviation(secondZone ?? displayZone, arg.date.valueOf(), locale)}</span>
        <span className="slot-main">{zoneAbbreviation(displayZone, arg.date.valueOf(), locale)}</span>
      </span>
    ),
    [secondZone, displayZone, locale],
  );

  const moved = useCallback((info: EventChangeArg) => {
    const e = info.event;
    if (!e.start) return info.revert();
    callbacks.current.onMove(rowOf(e.extendedProps), { allDay: e.allDay, startMs: e.start.valueOf(), endMs: e.end ? e.end.valueOf() : null, startStr: e.startStr, endStr: e.endStr }, info.revert);
  }, []);

  // The agenda's day headings keep FullCalendar's own (weekday and full date); `true` asks for the default.
  const dayHeaderContent = useCallback(
    (arg: DayHeaderContentArg) => (arg.view.type.startsWith('list') ? true : <DayHeader arg={arg} zone={displayZone} locale={locale} />),
    [displayZone, locale],
  );
  const eventContent = useCallback((arg: EventContentArg) => <EventContent arg={arg} categories={stableCategories} />, [stableCategories]);
  const eventDidMount = useCallback(
    (arg: EventMountArg) => {
      const row = rowOf(arg.event.extendedProps);
      arg.el.style.setProperty('--ev-color', (arg.event.extendedProps.color as string | undefined) ?? arg.event.backgroundColor);
      const first = row.categories.find((c) => stableCategories[c]);
      if (first) arg.el.style.setProperty('--ev-cat', stableCategories[first]!);
      if (first) arg.el.classList.add('ev-has-cat');
    },
    [stableCategories],
  );
  const datesSet = useCallback(
    (arg: DatesSetArg) => {
      const start = arg.view.currentStart;
      callbacks.current.onDatesSet({ title: arg.view.title, view: FC_TO_KIND[arg.view.type] ?? null, currentStart: wallTimeOf(start.valueOf(), displayZone).slice(0, 10) });
    },
    [displayZone],
  );
  const eventClick = useCallback((arg: EventClickArg) => {
    arg.jsEvent.preventDefault();
    callbacks.current.onOpen(rowOf(arg.event.extendedProps));
  }, []);
  const dateClick = useCallback(
    (arg: DateClickArg) => {
      if (arg.allDay) callbacks.current.onCreate({ start: arg.dateStr.slice(0, 10), end: addDays(arg.dateStr.slice(0, 10), 1), allDay: true });
      else {
        const ms = arg.date.valueOf();
        callbacks.current.onCreate({ start: wallTimeOf(ms, displayZone), end: wallTimeOf(ms + 3_600_000, displayZone), allDay: false });
      }
    },
    [displayZone],
  );
  const select = useCallback(
    (arg: DateSelectArg) => {
      arg.view.calendar.unselect();
      if (arg.allDay) callbacks.current.onCreate({ start: arg.startStr.slice(0, 10), end: arg.endStr.slice(0, 10), allDay: true });
      else callbacks.current.onCreate({ start: wallTimeOf(arg.start.valueOf(), displayZone), end: wallTimeOf(arg.end.valueOf(), displayZone), allDay: false });
    },
    [displayZone],
  );

  return (
    <div className="calendar-view">
      <FullCalendar
        ref={calendarRef}
        plugins={PLUGINS}
        initialView={fcViewOf(view)}
        headerToolbar={false}
        height="100%"
        timeZone={displayZone}
        // Titles and dates in the person's own locale (FullCalendar formats with Intl).
        locale={locale}
        firstDay={week.firstDay}
        views={views}
        nowIndicator
        editable
        selectable={canCreate}
        selectMirror
        // A plain click opens a one-hour event (dateClick); only a real drag selects a range.
        selectMinDistance={6}
        eventResizableFromStart={false}
        eventInteractive
        dayMaxEvents
        navLinks
        navLinkDayClick="timeGridDay"
        scrollTime={scrollTime}
        slotDuration="00:30:00"
        eventTimeFormat={eventTimeFormat}
        slotLabelContent={slotLabel}
        dayHeaderContent={dayHeaderContent}
        weekNumberContent={zoneHeader}
        allDayText="All day"
        noEventsText="Nothing scheduled"
        events={events}
        eventContent={eventContent}
        eventDidMount={eventDidMount}
        datesSet={datesSet}
        eventClick={eventClick}
        dateClick={dateClick}
        select={select}
        eventDrop={moved}
        eventResize={moved}
      />
    </div>
  );
}
