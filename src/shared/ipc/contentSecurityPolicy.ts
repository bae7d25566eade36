/**
 * The one Content-Security-Policy of the renderer, wherever it is delivered: the
 * Electron main process sets it as a response header on app content, the
 * renderer's index.html carries it as a <meta> tag (the only way it reaches a
 * page loaded from disk or from a plain static host), and `scripts/web.mjs` sends
 * it as a header. Both deliveries are enforced together, so they must agree.
 */

export interface ContentSecurityPolicyOptions {
  /**
   * `meta` leaves out what browsers ignore (and warn about) in a <meta> tag:
   * frame-ancestors. `header` includes it.
   */
  delivery: 'header' | 'meta';
  /**
   * Base64 sha256 digests of inline scripts to allow. Production has none; the
   * Vite dev server injects one (React Fast Refresh's preamble), allowed by its
   * hash rather than by 'unsafe-inline'.
   */
  inlineScriptHashes?: readonly string[];
  /** Extra connect-src sources, e.g. a relay's https origin for its HTTP API. */
  connectSources?: readonly string[];
}

const SOURCE = /^[a-z][a-z0-9+.-]*:(\/\/[^\s;,'"]*)?$|^https?:\/\/[^\s;,'"]+$/i;
const SHA256_BASE64 = /^[A-Za-z0-9+/]{43}=$/;

export function buildContentSecurityPolicy(options: ContentSecurityPolicyOptions): string {
  const hashes = options.inlineScriptHashes ?? [];
  for (const h of hashes) {
    if (!SHA256_BASE64.test(h)) throw new Error(`Not a base64 sha256 digest: ${JSON.stringify(h)}`);
  }
  const extraConnect = options.connectSources ?? [];
  for (const s of extraConnect) {
    if (!SOURCE.test(s)) throw new Error(`Not a CSP source expression: ${JSON.stringify(s)}`);
  }
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    // Only the app's own bundled files run: no inline scripts, no eval, no CDN.
    ['script-src', ["'self'", ...hashes.map((h) => `'sha256-${h}'`)]],
    // 'unsafe-inline' for styles is a deliberate exception. FullCalendar 6 ships
    // its CSS inside its JavaScript and injects it as a <style> element at run
    // time, and Vite's dev server does the same for every stylesheet. A nonce
    // (which FullCalendar can read from a <meta> tag) would have to be fresh per
    // response to mean anything, and our pages are static files (the Electron
    // bundle, dist-web), so it would be a constant no stronger than this. Styles
    // cannot run code; scripts stay strict.
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    // The relay's HTTP API and websockets live on another origin in the desktop
    // app (and wherever the person points Settings): any https:/wss: relay, and
    // plain http:/ws: only on this machine, where nothing crosses a network.
    ['connect-src', ["'self'", 'https:', 'wss:', 'ws:', 'http://127.0.0.1:*', 'http://localhost:*', ...extraConnect]],
    ['worker-src', ["'self'"]],
    ['manifest-src', ["'self'"]],
    ['media-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
  ];
  if (options.delivery === 'header') directives.push(['frame-ancestors', ["'none'"]]);
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
