import type { RecurrenceRule, WeekdayNum } from './RecurrenceRule';
import { parseRRule } from './parseRRule';

/** '2027-06-30T23:59:59Z' -> '20270630T235959Z'; seconds are added when missing. */
function formatUntil(until: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(Z)?)?$/.exec(until);
  if (!m) return until;
  const [, y, mo, d, h, mi, s, z] = m;
  return h === undefined ? `${y}${mo}${d}` : `${y}${mo}${d}T${h}${mi}${s ?? '00'}${z ?? ''}`;
}

function formatByDay(days: readonly WeekdayNum[]): string {
  return days.map((d) => (d.nth === null ? d.day : `${d.nth}${d.day}`)).join(',');
}

/**
 * Writes a rule back as an RRULE value (no "RRULE:" prefix). Known parts come in
 * a fixed order; parts the editor does not model follow verbatim in their
 * original order.
 *
 * @throws RecurrenceRuleError when the rule is not one parseRRule would accept,
 *   so an invalid rule is never stored
 */
export function formatRRule(rule: RecurrenceRule): string {
  const parts = [`FREQ=${rule.freq}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.byMonth.length) parts.push(`BYMONTH=${rule.byMonth.join(',')}`);
  if (rule.byMonthDay.length) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(',')}`);
  if (rule.byDay.length) parts.push(`BYDAY=${formatByDay(rule.byDay)}`);
  if (rule.bySetPos.length) parts.push(`BYSETPOS=${rule.bySetPos.join(',')}`);
  if (rule.wkst !== null) parts.push(`WKST=${rule.wkst}`);
  if (rule.until !== null) parts.push(`UNTIL=${formatUntil(rule.until)}`);
  if (rule.count !== null) parts.push(`COUNT=${rule.count}`);
  for (const [name, value] of rule.otherParts) parts.push(`${name}=${value}`);
  const text = parts.join(';');
  parseRRule(text);
  return text;
}
