import type { RestoreReport } from '../../../shared/protocol/trash';

const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** One status line for a restore: what came back, what was already here, and what was cut or left out, and why. */
export function describeRestore(r: RestoreReport): string {
  const parts: string[] = [];
  const restored = r.calendarsRestored.length;
  const skipped = r.calendarsSkipped.length;
  if (restored === 0 && r.peopleCreated === 0) {
    parts.push(skipped > 0 ? 'Nothing to restore: every calendar in the file is already here or in Deleted calendars, and was left as it is.' : 'Nothing to restore: the file holds no calendar that is missing here.');
  } else {
    parts.push(`${n(restored, 'calendar')} restored${skipped > 0 ? `; ${skipped} already here, left as ${skipped === 1 ? 'it is' : 'they are'}` : ''}.`);
  }
  if (r.peopleCreated > 0) parts.push(`${n(r.peopleCreated, 'person', 'people')} added.`);
  if (r.peopleWithoutPassword.length > 0) parts.push(`${r.peopleWithoutPassword.join(', ')} cannot sign in until an administrator sets a password.`);
  if (r.grantsRestored > 0) parts.push(`${n(r.grantsRestored, 'share')} restored.`);
  if (r.grantsDropped > 0) parts.push(`${n(r.grantsDropped, 'share')} left out: the person or group is not here.`);
  const cut = r.policyCutBack;
  const cuts = [
    cut.grantsLowered > 0 ? `${n(cut.grantsLowered, 'share')} outside the organisation lowered` : '',
    cut.grantsLeftOut > 0 ? `${n(cut.grantsLeftOut, 'share')} outside the organisation left out` : '',
    cut.linksRevoked > 0 ? `${n(cut.linksRevoked, 'published link')} turned off` : '',
  ].filter(Boolean);
  if (cuts.length > 0) parts.push(`By your organisation's policies: ${cuts.join(', ')}.`);
  return parts.join(' ');
}
