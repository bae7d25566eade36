import { profileSchema } from '../../shared/protocol/profile';
import type { ApiDeps } from './ApiDeps';
import { route, type Route } from './RequestContext';

/** The caller's own scheduling profile (zone and working hours); others read it in the directory. */
export function profileRoutes(deps: ApiDeps): Route[] {
  const store = deps.sharing.store;
  return [
    route('GET', '/api/profile', (r) => {
      const p = store.profiles.get(r.caller().person.id);
      return { status: 200, body: { zone: p?.zone ?? null, workingHours: p?.workingHours ?? null } };
    }),
    route('PUT', '/api/profile', async (r) => {
      const { person } = r.caller();
      const profile = await r.body(profileSchema);
      store.profiles.put(person.id, profile, deps.sharing.now());
      return { status: 200, body: profile };
    }),
  ];
}
