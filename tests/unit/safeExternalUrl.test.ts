import { describe, expect, it } from 'vitest';
import { safeExternalUrl } from '../../src/shared/ipc/safeExternalUrl';

describe('safeExternalUrl', () => {
  it('accepts http, https and mailto, normalised', () => {
    expect(safeExternalUrl('https://example.org')).toBe('https://example.org/');
    expect(safeExternalUrl('HTTP://Example.org/x?y=1#z')).toBe('http://example.org/x?y=1#z');
    expect(safeExternalUrl('mailto:a@example.org?subject=Hi')).toBe('mailto:a@example.org?subject=Hi');
  });

  it('refuses schemes that run programs or read files', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'vbscript:x', 'data:text/html,x', 'smb://host/share', 'ms-settings:', 'search-ms:query=x', 'tessera://invite/1', 'ftp://example.org/']) {
      expect(safeExternalUrl(url), url).toBeNull();
    }
  });

  it('refuses relative, empty, credentialed and oversized URLs', () => {
    expect(safeExternalUrl('')).toBeNull();
    expect(safeExternalUrl('/relative')).toBeNull();
    expect(safeExternalUrl('example.org')).toBeNull();
    expect(safeExternalUrl('https://user:pw@example.org/')).toBeNull();
    expect(safeExternalUrl(`https://example.org/${'a'.repeat(9_000)}`)).toBeNull();
  });
});
