/**
 * Frames of the link types without Ethernet, made from Ethernet frames: the MAC header swapped
 * for a Linux cooked v1 or v2 header (VLAN tags kept as libpcap puts them back), a BSD
 * loopback family, or nothing (raw IP).
 */
import { LINUX_SLL_P_802_2 } from "../../src/decode/numbers.ts";
import {
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_LOOP,
  LINKTYPE_NULL,
  LINKTYPE_RAW,
} from "../../src/packet/linktype.ts";
import { bytes, ether, icmpEcho, ipv4, ipv6, type Sample, udp } from "./frames.ts";

/** The link types without Ethernet that {@link samplesAs} recasts samples into. */
export const RECAST_LINK_TYPES: readonly number[] = [
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_NULL,
  LINKTYPE_LOOP,
  LINKTYPE_RAW,
];

/** What the cooked header says besides the protocol. */
export interface CookedFields {
  pkttype?: number;
  ifindex?: number;
  /** ARPHRD_* (1, Ethernet). */
  hatype?: number;
  /** Address length (6). */
  halen?: number;
}

const u16 = (d: Uint8Array, at: number) => (d[at] << 8) | d[at + 1];
const be16 = (v: number) => [v >> 8, v & 0xff];
const be32 = (v: number) => [v >>> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];

/**
 * The protocol field and what follows a cooked header for the Ethernet frame `e`: the
 * EtherType (or tag) and the rest; an 802.3 length becomes 802.2 (also inside a tag) and the
 * frame ends where the length says.
 */
function cookedBody(e: Uint8Array): [number, Uint8Array] {
  const type = u16(e, 12);
  if (type <= 1500) return [LINUX_SLL_P_802_2, e.subarray(14, 14 + type)];
  if (type === 0x8100 && e.length >= 18 && u16(e, 16) <= 1500) {
    const body = e.slice(14, 18 + u16(e, 16));
    body.set(be16(LINUX_SLL_P_802_2), 2);
    return [type, body];
  }
  return [type, e.subarray(14)];
}

/** The Ethernet frame `e` with a Linux cooked v1 header. */
export function toSll(e: Uint8Array, f: CookedFields = {}): Uint8Array {
  const [proto, body] = cookedBody(e);
  const addr = new Uint8Array(8);
  addr.set(e.subarray(6, 12));
  return bytes(
    be16(f.pkttype ?? 0),
    be16(f.hatype ?? 1),
    be16(f.halen ?? 6),
    addr,
    be16(proto),
    body,
  );
}

/** The Ethernet frame `e` with a Linux cooked v2 header. */
export function toSll2(e: Uint8Array, f: CookedFields = {}): Uint8Array {
  const [proto, body] = cookedBody(e);
  const addr = new Uint8Array(8);
  addr.set(e.subarray(6, 12));
  return bytes(
    be16(proto),
    [0, 0],
    be32(f.ifindex ?? 1),
    be16(f.hatype ?? 1),
    f.pkttype ?? 0,
    f.halen ?? 6,
    addr,
    body,
  );
}

/** The IP packet the Ethernet frame `e` carries (no tag), or undefined. */
export function ipOf(e: Uint8Array): Uint8Array | undefined {
  const type = u16(e, 12);
  return type === 0x0800 || type === 0x86dd ? e.subarray(14) : undefined;
}

/** A BSD loopback family header: little-endian (NULL from x86), or big-endian. */
export function nullHeader(family: number, bigEndian: boolean): Uint8Array {
  const h = Uint8Array.from(be32(family));
  return bigEndian ? h : h.reverse();
}

/**
 * Each sample as a frame of `linkType`, snapped ones as snapped (RAW, NULL and LOOP take only
 * those carrying IP;
 * NULL's IPv6 family is FreeBSD's 28, LOOP's OpenBSD's 24).
 */
export function samplesAs(linkType: number, samples: readonly Sample[]): Sample[] {
  const out: Sample[] = [];
  for (const s of samples) {
    let data: Uint8Array | undefined;
    if (linkType === LINKTYPE_LINUX_SLL) data = toSll(s.data);
    else if (linkType === LINKTYPE_LINUX_SLL2) data = toSll2(s.data, { ifindex: 1 });
    else {
      const ip = ipOf(s.data);
      if (ip === undefined) continue;
      const v6 = u16(s.data, 12) === 0x86dd;
      if (linkType === LINKTYPE_RAW) data = ip;
      else if (linkType === LINKTYPE_NULL) data = bytes(nullHeader(v6 ? 28 : 2, false), ip);
      else if (linkType === LINKTYPE_LOOP) data = bytes(nullHeader(v6 ? 24 : 2, true), ip);
    }
    // A snapped sample keeps the octets it lost.
    const len = s.len === undefined ? undefined : s.len - s.data.length + (data?.length ?? 0);
    if (data !== undefined) out.push({ name: s.name, data, len });
  }
  return out;
}

