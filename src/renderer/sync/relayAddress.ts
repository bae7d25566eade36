/** A relay address as typed: http(s) only, no path, query or trailing slash. Throws with a sentence. */
export function normalizeRelayUrl(raw: string): string {
  const trimmed = raw.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    throw new Error(`“${raw}” is not a web address.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('The relay address must start with http:// or https://.');
  if (url.username || url.password) throw new Error('The relay address must not contain a user name or password.');
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/** The page's origin when it is a web origin (the relay can serve the web app), else null (Electron's app scheme). */
export function pageOrigin(): string | null {
  if (typeof location === 'undefined') return null;
  return location.protocol === 'http:' || location.protocol === 'https:' ? location.origin : null;
}
