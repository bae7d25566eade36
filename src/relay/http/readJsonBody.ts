import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { badRequest, RelayError } from '../RelayError';

/** Reads a request body as JSON, refusing more than `limit` bytes (413) and anything but JSON (400/415). */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) throw new RelayError(413, 'payload_too_large', `The body is larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new RelayError(413, 'payload_too_large', `The body is larger than ${limit} bytes`);
    chunks.push(buf);
  }
  if (size === 0) return undefined;
  if (!/^application\/json\b/i.test(type)) throw new RelayError(415, 'unsupported_media_type', 'Send JSON (Content-Type: application/json)');
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw badRequest('The body is not valid JSON');
  }
}

/** Parses a body with one of the API's zod schemas, naming every problem in a 400. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body ?? {});
  if (r.success) return r.data;
  throw badRequest(r.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '));
}
