import { createHmac, randomBytes } from 'node:crypto';
import { APP_PASSWORD_MAX } from '../../shared/protocol/appPasswords';
import { verifyPassword } from '../auth/hashPassword';
import type { AppPasswordRow } from '../store/AppPasswordStore';
import type { PersonRow } from '../store/rowSchemas';
import type { Store } from '../store/Store';

const REMEMBERED = 1_000;
const checkers = new WeakMap<Store, AppPasswordChecker>();

/**
 * Checks email + app password. Only app password hashes are tried, never the
 * account password. Verified pairs are remembered as keyed MACs so a feed
 * polled every few minutes costs no scrypt, but each check re-reads the rows:
 * a revoked app password, a removed person or the switch turned off fail at once.
 */
export class AppPasswordChecker {
  private readonly macKey = randomBytes(32);
  private readonly verified = new Map<string, string>();

  constructor(private readonly store: Store) {}

  /** One per store, shared by the token exchange and the personal feeds (so both share the remembered MACs). */
  static for(store: Store): AppPasswordChecker {
    let c = checkers.get(store);
    if (!c) checkers.set(store, (c = new AppPasswordChecker(store)));
    return c;
  }

  async check(email: string, password: string): Promise<{ person: PersonRow; appPassword: AppPasswordRow } | null> {
    if (password.length === 0 || password.length > APP_PASSWORD_MAX || email.length > 320) return null;
    const person = this.store.directory.personByEmail(email);
    if (!person || !this.usable(person)) return null;
    const active = this.store.appPasswords.activeOfUser(person.id);
    const mac = createHmac('sha256', this.macKey).update(person.id).update('\0').update(password).digest('base64url');
    const known = this.verified.get(mac);
    let match = known ? active.find((a) => a.id === known) : undefined;
    if (!match) {
      for (const candidate of active) {
        if (await verifyPassword(password, candidate.hash)) {
          match = candidate;
          break;
        }
      }
      if (!match) return null;
      if (this.verified.size >= REMEMBERED) this.verified.clear();
      this.verified.set(mac, match.id);
    }
    // Re-read after the awaits: it may have been revoked meanwhile.
    const current = this.store.appPasswords.get(match.id);
    const who = this.store.directory.person(person.id);
    if (!current || current.revoked_at !== null || !who || !this.usable(who)) return null;
    return { person: who, appPassword: current };
  }

  private usable(person: PersonRow): boolean {
    return !this.store.removedPeople.isRemoved(person.id) && this.store.appPasswords.allowed(person.org_id);
  }
}
