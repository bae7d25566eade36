import { describeRule } from '../../shared/recurrence/describeRule';
import { problemsOf } from './problemsOf';
import { recurrenceToRRule, type RecurrenceDraft } from './recurrenceDraft';

/**
 * The reading shown under the repeat controls ("Every 2 weeks on Monday,
 * Wednesday, until 30 Jun 2027"), from the rule the draft would save, so
 * what is shown is what is stored. A draft that makes no valid rule shows why.
 */
export function describeRecurrence(d: RecurrenceDraft, startDate: string, allDay: boolean, tzid: string | null, locale: string): string {
  if (d.freq === 'none') return '';
  try {
    const rrule = recurrenceToRRule(d, startDate, allDay, tzid);
    return rrule ? describeRule(rrule, startDate, locale, tzid) : '';
  } catch (err) {
    return problemsOf(err)[0] ?? '';
  }
}
