import { toMe } from '../auth/toMe';
import { notFound } from '../RelayError';
import { directoryOf } from '../sharing/directoryOf';
import type { ApiDeps } from './ApiDeps';
import { route, type Route } from './RequestContext';

/** Who the caller is, and the people and groups of their organisation. */
export function directoryRoutes(deps: ApiDeps): Route[] {
  const store = deps.sharing.store;
  return [
    route('GET', '/api/me', (r) => {
      const { person } = r.caller();
      const org = store.directory.org(person.org_id);
      if (!org) throw notFound('Organisation');
      return { status: 200, body: toMe(person, org) };
    }),
    route('GET', '/api/directory', (r) => ({ status: 200, body: directoryOf(store, r.caller().person.org_id) })),
  ];
}
