import type { PersonRow } from '../store/rowSchemas';
import type { Store } from '../store/Store';

/** The person (or shared address) an email reaches: their own address, or an alias of a shared address. */
export function resolveAddress(store: Store, email: string): PersonRow | null {
  const direct = store.directory.personByEmail(email);
  if (direct) return direct;
  const viaAlias = store.sharedAddresses.byAlias(email);
  return viaAlias ? store.directory.person(viaAlias) : null;
}
