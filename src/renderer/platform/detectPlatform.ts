import { BRIDGE_KEY, type TesseraBridge } from '../../shared/ipc/TesseraBridge';
import { ElectronPlatform } from './ElectronPlatform';
import type { Platform } from './Platform';
import { WebPlatform } from './WebPlatform';

/** Replaced at build time by vite (`define`); absent under a test runner. */
declare const __TESSERA_VERSION__: string | undefined;

/** The Electron bridge if the preload exposed one, else the plain-web platform. */
export function detectPlatform(scope: object = globalThis): Platform {
  const bridge = (scope as Record<string, unknown>)[BRIDGE_KEY];
  if (isBridge(bridge)) return new ElectronPlatform(bridge);
  return new WebPlatform({ version: typeof __TESSERA_VERSION__ === 'string' ? __TESSERA_VERSION__ : '0.0.0' });
}

function isBridge(value: unknown): value is TesseraBridge {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.appInfo === 'function' && typeof v.openExternal === 'function' && typeof v.notify === 'function';
}
