import { z } from 'zod';

/**
 * Fetching a subscribed calendar's ICS address: the request and result that
 * cross the IPC bridge (desktop) and the relay's /api/fetch-ics (web), and the
 * limits every fetcher keeps. Feeds of real calendars are a few MB at most.
 */
export const MAX_FEED_BYTES = 20 * 1024 * 1024;
export const FEED_TIMEOUT_MS = 30_000;
export const MAX_FEED_URL_LENGTH = 4_000;

export const fetchIcsRequestSchema = z.object({
  url: z.string().min(1).max(MAX_FEED_URL_LENGTH),
  /** Validators of the copy held, for a conditional GET. */
  etag: z.string().max(1_000).nullable(),
  lastModified: z.string().max(200).nullable(),
});
export type FetchIcsRequest = z.infer<typeof fetchIcsRequestSchema>;

export const fetchIcsResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), text: z.string().max(MAX_FEED_BYTES), etag: z.string().max(1_000).nullable(), lastModified: z.string().max(200).nullable() }),
  z.object({ status: z.literal('not-modified') }),
  z.object({
    status: z.literal('error'),
    message: z.string().max(2_000),
    /** The browser could not read the address at all (CORS, network): worth trying through the relay. */
    blocked: z.boolean().optional(),
  }),
]);
export type FetchIcsResult = z.infer<typeof fetchIcsResultSchema>;

/**
 * The http(s) URL a feed address means, or null: webcal:/webcals: (what "Subscribe"
 * links on the web use) become https:, anything but http(s) is refused, and so
 * are addresses with a user name or password in them.
 */
export function feedUrlOf(raw: string): URL | null {
  const trimmed = raw.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_FEED_URL_LENGTH) return null;
  const swapped = trimmed.replace(/^webcals?:\/\//i, 'https://');
  let url: URL;
  try {
    url = new URL(swapped);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || !url.hostname) return null;
  url.hash = '';
  return url;
}

/** Reads a body up to `maxBytes`; null when it is longer (the rest is not read). */
export async function readBoundedText(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<string | null> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder('utf-8').decode(all);
}

/** A sentence for an HTTP status the feed answered with. */
export function describeFeedStatus(status: number): string {
  if (status === 401 || status === 403) return `The address refused access (HTTP ${status}).`;
  if (status === 404 || status === 410) return `Nothing is published at this address any more (HTTP ${status}).`;
  if (status >= 500) return `The calendar's server had a problem (HTTP ${status}).`;
  return `The address answered HTTP ${status}.`;
}

/**
 * One GET of a feed with a fetch function (the browser's, Electron's net.fetch):
 * conditional when validators are given, bounded in time and size.
 */
export interface FeedRequestInit {
  headers: Record<string, string>;
  signal: AbortSignal;
  redirect: 'follow';
}

export async function fetchFeedWith(fetchFn: (url: string, init: FeedRequestInit) => Promise<Response>, req: FetchIcsRequest, options: { conditional: boolean; timeoutMs?: number; maxBytes?: number }): Promise<FetchIcsResult> {
  const url = feedUrlOf(req.url);
  if (!url) return { status: 'error', message: 'Only http, https and webcal addresses can be subscribed to.' };
  const headers: Record<string, string> = {};
  if (options.conditional && req.etag) headers['If-None-Match'] = req.etag;
  if (options.conditional && req.lastModified) headers['If-Modified-Since'] = req.lastModified;
  const maxBytes = options.maxBytes ?? MAX_FEED_BYTES;
  let res: Response;
  try {
    res = await fetchFn(url.href, { headers, signal: AbortSignal.timeout(options.timeoutMs ?? FEED_TIMEOUT_MS), redirect: 'follow' });
  } catch (err) {
    const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
    return timedOut ? { status: 'error', message: 'The address took too long to answer.' } : { status: 'error', message: 'The address could not be reached.', blocked: true };
  }
  if (res.status === 304) return { status: 'not-modified' };
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    return { status: 'error', message: describeFeedStatus(res.status) };
  }
  const etag = res.headers.get('ETag');
  const lastModified = res.headers.get('Last-Modified');
  // Where no conditional header could be sent (the browser's own cache revalidates), the same validator is the same copy.
  if ((etag && etag === req.etag) || (!etag && lastModified && lastModified === req.lastModified)) {
    await res.body?.cancel().catch(() => undefined);
    return { status: 'not-modified' };
  }
  const length = Number(res.headers.get('Content-Length') ?? '0');
  if (length > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    return { status: 'error', message: `The calendar at this address is too large (more than ${Math.round(maxBytes / 1024 / 1024)} MB).` };
  }
  let text: string | null;
  try {
    text = await readBoundedText(res.body, maxBytes);
  } catch {
    return { status: 'error', message: 'The address stopped answering part-way through.' };
  }
  if (text === null) return { status: 'error', message: `The calendar at this address is too large (more than ${Math.round(maxBytes / 1024 / 1024)} MB).` };
  return { status: 'ok', text, etag, lastModified };
}
