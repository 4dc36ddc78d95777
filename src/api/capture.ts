/** `capture()`: live capture as an async iterable of {@link Packet}s. */
import { type CaptureStats, type InterfaceEvent, LiveCapture } from "../capture/live.ts";
import type { PacketRecord } from "../packet/packet.ts";
import { LinkTypeFilters } from "../filter/per_link_type.ts";
import { LINKTYPE_ETHERNET, LINKTYPE_RAW } from "../packet/linktype.ts";
import { DissectionSlot, Packet } from "./packet.ts";

/** Options of {@link capture}. */
export interface CaptureOptions {
  /**
   * Interface names; one socket each, all read from one thread. `["any"]`: every interface
   * that is up and carries Ethernet framing, and new ones as they appear (as `rawcap -i any`).
   */
  interfaces: string[];
  /**
   * Which frames by direction (as tcpdump's `-Q`): "in" (received), "out" (sent by this
   * host), or "inout" (both; the default).
   */
  direction?: "in" | "out" | "inout";
  /** Keep frames with a VLAN tag of one of these ids (run in the kernel). */
  vlan?: number[];
  /**
   * A pcap-filter(7) expression, compiled to BPF and run in the kernel (one longer than the
   * kernel's 4096 instructions runs in user space, on every frame).
   */
  filter?: string;
  /** Promiscuous mode (default true): see what a bridge forwards, not only what is ours. */
  promiscuous?: boolean;
  /** Bytes kept per frame (default 262144). */
  snaplen?: number;
  /** Stop after this many packets. */
  count?: number;
  /** Kernel ring per interface, in bytes (default 4 MiB). */
  bufferSize?: number;
  /** Aborting stops the capture; the iteration then ends normally. */
  signal?: AbortSignal;
  /** Hand frames over within about a millisecond (default: up to ~64 ms batching). */
  immediate?: boolean;
  /** Told when an interface goes down, disappears or comes back. */
  onInterfaceEvent?: (e: InterfaceEvent) => void;
}

/** A running capture: iterate it, or read its stream; close it when done. */
export interface Capture extends AsyncIterable<Packet>, AsyncDisposable {
  /**
   * The packets as a stream. Unlike the iterator, the stream hands out copies
   * ({@link Packet.clone}), so they can be buffered or kept.
   */
  readonly readable: ReadableStream<Packet>;
  /** Kernel counters: received, dropped, and per interface. */
  stats(): CaptureStats;
  /** Stops the capture and closes its sockets. */
  close(): Promise<void>;
}

/**
 * Starts a live capture. Throws `InterfaceNotFound`, `PermissionDenied` (no CAP_NET_RAW) or
 * `FilterSyntaxError` at once. Iterating yields packets that are views into kernel memory,
 * valid until the next one is read (use `packet.clone()` to keep one); a consumer that falls
 * behind is absorbed by the kernel ring, and what it cannot hold shows in `stats().dropped`.
 *
 * @example Count frames per VLAN on a bridge for ten seconds
 * ```ts
 * import { capture } from "jsr:@rawcap/rawcap";
 * const perVlan = new Map<number, number>();
 * await using cap = capture({ interfaces: ["br0"], signal: AbortSignal.timeout(10_000) });
 * for await (const p of cap) {
 *   const id = p.vlan[0]?.id ?? 0;
 *   perVlan.set(id, (perVlan.get(id) ?? 0) + 1);
 * }
 * console.log(perVlan, cap.stats());
 * ```
 */
