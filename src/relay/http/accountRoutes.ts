import type { ApiDeps } from './ApiDeps';
import { appPasswordRoutes } from './appPasswordRoutes';
import { memberRoutes } from './memberRoutes';
import type { Route } from './RequestContext';
import { sharedAddressRoutes } from './sharedAddressRoutes';

/** Issue 6, accounts: app passwords, removing members, shared addresses. */
export function accountRoutes(deps: ApiDeps): Route[] {
  return [...appPasswordRoutes(deps), ...memberRoutes(deps), ...sharedAddressRoutes(deps)];
}
