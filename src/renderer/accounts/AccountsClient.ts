import { z } from 'zod';
import { peopleListSchema, type Person } from '../../shared/protocol/api';
import { appPasswordListSchema, appPasswordPolicySchema, createdAppPasswordSchema, type AppPasswordList, type CreatedAppPassword } from '../../shared/protocol/appPasswords';
import { orphanedCalendarListSchema, removedMemberSchema, type OrphanedCalendarList, type RemovedMember } from '../../shared/protocol/orgMembers';
import { sharedAddressListSchema, sharedAddressSchema, type SharedAddress } from '../../shared/protocol/sharedAddresses';
import type { RelayClient } from '../sync/RelayClient';

const enc = encodeURIComponent;

/** App passwords, members and shared addresses (docs/relay.md, issue 6), every answer parsed. */
export class AccountsClient {
  constructor(readonly relay: RelayClient) {}

  appPasswords(): Promise<AppPasswordList> {
    return this.relay.call('GET', '/api/app-passwords', appPasswordListSchema);
  }

  createAppPassword(name: string): Promise<CreatedAppPassword> {
    return this.relay.call('POST', '/api/app-passwords', createdAppPasswordSchema, { name });
  }

  async revokeAppPassword(id: string): Promise<void> {
    await this.relay.call('DELETE', `/api/app-passwords/${enc(id)}`, z.unknown());
  }

  async appPasswordsAllowed(): Promise<boolean> {
    return (await this.relay.call('GET', '/api/admin/app-passwords', appPasswordPolicySchema)).allowed;
  }

  setAppPasswordsAllowed(allowed: boolean): Promise<{ allowed: boolean; revoked: number }> {
    return this.relay.call('PUT', '/api/admin/app-passwords', z.object({ allowed: z.boolean(), revoked: z.number().int() }), { allowed });
  }

  async people(): Promise<Person[]> {
    return (await this.relay.call('GET', '/api/admin/people', peopleListSchema)).people;
  }

  removeMember(userId: string): Promise<RemovedMember> {
    return this.relay.call('DELETE', `/api/admin/people/${enc(userId)}`, removedMemberSchema);
  }

  orphanedCalendars(): Promise<OrphanedCalendarList> {
    return this.relay.call('GET', '/api/admin/orphaned-calendars', orphanedCalendarListSchema);
  }

  async transferCalendar(calendarId: string, newOwnerId: string): Promise<void> {
    await this.relay.call('POST', `/api/admin/calendars/${enc(calendarId)}/transfer`, z.unknown(), { newOwnerId });
  }

  async archiveOrphaned(calendarId: string): Promise<void> {
    await this.relay.call('POST', `/api/admin/orphaned-calendars/${enc(calendarId)}/archive`, z.unknown());
  }

  async sharedAddresses(): Promise<SharedAddress[]> {
    return (await this.relay.call('GET', '/api/admin/shared-addresses', sharedAddressListSchema)).sharedAddresses;
  }

  createSharedAddress(email: string, name: string): Promise<SharedAddress> {
    return this.relay.call('POST', '/api/admin/shared-addresses', sharedAddressSchema, { email, name });
  }

  setSharedAddressMember(addressId: string, userId: string, member: boolean): Promise<SharedAddress> {
    return member
      ? this.relay.call('PUT', `/api/admin/shared-addresses/${enc(addressId)}/members`, sharedAddressSchema, { userId })
      : this.relay.call('DELETE', `/api/admin/shared-addresses/${enc(addressId)}/members/${enc(userId)}`, sharedAddressSchema);
  }

  setSharedAddressAlias(addressId: string, alias: string, add: boolean): Promise<SharedAddress> {
    return this.relay.call(add ? 'POST' : 'DELETE', `/api/admin/shared-addresses/${enc(addressId)}/aliases`, sharedAddressSchema, { alias });
  }
}
