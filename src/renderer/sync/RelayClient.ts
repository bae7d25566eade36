import { z } from 'zod';
import {
  apiErrorSchema,
  auditListSchema,
  calendarAccessSchema,
  calendarListSchema,
  directorySchema,
  permissionsSchema,
  sessionSchema,
  type AuditEntry,
  type CalendarAccess,
  type Directory,
  type Permissions,
  type PutGrant,
  type Session,
} from '../../shared/protocol/api';
import { fetchIcsResultSchema, type FetchIcsRequest, type FetchIcsResult } from '../../shared/ipc/fetchIcs';
import { icsAccessLogSchema, icsLinkListSchema, icsLinkSchema, type CreateIcsLink, type IcsAccessEntry, type IcsLink } from '../../shared/protocol/icsLinks';
import type { PermissionLevel } from '../../shared/permissions/PermissionLevel';
import { profileReplySchema, profileSchema, type Profile, type ProfileReply } from '../../shared/protocol/profile';
import { RelayError, RelayUnreachableError } from './RelayError';

/** Endpoints of the relay's control API (docs/relay.md). */
const enc = encodeURIComponent;
export const API_PATHS = {
  health: '/api/health',
  signIn: '/api/auth/sign-in',
  refresh: '/api/auth/refresh',
  signOut: '/api/auth/sign-out',
  calendars: '/api/calendars',
  calendar: (id: string) => `/api/calendars/${enc(id)}`,
  permissions: (id: string) => `/api/calendars/${enc(id)}/permissions`,
  grants: (id: string) => `/api/calendars/${enc(id)}/grants`,
  defaultLevel: (id: string) => `/api/calendars/${enc(id)}/default`,
  audit: (id: string) => `/api/calendars/${enc(id)}/audit`,
  icsLinks: (id: string) => `/api/calendars/${enc(id)}/ics-links`,
  icsLink: (id: string, linkId: string) => `/api/calendars/${enc(id)}/ics-links/${enc(linkId)}`,
  icsLinkAccess: (id: string, linkId: string) => `/api/calendars/${enc(id)}/ics-links/${enc(linkId)}/access`,
  directory: '/api/directory',
  profile: '/api/profile',
  acceptInvitation: (id: string) => `/api/invitations/${enc(id)}/accept`,
  declineInvitation: (id: string) => `/api/invitations/${enc(id)}/decline`,
  fetchIcs: '/api/fetch-ics',
} as const;

export type Fetch = typeof fetch;

/**
 * The relay's HTTP API, every body parsed with the shared schemas (api.ts)
 * before use. `token` supplies a current access token for calls that need one.
 */
