import type { ServerConfig } from './serverProtocol';
import type { startBenchRelay } from './tesseraEntry';

/**
 * Loads the Tessera relay's bundle (tesseraEntry.mjs, built beside this file by
 * scripts/bench.mjs only where src/relay/startRelay.ts exists) at run time, so the
 * benchmark still builds, and measures its peers, without the relay.
 */
export async function startTessera(cfg: ServerConfig & { host: string }) {
  const mod = (await import(new URL('./tesseraEntry.mjs', import.meta.url).href)) as { startBenchRelay: typeof startBenchRelay };
  const relay = await mod.startBenchRelay({ dataDir: cfg.dataDir!, host: cfg.host, relayOptions: cfg.relayOptions });
  return {
    httpUrl: relay.httpUrl,
    wsUrl: relay.wsUrl,
    rooms: () => Promise.resolve(relay.loadedRooms()),
    isLoaded: (key: string) => Promise.resolve(relay.isLoaded(key)),
    info: { name: 'tessera relay', person: relay.person },
    close: () => relay.close(),
  };
}
