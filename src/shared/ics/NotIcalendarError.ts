/** The input is not an iCalendar file at all (bad content inside one is reported, never thrown). */
export class NotIcalendarError extends Error {
  override name = 'NotIcalendarError';
}
