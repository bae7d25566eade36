import { MAX_EXTERNAL_URL_LENGTH } from './ipcSchemas';

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * The URL, normalised, if it may be handed to the OS to open (a web page or a
 * new mail), else null. Everything else (file:, javascript:, custom schemes that
 * launch other programs, smb: shares, URLs with credentials in them) is refused:
 * `shell.openExternal` would run whatever handler the OS has for it.
 */
export function safeExternalUrl(raw: string): string | null {
  if (raw.length === 0 || raw.length > MAX_EXTERNAL_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol === 'mailto:') return url.href;
  if (url.hostname === '' || url.username !== '' || url.password !== '') return null;
  return url.href;
}
