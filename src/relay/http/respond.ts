import type { ServerResponse } from 'node:http';
import { RelayError } from '../RelayError';

/**
 * The API is called from the app's own origin (served by the relay), from the
 * Electron app's scheme and from a dev server, with bearer tokens rather than
 * cookies, so any origin may call it: nothing is sent that the caller's token
 * would not get anyway.
 */
export const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Max-Age': '600',
};

const COMMON = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  if (status === 204) {
    res.writeHead(204, { ...COMMON, ...CORS_HEADERS }).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { ...COMMON, ...CORS_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify({ error: { code, message } });
  res.writeHead(status, { ...COMMON, ...CORS_HEADERS, ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Any thrown value as an API error: RelayErrors as they are, anything else as a 500 that leaks nothing. */
export function sendThrown(res: ServerResponse, err: unknown, log: (m: string) => void): void {
  if (err instanceof RelayError) {
    sendError(res, err.status, err.code, err.message, err.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {});
    return;
  }
  log(`HTTP handler failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  sendError(res, 500, 'internal', 'The relay could not handle this request');
}
