/**
 * `Packet`: one frame with lazily decoded views. Nothing is decoded until a view is read;
 * the first read walks the frame once and later reads reuse that walk.
 */
import type { Direction, PacketRecord, VlanTag } from "../packet/packet.ts";
import { vlanTag, vlanTags } from "../decode/vlan.ts";
import { LINKTYPE_ETHERNET } from "../packet/linktype.ts";
import {
  dissect,
  Dissection,
  LAYER_ARP,
  LAYER_DNS,
  LAYER_ETHERNET,
  LAYER_ICMP,
  LAYER_ICMPV6,
  LAYER_IPV4,
  LAYER_IPV6,
  LAYER_NAMES,
  LAYER_PAYLOAD,
  LAYER_TCP,
  LAYER_UDP,
  LAYER_VLAN,
} from "../decode/frame.ts";
import { type EthernetHeader, ethernetHeader } from "../decode/ethernet.ts";
import { type ArpPacket, arpPacket } from "../decode/arp.ts";
import { type Ipv4Header, ipv4Header } from "../decode/ipv4.ts";
import { ipProtoName } from "../decode/numbers.ts";
import { type Ipv6Header, ipv6Header } from "../decode/ipv6.ts";
import { type TcpHeader, tcpHeader } from "../decode/tcp.ts";
import { type UdpHeader, udpHeader } from "../decode/udp.ts";
import { type IcmpMessage, icmpMessage } from "../decode/icmp.ts";
import { type Icmpv6Message, icmpv6Message } from "../decode/icmpv6.ts";
import { type DnsMessage, dnsMessage } from "../decode/dns.ts";
import { toJsonRecord } from "../format/json.ts";
import { formatText, type TextOptions } from "../format/text.ts";
import type { JsonRecord } from "../format/json_types.ts";

export type {
  ArpPacket,
  DnsMessage,
  EthernetHeader,
  IcmpMessage,
  Icmpv6Message,
  Ipv4Header,
  Ipv6Header,
  TcpHeader,
  UdpHeader,
};

/** Thrown when a packet is read after its iterator moved on (its bytes are reused). */
export class StalePacketError extends Error {
  constructor() {
    super(
      "this packet is a view that is no longer valid: the iterator has moved on and its bytes " +
        "were reused; keep packets with packet.clone(), or read with { copy: true }",
    );
    this.name = "StalePacketError";
  }
}

/**
 * The walk of a frame's layers, shared by the packets of one stream: only the newest packet
 * of a capture or reader is valid, so one {@link Dissection} serves them all and nothing is
 * allocated per packet for it.
 */
export class DissectionSlot {
  /** The walk of {@link owner}'s frame. */
  readonly ds: Dissection = new Dissection();
  /** The packet whose frame `ds` describes. */
  owner: Packet | undefined;
}

const UNSET = Symbol("unset");
type Cached<T> = T | undefined | typeof UNSET;

/**
 * One captured frame. `data` holds the frame as it was on the wire (VLAN tags the kernel
 * stripped are back in place); the protocol views (`eth`, `vlan`, `ipv4`, `tcp`...) decode
 * on first use, are cached, and are `undefined` when the frame has no such layer (or it was
 * cut short).
 *
 * A packet handed out by `capture()`'s or `readCapture()`'s iterator is a *view*: valid until
 * the next packet is read, after which touching its bytes throws {@link StalePacketError}.
 * Call {@link Packet.clone} (or read with `{ copy: true }`) to keep one.
 *
 * @example
 * ```ts
 * import { readCapture } from "jsr:@rawcap/rawcap";
 * for await (const p of readCapture("cap.pcapng")) {
 *   if (p.udp?.dport === 53) console.log(p.iface, p.vlan.map((t) => t.id), p.ipv4?.src);
 * }
 * ```
 */
