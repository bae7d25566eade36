import { describe, expect, it } from 'vitest';
import { decideNavigation, decideWindowOpen, isAppUrl, isPermissionGranted } from '../../src/main/navigationPolicy';

const BUNDLE = 'tessera-app://bundle/index.html';
const DEV = 'http://localhost:5173/';

describe('isAppUrl', () => {
  it('matches the app scheme and host, any path', () => {
    expect(isAppUrl('tessera-app://bundle/index.html', BUNDLE)).toBe(true);
    expect(isAppUrl('tessera-app://bundle/week?d=2026-03-02#x', BUNDLE)).toBe(true);
    expect(isAppUrl('tessera-app://other/index.html', BUNDLE)).toBe(false);
    expect(isAppUrl('tessera://bundle/index.html', BUNDLE)).toBe(false);
    expect(isAppUrl('file:///work/out/renderer/index.html', BUNDLE)).toBe(false);
  });

  it('matches the dev server by scheme, host and port', () => {
    expect(isAppUrl('http://localhost:5173/src/main.tsx', DEV)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', DEV)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', DEV)).toBe(false);
    expect(isAppUrl('http://localhost.evil.com:5173/', DEV)).toBe(false);
    expect(isAppUrl('http://user:pw@localhost:5173/', DEV)).toBe(false);
  });

  it('is false for garbage', () => {
    expect(isAppUrl('', BUNDLE)).toBe(false);
    expect(isAppUrl('not a url', BUNDLE)).toBe(false);
    expect(isAppUrl('about:blank', BUNDLE)).toBe(false);
  });
});

describe('decideNavigation', () => {
  it('allows navigation within the app', () => {
    expect(decideNavigation('tessera-app://bundle/index.html?reload', BUNDLE)).toEqual({ allow: true });
  });

  it('denies leaving the app, sending web and mail links to the OS', () => {
    expect(decideNavigation('https://example.org/agenda', BUNDLE)).toEqual({ allow: false, openExternally: 'https://example.org/agenda' });
    expect(decideNavigation('mailto:anna@example.org', BUNDLE)).toEqual({ allow: false, openExternally: 'mailto:anna@example.org' });
  });

  it('denies everything else outright', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<script>1</script>', 'smb://server/share', 'ms-msdt:/id', 'tessera-app://elsewhere/']) {
      expect(decideNavigation(url, BUNDLE)).toEqual({ allow: false, openExternally: null });
    }
  });
});

describe('decideWindowOpen', () => {
  it('never opens an app window; web and mail links go to the OS', () => {
    expect(decideWindowOpen('https://example.org/')).toEqual({ openExternally: 'https://example.org/' });
    expect(decideWindowOpen('http://example.org/a b')).toEqual({ openExternally: 'http://example.org/a%20b' });
    expect(decideWindowOpen(BUNDLE)).toEqual({ openExternally: null });
    expect(decideWindowOpen('file:///C:/Windows/system32/calc.exe')).toEqual({ openExternally: null });
  });
});

describe('isPermissionGranted', () => {
  it('grants the few permissions the app uses, and only to the app', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', BUNDLE, BUNDLE)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'tessera-app://bundle', BUNDLE)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://example.org/', BUNDLE)).toBe(false);
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'unknown']) {
      expect(isPermissionGranted(p, BUNDLE, BUNDLE)).toBe(false);
    }
  });
});