export function capture(options: CaptureOptions): Capture {
  if (options.interfaces.length === 0) {
    throw new RangeError('capture(): no interface given (name one or more, or use ["any"])');
  }
  const all = options.interfaces.includes("any");
  if (all && options.interfaces.length > 1) {
    throw new RangeError('capture(): "any" already means every interface; name no others');
  }
  const direction = options.direction ?? "inout";
  if (!["in", "out", "inout"].includes(direction)) {
    throw new RangeError(`capture(): direction must be "in", "out" or "inout", not "${direction}"`);
  }
  const vlanIds = options.vlan ?? [];
  // One program per link type (an Ethernet NIC and a tun put IP at different offsets).
  const filters = options.filter || vlanIds.length > 0
    ? new LinkTypeFilters(options.filter ?? "", { snaplen: options.snaplen, vlanIds })
    : undefined;
  // Longer than the kernel takes: run here on each frame instead, as libpcap does.
  let user: LinkTypeFilters | undefined;
  const live = LiveCapture.open({
    interfaces: all ? [] : options.interfaces,
    all,
    // "any" takes the interfaces the filter means something on (`vlan` is Ethernet's).
    linkTypes: all && filters ? filters.compilesFor([LINKTYPE_ETHERNET, LINKTYPE_RAW]) : undefined,
    promiscuous: options.promiscuous,
    snaplen: options.snaplen,
    filterFor: filters && ((linkType) => {
      const f = filters.for(linkType);
      if (!f.tooLongForKernel) return f.bytes;
      user = filters;
      return undefined;
    }),
    bufferSize: options.bufferSize,
    immediate: options.immediate,
  });
  let closed = false;
  let delivered = 0;
  const limit = options.count ?? 0;
  let pending: Promise<boolean> | undefined;
  const close = async () => {
    if (closed) return;
    closed = true;
    live.stop();
    // A wait in flight must return before its epoll set and rings go away.
    await pending?.catch(() => {});
    // The last packet points into a ring that is about to be unmapped.
    Packet.invalidate(current);
    live.close();
    options.signal?.removeEventListener("abort", onAbort);
  };
  const onAbort = () => live.stop();
  if (options.signal?.aborted) live.stop();
  options.signal?.addEventListener("abort", onAbort);

  let current: Packet | undefined;
  const wanted = direction === "in"
    ? (rec: PacketRecord) => rec.direction !== "out"
    : direction === "out"
    ? (rec: PacketRecord) => rec.direction === "out"
    : () => true;
  const slot = new DissectionSlot();
  const take = (rec: PacketRecord) => {
    // The previous packet's bytes go back to the kernel with this call: it is stale now.
    Packet.invalidate(current);
    current = undefined;
    if (user && !user.matchesRecord(rec)) return;
    // (a program the kernel took would run twice: harmless, and only past 4096 instructions)
    current = wanted(rec) ? new Packet(rec, slot) : undefined;
  };
  const hooks = { onInterfaceEvent: options.onInterfaceEvent };
  /** The next packet if one is queued right now (no promise per packet while frames flow). */
  const nextNow = (): Packet | undefined => {
    while (!closed && (limit === 0 || delivered < limit) && live.tryNext(take, hooks)) {
      if (current !== undefined) {
        delivered++;
        return current;
      }
    }
    return undefined;
  };
  /** The next packet (a view), or undefined at the end. */
  const next = async (): Promise<Packet | undefined> => {
    const now = nextNow();
    if (now) return now;
    if (closed || (limit > 0 && delivered >= limit)) return undefined;
    let got: boolean;
    do {
      pending = live.next(take, hooks);
      got = await pending;
      pending = undefined;
    } while (got && !closed && current === undefined);
    if (!got || closed) return undefined;
    delivered++;
    return current;
  };

  /** The iterator: a plain object, so a packet ready now costs one resolved promise. */
  const iterator = (): AsyncIterator<Packet> => ({
    next(): Promise<IteratorResult<Packet>> {
      const now = nextNow();
      if (now) return Promise.resolve({ done: false, value: now });
      return next().then(async (p) => {
        if (p) return { done: false, value: p };
        await close();
        return { done: true, value: undefined };
      });
    },
    async return(): Promise<IteratorResult<Packet>> {
      await close();
      return { done: true, value: undefined };
    },
  });

  let iterating = false;
  const readable = new ReadableStream<Packet>({
    async pull(ctrl) {
      const p = await next();
      if (p) ctrl.enqueue(p.clone());
      else {
        ctrl.close();
        await close();
      }
    },
    cancel: close,
  }, { highWaterMark: 0 });

  return {
    [Symbol.asyncIterator]() {
      if (iterating) throw new Error("a capture can be iterated only once");
      iterating = true;
      return iterator();
    },
    readable,
    stats: () => live.stats(),
    close,
    [Symbol.asyncDispose]: close,
  };
}
