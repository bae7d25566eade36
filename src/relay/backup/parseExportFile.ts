import * as Y from 'yjs';
import { RelayError } from '../RelayError';
import { checksumOf } from './buildExport';
import { EXPORT_FORMAT, EXPORT_VERSION, exportBodySchema, exportFileSchema, type ExportFile } from './exportFileSchema';

const damaged = (why: string) => new RelayError(400, 'export_damaged', `The export file is damaged: ${why}; nothing was restored`);

/**
 * Checks a whole export file before anything is written: a file that is not a
 * Tessera export (or of a newer version) is 'export_foreign'; one whose
 * checksum, fields, references or documents do not hold is 'export_damaged'.
 */
export function parseExportFile(raw: unknown): ExportFile {
  const marker = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  if (marker.format !== EXPORT_FORMAT) throw new RelayError(400, 'export_foreign', 'This is not a Tessera export file; nothing was restored');
  if (marker.version !== EXPORT_VERSION) throw new RelayError(400, 'export_foreign', `This export has version ${String(marker.version)}; this relay reads version ${EXPORT_VERSION}; nothing was restored`);
  const outer = exportFileSchema.safeParse(raw);
  if (!outer.success) throw damaged(outer.error.issues[0]?.message ?? 'bad envelope');
  if (checksumOf(outer.data.body) !== outer.data.checksum) throw damaged('its checksum does not match its content');
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
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, checksum: outer.data.checksum, body };
}
