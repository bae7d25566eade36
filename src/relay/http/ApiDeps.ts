import type { AuthService } from '../auth/AuthService';
import type { SharingContext } from '../sharing/SharingContext';

export interface ApiDeps {
  sharing: SharingContext;
  auth: AuthService;
  log: (message: string) => void;
  /** Failed sign-ins allowed per email and address within `signInWindowMs`. */
  signInAttempts: number;
  signInWindowMs: number;
}
