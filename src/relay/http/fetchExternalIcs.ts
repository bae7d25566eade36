import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { describeFeedStatus, feedUrlOf, type FetchIcsRequest, type FetchIcsResult } from '../../shared/ipc/fetchIcs';
import { RelayError } from '../RelayError';
import { isPublicAddress } from './isPublicAddress';

export interface ExternalFetchLimits {
  /** Tests only: allow loopback and private addresses (the feed server runs on this machine). */
  allowPrivate: boolean;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
}

/**
 * GETs a calendar feed for a caller. The address the socket connects to is
 * checked, not just the name: the DNS answer is vetted inside the socket's own
 * lookup, so a name that resolves to a public address for the check and a
 * private one for the connection (DNS rebinding) is refused too, and so is
 * every redirect hop. Bounded in time (the whole exchange) and size.
 */
export async function fetchExternalIcs(request: FetchIcsRequest, limits: ExternalFetchLimits): Promise<FetchIcsResult> {
  const deadline = Date.now() + limits.timeoutMs;
  let url = feedUrlOf(request.url);
  if (!url) throw new RelayError(400, 'bad_url', 'Only http, https and webcal addresses can be fetched.');
  const conditional: Record<string, string> = {};
  if (request.etag) conditional['If-None-Match'] = request.etag;
  if (request.lastModified) conditional['If-Modified-Since'] = request.lastModified;
  for (let hop = 0; hop <= (limits.maxRedirects ?? 5); hop += 1) {
    const answer = await getOnce(url, conditional, limits, deadline);
    if (answer.kind === 'redirect') {
      const next = feedUrlOf(new URL(answer.location, url).href);
      if (!next) throw new RelayError(400, 'bad_url', 'The address redirects to something that is not http or https.');
      url = next;
      continue;
    }
    return answer.result;
  }
  return { status: 'error', message: 'The address redirects too many times.' };
}

type Answer = { kind: 'redirect'; location: string } | { kind: 'done'; result: FetchIcsResult };

function vettedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const refused = addresses.find((a) => !allowPrivate && !isPublicAddress(a.address));
      if (refused || addresses.length === 0) return callback(Object.assign(new Error('private address'), { code: 'EPRIVATE' }), '', 0);
      if (options.all) return callback(null, addresses as unknown as string, 0);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

function getOnce(url: URL, headers: Record<string, string>, limits: ExternalFetchLimits, deadline: number): Promise<Answer> {
  // Sockets skip the lookup for an IP literal, so a literal is checked here.
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (!limits.allowPrivate && isIP(literal) !== 0 && !isPublicAddress(literal)) {
    return Promise.reject(new RelayError(403, 'private_address', 'The relay does not fetch addresses on private or local networks.'));
  }
  const remaining = deadline - Date.now();
  if (remaining <= 0) return Promise.resolve({ kind: 'done', result: { status: 'error', message: 'The address took too long to answer.' } });
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<Answer>((resolve, reject) => {
    let settled = false;
    const done = (a: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(a);
    };
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(err);
    };
    const req = client.get(url, { headers: { ...headers, 'User-Agent': 'Tessera relay (calendar subscription)', Accept: 'text/calendar, */*;q=0.5' }, lookup: vettedLookup(limits.allowPrivate) }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && status !== 304 && res.headers.location) {
        res.resume();
        done({ kind: 'redirect', location: res.headers.location });
        return;
      }
      if (status === 304) {
        res.resume();
        done({ kind: 'done', result: { status: 'not-modified' } });
        return;
      }
      if (status < 200 || status >= 300) {
        res.resume();
        done({ kind: 'done', result: { status: 'error', message: describeFeedStatus(status) } });
        return;
      }
      const tooLarge = { kind: 'done', result: { status: 'error', message: `The calendar at this address is too large (more than ${Math.max(1, Math.round(limits.maxBytes / 1024 / 1024))} MB).` } } as const;
      if (Number(res.headers['content-length'] ?? '0') > limits.maxBytes) {
        req.destroy();
        done(tooLarge);
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxBytes) {
          req.destroy();
          done(tooLarge);
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        const header = (name: string) => {
          const v = res.headers[name];
          return typeof v === 'string' && v.length <= 1_000 ? v : null;
        };
        done({ kind: 'done', result: { status: 'ok', text: Buffer.concat(chunks).toString('utf8'), etag: header('etag'), lastModified: header('last-modified') } });
      });
      res.on('error', () => done({ kind: 'done', result: { status: 'error', message: 'The address stopped answering part-way through.' } }));
    });
    const timer = setTimeout(() => {
      req.destroy();
      done({ kind: 'done', result: { status: 'error', message: 'The address took too long to answer.' } });
    }, remaining);
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPRIVATE') fail(new RelayError(403, 'private_address', 'The relay does not fetch addresses on private or local networks.'));
      else done({ kind: 'done', result: { status: 'error', message: 'The address could not be reached.' } });
    });
  });
}
