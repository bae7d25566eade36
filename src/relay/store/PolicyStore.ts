import { z } from 'zod';
import { DEFAULT_ORG_POLICY, orgPolicySchema, type OrgPolicy } from '../../shared/protocol/policies';
import type { SqliteDatabase } from './openDatabase';
import { parseRow } from './rowSchemas';

const policyRowSchema = z.object({ new_calendar_level: z.string().nullable(), external_sharing_max: z.string(), ics_links_max: z.string() });

/** Each organisation's policies; an organisation without a row has DEFAULT_ORG_POLICY. */
export class PolicyStore {
  constructor(private readonly db: SqliteDatabase) {}

  get(orgId: string): OrgPolicy {
    const raw = this.db.prepare('SELECT new_calendar_level, external_sharing_max, ics_links_max FROM org_policies WHERE org_id = ?').get(orgId);
    if (raw === undefined) return DEFAULT_ORG_POLICY;
    const row = parseRow(policyRowSchema, raw, 'org_policies');
    // A value no schema knows must fail here, not widen what may be shared.
    return parseRow(orgPolicySchema, { newCalendarLevel: row.new_calendar_level, externalSharingMax: row.external_sharing_max, icsLinksMax: row.ics_links_max }, 'org_policies');
  }

  put(orgId: string, policy: OrgPolicy, byId: string, now: number): void {
    this.db
      .prepare(
        `INSERT INTO org_policies (org_id, new_calendar_level, external_sharing_max, ics_links_max, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (org_id) DO UPDATE SET new_calendar_level = excluded.new_calendar_level, external_sharing_max = excluded.external_sharing_max,
           ics_links_max = excluded.ics_links_max, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(orgId, policy.newCalendarLevel, policy.externalSharingMax, policy.icsLinksMax, now, byId);
  }
}
