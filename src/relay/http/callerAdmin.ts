import { forbidden } from '../RelayError';
import type { PersonRow } from '../store/rowSchemas';
import type { RequestContext } from './RequestContext';

/** The signed-in caller, who must be an administrator of their organisation (every /api/admin route acts on the caller's org only). */
export function callerAdmin(r: RequestContext): PersonRow {
  const { person } = r.caller();
  if (!person.is_admin) throw forbidden('Administrators only');
  return person;
}
