import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from '../../src/shared/ipc/contentSecurityPolicy';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name = '', ...sources] = d.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('buildContentSecurityPolicy', () => {
  it('allows only the app’s own scripts: no inline, no eval', () => {
    const d = directives(buildContentSecurityPolicy({ delivery: 'header' }));
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    for (const [, sources] of d) {
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources).not.toContain('*');
    }
  });

  it('allows inline styles (FullCalendar injects its CSS) and websockets for the relay', () => {
    const d = directives(buildContentSecurityPolicy({ delivery: 'header' }));
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d.get('connect-src')).toEqual(["'self'", 'https:', 'wss:', 'ws:', 'http://127.0.0.1:*', 'http://localhost:*']);
  });

  it('puts frame-ancestors only in the header form, where browsers honour it', () => {
    expect(directives(buildContentSecurityPolicy({ delivery: 'header' })).get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives(buildContentSecurityPolicy({ delivery: 'meta' })).has('frame-ancestors')).toBe(false);
  });

  it('allows the dev server’s inline scripts by hash, never by unsafe-inline', () => {
    const hash = 'Z2/iFzh9VMlVkEOar1f/oSHWwQk3ve1qk/C2WdsC4Xk=';
    const d = directives(buildContentSecurityPolicy({ delivery: 'header', inlineScriptHashes: [hash] }));
    expect(d.get('script-src')).toEqual(["'self'", `'sha256-${hash}'`]);
  });

  it('adds extra connect sources, and refuses anything that could inject a directive', () => {
    const d = directives(buildContentSecurityPolicy({ delivery: 'meta', connectSources: ['https://relay.example.org'] }));
    expect(d.get('connect-src')).toContain('https://relay.example.org');
    expect(() => buildContentSecurityPolicy({ delivery: 'meta', connectSources: ["https://x.org; script-src 'unsafe-inline'"] })).toThrow();
    expect(() => buildContentSecurityPolicy({ delivery: 'meta', connectSources: ["'unsafe-eval'"] })).toThrow();
    expect(() => buildContentSecurityPolicy({ delivery: 'meta', inlineScriptHashes: ["abc' 'unsafe-inline"] })).toThrow();
  });

  it('is exactly what src/renderer/index.html carries in its <meta> tag', () => {
    const html = readFileSync(new URL('../../src/renderer/index.html', import.meta.url), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
    expect(meta?.[1]).toBe(buildContentSecurityPolicy({ delivery: 'meta' }));
  });
});
