import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppAsset } from '../../src/main/resolveAppAsset';

const root = path.resolve('/srv/tessera/out/renderer');
const at = (url: string) => resolveAppAsset(root, url, 'bundle');

describe('resolveAppAsset', () => {
  it('maps app URLs to files under the root', () => {
    expect(at('tessera-app://bundle/index.html')).toBe(path.join(root, 'index.html'));
    expect(at('tessera-app://bundle/assets/index-abc.js?v=1')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(at('tessera-app://bundle/assets/a%20b.css')).toBe(path.join(root, 'assets', 'a b.css'));
  });

  it('serves index.html for the root and for client-side routes', () => {
    expect(at('tessera-app://bundle/')).toBe(path.join(root, 'index.html'));
    expect(at('tessera-app://bundle/week/2026-03-02')).toBe(path.join(root, 'index.html'));
  });

  it('keeps dot segments inside the root (the URL parser resolves them first)', () => {
    expect(at('tessera-app://bundle/%2e%2e/%2e%2e/main/index.js')).toBe(path.join(root, 'main', 'index.js'));
    expect(at('tessera-app://bundle/../../../etc/passwd.txt')).toBe(path.join(root, 'etc', 'passwd.txt'));
  });

  it('refuses other hosts and anything that escapes the root', () => {
    expect(at('tessera-app://other/index.html')).toBeNull();
    expect(at('tessera-app://bundle/assets/..%2f..%2fmain.js')).toBeNull();
    expect(at('tessera-app://bundle/assets/..%5c..%5cmain.js')).toBeNull();
    expect(at('tessera-app://bundle/C:/Windows/win.ini')).toBeNull();
    expect(at('tessera-app://bundle/a%00.js')).toBeNull();
    expect(at('tessera-app://bundle/%E0%A4%A')).toBeNull();
    expect(at('not a url')).toBeNull();
  });
});
