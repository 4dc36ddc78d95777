/**
 * A live capture on one or more interfaces: one socket per interface, all in one epoll loop.
 */
import { RecvSource } from "./recv.ts";
import {
  BLOCK_TIMEOUT_MS,
  IMMEDIATE_BLOCK_TIMEOUT_MS,
  type RingMapping,
  RingSource,
  setupRing,
} from "./ring.ts";
import { SysError } from "../sys/libc.ts";
import { ENETDOWN } from "../sys/errno.ts";
import { capturableInterfaces, interfaceInfo } from "./interfaces.ts";
import type { LoopHooks } from "./loop.ts";
import { closeFd, openCaptureSocket } from "./socket.ts";
import { CaptureLoop } from "./loop.ts";
import {
  addStats,
  type CaptureSource,
  type Emit,
  type FrameSink,
  type SourceStats,
  zeroStats,
} from "./source.ts";

/** Options of a live capture. */
export interface LiveOptions {
  /** Interface names; each gets its own socket. */
  interfaces: string[];
  /** Promiscuous mode through a socket membership (default true). */
  promiscuous?: boolean;
  /** Bytes kept of each frame (default 262144). */
  snaplen?: number;
  /** Classic BPF program (`struct sock_filter` array) attached to every socket. */
  filter?: Uint8Array;
  /** Kernel buffer per socket, bytes (default 4 MiB): the ring size, or SO_RCVBUF. */
  bufferSize?: number;
  /** Read path: the TPACKET_V3 ring (default) or one recvmsg per frame. */
  ring?: boolean;
  /** Hand frames over within about a millisecond (small ring block timeout). */
  immediate?: boolean;
  /** Told when the ring cannot be set up and the recvmsg path is used instead. */
  onFallback?: (iface: string, reason: string) => void;
  /** Capture on every interface that is up, and on new ones as they appear. */
  all?: boolean;
  /** Frames go here instead of the `emit` callback (the zero-copy file path). */
  sink?: FrameSink;
}

/** Something that happened to an interface during a capture. */
export interface InterfaceEvent {
  /** down: link went down (socket kept); up: it came back; gone: deleted; back: re-created
   * or reappeared and reopened; added: a new interface joined an `all` capture. */
  type: "down" | "up" | "gone" | "back" | "added";
  /** The interface it happened to: one asked for, or one an `all` capture picked up. */
  iface: string;
  /** For `gone` seen as a socket error: its errno name (e.g. ENODEV); undefined otherwise. */
  detail?: string;
}

/** Counters of a whole capture and per interface. */
export interface CaptureStats extends SourceStats {
  /**
   * Counters by interface name, including interfaces whose socket was closed when they went
   * away; `received`, `dropped` and `freezes` are the sums over this map.
   */
  perInterface: Map<string, SourceStats>;
}

export const DEFAULT_SNAPLEN = 262144;
export const DEFAULT_BUFFER = 4 * 1024 * 1024;

/** Opens one socket on `iface` with the capture's settings: the ring, else recvmsg. */
export function openSource(iface: string, opts: Omit<LiveOptions, "interfaces">): CaptureSource {
  const snaplen = opts.snaplen ?? DEFAULT_SNAPLEN;
  const bufferSize = opts.bufferSize ?? DEFAULT_BUFFER;
  if (opts.ring ?? true) {
    let map: RingMapping | undefined;
    try {
      const { fd, ifindex } = openCaptureSocket(iface, {
        promiscuous: opts.promiscuous,
        filter: opts.filter,
        beforeBind: (fd) => {
          map = setupRing(fd, {
            bufferSize,
            blockTimeoutMs: opts.immediate ? IMMEDIATE_BLOCK_TIMEOUT_MS : BLOCK_TIMEOUT_MS,
          });
        },
      });
      const src = new RingSource(fd, iface, ifindex, snaplen, map!);
      src.sink = opts.sink;
      return src;
    } catch (e) {
      if (!(e instanceof SysError) || e.call === "socket(AF_PACKET)" || e.call.startsWith("bind")) {
        throw e;
      }
      opts.onFallback?.(iface, e.message);
    }
  }
  const { fd, ifindex } = openCaptureSocket(iface, {
    promiscuous: opts.promiscuous,
    filter: opts.filter,
    rcvbuf: bufferSize,
  });
  try {
    const src = new RecvSource(fd, iface, ifindex, snaplen);
    src.sink = opts.sink;
    return src;
  } catch (e) {
    closeFd(fd);
    throw e;
  }
}

/** Hooks of a live capture run. */
export interface RunHooks extends Omit<LoopHooks, "onSourceError"> {
  /** An interface went down, came back, vanished... */
  onInterfaceEvent?: (e: InterfaceEvent) => void;
  /** How often to look for interfaces that came back or appeared (default 500 ms). */
  watchMs?: number;
}

/** A running or ready live capture. */
export class LiveCapture {
  readonly loop = new CaptureLoop();
  readonly options: LiveOptions;
  /** Counters of sockets already closed (an interface that went away). */
  readonly #retired = new Map<string, SourceStats>();
  /** Interfaces whose link is down (their sockets stay open and resume by themselves). */
  readonly #down = new Set<string>();
  #closed = false;

