import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectPlatform } from '../../src/renderer/platform/detectPlatform';
import type { TesseraBridge } from '../../src/shared/ipc/TesseraBridge';

const info = { name: 'Tessera', version: '0.1.0', platform: 'linux', runtime: 'Electron 45', defaultRelayUrl: 'http://127.0.0.1:8787' };

function fakeBridge(overrides: Partial<Record<keyof TesseraBridge, () => Promise<unknown>>> = {}): TesseraBridge {
  return {
    appInfo: overrides.appInfo ?? (() => Promise.resolve(info)),
    openExternal: overrides.openExternal ?? (() => Promise.resolve(true)),
    notify: overrides.notify ?? (() => Promise.resolve(true)),
    loadSession: overrides.loadSession ?? (() => Promise.resolve(null)),
    saveSession: overrides.saveSession ?? (() => Promise.resolve(true)),
    fetchIcs: overrides.fetchIcs ?? (() => Promise.resolve({ status: 'not-modified' })),
    scheduleReminders: overrides.scheduleReminders ?? (() => Promise.resolve(true)),
  } as TesseraBridge;
}

afterEach(() => vi.unstubAllGlobals());

describe('detectPlatform', () => {
  it('uses the Electron bridge when the preload exposed one', async () => {
    const platform = detectPlatform({ tessera: fakeBridge() });
    expect(platform.kind).toBe('electron');
    expect(await platform.appInfo()).toEqual(info);
    expect(await platform.openExternal('https://example.org/')).toBe(true);
    expect(await platform.notify('t', 'b')).toBe(true);
  });

  it('falls back to the web platform without a (complete) bridge', () => {
    expect(detectPlatform({}).kind).toBe('web');
    expect(detectPlatform({ tessera: { appInfo: () => null } }).kind).toBe('web');
    expect(detectPlatform({ tessera: 'x' }).kind).toBe('web');
  });

  it('does not trust what comes back over the bridge', async () => {
    const platform = detectPlatform({
      tessera: fakeBridge({ appInfo: () => Promise.resolve({ name: 1 }), openExternal: () => Promise.resolve('yes'), notify: () => Promise.reject(new Error('refused')) }),
    });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await expect(platform.appInfo()).rejects.toThrow();
    expect(await platform.openExternal('https://example.org/')).toBe(false);
    expect(await platform.notify('t', 'b')).toBe(false);
  });
});

describe('WebPlatform', () => {
  it('opens only web and mail links, without an opener', async () => {
    const open = vi.fn();
    vi.stubGlobal('window', { open });
    const platform = detectPlatform({});
    expect(await platform.openExternal('javascript:alert(1)')).toBe(false);
    expect(await platform.openExternal('https://example.org/x')).toBe(true);
    expect(open).toHaveBeenCalledExactlyOnceWith('https://example.org/x', '_blank', 'noopener,noreferrer');
  });

  it('notifies through the Notification API, asking for permission first', async () => {
    const shown: unknown[] = [];
    class FakeNotification {
      static permission = 'default';
      static requestPermission = vi.fn(() => Promise.resolve('granted'));
      constructor(title: string, options: { body: string }) {
        shown.push([title, options.body]);
      }
    }
    vi.stubGlobal('Notification', FakeNotification);
    const platform = detectPlatform({});
    expect(await platform.notify('Stand-up', 'in 5 minutes')).toBe(true);
    expect(FakeNotification.requestPermission).toHaveBeenCalledOnce();
    expect(shown).toEqual([['Stand-up', 'in 5 minutes']]);
    FakeNotification.permission = 'denied';
    expect(await platform.notify('again', '')).toBe(false);
  });

  it('reports no notifications where the API is missing', async () => {
    vi.stubGlobal('Notification', undefined);
    expect(await detectPlatform({}).notify('t', 'b')).toBe(false);
  });
});
