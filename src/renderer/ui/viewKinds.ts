/**
 * The five views the toolbar offers, mapped to FullCalendar view names. The
 * work week is a custom timeGrid view (see CalendarView) so it can hide the
 * locale's weekend rather than always Saturday and Sunday.
 */
export type ViewKind = 'day' | 'week' | 'workWeek' | 'month' | 'agenda';

export interface ViewDef {
  kind: ViewKind;
  label: string;
  /** FullCalendar view type. */
  fc: string;
  /** Single-key shortcut. */
  key: string;
}

export const VIEW_DEFS: readonly ViewDef[] = [
  { kind: 'day', label: 'Day', fc: 'timeGridDay', key: 'd' },
  { kind: 'week', label: 'Week', fc: 'timeGridWeek', key: 'w' },
  { kind: 'workWeek', label: 'Work week', fc: 'workWeek', key: 'x' },
  { kind: 'month', label: 'Month', fc: 'dayGridMonth', key: 'm' },
  { kind: 'agenda', label: 'Agenda', fc: 'listWeek', key: 'a' },
];

export function isViewKind(value: unknown): value is ViewKind {
  return VIEW_DEFS.some((v) => v.kind === value);
}

export function fcViewOf(kind: ViewKind): string {
  return VIEW_DEFS.find((v) => v.kind === kind)?.fc ?? 'timeGridWeek';
}
