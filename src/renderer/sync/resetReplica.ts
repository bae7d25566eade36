import * as Y from 'yjs';
import { canRead } from '../../shared/permissions/canRead';
import { PERMISSION_LEVEL_LABEL } from '../../shared/permissions/PermissionLevel';
import type { CalendarAccess } from '../../shared/protocol/api';
import { RESET_REASON_PREFIX } from '../../shared/protocol/closeCodes';
import { bindingFromAccess, docNamesOf, mainDocName, privateDocName } from '../replica/ReplicaBinding';
import type { ReplicaHost } from '../replica/ReplicaHost';
import { keepUnsavedChanges } from './keepUnsavedChanges';

export interface ResetContext {
  host: ReplicaHost;
  /** The person's access to the calendar now, read from the relay (not from a possibly late inbox). */
  accessNow(calendarId: string): Promise<CalendarAccess | null>;
  /** The relay's copy of a room, in a fresh document. */
  fetchState(room: string): Promise<Uint8Array>;
  now(): number;
}

export type ResetOutcome = { kind: 'reset'; kept: number } | { kind: 'removed'; kept: number };

/**
 * The only sound recovery from a refused write (DESIGN.md, Known traps): Yjs
 * cannot take an update back, and one the relay dropped would be sent again on
 * every reconnect and hold back every later one. So: read the relay's copy at
 * the level the person has now, keep every local edit it lacks as an unsaved
 * change, then replace the local documents by the relay's (new Y.Docs, new
 * client ids) and sync on from there. Also used for a downgrade that would
 * otherwise drop unconfirmed edits.
 */
export async function resetReplica(ctx: ResetContext, calendarId: string, why: string): Promise<ResetOutcome> {
  const { host } = ctx;
  const replica = await host.loadedReplica(calendarId);
  const name = host.calendarName(calendarId);
  const access = await ctx.accessNow(calendarId);
  if (!access || !canRead(access.level)) {
    const kept = await keepUnsavedChanges(host, calendarId, { main: null, kind: 'full', private: null }, `“${name}” is no longer shared with you, so this change could not be saved there.`, ctx.now());
    await host.forgetCalendar(calendarId);
    return { kind: 'removed', kept: kept.length };
  }
  const binding = bindingFromAccess(access, ctx.now(), replica?.binding ?? null);
  const states = new Map<string, Uint8Array>();
  for (const docName of docNamesOf(binding)) states.set(docName, await ctx.fetchState(docName));
  const main = new Y.Doc();
  Y.applyUpdate(main, states.get(mainDocName(binding))!);
  const privateState = binding.private ? states.get(privateDocName(calendarId)) : undefined;
  const privateDoc = privateState ? new Y.Doc() : null;
  if (privateDoc && privateState) Y.applyUpdate(privateDoc, privateState);
  try {
    const kept = await keepUnsavedChanges(host, calendarId, { main, kind: binding.main, private: privateDoc }, reasonFor(why, name, access), ctx.now());
    await host.resetCalendar(calendarId, binding, states);
    return { kind: 'reset', kept: kept.length };
  } finally {
    main.destroy();
    privateDoc?.destroy();
  }
}

/** The person's words for why a change was not saved. */
function reasonFor(why: string, calendarName: string, access: CalendarAccess): string {
  const detail = why.startsWith(RESET_REASON_PREFIX) ? why.slice(RESET_REASON_PREFIX.length) : why;
  if (detail === 'read-only' || detail === 'level-changed' || !['editor', 'delegate', 'owner'].includes(access.level)) {
    return `Your access to “${calendarName}” changed to “${PERMISSION_LEVEL_LABEL[access.level]}” before this change reached the relay.`;
  }
  return `The relay refused this change to “${calendarName}” (${detail || 'not valid'}).`;
}
