import { compareLevels } from '../../shared/permissions/compareLevels';
import type { PermissionLevel } from '../../shared/permissions/PermissionLevel';
import { POLICY_ERROR, policyRefusal } from '../../shared/protocol/policies';
import { RelayError } from '../RelayError';
import type { SqliteDatabase } from '../store/openDatabase';
import { PolicyStore } from '../store/PolicyStore';

/**
 * Refusals by policy. They apply to every actor, admins and the CLI included:
 * an admin who wants an exception changes the policy, which is audited.
 */
export function checkExternalShare(db: SqliteDatabase, calendarOrgId: string, recipientOrgId: string, level: PermissionLevel): void {
  if (recipientOrgId === calendarOrgId || level === 'none') return;
  const cap = new PolicyStore(db).get(calendarOrgId).externalSharingMax;
  if (compareLevels(level, cap) > 0) throw new RelayError(403, POLICY_ERROR.externalSharing, policyRefusal('externalSharing', cap, level));
}

export function checkIcsLink(db: SqliteDatabase, orgId: string, level: PermissionLevel): void {
  const cap = new PolicyStore(db).get(orgId).icsLinksMax;
  if (compareLevels(level, cap) > 0) throw new RelayError(403, POLICY_ERROR.icsLinks, policyRefusal('icsLinks', cap, level));
}

/** The default a new calendar of the organisation starts with (null: follow the organisation default). */
export function newCalendarDefault(db: SqliteDatabase, orgId: string): PermissionLevel | null {
  return new PolicyStore(db).get(orgId).newCalendarLevel;
}
