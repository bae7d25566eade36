/**
 * Set by electron.vite.config.ts (`define`): base64 sha256 digests of the inline
 * scripts the Vite dev server injects (React Fast Refresh's preamble), so the
 * CSP header in development allows exactly those. Empty in a production build.
 */
declare const __TESSERA_DEV_SCRIPT_HASHES__: readonly string[];