export class Packet implements PacketRecord {
  /** Capture time, nanoseconds since the Unix epoch. */
  readonly ts: bigint;
  /** Interface name ("" when unknown). */
  readonly iface: string;
  /** Interface index (live) or interface id (pcapng). */
  readonly ifindex: number;
  /** Length on the wire. */
  readonly len: number;
  /** Bytes captured (`data.length`). */
  readonly caplen: number;
  /** Where the frame was going, where known. */
  readonly direction: Direction;
  /** What `data` starts with (LINKTYPE_*): 1 for Ethernet, 276 for `tcpdump -i any`... */
  readonly linkType: number;
  readonly #data: Uint8Array;
  readonly #slot: DissectionSlot;
  #stale = false;
  #vlan: VlanTag[] | undefined;
  #eth: Cached<EthernetHeader> = UNSET;
  #arp: Cached<ArpPacket> = UNSET;
  #ipv4: Cached<Ipv4Header> = UNSET;
  #ipv6: Cached<Ipv6Header> = UNSET;
  #tcp: Cached<TcpHeader> = UNSET;
  #udp: Cached<UdpHeader> = UNSET;
  #icmp: Cached<IcmpMessage> = UNSET;
  #icmpv6: Cached<Icmpv6Message> = UNSET;
  #dns: Cached<DnsMessage> = UNSET;

  /**
   * Wraps `rec` without copying: `data` stays the record's buffer (see {@link Packet.clone}).
   * Packets of one stream may share a `slot` (the iterators do); by default a packet has its
   * own.
   */
  constructor(rec: PacketRecord, slot?: DissectionSlot) {
    this.ts = rec.ts;
    this.iface = rec.iface;
    this.ifindex = rec.ifindex;
    this.len = rec.len;
    this.caplen = rec.caplen;
    this.direction = rec.direction;
    this.linkType = rec.linkType ?? LINKTYPE_ETHERNET;
    this.#data = rec.data;
    this.#slot = slot ?? new DissectionSlot();
  }

  /**
   * A packet decoded from frame bytes, with no capture around it: `bytes` is an Ethernet
   * frame, or what `init.linkType` says (a Linux cooked header, raw IP, BSD loopback). `init`
   * sets what a capture would: time (default now), interface, original length (default the
   * bytes'), direction. The bytes are not copied.
   *
   * @example
   * ```ts
   * import { Packet } from "jsr:@rawcap/rawcap";
   * const frame = new Uint8Array(60); // an all-zero Ethernet frame
   * console.log(Packet.from(frame).eth?.type); // 0
   * const ip = Uint8Array.of(0x45, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2);
   * console.log(Packet.from(ip, { linkType: 101 }).ipv4?.dst); // 10.0.0.2 (raw IP)
   * ```
   */
  static from(bytes: Uint8Array, init: PacketInit = {}): Packet {
    return new Packet({
      ts: init.ts ?? BigInt(Date.now()) * 1_000_000n,
      iface: init.iface ?? "",
      ifindex: init.ifindex ?? 0,
      len: init.len ?? bytes.length,
      caplen: bytes.length,
      direction: init.direction ?? "unknown",
      data: bytes,
      linkType: init.linkType ?? LINKTYPE_ETHERNET,
    });
  }

