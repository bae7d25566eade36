import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from '../../src/shared/ipc/ipcChannels';
import { ipcArgsSchemas, ipcResultSchemas } from '../../src/shared/ipc/ipcSchemas';

describe('IPC contract', () => {
  it('has one distinct channel per bridge function, and a schema for each', () => {
    const names = Object.keys(IPC_CHANNELS).sort();
    expect(new Set(Object.values(IPC_CHANNELS)).size).toBe(names.length);
    expect(Object.keys(ipcArgsSchemas).sort()).toEqual(names);
    expect(Object.keys(ipcResultSchemas).sort()).toEqual(names);
  });

  it('parses well-formed arguments', () => {
    expect(ipcArgsSchemas.appInfo.parse([])).toEqual([]);
    expect(ipcArgsSchemas.openExternal.parse(['https://example.org/'])).toEqual(['https://example.org/']);
    expect(ipcArgsSchemas.notify.parse(['Stand-up', 'in 5 minutes'])).toEqual(['Stand-up', 'in 5 minutes']);
  });

  it('rejects missing, extra, mistyped and oversized arguments', () => {
    expect(ipcArgsSchemas.appInfo.safeParse(['x']).success).toBe(false);
    expect(ipcArgsSchemas.openExternal.safeParse([]).success).toBe(false);
    expect(ipcArgsSchemas.openExternal.safeParse(['']).success).toBe(false);
    expect(ipcArgsSchemas.openExternal.safeParse([{ toString: () => 'https://x.org' }]).success).toBe(false);
    expect(ipcArgsSchemas.openExternal.safeParse(['https://x.org', 'extra']).success).toBe(false);
    expect(ipcArgsSchemas.notify.safeParse(['title']).success).toBe(false);
    expect(ipcArgsSchemas.notify.safeParse(['t', 42]).success).toBe(false);
    expect(ipcArgsSchemas.notify.safeParse(['t'.repeat(257), 'b']).success).toBe(false);
    expect(ipcArgsSchemas.notify.safeParse(['t', 'b'.repeat(4_001)]).success).toBe(false);
  });

  it('parses results the renderer receives', () => {
    const info = { name: 'Tessera', version: '0.1.0', platform: 'linux', runtime: 'Electron 45', defaultRelayUrl: 'http://127.0.0.1:8787' };
    expect(ipcResultSchemas.appInfo.parse(info)).toEqual(info);
    expect(ipcResultSchemas.appInfo.safeParse({ ...info, version: 1 }).success).toBe(false);
    expect(ipcResultSchemas.notify.safeParse('yes').success).toBe(false);
  });
});
