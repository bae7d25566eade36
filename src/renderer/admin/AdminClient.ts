import { auditListSchema, permissionsSchema, type AuditEntry, type Subject } from '../../shared/protocol/api';
import { adminShareListSchema, orgPolicySchema, policyAnswerSchema, type AdminShare, type OrgPolicy, type PolicyAnswer, type PutOrgPolicy, type ShareFilter } from '../../shared/protocol/policies';
import type { RelayClient } from '../sync/RelayClient';

const enc = encodeURIComponent;

/** The admin endpoints of the relay (docs/relay.md, Policies and admin review), every answer parsed. */
export class AdminClient {
  constructor(readonly relay: RelayClient) {}

  policies(): Promise<OrgPolicy> {
    return this.relay.call('GET', '/api/admin/policies', orgPolicySchema);
  }

  setPolicies(change: PutOrgPolicy): Promise<PolicyAnswer> {
    return this.relay.call('PUT', '/api/admin/policies', policyAnswerSchema, change);
  }

  async shares(filter: ShareFilter): Promise<AdminShare[]> {
    const q = new URLSearchParams();
    if (filter.person) q.set('person', filter.person);
    if (filter.calendar) q.set('calendar', filter.calendar);
    if (filter.level) q.set('level', filter.level);
    if (filter.external !== undefined) q.set('external', String(filter.external));
    const query = q.toString();
    return (await this.relay.call('GET', `/api/admin/shares${query ? `?${query}` : ''}`, adminShareListSchema)).shares;
  }

  async revokeShare(calendarId: string, subject: Subject): Promise<void> {
    await this.relay.call('DELETE', `/api/admin/shares/${enc(calendarId)}/${enc(subject.kind)}/${enc(subject.id)}`, permissionsSchema);
  }

  async audit(): Promise<AuditEntry[]> {
    return (await this.relay.call('GET', '/api/admin/audit', auditListSchema)).entries;
  }
}
