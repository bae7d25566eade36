import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { submitItemSchema, type SubmittedItem } from '../../shared/protocol/teamCalendars';
import type { CalendarRow, OrgRow, PersonRow } from '../store/rowSchemas';
import type { Store } from '../store/Store';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportBody, type ExportedCalendar, type ExportFile } from './exportFileSchema';

/** A stored room as one Yjs update (its snapshot and later updates merged), or null when nothing is stored. */
export function roomState(store: Store, room: string): Uint8Array | null {
  const stored = store.rooms.load(room);
  const parts = [...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates.map((u) => u.data)];
  return parts.length === 0 ? null : Y.mergeUpdates(parts);
}

const EMPTY_DOC = Y.encodeStateAsUpdate(new Y.Doc());
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export function exportCalendar(store: Store, c: CalendarRow): ExportedCalendar {
  const priv = roomState(store, `cal/${c.id}/private`);
  return {
    id: c.id,
    ownerId: c.owner_id,
    name: c.name,
    defaultLevel: c.default_level === 'owner' || c.default_level === 'delegate' ? null : c.default_level,
    titlesEpoch: c.titles_epoch,
    busyEpoch: c.busy_epoch,
    createdAt: c.created_at,
    ...archiveStateOf(store, c.id),
    ...(c.team === true ? { team: true } : {}),
    grants: store.sharing
      .grants(c.id)
      .filter((g) => g.level !== 'owner' && g.level !== 'none')
      .map((g) => ({ subjectKind: g.subject_kind, subjectId: g.subject_id, level: g.level as Exclude<typeof g.level, 'owner' | 'none'>, seesPrivate: g.sees_private, since: g.since, grantedBy: g.granted_by })),
    documents: { full: b64(roomState(store, `cal/${c.id}/full`) ?? EMPTY_DOC), private: priv ? b64(priv) : null },
  };
}

function archiveStateOf(store: Store, calendarId: string): Pick<ExportedCalendar, 'archived' | 'archivedAt' | 'archivedBy'> {
  const row = store.archive.get(calendarId);
  return row ? { archived: true, archivedAt: row.archived_at, archivedBy: row.archived_by } : { archived: false };
}

export function exportProfile(store: Store, userId: string): ExportBody['profiles'] {
  const p = store.profiles.get(userId);
  return p ? [{ userId, ...p }] : [];
}

/** Links of the calendars in the file, with their tokens and settings; not their access logs. */
export function exportIcsLinks(store: Store, calendars: readonly ExportedCalendar[]): ExportBody['icsLinks'] {
  return calendars.flatMap((c) =>
    store.icsLinks
      .forCalendar(c.id)
      .map((l) => ({
        id: l.id,
        calendarId: l.calendar_id,
        tokenHash: l.token_hash,
        token: l.token,
        level: l.level,
        passwordHash: l.password_hash,
        expiresAt: l.expires_at,
        createdAt: l.created_at,
        createdBy: l.created_by,
        createdByName: l.created_by_name,
        revokedAt: l.revoked_at,
      }))
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)),
  );
}

/** Team settings of the team calendars in the file; pending submissions only where their submitters are in it. */
export function exportTeams(store: Store, calendars: readonly ExportedCalendar[], withSubmissions: boolean): ExportBody['teams'] {
  return calendars.flatMap((c) => {
    const team = c.team === true ? store.teams.team(c.id) : null;
    if (!team) return [];
    const pending = withSubmissions
      ? store.teams
          .submissionsOf(c.id, 1_000_000)
          .filter((s) => s.status === 'pending')
          .flatMap((s) => {
            const item = parseItem(s.item);
            return item ? [{ id: s.id, submitterId: s.submitter_id, item, at: s.at }] : [];
          })
      : [];
    return [{ calendarId: c.id, scopeKind: team.scope_kind, level: team.level, acceptsSubmissions: team.accepts_submissions, createdBy: team.created_by, createdAt: team.created_at, pending }];
  });
}

function parseItem(json: string): SubmittedItem | null {
  try {
    const parsed = submitItemSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function exportPerson(p: PersonRow, withHash: boolean): ExportBody['people'][number] {
  return { id: p.id, email: p.email, name: p.name, isAdmin: p.is_admin, createdAt: p.created_at, passwordHash: withHash ? p.password_hash : null };
}

export function exportOrgRow(org: OrgRow): ExportBody['org'] {
  return { id: org.id, name: org.name, defaultLevel: org.default_level, createdAt: org.created_at };
}

export function exportOverlay(store: Store, userId: string): ExportBody['overlays'][number] | null {
  const state = roomState(store, `user/${userId}`);
  return state ? { userId, state: b64(state) } : null;
}

/** Wraps a body with the format marker, version and checksum. */
export function sealExport(body: ExportBody): ExportFile {
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, checksum: checksumOf(body), body };
}

export function checksumOf(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}