  private constructor(options: LiveOptions) {
    this.options = options;
  }

  /** Opens every interface's socket; on any failure closes what was opened and throws. */
  static open(options: LiveOptions): LiveCapture {
    const cap = new LiveCapture(options);
    try {
      const names = options.all ? capturableInterfaces() : options.interfaces;
      for (const iface of names) cap.loop.add(openSource(iface, options));
    } catch (e) {
      cap.close();
      throw e;
    }
    return cap;
  }

  /** Names of the interfaces with an open socket. */
  get interfaces(): string[] {
    return this.loop.sources.map((s) => s.iface);
  }

  /**
   * Hands frames to `emit` until stopped; `emit` returning false stops. An interface that
   * goes down or disappears never ends the capture: it is reported and picked up again.
   */
  run(emit: Emit, hooks: RunHooks = {}): Promise<void> {
    return this.loop.run(emit, this.#loopHooks(hooks));
  }

  /**
   * Pull mode: hands one frame to `emit` (valid until the next call) and resolves true, or
   * resolves false once stopped. Interfaces are watched as in {@link run}.
   */
  next(emit: Emit, hooks: RunHooks = {}): Promise<boolean> {
    this.#pullHooks ??= this.#loopHooks(hooks);
    return this.loop.next(emit, this.#pullHooks);
  }

  #pullHooks: LoopHooks | undefined;

  #loopHooks(hooks: RunHooks): LoopHooks {
    const event = hooks.onInterfaceEvent ?? (() => {});
    const watchMs = hooks.watchMs ?? 500;
    let lastWatch = performance.now();
    return {
      afterBatch: hooks.afterBatch,
      tickMs: Math.min(hooks.tickMs ?? 250, watchMs),
      onTick: async () => {
        const now = performance.now();
        if (now - lastWatch >= watchMs) {
          lastWatch = now;
          this.#watch(event);
        }
        await hooks.onTick?.();
      },
      onSourceError: (src, err) => {
        if (err.errno === ENETDOWN) {
          if (!this.#down.has(src.iface)) {
            this.#down.add(src.iface);
            event({ type: "down", iface: src.iface });
          }
          return;
        }
        this.retire(src);
        this.#down.delete(src.iface);
        event({ type: "gone", iface: src.iface, detail: err.code });
      },
    };
  }

  /** Reopens interfaces that came back, notices links back up, adds new ones for `all`. */
  #watch(event: (e: InterfaceEvent) => void) {
    const active = new Map(this.loop.sources.map((s) => [s.iface, s]));
    for (const [name, src] of active) {
      const info = interfaceInfo(name);
      if (!info || info.index !== src.ifindex) {
        // Deleted (and maybe re-created) without the socket noticing yet.
        this.retire(src);
        this.#down.delete(name);
        active.delete(name);
        event({ type: "gone", iface: name });
      } else if (this.#down.has(name) && info.up && info.operstate !== "down") {
        this.#down.delete(name);
        event({ type: "up", iface: name });
      }
    }
    const wanted = this.options.all
      ? new Set([...capturableInterfaces(), ...this.#retired.keys()])
      : new Set(this.options.interfaces);
    for (const name of wanted) {
      if (active.has(name)) continue;
      const info = interfaceInfo(name);
      if (!info || !info.up) continue;
      try {
        this.loop.add(openSource(name, this.options));
      } catch {
        continue; // not ready yet: try on the next round
      }
      event({ type: this.#retired.has(name) ? "back" : "added", iface: name });
    }
  }

  /** Sends the frames of every socket, now and later, to `sink` instead of `emit`. */
  setSink(sink: FrameSink | undefined) {
    this.options.sink = sink;
    for (const src of this.loop.sources) src.sink = sink;
  }

  /** Adds a socket. */
  addSource(src: CaptureSource) {
    this.loop.add(src);
  }

  /** Closes a socket, keeping its counters. */
  retire(src: CaptureSource) {
    this.loop.remove(src);
    const s = src.stats();
    src.close();
    this.#retired.set(src.iface, addStats(this.#retired.get(src.iface) ?? zeroStats(), s));
  }

  /** Stops the loop; `run()` resolves soon after. */
  stop() {
    this.loop.stop();
  }

  /** Counters so far, summed over sockets and per interface. */
  stats(): CaptureStats {
    const per = new Map<string, SourceStats>();
    for (const [k, v] of this.#retired) per.set(k, { ...v });
    for (const src of this.loop.sources) {
      const s = src.stats();
      per.set(src.iface, addStats(per.get(src.iface) ?? zeroStats(), s));
    }
    let total = zeroStats();
    for (const s of per.values()) total = addStats(total, s);
    return { ...total, perInterface: per };
  }

  /** Closes every socket and the loop. Counters stay readable. */
  close() {
    if (this.#closed) return;
    this.#closed = true;
    for (const src of this.loop.sources) this.retire(src);
    this.loop.close();
  }
}
