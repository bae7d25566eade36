/**
 * An RRULE as the recurrence editor sees it. Parts the editor does not model
 * (BYHOUR, BYWEEKNO, X- extensions, RFC 7529 RSCALE ...) are kept verbatim in
 * `otherParts` so that opening and saving a rule from another client never drops them.
 */

export const FREQUENCIES = ['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** Weekday codes in ISO order, so WEEKDAYS.indexOf(code) is 0 for Monday. */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A BYDAY entry: every such weekday (nth null), or the nth one, counted from the end when negative. */
export interface WeekdayNum {
  day: Weekday;
  nth: number | null;
}

export interface RecurrenceRule {
  freq: Frequency;
  /** 1 when the rule has no INTERVAL. */
  interval: number;
  byDay: WeekdayNum[];
  byMonthDay: number[];
  byMonth: number[];
  bySetPos: number[];
  /**
   * Last possible start, in the model's local forms: 'YYYY-MM-DD' (date),
   * 'YYYY-MM-DDTHH:mm:ss' (floating, in the event's zone) or 'YYYY-MM-DDTHH:mm:ssZ' (UTC).
   */
  until: string | null;
  count: number | null;
  wkst: Weekday | null;
  /** Other parts as [NAME, value], in their original order and spelling. */
  otherParts: Array<[string, string]>;
}
