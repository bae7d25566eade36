import type { SharedAddress } from '../../shared/protocol/sharedAddresses';
import type { SharedAddressRow } from '../store/SharedAddressStore';
import type { Store } from '../store/Store';

export function toSharedAddress(store: Store, row: SharedAddressRow): SharedAddress {
  const person = store.directory.person(row.person_id);
  return {
    id: row.person_id,
    email: person?.email ?? '',
    name: person?.name ?? '',
    calendarId: row.calendar_id,
    members: store.sharedAddresses.members(row.person_id),
    aliases: store.sharedAddresses.aliases(row.person_id),
  };
}
