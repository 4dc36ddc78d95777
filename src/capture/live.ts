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
import { closeFd, openCaptureSocket } from "./socket.ts";
import { CaptureLoop, type LoopHooks } from "./loop.ts";
import type { CaptureSource, Emit, SourceStats } from "./source.ts";

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
}

/** Counters of a whole capture and per interface. */
export interface CaptureStats extends SourceStats {
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
      return new RingSource(fd, iface, ifindex, snaplen, map!);
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
    return new RecvSource(fd, iface, ifindex, snaplen);
  } catch (e) {
    closeFd(fd);
    throw e;
  }
}

/** A running or ready live capture. */
export class LiveCapture {
  readonly loop = new CaptureLoop();
  readonly options: LiveOptions;
  /** Counters of sockets already closed (an interface that went away). */
  readonly #retired = new Map<string, SourceStats>();
  #closed = false;

  private constructor(options: LiveOptions) {
    this.options = options;
  }

  /** Opens every interface's socket; on any failure closes what was opened and throws. */
  static open(options: LiveOptions): LiveCapture {
    const cap = new LiveCapture(options);
    try {
      for (const iface of options.interfaces) cap.loop.add(openSource(iface, options));
    } catch (e) {
      cap.close();
      throw e;
    }
    return cap;
  }

  /** Hands frames to `emit` until stopped; `emit` returning false stops. */
  run(emit: Emit, hooks: LoopHooks = {}): Promise<void> {
    return this.loop.run(emit, {
      ...hooks,
      onSourceError: (src, err) => {
        this.retire(src);
        hooks.onSourceError?.(src, err);
      },
    });
  }

  /** Adds a socket (e.g. an interface that came back). */
  addSource(src: CaptureSource) {
    this.loop.add(src);
  }

  /** Closes a socket that failed, keeping its counters. */
  retire(src: CaptureSource) {
    this.loop.remove(src);
    const s = src.stats();
    src.close();
    const prev = this.#retired.get(src.iface) ?? { received: 0, dropped: 0 };
    this.#retired.set(src.iface, {
      received: prev.received + s.received,
      dropped: prev.dropped + s.dropped,
    });
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
      const p = per.get(src.iface) ?? { received: 0, dropped: 0 };
      per.set(src.iface, { received: p.received + s.received, dropped: p.dropped + s.dropped });
    }
    let received = 0, dropped = 0;
    for (const s of per.values()) {
      received += s.received;
      dropped += s.dropped;
    }
    return { received, dropped, perInterface: per };
  }

  /** Closes every socket and the loop. Counters stay readable. */
  close() {
    if (this.#closed) return;
    this.#closed = true;
    for (const src of this.loop.sources) this.retire(src);
    this.loop.close();
  }
}
