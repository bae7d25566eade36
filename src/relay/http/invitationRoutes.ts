import { respondToInvitation } from '../sharing/respondToInvitation';
import type { ApiDeps } from './ApiDeps';
import { route, type Route } from './RequestContext';

export function invitationRoutes(deps: ApiDeps): Route[] {
  return [
    route('POST', '/api/invitations/:id/accept', (r) => ({ status: 200, body: respondToInvitation(deps.sharing, r.caller().person, r.params.id!, 'accepted') })),
    route('POST', '/api/invitations/:id/decline', (r) => ({ status: 200, body: respondToInvitation(deps.sharing, r.caller().person, r.params.id!, 'declined') })),
  ];
}
