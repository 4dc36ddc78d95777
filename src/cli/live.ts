/** `rawcap -i ...`: a live capture wired to the output, signals, stats and interface events. */
import { LiveCapture } from "../capture/live.ts";
import { RawcapError } from "../errors.ts";
import type { CaptureStats } from "../capture/live.ts";
import { dropPrivileges, effectiveUid } from "../sys/privileges.ts";
import type { PacketRecord } from "../packet/packet.ts";
import { UsageError } from "./args.ts";
import type { CliOptions } from "./args.ts";
import { Consumer, formatFor, packetCount } from "./consumer.ts";
import { LineWriter } from "./output.ts";
import { rehearse, rehearseZeroCopy } from "./rehearsal.ts";
import { type Selector, userSpaceFilter } from "./select.ts";
import { BPF_MAXINSNS } from "../filter/mod.ts";
import type { LinkTypeFilters } from "../filter/per_link_type.ts";
import {
  LINKTYPE_ETHERNET,
  LINKTYPE_RAW,
  linkTypeInfo,
  linkTypeLabel,
} from "../packet/linktype.ts";

/**
 * Longest blocking wait of the capture loop: how long a signal (SIGINT, SIGHUP...) can wait
 * to be acted on when no frame comes (the loop's tick, which acts on SIGHUP, -G and
 * --stats-interval, is 250 ms too). Each wait and turn of the event loop costs CPU when idle
 * (~2.5 ms a second here).
 */
const BLOCK_MS = 250;

/** The interface this capture lost and will not wait for (--exit-on-loss). */
export class InterfaceLost extends RawcapError {
  constructor(iface: string) {
    super(`${iface}: interface went away and --exit-on-loss was given`);
    this.name = "InterfaceLost";
  }
}

/** Per-interface counters, one line each. */
export function statsLines(st: CaptureStats): string[] {
  return [...st.perInterface].map(([name, s]) =>
    `${name}: ${s.received} packets received, ${s.dropped} dropped by kernel, ${s.freezes} ring freezes`
  );
}

/**
 * Runs a live capture until -c, a signal, or (with --exit-on-loss) a lost interface. The filter
 * runs in the kernel, or, when it is longer than the kernel takes, in user space on every frame.
 */