export class RelayClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: () => Promise<string>,
    private readonly fetchImpl: Fetch = (...args) => fetch(...args),
  ) {}

  /** Whether a relay answers at `baseUrl` (a quick GET /api/health). */
  static async isRelay(baseUrl: string, fetchImpl: Fetch = (...args) => fetch(...args), timeoutMs = 3_000): Promise<boolean> {
    try {
      const res = await fetchImpl(joinUrl(baseUrl, API_PATHS.health), { signal: AbortSignal.timeout(timeoutMs) });
      return res.ok;
    } catch {
      return false;
    }
  }

  signIn(email: string, password: string): Promise<Session> {
    return this.call('POST', API_PATHS.signIn, sessionSchema, { email, password }, false);
  }

  refresh(refreshToken: string): Promise<Session> {
    return this.call('POST', API_PATHS.refresh, sessionSchema, { refreshToken }, false);
  }

  async signOut(refreshToken: string): Promise<void> {
    await this.call('POST', API_PATHS.signOut, z.unknown(), { refreshToken }, false);
  }

  async calendars(): Promise<CalendarAccess[]> {
    return (await this.call('GET', API_PATHS.calendars, calendarListSchema)).calendars;
  }

  /** Creates a calendar on the relay; `id` keeps the local calendar's id so its documents carry over. */
  createCalendar(id: string, name: string): Promise<CalendarAccess> {
    return this.call('POST', API_PATHS.calendars, calendarAccessOrWrapped, { id, name });
  }

  async renameCalendar(id: string, name: string): Promise<void> {
    await this.call('PATCH', API_PATHS.calendar(id), z.unknown(), { name });
  }

  async deleteCalendar(id: string): Promise<void> {
    await this.call('DELETE', API_PATHS.calendar(id), z.unknown());
  }

  permissions(calendarId: string): Promise<Permissions> {
    return this.call('GET', API_PATHS.permissions(calendarId), permissionsSchema);
  }

  setGrant(calendarId: string, grant: PutGrant): Promise<Permissions> {
    return this.call('PUT', API_PATHS.grants(calendarId), permissionsSchema, grant);
  }

  setDefaultLevel(calendarId: string, level: PermissionLevel | null): Promise<Permissions> {
    return this.call('PUT', API_PATHS.defaultLevel(calendarId), permissionsSchema, { level });
  }

  async audit(calendarId: string): Promise<AuditEntry[]> {
    return (await this.call('GET', API_PATHS.audit(calendarId), auditListSchema)).entries;
  }

  async icsLinks(calendarId: string): Promise<IcsLink[]> {
    return (await this.call('GET', API_PATHS.icsLinks(calendarId), icsLinkListSchema)).links;
  }

  publishIcsLink(calendarId: string, link: CreateIcsLink): Promise<IcsLink> {
    return this.call('POST', API_PATHS.icsLinks(calendarId), icsLinkSchema, link);
  }

  revokeIcsLink(calendarId: string, linkId: string): Promise<IcsLink> {
    return this.call('DELETE', API_PATHS.icsLink(calendarId, linkId), icsLinkSchema);
  }

  async icsLinkAccess(calendarId: string, linkId: string): Promise<IcsAccessEntry[]> {
    return (await this.call('GET', API_PATHS.icsLinkAccess(calendarId, linkId), icsAccessLogSchema)).entries;
  }

  directory(): Promise<Directory> {
    return this.call('GET', API_PATHS.directory, directorySchema);
  }

  profile(): Promise<ProfileReply> {
    return this.call('GET', API_PATHS.profile, profileReplySchema);
  }

  setProfile(profile: Profile): Promise<Profile> {
    return this.call('PUT', API_PATHS.profile, profileSchema, profile);
  }

  async acceptInvitation(id: string): Promise<void> {
    await this.call('POST', API_PATHS.acceptInvitation(id), z.unknown(), {});
  }

  async declineInvitation(id: string): Promise<void> {
    await this.call('POST', API_PATHS.declineInvitation(id), z.unknown(), {});
  }

  /** GETs a subscribed calendar's address through the relay (for a browser that CORS keeps from reading it). */
  fetchIcs(request: FetchIcsRequest): Promise<FetchIcsResult> {
    const query = new URLSearchParams({ url: request.url });
    if (request.etag) query.set('etag', request.etag);
    if (request.lastModified) query.set('lastModified', request.lastModified);
    return this.call('GET', `${API_PATHS.fetchIcs}?${query.toString()}`, fetchIcsResultSchema);
  }

  /** One API call, its answer parsed with `schema`; public so feature clients (admin/) add endpoints without growing this class. */
  async call<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown, auth = true): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (auth) headers.authorization = `Bearer ${await this.token()}`;
    let res: Response;
    try {
      res = await this.fetchImpl(joinUrl(this.baseUrl, path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (err) {
      throw new RelayUnreachableError(`The relay at ${this.baseUrl} could not be reached (${err instanceof Error ? err.message : String(err)}).`, { cause: err });
    }
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!res.ok) {
      const parsed = apiErrorSchema.safeParse(json);
      throw parsed.success ? new RelayError(res.status, parsed.data.error.code, parsed.data.error.message) : new RelayError(res.status, 'http', `The relay answered ${res.status} ${res.statusText}`.trim());
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new RelayError(res.status, 'bad-response', `The relay sent an answer this app does not understand (${path}).`);
    return parsed.data;
  }
}

/** POST /api/calendars answers the new calendar's access, bare or as `{ calendar }`. */
const calendarAccessOrWrapped = z.union([calendarAccessSchema, z.object({ calendar: calendarAccessSchema }).transform((v) => v.calendar)]);

export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}

/** The websocket base of a relay address: http -> ws, https -> wss, plus `/sync`. */
export function syncUrl(relayUrl: string): string {
  const u = new URL(relayUrl);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return joinUrl(u.toString(), '/sync');
}
