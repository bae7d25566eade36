import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ServerConfig, ServerReply, ServerRequest } from './serverProtocol';
import type { HostReply, HostRequest } from './subscriberProtocol';

/** The coordinator's handles on its child processes: relays under test and subscriber hosts. */

type Log = (s: string) => void;

function pipeOutput(child: ChildProcess, tag: string, log: Log) {
  // Children never write to our stdout: it carries the benchmark's JSON.
  const forward = (d: Buffer) => {
    for (const line of d.toString().split('\n')) if (line.trim()) log(`[${tag}] ${line}`);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
}

export class ServerProc {
  private nextId = 1;
  private waiting = new Map<number, (r: ServerReply) => void>();
  httpUrl = '';
  wsUrl = '';
  info: Record<string, unknown> = {};
  pid = 0;

  private constructor(
    private child: ChildProcess,
    readonly config: ServerConfig,
  ) {}

  /** profileDir: write a V8 CPU profile of the whole process there when it exits (node --cpu-prof). */
  static start(buildDir: string, config: ServerConfig, log: Log, profileDir?: string): Promise<ServerProc> {
    const child = fork(join(buildDir, 'serverMain.mjs'), [JSON.stringify(config)], {
      execArgv: ['--expose-gc', '--enable-source-maps', ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir, '--cpu-prof-interval', '200'] : [])],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    pipeOutput(child, config.kind, log);
    const proc = new ServerProc(child, config);
    return new Promise((ok, ko) => {
      const onExit = (code: number | null) => ko(new Error(`${config.kind} server exited (${code}) before it was ready`));
      child.once('exit', onExit);
      child.on('message', (raw) => {
        const m = raw as ServerReply;
        if (m.op === 'ready') {
          child.off('exit', onExit);
          Object.assign(proc, { httpUrl: m.httpUrl, wsUrl: m.wsUrl, info: m.info, pid: m.pid });
          ok(proc);
        } else if (m.op === 'failed') {
          child.off('exit', onExit);
          ko(new Error(`${config.kind} server failed to start: ${m.error}`));
        } else if ('id' in m) {
          proc.waiting.get(m.id)?.(m);
          proc.waiting.delete(m.id);
        }
      });
    });
  }

  private call(op: ServerRequest['op'], timeoutMs = 60_000, extra: { key?: string } = {}): Promise<ServerReply> {
    const id = this.nextId++;
    return new Promise((ok, ko) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        ko(new Error(`${this.config.kind} server: no answer to ${op}`));
      }, timeoutMs);
      this.waiting.set(id, (r) => {
        clearTimeout(timer);
        if (r.op === 'error') ko(new Error(r.error));
        else ok(r);
      });
      this.child.send({ op, id, ...extra } as ServerRequest);
    });
  }

  /** Process memory after forced GC in the server process. */
  async mem(): Promise<NodeJS.MemoryUsage> {
    const r = await this.call('mem');
    if (r.op !== 'mem') throw new Error('unexpected reply');
    return r.mem;
  }

  /** Documents the server holds in memory, and whether `key`'s is one of them. */
  async rooms(key?: string): Promise<{ rooms: number | null; loaded: boolean | null }> {
    const r = await this.call('rooms', 60_000, { key });
    if (r.op !== 'rooms') throw new Error('unexpected reply');
    return { rooms: r.rooms, loaded: r.loaded };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((ok) => this.child.once('exit', () => ok()));
    try {
      await this.call('stop', 10_000);
    } catch {
      this.child.kill('SIGKILL');
    }
    await exited;
  }
}

export class HostProc {
  readonly pid: number;
  private nextId = 1;
  private waiting = new Map<number, (r: HostReply) => void>();
  private seqWaiters = new Map<number, (at: Float64Array) => void>();

  private constructor(private child: ChildProcess) {
    this.pid = child.pid ?? 0;
    child.on('message', (raw) => {
      const m = raw as HostReply;
      if (m.op === 'got') {
        this.seqWaiters.get(m.seq)?.(m.at);
        this.seqWaiters.delete(m.seq);
      } else if ('id' in m) {
        this.waiting.get(m.id)?.(m);
        this.waiting.delete(m.id);
      }
    });
  }

  static start(buildDir: string, log: Log, tag: string): Promise<HostProc> {
    const child = fork(join(buildDir, 'subscriberHost.mjs'), [], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], serialization: 'advanced' });
    pipeOutput(child, tag, log);
    return new Promise((ok, ko) => {
      child.once('exit', (code) => ko(new Error(`subscriber host exited (${code})`)));
      child.once('message', () => ok(new HostProc(child)));
    });
  }

  private call<T extends HostReply>(req: HostRequest & { id: number }, timeoutMs: number): Promise<T> {
    return new Promise((ok, ko) => {
      const timer = setTimeout(() => ko(new Error(`subscriber host: no answer to ${req.op}`)), timeoutMs);
      this.waiting.set(req.id, (r) => {
        clearTimeout(timer);
        ok(r as T);
      });
      this.child.send(req);
    });
  }

  open(url: string, count: number, full: number) {
    return this.call<Extract<HostReply, { op: 'opened' }>>({ op: 'open', id: this.nextId++, url, count, full, concurrency: 64, timeoutMs: 30_000 }, 180_000);
  }

  close() {
    return this.call<Extract<HostReply, { op: 'closed' }>>({ op: 'close', id: this.nextId++ }, 60_000);
  }

  /** Arrival times of `seq` at every subscriber; after timeoutMs, whatever has arrived (NaN for the rest). */
  waitFor(seq: number, timeoutMs: number): Promise<Float64Array> {
    return new Promise((ok) => {
      const timer = setTimeout(() => this.child.send({ op: 'flush', seq } satisfies HostRequest), timeoutMs);
      this.seqWaiters.set(seq, (at) => {
        clearTimeout(timer);
        ok(at);
      });
    });
  }

  exit() {
    this.child.removeAllListeners('exit');
    this.child.send({ op: 'exit' } satisfies HostRequest);
  }
}
