/** A recurrence rule that cannot be read; the message says which part and why. */
export class RecurrenceRuleError extends Error {
  override name = 'RecurrenceRuleError';
}
