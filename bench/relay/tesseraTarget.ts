import { sessionSchema } from '../../src/shared/protocol/api';
import type { ServerProc } from './processes';
import type { Target } from './targets';

/**
 * Tessera: the benchmark's person (added by tesseraEntry.ts) signs in over the
 * relay's HTTP API and owns every calendar the benchmark uses; sockets carry the
 * access token in the query, as y-websocket's `params` send it.
 */
export async function tesseraTarget(server: ServerProc): Promise<Target> {
  const person = server.info.person as { email: string; password: string };
  let token = '';
  let signedInAt = 0;
  const signIn = async () => {
    const res = await fetch(`${server.httpUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: person.email, password: person.password }) });
    if (!res.ok) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
    token = sessionSchema.parse(await res.json()).accessToken;
    signedInAt = Date.now();
  };
  await signIn();
  return {
    name: 'tessera',
    server,
    calendar: async (name) => {
      // Access tokens live 15 minutes; the longest phase is shorter, but a phase may start late.
      if (Date.now() - signedInAt > 5 * 60_000) await signIn();
      const res = await fetch(`${server.httpUrl}/api/calendars`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ id: name, name }) });
      if (!res.ok) throw new Error(`create calendar: ${res.status} ${await res.text()}`);
      return name;
    },
    roomUrl: (room) => `${server.wsUrl}/${room}?token=${encodeURIComponent(token)}`,
  };
}
