import type { Me } from '../../shared/protocol/api';
import type { OrgRow, PersonRow } from '../store/rowSchemas';

export function toMe(person: PersonRow, org: OrgRow): Me {
  return { id: person.id, email: person.email, name: person.name, orgId: org.id, orgName: org.name, isAdmin: person.is_admin };
}