export async function runLive(
  opts: CliOptions,
  filters: LinkTypeFilters | undefined,
  only: Selector,
): Promise<number> {
  const err = new LineWriter(Deno.stderr, 4096, "stderr");
  const say = (line: string) => {
    err.line(`rawcap: ${line}`);
    err.flush();
  };
  if (opts.requireDrop && !opts.user && effectiveUid() === 0) {
    throw new UsageError("running as root without -Z USER, and --require-drop was given");
  }
  // One program per link type; past the kernel's limit it runs in user space instead.
  const long = filters?.ethernet.tooLongForKernel ? filters.ethernet : undefined;
  const user = long ? userSpaceFilter(filters!) : undefined;
  if (long) {
    say(
      `warning: filter too long for the kernel (${long.insns.length} BPF instructions, at ` +
        `most ${BPF_MAXINSNS}); filtering in user space`,
    );
  }
  const select: Selector = user && only ? (rec) => user(rec) && only(rec) : user ?? only;
  // A pcap file holds one link type: `any` then takes the interfaces of the first (-y, else
  // Ethernet); pcapng holds any number. With a filter, `any` takes the link types it means
  // something on (`vlan` is Ethernet's).
  const pcapFile = opts.write !== undefined && formatFor(opts) === "pcap";
  let linkTypes: number[] | undefined = opts.linkType !== undefined
    ? [opts.linkType]
    : pcapFile
    ? [LINKTYPE_ETHERNET]
    : undefined;
  if (opts.all && filters) {
    linkTypes = filters.compilesFor(linkTypes ?? [LINKTYPE_ETHERNET, LINKTYPE_RAW]);
  }
  let consumer!: Consumer;
  const takeIf = (sel: Selector) =>
    sel
      ? (rec: PacketRecord) => !sel(rec) || consumer.take(rec)
      : (rec: PacketRecord) => consumer.take(rec);
  const take = takeIf(select);
  // Printing lines, no file: the consumer comes first and the per-frame path is rehearsed
  // before the sockets exist (see rehearsal.ts). With a file it is opened after the capture,
  // so a capture that fails to start leaves no empty file behind. A filter run in user space
  // is left out of the rehearsal: thousands of instructions a frame would take seconds.
  const early = opts.write === undefined;
  if (early) {
    consumer = await Consumer.open(opts);
    rehearse(consumer, takeIf(only), opts.snaplen);
  } else if (!select && !opts.recvmsg) {
    const ring = Consumer.ringWriterOptions(opts, () => "rehearsal");
    if (ring) rehearseZeroCopy(ring, opts.snaplen);
  }
  const cap = LiveCapture.open({
    interfaces: opts.interfaces,
    all: opts.all,
    linkTypes,
    promiscuous: opts.promiscuous,
    snaplen: opts.snaplen,
    filterFor: filters && ((linkType) => {
      const f = filters.for(linkType);
      return f.tooLongForKernel ? undefined : f.bytes;
    }),
    bufferSize: opts.bufferSize,
    ring: !opts.recvmsg,
    immediate: opts.immediate,
    onFallback: (iface, reason) => say(`${iface}: no packet ring (${reason}); using recvmsg`),
  });
  const captured = [...new Set(cap.loop.sources.map((s) => s.linkType))];
  try {
    if (pcapFile && captured.length > 1) {
      const by = cap.loop.sources.map((s) => `${s.iface} ${linkTypeInfo(s.linkType)?.name}`);
      throw new RawcapError(
        `a pcap file holds one link type, and these interfaces differ (${by.join(", ")}): ` +
          `write pcapng (--pcapng or a .pcapng name), or capture them apart`,
      );
    }
    if (opts.user) dropPrivileges(opts.user);
    if (!early) {
      // Every frame wanted and going to one file: straight from the ring, no copy.
      const source = (ifindex: number) => cap.loop.sources.find((s) => s.ifindex === ifindex);
      const zeroCopy = select ? undefined : {
        ifaceName: (ifindex: number) => source(ifindex)?.iface ?? `if${ifindex}`,
        ifaceLinkType: (ifindex: number) => source(ifindex)?.linkType ?? LINKTYPE_ETHERNET,
        linkType: captured[0] ?? linkTypes?.[0] ?? LINKTYPE_ETHERNET,
      };
      consumer = await Consumer.open(opts, zeroCopy);
    }
    cap.setSink(consumer.sink);
  } catch (e) {
    cap.close();
    throw e;
  }

  let hangup = false;
  let lost: InterfaceLost | undefined;
  const stop = () => cap.stop();
  const hup = () => {
    hangup = true;
  };
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
  Deno.addSignalListener("SIGHUP", hup);
  const names = cap.interfaces.join(", ") || "(no interface up yet)";
  const types = (captured.length > 0 ? captured : linkTypes ?? [LINKTYPE_ETHERNET])
    .map(linkTypeLabel).join(", ");
  say(`listening on ${names}, link-type ${types}, snapshot length ${opts.snaplen} bytes`);
  let lastStats = performance.now();
  let lastFlush = lastStats;
  try {
    await cap.run(take, {
      // Nothing else runs on this thread: wait in a blocking call (see LoopHooks.blockMs).
      blockMs: BLOCK_MS,
      afterBatch: () => consumer.out.flush(),
      onInterfaceEvent: (e) => {
        const what = {
          down: "interface went down; waiting for it",
          up: "interface is up again",
          gone: "interface disappeared; waiting for it to return",
          back: "interface is back; capturing again",
          added: "new interface; capturing on it too",
        }[e.type];
        say(`${e.iface}: ${what}`);
        if (e.type === "gone" && opts.exitOnLoss && cap.interfaces.length === 0) {
          lost = new InterfaceLost(e.iface);
          cap.stop();
        }
      },
      onTick: () => {
        // File records wait at most a second (the zero-copy writer also writes whenever a
        // ring block goes back to the kernel).
        if (performance.now() - lastFlush >= 1000) {
          lastFlush = performance.now();
          consumer.flush();
        }
        if (hangup) {
          hangup = false;
          const r = consumer.reopen();
          if (r?.what === "kept") {
            say(`SIGHUP: ${r.file} still names the file being written; writing on`);
          } else if (r) say(`SIGHUP: ${r.file} no longer names the file; starting a new one`);
        }
        if (opts.statsInterval && performance.now() - lastStats >= opts.statsInterval * 1000) {
          lastStats = performance.now();
          for (const l of statsLines(cap.stats())) err.line(l);
          err.flush();
        }
      },
    });
  } finally {
    Deno.removeSignalListener("SIGINT", stop);
    Deno.removeSignalListener("SIGTERM", stop);
    Deno.removeSignalListener("SIGHUP", hup);
    const st = cap.stats();
    try {
      if (opts.countOnly) consumer.out.line(packetCount(consumer.captured));
      // Before the rings are unmapped: the zero-copy writer still points into them.
      consumer.close(st.perInterface);
    } finally {
      cap.close();
      if (opts.stats) { for (const l of statsLines(st)) err.line(l); }
      err.line(`${consumer.captured} packets captured`);
      err.line(`${st.received} packets received by filter`);
      err.line(`${st.dropped} packets dropped by kernel`);
      err.flush();
    }
  }
  if (lost) throw lost;
  return 0;
}