/**
 * tcpdump's lines for the pcap `file` (`-nn -S` and `flags`, times in UTC), one a frame: a
 * frame's further lines joined to its first (after ": " for an inner packet, a tab for
 * tab-indented detail lines), trailing separators cut.
 */
export function tcpdumpLines(file: string, flags: string[]): string[] {
  const out = new Deno.Command("tcpdump", {
    args: ["-nn", "-S", ...flags, "-r", file],
    env: { TZ: "UTC" },
    stdout: "piped",
    stderr: "null",
  }).outputSync();
  if (!out.success) throw new Error("tcpdump failed on " + file);
  return new TextDecoder().decode(out.stdout)
    .replace(/\n {4}/g, " ")
    .replace(/\n(?!\d\d:\d\d:\d\d\.\d{6} |\t|$)/g, ": ")
    .replace(/\n\t+(?!0x[0-9a-f]{4}:)/g, "\t")
    .split("\n")
    .filter((l) => l !== "" && !l.startsWith("\t"))
    .map((l) => l.replace(/(?:[:,]? )+$/, ""));
}

/** An ICMP echo request in IPv4 (an Ethernet frame). */
export function pingFrame(tags: { id: number; pcp?: number; dei?: number; tpid?: number }[] = []) {
  return ether(
    { type: 0x0800, tags },
    ipv4({ src: "10.13.0.1", dst: "10.13.0.2", proto: 1 }, icmpEcho(8, 7, 1, new Uint8Array(8))),
  );
}

/** A UDP datagram in IPv6 (an Ethernet frame). */
export function udp6Frame() {
  return ether(
    { type: 0x86dd },
    ipv6(
      { src: "2001:db8::1", dst: "2001:db8::2", next: 17 },
      udp({ sport: 4000, dport: 4001 }, new Uint8Array(4)),
    ),
  );
}

/** The frames of `linkType` at the edges: cut headers, odd fields, protocols not decoded. */
export function edgeSamples(linkType: number): Sample[] {
  const ping = pingFrame(), ip = ipOf(ping)!, ip6 = ipOf(udp6Frame())!;
  const s: Sample[] = [];
  const add = (name: string, data: Uint8Array) => s.push({ name, data });
  if (linkType === LINKTYPE_LINUX_SLL || linkType === LINKTYPE_LINUX_SLL2) {
    const v2 = linkType === LINKTYPE_LINUX_SLL2;
    const to = v2 ? toSll2 : toSll;
    const hlen = v2 ? 20 : 16;
    add("cut header", to(ping).subarray(0, hlen - 1));
    add("header only", to(ping).subarray(0, hlen));
    for (const t of [0, 1, 2, 3, 4, 7]) add("pkttype " + t, to(ping, { pkttype: t, ifindex: 1 }));
    add("unknown ifindex", to(ping, { ifindex: 0x7ffffff0 }));
    add("halen 4", to(ping, { halen: 4, ifindex: 1 }));
    add("halen 0", to(ping, { halen: 0, hatype: 772, ifindex: 1 }));
    add("ipv6", to(udp6Frame(), { ifindex: 1 }));
    add("vlan pcp dei", to(pingFrame([{ id: 300, pcp: 5, dei: 1 }]), { ifindex: 1 }));
    add("vlan in vlan", to(pingFrame([{ id: 10 }, { id: 20 }]), { ifindex: 1 }));
    add("vlan cut", to(pingFrame([{ id: 300 }])).subarray(0, hlen + 2));
    add("vlan 88a8", to(pingFrame([{ id: 30, tpid: 0x88a8 }]), { ifindex: 1 }));
    const can = to(ping, { ifindex: 1 });
    can.set([0, 0x0c], v2 ? 0 : 14);
    add("can", can);
    const odd = to(ping, { ifindex: 1 });
    odd.set([0x01, 0x00], v2 ? 0 : 14);
    add("protocol 256", odd);
  } else if (linkType === LINKTYPE_NULL || linkType === LINKTYPE_LOOP) {
    const be = linkType === LINKTYPE_LOOP;
    add("cut header", nullHeader(2, be).subarray(0, 3));
    add("header only", nullHeader(2, be));
    for (const f of [24, 28, 30]) add("ipv6 family " + f, bytes(nullHeader(f, be), ip6));
    add("unknown family", bytes(nullHeader(99, be), ip));
    add("ns family", bytes(nullHeader(6, be), ip));
    if (!be) add("family big-endian", bytes(nullHeader(2, true), ip));
    add("ipv4 cut", bytes(nullHeader(2, be), ip.subarray(0, 12)));
  } else if (linkType === LINKTYPE_RAW) {
    add("version 5", bytes([0x55], ip.subarray(1)));
    add("version 0", new Uint8Array(24));
    add("ipv4 cut", ip.subarray(0, 12));
    add("ipv6 cut", ip6.subarray(0, 30));
  }
  return s;
}
