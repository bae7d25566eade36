/**
 * Stable id of one reminder of one occurrence. Built only from what every device
 * of the person computes alike (the occurrence's wall-clock start, not an
 * instant that depends on the device's zone), so a dismissal made on one device
 * names the same instance on all. A moved occurrence gets a new id and reminds again.
 */
export function reminderInstanceId(calendarId: string, uid: string, start: string, minutes: number): string {
  // Seconds are optional in the model ('T10:00' and 'T10:00:00' are one time): one spelling, one id.
  const wall = start.length === 16 ? `${start}:00` : start;
  return `${calendarId}|${uid}|${wall}|${minutes}`;
}
