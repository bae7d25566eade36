import path from 'node:path';
// Shared with scripts/web.mjs, so the browser build and the desktop app serve files alike.
import mimeTable from '../shared/mimeTypes.json';

const MIME_TYPES: Record<string, string> = mimeTable;

export function mimeTypeOf(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