  /** The frame bytes (a view: see the class notes). */
  get data(): Uint8Array {
    if (this.#stale) throw new StalePacketError();
    return this.#data;
  }

  /** A copy that owns its bytes: safe to keep after the next packet is read. */
  clone(): Packet {
    return new Packet({
      ts: this.ts,
      iface: this.iface,
      ifindex: this.ifindex,
      len: this.len,
      caplen: this.caplen,
      direction: this.direction,
      data: this.data.slice(),
      linkType: this.linkType,
    });
  }

  /** Marks this packet's bytes as reused: every later access throws. */
  static invalidate(p: Packet | undefined): void {
    if (p) p.#stale = true;
  }

  get #dissection(): Dissection {
    if (this.#stale) throw new StalePacketError();
    const slot = this.#slot;
    if (slot.owner !== this) {
      dissect(this.data, slot.ds, this.linkType);
      slot.owner = this;
    }
    return slot.ds;
  }

  #at<T>(kind: number, decode: (d: Uint8Array, start: number, end: number) => T): T | undefined {
    const ds = this.#dissection;
    const i = ds.find(kind);
    return i < 0 ? undefined : decode(this.#data, ds.start[i], ds.end[i]);
  }

  /** Capture time as a Date (millisecond precision). */
  get date(): Date {
    return new Date(Number(this.ts / 1_000_000n));
  }

  /** VLAN tags, outer first (empty when untagged). */
  get vlan(): VlanTag[] {
    if (this.#stale) throw new StalePacketError();
    if (this.#vlan) return this.#vlan;
    if (this.linkType === LINKTYPE_ETHERNET) return this.#vlan = vlanTags(this.#data);
    // Other link headers carry tags after their protocol field: read them from the walk.
    const ds = this.#dissection, tags: VlanTag[] = [];
    for (let i = 1; i < ds.count; i++) {
      if (ds.kind[i] !== LAYER_VLAN) continue;
      // The TPID is the type field of the header before (in SLL2 it is not next to the tag).
      tags.push({ ...vlanTag(this.#data, ds.start[i]), tpid: ds.next[i - 1] });
    }
    return this.#vlan = tags;
  }

  /** Ethernet header. */
  get eth(): EthernetHeader | undefined {
    if (this.#stale) throw new StalePacketError();
    const v = this.#eth;
    return v !== UNSET ? v : (this.#eth = this.#at(LAYER_ETHERNET, ethernetHeader));
  }

  /** The ARP packet; undefined when the frame carries none or cuts it short. */
  get arp(): ArpPacket | undefined {
    if (this.#stale) throw new StalePacketError();
    const v = this.#arp;
    return v !== UNSET ? v : (this.#arp = this.#at(LAYER_ARP, arpPacket));
  }

  /** The first IPv4 header (the outer one of a tunnel). */
  get ipv4(): Ipv4Header | undefined {
    if (this.#stale) throw new StalePacketError();
    const v = this.#ipv4;
    return v !== UNSET ? v : (this.#ipv4 = this.#at(LAYER_IPV4, ipv4Header));
  }

  /** The first IPv6 header. */
  get ipv6(): Ipv6Header | undefined {
    if (this.#stale) throw new StalePacketError();
    const v = this.#ipv6;
    return v !== UNSET ? v : (this.#ipv6 = this.#at(LAYER_IPV6, ipv6Header));
  }

  /**
   * The TCP header, after any IP-in-IP or GRE tunnels; undefined for other protocols,
   * non-first fragments, a data offset below 5, or a header cut short.
   */
  get tcp(): TcpHeader | undefined {
    if (this.#stale) throw new StalePacketError();
    const v = this.#tcp;
    return v !== UNSET ? v : (this.#tcp = this.#at(LAYER_TCP, tcpHeader));
  }

  /** The UDP header, after any tunnels; undefined for non-first fragments or fewer than 8 bytes. */
  get udp(): UdpHeader | undefined {
    if (this.#stale) throw new StalePacketError();
    const v = this.#udp;
    return v !== UNSET ? v : (this.#udp = this.#at(LAYER_UDP, udpHeader));
  }

  /** The ICMP (for IPv4) message; undefined for non-first fragments or fewer than 8 bytes. */
  get icmp(): IcmpMessage | undefined {
    if (this.#stale) throw new StalePacketError();
    const v = this.#icmp;
    return v !== UNSET ? v : (this.#icmp = this.#at(LAYER_ICMP, icmpMessage));
  }

  /** The ICMPv6 message; undefined when cut short (8 bytes, 24 for neighbor solicit/advert). */
  get icmpv6(): Icmpv6Message | undefined {
    if (this.#stale) throw new StalePacketError();
    const v = this.#icmpv6;
    return v !== UNSET ? v : (this.#icmpv6 = this.#at(LAYER_ICMPV6, icmpv6Message));
  }

  /**
   * The DNS message of a UDP datagram from or to port 53 (DNS over TCP and mDNS on 5353 are
   * not decoded); undefined when under the 12-byte header. Sections stop where it is cut short.
   */
  get dns(): DnsMessage | undefined {
    if (this.#stale) throw new StalePacketError();
    const v = this.#dns;
    return v !== UNSET ? v : (this.#dns = this.#at(LAYER_DNS, dnsMessage));
  }

  /** Source address of the first IP header (IPv4 or IPv6), if any. */
  get src(): string | undefined {
    return this.ipv4?.src ?? this.ipv6?.src;
  }

  /** Destination address of the first IP header, if any. */
  get dst(): string | undefined {
    return this.ipv4?.dst ?? this.ipv6?.dst;
  }

  /**
   * The bytes no decoder claimed (a UDP datagram's data to an unknown port, a TCP segment's
   * data...), as a view into {@link data}; undefined when every byte was decoded. The same
   * range as the NDJSON `payload` key.
   */
  get payload(): Uint8Array | undefined {
    const ds = this.#dissection;
    const i = ds.find(LAYER_PAYLOAD);
    return i < 0 ? undefined : this.#data.subarray(ds.start[i], ds.end[i]);
  }

  /**
   * A string naming the conversation, the same for both directions: the VLAN ids, then the
   * protocol and both endpoints in a fixed order, e.g.
   * `vlan 100 udp 10.77.0.1:40000 <> 10.77.0.9:9999`. The addresses are those of the IP header
   * that carries the transport (the inner one of a tunnel); frames without IP are keyed by
   * EtherType and MACs (`vlan 100 ether 0x0806 02:00:00:00:00:0a <> ff:ff:ff:ff:ff:ff`).
   * For maps keyed by flow.
   */
  flowKey(): string {
    const ds = this.#dissection;
    const d = this.#data;
    let tags = "";
    for (const t of this.vlan) tags += `vlan ${t.id} `;
    let ip = -1;
    let transport = -1;
    for (let i = 0; i < ds.count; i++) {
      const k = ds.kind[i];
      if (k === LAYER_IPV4 || k === LAYER_IPV6) ip = i;
      else if (ip >= 0 && transport < 0 && (k === LAYER_TCP || k === LAYER_UDP)) transport = i;
    }
    if (ip < 0) {
      const eth = this.eth;
      if (!eth) return `${tags}frame`;
      return `${tags}ether 0x${eth.type.toString(16).padStart(4, "0")} ` +
        ordered(eth.src, eth.dst);
    }
    if (transport >= 0) ip = lastBefore(ds, transport);
    const v4 = ds.kind[ip] === LAYER_IPV4;
    const h = v4 ? ipv4Header(d, ds.start[ip]) : ipv6Header(d, ds.start[ip]);
    const proto = v4 ? (h as Ipv4Header).proto : ds.next[ip];
    if (transport < 0) return `${tags}${ipProtoName(proto).toLowerCase()} ${ordered(h.src, h.dst)}`;
    const isTcp = ds.kind[transport] === LAYER_TCP;
    const ports = isTcp ? tcpHeader(d, ds.start[transport]) : udpHeader(d, ds.start[transport]);
    const a = v4 ? `${h.src}:${ports.sport}` : `[${h.src}]:${ports.sport}`;
    const b = v4 ? `${h.dst}:${ports.dport}` : `[${h.dst}]:${ports.dport}`;
    return `${tags}${isTcp ? "tcp" : "udp"} ${ordered(a, b)}`;
  }

  /** Name of the first layer cut short by the snap length or the end of the frame. */
  get truncated(): string | undefined {
    const t = this.#dissection.truncated;
    return t ? LAYER_NAMES[t] : undefined;
  }

  /** The NDJSON record (what `rawcap --json` prints), typed by {@link JsonRecord}. */
  toJSON(): JsonRecord {
    return toJsonRecord(this) as unknown as JsonRecord;
  }

  /** The tcpdump-style line (what `rawcap` prints). */
  toString(opts: TextOptions = { showIface: true }): string {
    return formatText(this, opts);
  }
}

/** What {@link Packet.from} may set besides the bytes. */
export interface PacketInit {
  /** Capture time, nanoseconds since the Unix epoch (default: now). */
  ts?: bigint;
  /** Interface name (default ""). */
  iface?: string;
  /** Interface index (default 0). */
  ifindex?: number;
  /** Original length on the wire (default: the bytes' length). */
  len?: number;
  /** Direction (default "unknown"). */
  direction?: Direction;
  /**
   * What the bytes start with, as a LINKTYPE_* number (default 1, Ethernet): 113 and 276 for
   * Linux cooked headers (`tcpdump -i any`), 101 for raw IP, 0 and 108 for BSD loopback.
   */
  linkType?: number;
}

/** The index of the last IP layer before layer `i`. */
function lastBefore(ds: Dissection, i: number): number {
  for (let j = i - 1; j >= 0; j--) {
    if (ds.kind[j] === LAYER_IPV4 || ds.kind[j] === LAYER_IPV6) return j;
  }
  return -1;
}

/** Two endpoints in a fixed order, so both directions of a flow read the same. */
function ordered(a: string, b: string): string {
  return a <= b ? `${a} <> ${b}` : `${b} <> ${a}`;
}
