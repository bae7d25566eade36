import type { PersonRow } from '../store/rowSchemas';
import type { Actor } from './SharingContext';

export function actorOf(person: PersonRow): Actor {
  return { id: person.id, name: person.name, orgId: person.org_id, isAdmin: person.is_admin };
}
