import { isPermissionLevel } from '../../shared/permissions/PermissionLevel';
import type { AuditEntry } from '../../shared/protocol/api';
import { levelLabel } from './levelWords';

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value : null;
}

function level(value: unknown): string | null {
  return isPermissionLevel(value) && value !== 'none' ? levelLabel(value) : null;
}

/**
 * One audit log entry as the words after the actor's name: "shared with Bob
 * Stone (Can edit)". The relay names actions `grant.add`, `grant.change`,
 * `grant.remove`, `default.calendar`, `invitation.accept`, `calendar.rename`, `ics-link.publish` and
 * so on, with the levels in `detail`; an action this does not know is still
 * shown, in its own words, rather than hidden.
 */
export function describeAudit(entry: AuditEntry, nameOf: (subject: string) => string | null): string {
  const d = entry.detail;
  const [noun = '', verb = ''] = entry.action.toLowerCase().split('.');
  const who = (entry.subject ? nameOf(entry.subject) : null) ?? text(d.subjectName) ?? entry.subject ?? 'someone';
  const to = level(d.level);
  const from = level(d.previousLevel);
  const privateNote = d.level === 'delegate' && d.seesPrivate === true ? ', can see private items' : '';

  if (noun === 'grant') {
    if (verb === 'remove' || d.level === 'none') return `stopped sharing with ${who}`;
    if (verb === 'change' && from && to) return `changed ${who} from “${from}” to “${to}”${privateNote}`;
    const asked = d.askBack === true ? ' and asked them to share back' : '';
    return `shared with ${who}${to ? ` (${to}${privateNote})` : ''}${asked}`;
  }
  if (noun === 'default') {
    if (!to) return d.level === 'none' ? 'stopped sharing with People in my organization' : 'set People in my organization to follow the organisation’s default';
    return `set People in my organization to “${to}”`;
  }
  if (noun === 'invitation') {
    if (verb === 'accept') return to ? `accepted the invitation (${to})` : 'accepted the invitation';
    if (verb === 'decline') return 'declined the invitation';
  }
  if (noun === 'calendar') {
    if (verb === 'create') return 'created the calendar';
    if (verb === 'rename') return text(d.name) ? `renamed the calendar to “${text(d.name)}”` : 'renamed the calendar';
    if (verb === 'delete') return 'deleted the calendar';
  }
  if (noun === 'ics-link') {
    const shows = d.level === 'availability' ? 'availability only' : d.level === 'limited' ? 'limited details' : d.level === 'reviewer' ? 'all details' : null;
    if (verb === 'revoke') return shows ? `revoked a published link (${shows})` : 'revoked a published link';
    if (verb === 'publish') return `published a link${shows ? ` (${shows}${d.password === true ? ', with a password' : ''})` : ''}`;
  }
  if (noun === 'policy') {
    if (verb === 'change') return `changed the organisation’s policies${Array.isArray(d.changed) ? ` (${d.changed.map(String).join(', ')})` : ''}`;
    if (verb === 'enforce') return `applied the tightened policies: ${Number(d.grantsDowngraded) || 0} external shares lowered, ${Number(d.grantsRemoved) || 0} removed, ${Number(d.linksRevoked) || 0} links revoked`;
  }
  if (noun === 'admin' && verb === 'revoke-share') return `revoked the share with ${who} from the admin review`;
  if (noun === 'person' && verb === 'remove') return `removed ${text(d.name) ?? who} from the organisation`;
  if (noun === 'calendar' && verb === 'transfer') return `handed “${text(d.name) ?? 'a calendar'}” to ${who}`;
  if (noun === 'app-password') return `${verb === 'revoke' ? 'revoked' : 'created'} the app password “${text(d.name) ?? ''}”${d.reason === 'switched-off' ? ' (app passwords switched off)' : ''}`;
  if (noun === 'org' && verb === 'app-passwords') return d.allowed === true ? 'allowed app passwords' : 'switched app passwords off';
  if (noun === 'shared-address') {
    if (verb === 'create') return `created the shared address ${text(d.email) ?? who}`;
    if (verb === 'add-member') return `added ${who} to a shared address`;
    if (verb === 'remove-member') return `removed ${who} from a shared address`;
    if (verb === 'add-alias' || verb === 'remove-alias') return `${verb === 'add-alias' ? 'added' : 'removed'} the alias ${text(d.alias) ?? ''}`;
  }
  if (noun === 'projections') return 'refreshed what limited and busy-only viewers see';
  const phrase = entry.action.replace(/[._-]+/g, ' ').trim() || entry.action;
  return entry.subject ? `${phrase} (${who})` : phrase;
}
