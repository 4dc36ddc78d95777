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
import { IFF_UP, RTM_DELLINK, RTMGRP_LINK } from "../sys/constants.ts";
import { type LinkMessage, RtnetlinkSocket } from "../sys/rtnetlink.ts";
import {
  capturableInterfaces,
  dumpLinks,
  interfaceLinkType,
  linkTypeOfArphrd,
  wantedType,
} from "./interfaces.ts";
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
  /**
   * The classic BPF program (`struct sock_filter` array) to attach to a socket whose frames
   * start with `linkType` (LINKTYPE_*), or undefined for none: programs differ by link type.
   */
  filterFor?: (linkType: number) => Uint8Array | undefined;
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
  /** With `all`: only interfaces of these link types (LINKTYPE_*); default every one. */
  linkTypes?: readonly number[];
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
/** How long a link may be down before that is told: a deletion starts with a "down". */
const DOWN_GRACE_MS = 100;
export const DEFAULT_BUFFER = 4 * 1024 * 1024;

/**
 * Opens one socket on `iface`, whose frames start with `linkType` (LINKTYPE_*; looked up when
 * not given), with the capture's settings: the ring, else recvmsg.
 */
export function openSource(
  iface: string,
  opts: Omit<LiveOptions, "interfaces">,
  linkType: number = interfaceLinkType(iface),
): CaptureSource {
  const snaplen = opts.snaplen ?? DEFAULT_SNAPLEN;
  const filter = opts.filterFor?.(linkType);
  const bufferSize = opts.bufferSize ?? DEFAULT_BUFFER;
  if (opts.ring ?? true) {
    let map: RingMapping | undefined;
    try {
      const { fd, ifindex } = openCaptureSocket(iface, {
        promiscuous: opts.promiscuous,
        filter,
        beforeBind: (fd) => {
          map = setupRing(fd, {
            bufferSize,
            blockTimeoutMs: opts.immediate ? IMMEDIATE_BLOCK_TIMEOUT_MS : BLOCK_TIMEOUT_MS,
          });
        },
      });
      const src = new RingSource(fd, iface, ifindex, snaplen, map!, linkType);
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
    filter,
    rcvbuf: bufferSize,
  });
  try {
    const src = new RecvSource(fd, iface, ifindex, snaplen, linkType);
    src.sink = opts.sink;
    return src;
  } catch (e) {
    closeFd(fd);
    throw e;
  }
}

/** Hooks of a live capture run. */
export interface RunHooks extends Omit<LoopHooks, "onSourceError"> {
  /** An interface went down, came back, vanished... (told as rtnetlink reports it). */
  onInterfaceEvent?: (e: InterfaceEvent) => void;
}

/**
 * A running or ready live capture. Interfaces are followed through rtnetlink: a socket bound
 * to the RTMGRP_LINK group sits in the loop's epoll set, so a link that goes down, comes up,
 * is deleted, re-created or (for `all`) added is acted on the moment the kernel says so.
 */
export class LiveCapture {
  readonly loop = new CaptureLoop();
  readonly options: LiveOptions;
  /** Counters of sockets already closed (an interface that went away). */
  readonly #retired = new Map<string, SourceStats>();
  /** Interfaces whose link is down (their sockets stay open and resume by themselves). */
  readonly #down = new Set<string>();
  /** Link events; opened before the first socket, so no change goes unheard. */
  #links: RtnetlinkSocket | undefined;
  /** Sockets whose interface is gone, still handing over what they had queued. */
  readonly #dying = new Set<CaptureSource>();
  /** Links seen going down, told after {@link DOWN_GRACE_MS} unless deleted meanwhile. */
  readonly #pendingDown = new Set<string>();
  #downTimer: ReturnType<typeof setTimeout> | undefined;
  /** An interface wanted and up could not be opened yet: look again on the next tick. */
  #retry = false;
  /** Where interface events go (set when the capture runs). */
  #event: (e: InterfaceEvent) => void = () => {};
  #closed = false;

  private constructor(options: LiveOptions) {
    this.options = options;
  }

