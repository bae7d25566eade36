import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openStore } from '../../src/relay/store/Store';
import { RoomHost } from '../../src/relay/sync/RoomHost';

/**
 * Loading a room applies its stored snapshot without decoding it first (that
 * check cost a new device ~100 ms per 10,000 events); a damaged snapshot or row
 * must still never take down the room or leave part of itself behind.
 */
function hostOn(store: ReturnType<typeof openStore>, log: string[]): RoomHost {
  return new RoomHost(store, { idleMs: 60_000, compactRows: 1_000, compactBytes: 1 << 24, now: () => 1, log: (m) => log.push(m) }, {
    calendarEpochs: () => null,
    onLoaded: () => {},
    onMetaName: () => {},
  });
}

function updateSetting(key: string, value: string): Uint8Array {
  const d = new Y.Doc();
  d.getMap('settings').set(key, value);
  return Y.encodeStateAsUpdate(d);
}

describe('room loading', () => {
  it('serves a stored snapshot whole to a device that holds nothing, and re-encodes once it changes', () => {
    const store = openStore(':memory:');
    const snapshot = updateSetting('a', '1');
    store.rooms.compact('user/u1', snapshot, 0, 1);
    const host = hostOn(store, []);
    const room = host.open({ kind: 'user', userId: 'u1' });
    expect(room.doc.getMap('settings').get('a')).toBe('1');
    expect(host.fullState(room)).toBe(room.encodedState);
    expect(Buffer.from(host.fullState(room)).equals(Buffer.from(snapshot))).toBe(true);
    room.doc.getMap('settings').set('b', '2');
    expect(room.encodedState).toBeNull();
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, host.fullState(room));
    expect(fresh.getMap('settings').toJSON()).toEqual({ a: '1', b: '2' });
    host.closeAll();
    store.close();
  });

  it('drops a damaged snapshot (and nothing of it stays) but keeps the rows after it; skips a damaged row', () => {
    const store = openStore(':memory:');
    store.rooms.compact('user/u2', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]), 0, 1);
    store.rooms.append('user/u2', updateSetting('kept', 'yes'));
    store.rooms.append('user/u2', new Uint8Array([7, 7, 7]));
    const log: string[] = [];
    const host = hostOn(store, log);
    const room = host.open({ kind: 'user', userId: 'u2' });
    expect(room.doc.getMap('settings').toJSON()).toEqual({ kept: 'yes' });
    expect(room.encodedState).toBeNull();
    expect(log.some((m) => m.includes('damaged snapshot of user/u2'))).toBe(true);
    expect(log.some((m) => /damaged row \d+ of user\/u2/.test(m))).toBe(true);
    host.closeAll();
    store.close();
  });
});
