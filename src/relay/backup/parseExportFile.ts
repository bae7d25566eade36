import * as Y from 'yjs';
import { RelayError } from '../RelayError';
import { hashFeedToken } from '../ics/hashFeedToken';
import { checksumOf } from './buildExport';
import { EXPORT_FORMAT, EXPORT_VERSION, exportBodySchema, exportFileSchema, READABLE_VERSIONS, VERSION_2_SECTIONS, type ExportBody, type ExportFile } from './exportFileSchema';

const damaged = (why: string) => new RelayError(400, 'export_damaged', `The export file is damaged: ${why}; nothing was restored`);

/**
 * Checks a whole export file before anything is written: a file that is not a
 * Tessera export (or of a newer version) is 'export_foreign'; one whose
 * checksum, fields, references or documents do not hold is 'export_damaged'.
 * A version 1 file comes back as version 2 with the newer sections empty.
 */
export function parseExportFile(raw: unknown): ExportFile {
  const marker = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  if (marker.format !== EXPORT_FORMAT) throw new RelayError(400, 'export_foreign', 'This is not a Tessera export file; nothing was restored');
  if (typeof marker.version !== 'number' || !READABLE_VERSIONS.includes(marker.version)) {
    throw new RelayError(400, 'export_foreign', `This export has version ${String(marker.version)}; this relay reads versions ${READABLE_VERSIONS.join(' and ')}; nothing was restored`);
  }
  const outer = exportFileSchema.safeParse(raw);
  if (!outer.success) throw damaged(outer.error.issues[0]?.message ?? 'bad envelope');
  if (checksumOf(outer.data.body) !== outer.data.checksum) throw damaged('its checksum does not match its content');
  if (outer.data.version === 1 && typeof outer.data.body === 'object' && outer.data.body !== null) {
    const found = VERSION_2_SECTIONS.find((k) => k in (outer.data.body as object));
    if (found) throw damaged(`a version 1 file has no ${found}`);
  }
  const parsed = exportBodySchema.safeParse(outer.data.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw damaged(issue ? `${issue.path.join('.')}: ${issue.message}` : 'bad content');
  }
  const body = parsed.data;
  const people = new Set(body.people.map((p) => p.id));
  if (people.size !== body.people.length) throw damaged('a person appears twice');
  if (new Set(body.calendars.map((c) => c.id)).size !== body.calendars.length) throw damaged('a calendar appears twice');
  if (body.kind === 'account') {
    if (!body.accountId || body.people.length !== 1 || body.people[0]!.id !== body.accountId) throw damaged('an account export holds exactly its own person');
    if (body.calendars.some((c) => c.ownerId !== body.accountId)) throw damaged('an account export holds only its own calendars');
    if (body.groups.length > 0) throw damaged('an account export holds no groups');
  } else {
    if (body.calendars.some((c) => !people.has(c.ownerId))) throw damaged('a calendar is owned by someone not in the file');
    if (body.groups.some((g) => g.members.some((m) => !people.has(m)))) throw damaged('a group has a member not in the file');
  }
  if (body.overlays.some((o) => !people.has(o.userId))) throw damaged('an overlay belongs to someone not in the file');
  const checkDoc = (b64: string, what: string) => {
    try {
      Y.decodeUpdate(Buffer.from(b64, 'base64'));
    } catch {
      throw damaged(`${what} is not a Yjs document`);
    }
  };
  for (const c of body.calendars) {
    checkDoc(c.documents.full, `calendar ${c.id}`);
    if (c.documents.private) checkDoc(c.documents.private, `calendar ${c.id} (private)`);
  }
  for (const o of body.overlays) checkDoc(o.state, `the overlay of ${o.userId}`);
  checkNewSections(body, people);
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, checksum: outer.data.checksum, body };
}

/** The version 2 sections: each refers only to people and calendars in the same file, and says each thing once. */
function checkNewSections(body: ExportBody, people: Set<string>): void {
  const calendars = new Map(body.calendars.map((c) => [c.id, c]));
  const once = (ids: string[], what: string) => {
    if (new Set(ids).size !== ids.length) throw damaged(`${what} appears twice`);
  };
  for (const c of body.calendars) if (!c.archived && (c.archivedAt !== undefined || c.archivedBy !== undefined)) throw damaged(`calendar ${c.id} has an archive time but is not archived`);
  if (body.kind === 'account') {
    if (body.policy !== null || !body.appPasswordsAllowed) throw damaged('an account export holds no organisation policy');
    if (body.sharedAddresses.length > 0 || body.removedPeople.length > 0 || body.appPasswords.length > 0) throw damaged('an account export holds no shared addresses, removed people or app passwords');
  }
  once(body.profiles.map((p) => p.userId), 'a profile');
  if (body.profiles.some((p) => !people.has(p.userId))) throw damaged('a profile belongs to someone not in the file');

  once(body.sharedAddresses.map((a) => a.personId), 'a shared address');
  const aliases = body.sharedAddresses.flatMap((a) => a.aliases.map((x) => x.toLowerCase()));
  once(aliases, 'an alias');
  const emails = new Set(body.people.map((p) => p.email.toLowerCase()));
  if (aliases.some((a) => emails.has(a))) throw damaged('an alias is the address of a person in the file');
  for (const a of body.sharedAddresses) {
    if (!people.has(a.personId)) throw damaged('a shared address (or its alias) belongs to someone not in the file');
    if (calendars.get(a.calendarId)?.ownerId !== a.personId) throw damaged(`the calendar of shared address ${a.personId} is not in the file`);
    if (a.members.some((m) => !people.has(m) || m === a.personId)) throw damaged(`shared address ${a.personId} has a member not in the file`);
  }

  once(body.teams.map((t) => t.calendarId), 'a team calendar');
  once(body.teams.flatMap((t) => t.pending.map((s) => s.id)), 'a submission');
  for (const t of body.teams) {
    if (calendars.get(t.calendarId)?.team !== true) throw damaged(`team settings name calendar ${t.calendarId}, which is not a team calendar in the file`);
    if (t.pending.some((s) => !people.has(s.submitterId))) throw damaged('a submission comes from someone not in the file');
  }

  once(body.removedPeople.map((r) => r.userId), 'a removed person');
  if (body.removedPeople.some((r) => !people.has(r.userId))) throw damaged('a removed person is not in the file');

  once(body.icsLinks.map((l) => l.id), 'an ICS link');
  once(body.icsLinks.map((l) => l.tokenHash), 'an ICS link token');
  for (const l of body.icsLinks) {
    if (!calendars.has(l.calendarId)) throw damaged(`an ICS link is for calendar ${l.calendarId}, which is not in the file`);
    if (l.token !== null && hashFeedToken(l.token) !== l.tokenHash) throw damaged(`ICS link ${l.id} has a token that does not match its hash`);
    if (l.revokedAt !== null && l.token !== null) throw damaged(`revoked ICS link ${l.id} still has its token`);
  }

  once(body.appPasswords.map((a) => a.id), 'an app password');
  if (body.appPasswords.some((a) => !people.has(a.userId))) throw damaged('an app password belongs to someone not in the file');
}
