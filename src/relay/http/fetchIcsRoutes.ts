import { fetchIcsRequestSchema } from '../../shared/ipc/fetchIcs';
import { badRequest } from '../RelayError';
import type { ApiDeps } from './ApiDeps';
import { fetchExternalIcs, type ExternalFetchLimits } from './fetchExternalIcs';
import { route, type Route } from './RequestContext';

/**
 * GET /api/fetch-ics?url=…[&etag=…][&lastModified=…]: a signed-in person's
 * browser cannot read most calendar feeds (no CORS headers), so the relay
 * fetches the feed for it. Signed-in only, http(s) only, never private or
 * local addresses (unless the relay runs with fetchIcsAllowPrivate, for tests),
 * bounded in time and size. The feed's ETag and Last-Modified come back in the
 * answer and are sent on as If-None-Match / If-Modified-Since, so a subscription
 * refreshed through the relay is still a conditional GET.
 */
export function fetchIcsRoutes(deps: ApiDeps, limits: ExternalFetchLimits): Route[] {
  return [
    route('GET', '/api/fetch-ics', async (r) => {
      r.caller();
      const query = new URL(r.req.url ?? '/', 'http://relay').searchParams;
      const header = (name: string) => {
        const v = r.req.headers[name];
        return typeof v === 'string' ? v : null;
      };
      const parsed = fetchIcsRequestSchema.safeParse({
        url: query.get('url') ?? '',
        etag: query.get('etag') ?? header('if-none-match'),
        lastModified: query.get('lastModified') ?? header('if-modified-since'),
      });
      if (!parsed.success) throw badRequest('Give the calendar address as ?url= (http or https, at most 4,000 characters).');
      const result = await fetchExternalIcs(parsed.data, limits);
      if (result.status === 'error') deps.log(`fetch-ics: ${parsed.data.url.slice(0, 200)}: ${result.message}`);
      return { status: 200, body: result };
    }),
  ];
}
