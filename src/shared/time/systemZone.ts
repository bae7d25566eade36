import { isValidZone } from './isValidZone';

/** The zone this machine is set to, or 'UTC' where the runtime cannot say. */
export function systemZone(): string {
  try {
    const tz = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    return tz && isValidZone(tz) ? tz : 'UTC';
  } catch {
    return 'UTC';
  }
}
