/**
 * `Packet`: one frame with lazily decoded views. Nothing is decoded until a view is read;
 * the first read walks the frame once and later reads reuse that walk.
 */
import type { Direction, PacketRecord, VlanTag } from "../packet/packet.ts";
import { vlanTags } from "../decode/vlan.ts";
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
  LAYER_TCP,
  LAYER_UDP,
} from "../decode/frame.ts";
import { type EthernetHeader, ethernetHeader } from "../decode/ethernet.ts";
import { type ArpPacket, arpPacket } from "../decode/arp.ts";
import { type Ipv4Header, ipv4Header } from "../decode/ipv4.ts";
import { type Ipv6Header, ipv6Header } from "../decode/ipv6.ts";
import { type TcpHeader, tcpHeader } from "../decode/tcp.ts";
import { type UdpHeader, udpHeader } from "../decode/udp.ts";
import { type IcmpMessage, icmpMessage } from "../decode/icmp.ts";
import { type Icmpv6Message, icmpv6Message } from "../decode/icmpv6.ts";
import { type DnsMessage, dnsMessage } from "../decode/dns.ts";
import { toJsonRecord } from "../format/json.ts";
import { formatText, type TextOptions } from "../format/text.ts";

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

/**
 * One captured frame. `data` holds the frame as it was on the wire (VLAN tags the kernel
 * stripped are back in place); the protocol views (`eth`, `vlan`, `ipv4`, `tcp`...) decode
 * on first use and are `undefined` when the frame has no such layer (or it was cut short).
 *
 * A packet handed out by `capture()`'s async iterator is a *view* into kernel memory,
 * valid until the next packet is read: call {@link Packet.clone} to keep one.
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
  /** The frame bytes. */
  readonly data: Uint8Array;
  #ds: Dissection | undefined;
  #vlan: VlanTag[] | undefined;

  /** Wraps `rec` without copying: `data` stays the record's buffer (see {@link Packet.clone}). */
  constructor(rec: PacketRecord) {
    this.ts = rec.ts;
    this.iface = rec.iface;
    this.ifindex = rec.ifindex;
    this.len = rec.len;
    this.caplen = rec.caplen;
    this.direction = rec.direction;
    this.data = rec.data;
  }

  /** A copy that owns its bytes: safe to keep after the next packet is read. */
  clone(): Packet {
    return new Packet({ ...this.#record(), data: this.data.slice() });
  }

  #record(): PacketRecord {
    return {
      ts: this.ts,
      iface: this.iface,
      ifindex: this.ifindex,
      len: this.len,
      caplen: this.caplen,
      direction: this.direction,
      data: this.data,
    };
  }

  get #dissection(): Dissection {
    return this.#ds ??= dissect(this.data, new Dissection());
  }

  #at<T>(kind: number, decode: (d: Uint8Array, start: number, end: number) => T): T | undefined {
    const ds = this.#dissection;
    const i = ds.find(kind);
    return i < 0 ? undefined : decode(this.data, ds.start[i], ds.end[i]);
  }

  /** Capture time as a Date (millisecond precision). */
  get date(): Date {
    return new Date(Number(this.ts / 1_000_000n));
  }

  /** VLAN tags, outer first (empty when untagged). */
  get vlan(): VlanTag[] {
    return this.#vlan ??= vlanTags(this.data);
  }

  /** Ethernet header. */
  get eth(): EthernetHeader | undefined {
    return this.#at(LAYER_ETHERNET, (d, s) => ethernetHeader(d, s));
  }

  /** The ARP packet; undefined when the frame carries none or cuts it short. */
  get arp(): ArpPacket | undefined {
    return this.#at(LAYER_ARP, (d, s) => arpPacket(d, s));
  }

  /** The first IPv4 header (the outer one of a tunnel). */
  get ipv4(): Ipv4Header | undefined {
    return this.#at(LAYER_IPV4, (d, s) => ipv4Header(d, s));
  }

  /** The first IPv6 header. */
  get ipv6(): Ipv6Header | undefined {
    return this.#at(LAYER_IPV6, (d, s) => ipv6Header(d, s));
  }

  /**
   * The TCP header, after any IP-in-IP or GRE tunnels; undefined for other protocols,
   * non-first fragments, a data offset below 5, or a header cut short.
   */
  get tcp(): TcpHeader | undefined {
    return this.#at(LAYER_TCP, (d, s) => tcpHeader(d, s));
  }

  /** The UDP header, after any tunnels; undefined for non-first fragments or fewer than 8 bytes. */
  get udp(): UdpHeader | undefined {
    return this.#at(LAYER_UDP, (d, s) => udpHeader(d, s));
  }

  /** The ICMP (for IPv4) message; undefined for non-first fragments or fewer than 8 bytes. */
  get icmp(): IcmpMessage | undefined {
    return this.#at(LAYER_ICMP, icmpMessage);
  }

  /** The ICMPv6 message; undefined when cut short (8 bytes, 24 for neighbor solicit/advert). */
  get icmpv6(): Icmpv6Message | undefined {
    return this.#at(LAYER_ICMPV6, icmpv6Message);
  }

  /**
   * The DNS message of a UDP datagram from or to port 53 (DNS over TCP and mDNS on 5353 are
   * not decoded); undefined when under the 12-byte header. Sections stop where it is cut short.
   */
  get dns(): DnsMessage | undefined {
    return this.#at(LAYER_DNS, dnsMessage);
  }

  /** Source address of the first IP header (IPv4 or IPv6), if any. */
  get src(): string | undefined {
    return this.ipv4?.src ?? this.ipv6?.src;
  }

  /** Destination address of the first IP header, if any. */
  get dst(): string | undefined {
    return this.ipv4?.dst ?? this.ipv6?.dst;
  }

  /** Name of the first layer cut short by the snap length or the end of the frame. */
  get truncated(): string | undefined {
    const t = this.#dissection.truncated;
    return t ? LAYER_NAMES[t] : undefined;
  }

  /** The NDJSON record (what `rawcap --json` prints). */
  toJSON(): Record<string, unknown> {
    return toJsonRecord(this);
  }

  /** The tcpdump-style line (what `rawcap` prints). */
  toString(opts: TextOptions = { showIface: true }): string {
    return formatText(this, opts);
  }
}
