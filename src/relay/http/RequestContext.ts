import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { PersonRow } from '../store/rowSchemas';

/** What a route handler gets: the parsed path parameters, the body (parsed by a schema) and the caller. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  body<T>(schema: z.ZodType<T>): Promise<T>;
  /** The signed-in caller; a 401 when the bearer token is missing, bad or expired. */
  /** readOnly: the token came from an app password (it syncs and reads, nothing more). */
  caller(): { person: PersonRow; sessionId: string; readOnly: boolean };
}

export interface Reply {
  status: number;
  body?: unknown;
}

export type RouteHandler = (ctx: RequestContext) => Reply | Promise<Reply>;

export interface Route {
  method: string;
  pattern: RegExp;
  handler: RouteHandler;
}

/** A route from a path like /api/calendars/:id (parameters are ids: ID_PATTERN's characters only). */
export function route(method: string, path: string, handler: RouteHandler): Route {
  const source = path.replace(/:([a-zA-Z]+)/g, '(?<$1>[A-Za-z0-9_-]{1,64})');
  return { method, pattern: new RegExp(`^${source}$`), handler };
}
