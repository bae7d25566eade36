import path from 'node:path';

/**
 * The file under `rootDir` that an app-scheme URL asks for, or null if it names
 * nothing we serve (another host, a path escaping the root, an encoded slash).
 * A path without a file extension is a client-side route and gets index.html.
 */
export function resolveAppAsset(rootDir: string, requestUrl: string, host: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.host !== host) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\') || /%2f|%5c/i.test(url.pathname)) return null;
  const segments = pathname.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.' || s.includes(':'))) return null;
  const last = segments.at(-1);
  if (last === undefined || !last.includes('.')) return path.join(rootDir, 'index.html');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, ...segments);
  if (!file.startsWith(root + path.sep)) return null;
  return file;
}
