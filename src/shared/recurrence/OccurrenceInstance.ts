/** One occurrence of an event, placed in time. */
export interface OccurrenceInstance {
  /**
   * The original start this occurrence replaces or is ('YYYY-MM-DDTHH:mm:ss', all-day
   * 'YYYY-MM-DD'); null for a non-recurring event. For an overridden occurrence it is
   * the key exactly as given in the overrides map.
   */
  recurrenceId: string | null;
  /**
   * Wall-clock start and end in the event's own zone (or the floating zone), model
   * form. These are the real times: a nominal start in a DST gap (02:30 on the
   * night clocks jump) shows as 03:30, while recurrenceId keeps 02:30.
   */
  start: string;
  end: string;
  startMs: number;
  endMs: number;
  /** True when a changed occurrence (override) supplied the times. */
  overridden: boolean;
}