  /** Opens every interface's socket; on any failure closes what was opened and throws. */
  static open(options: LiveOptions): LiveCapture {
    const cap = new LiveCapture(options);
    try {
      const links = RtnetlinkSocket.open(RTMGRP_LINK);
      cap.#links = links;
      cap.loop.watch(links.fd, () => cap.#onLinkEvents());
      const table = dumpLinks();
      const names = options.all
        ? capturableInterfaces(table, options.linkTypes)
        : options.interfaces;
      for (const iface of names) {
        cap.loop.add(openSource(iface, options, interfaceLinkType(iface, table)));
      }
    } catch (e) {
      cap.close();
      throw e;
    }
    return cap;
  }

  /** Names of the interfaces with an open socket. */
  get interfaces(): string[] {
    return this.#active().map((s) => s.iface);
  }

  /** The sockets whose interface is still there. */
  #active(): CaptureSource[] {
    return this.loop.sources.filter((s) => !this.#dying.has(s));
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
   * resolves false once stopped. Interfaces are followed as in {@link run}.
   */
  next(emit: Emit, hooks: RunHooks = {}): Promise<boolean> {
    this.#pullHooks ??= this.#loopHooks(hooks);
    return this.loop.next(emit, this.#pullHooks);
  }

  /**
   * Pull mode without waiting: one frame to `emit` and true when one is ready now; false
   * means "call {@link next}".
   */
  tryNext(emit: Emit, hooks: RunHooks = {}): boolean {
    this.#pullHooks ??= this.#loopHooks(hooks);
    return this.loop.tryNext(emit, this.#pullHooks);
  }

  #pullHooks: LoopHooks | undefined;

  #loopHooks(hooks: RunHooks): LoopHooks {
    this.#event = hooks.onInterfaceEvent ?? (() => {});
    return {
      afterBatch: hooks.afterBatch,
      tickMs: hooks.tickMs,
      blockMs: hooks.blockMs,
      onTick: async () => {
        if (this.#retry) this.#resync();
        await hooks.onTick?.();
      },
      onSourceError: (src, err) => {
        if (err.errno === ENETDOWN) {
          this.#setDown(src.iface, true);
          return;
        }
        this.#lose(src, err.code);
      },
    };
  }

  /**
   * Records a link going down or coming back up, telling each change once. "down" waits
   * {@link DOWN_GRACE_MS}: deleting an interface first takes it down, and then only "gone" is
   * news.
   */
  #setDown(name: string, down: boolean) {
    if (down === this.#down.has(name)) return;
    if (down) {
      this.#down.add(name);
      this.#pendingDown.add(name);
      this.#downTimer ??= setTimeout(() => this.#tellDown(), DOWN_GRACE_MS);
      return;
    }
    this.#down.delete(name);
    if (this.#pendingDown.delete(name)) this.#event({ type: "down", iface: name });
    this.#event({ type: "up", iface: name });
  }

  #tellDown() {
    this.#downTimer = undefined;
    for (const name of this.#pendingDown) this.#event({ type: "down", iface: name });
    this.#pendingDown.clear();
  }

  /**
   * An interface went away: the loss is told at once; its socket hands over the frames it
   * had already queued, then is closed (counters kept).
   */
  #lose(src: CaptureSource, detail?: string) {
    if (this.#dying.has(src)) return;
    this.#dying.add(src);
    this.#down.delete(src.iface);
    this.#pendingDown.delete(src.iface);
    if (!this.#retired.has(src.iface)) this.#retired.set(src.iface, zeroStats());
    this.#event({ type: "gone", iface: src.iface, detail });
    const blockMs = this.options.immediate ? IMMEDIATE_BLOCK_TIMEOUT_MS : BLOCK_TIMEOUT_MS;
    this.loop.removeWhenDrained(src, 2 * blockMs + 20, () => {
      this.#dying.delete(src);
      this.retire(src);
    });
  }

  /** The link events the kernel queued; after an overflow, the whole picture again. */
  #onLinkEvents() {
    if (!this.#links) return;
    const complete = this.#links.readEvents((m) => this.#onLink(m));
    if (!complete) this.#resync();
  }

  /** Re-learns every link from a dump: what it lacks is gone, the rest is applied. */
  #resync() {
    this.#retry = false;
    const links = dumpLinks();
    const present = new Set(links.map((l) => l.index));
    for (const src of this.#active()) if (!present.has(src.ifindex)) this.#lose(src);
    for (const l of links) this.#onLink(l);
  }

  /** Acts on one link message: loss, down/up, or a socket to (re)open. */
  #onLink(m: LinkMessage) {
    const src = this.#active().find((s) => s.ifindex === m.index);
    if (src) {
      // Deleted, or renamed away from the name we capture: either way that name is gone.
      if (m.type === RTM_DELLINK || m.name !== src.iface) this.#lose(src);
      else this.#setDown(src.iface, (m.flags & IFF_UP) === 0);
      if (m.type === RTM_DELLINK) return;
    }
    if (m.type === RTM_DELLINK || (m.flags & IFF_UP) === 0 || !this.#wants(m)) return;
    if (this.#active().some((s) => s.iface === m.name)) return;
    try {
      const linkType = linkTypeOfArphrd(m.hwType);
      if (linkType === undefined) return; // not a link rawcap captures (asked for by name)
      this.loop.add(openSource(m.name, this.options, linkType));
    } catch {
      this.#retry = true; // not ready yet (or renamed again): look on the next tick
      return;
    }
    this.#event({ type: this.#retired.has(m.name) ? "back" : "added", iface: m.name });
  }

  /** Whether this capture wants a socket on the link. */
  #wants(m: LinkMessage): boolean {
    return this.options.all
      ? wantedType(m.hwType, this.options.linkTypes)
      : this.options.interfaces.includes(m.name);
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
    clearTimeout(this.#downTimer);
    for (const src of this.loop.sources) this.retire(src);
    this.loop.close();
    this.#links?.close();
  }
}
