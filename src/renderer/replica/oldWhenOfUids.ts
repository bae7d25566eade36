import { parseEventKey } from '../../shared/model/CalendarEvent';

/**
 * The changed keys' previous `when` (PendingChanges.oldWhen), per UID: a series'
 * changed occurrences beside its master. Grouped once per flush, because looking
 * through every changed key for each changed UID made a large import quadratic.
 */
export function oldWhenOfUids(oldWhen: ReadonlyMap<string, string | undefined>): Map<string, Map<string, string | undefined>> {
  const out = new Map<string, Map<string, string | undefined>>();
  for (const [key, value] of oldWhen) {
    const { uid } = parseEventKey(key);
    let forUid = out.get(uid);
    if (!forUid) out.set(uid, (forUid = new Map()));
    forUid.set(key, value);
  }
  return out;
}
