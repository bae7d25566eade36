import type { AccessReader } from '../access/AccessReader';
import type { Store } from '../store/Store';
import type { AccessEffects } from './AccessEffects';

export interface SharingContext {
  store: Store;
  reader: AccessReader;
  effects: AccessEffects;
  now: () => number;
  /** scrypt cost for new passwords. */
  passwordCost: number;
}

/** Who performs an operation: a signed-in person, or the admin CLI (an admin of every organisation). */
export interface Actor {
  id: string;
  name: string;
  orgId: string | null;
  isAdmin: boolean;
}

export const CLI_ACTOR: Actor = { id: 'cli', name: 'Administrator (CLI)', orgId: null, isAdmin: true };
