/** IPv4 header (RFC 791). */

import { ipv4String, u16 } from "./bytes.ts";

/** Smallest IPv4 header, in octets. */
export const IPV4_MIN_HLEN = 20;
/** Flag: don't fragment (IP_DF). */
export const IP_DF = 0x4000;
/** Flag: more fragments (IP_MF). */
export const IP_MF = 0x2000;
/** Mask of the fragment offset, in 8-octet units (IP_OFFMASK). */
export const IP_OFFMASK = 0x1fff;

/** Option: end of option list. */
export const IPOPT_EOL = 0;
/** Option: no operation. */
export const IPOPT_NOP = 1;
/** Option: record route. */
export const IPOPT_RR = 7;
/** Option: loose source and record route. */
export const IPOPT_LSRR = 131;
/** Option: strict source and record route. */
export const IPOPT_SSRR = 137;

/** IP protocol numbers the decoders know. */
export const IPPROTO_ICMP = 1;
/** IPv4 encapsulated in IP. */
export const IPPROTO_IPIP = 4;
/** TCP. */
export const IPPROTO_TCP = 6;
/** UDP. */
export const IPPROTO_UDP = 17;
/** IPv6 encapsulated in IP (6in4). */
export const IPPROTO_IPV6 = 41;
/** GRE. */
export const IPPROTO_GRE = 47;
/** ICMPv6. */
export const IPPROTO_ICMPV6 = 58;

/** A decoded IPv4 header. */
export interface Ipv4Header {
  /** Source address, dotted quad. */
  src: string;
  /** Destination address, dotted quad. */
  dst: string;
  /** Protocol of the payload (IPPROTO_*: 1 ICMP, 6 TCP, 17 UDP, 47 GRE...). */
  proto: number;
  /** Time to live: hops left before a router drops the datagram. */
  ttl: number;
  /** Identification field, shared by all fragments of one datagram. */
  id: number;
  /** Type of service byte: DSCP in the top 6 bits, ECN in the low 2. */
  tos: number;
  /** The three flag bits: 4 reserved, 2 DF, 1 MF. */
  flags: number;
  /** Fragment offset in octets. */
  frag: number;
  /** Total length field. */
  len: number;
  /** Header length in octets. */
  hlen: number;
  /** Header checksum as sent; not verified. */
  checksum: number;
}

/** Reads the IPv4 header at `off` (needs 20 bytes). */
export function ipv4Header(d: Uint8Array, off: number): Ipv4Header {
  const fo = u16(d, off + 6);
  return {
    src: ipv4String(d, off + 12),
    dst: ipv4String(d, off + 16),
    proto: d[off + 9],
    ttl: d[off + 8],
    id: u16(d, off + 4),
    tos: d[off + 1],
    flags: fo >> 13,
    frag: (fo & IP_OFFMASK) * 8,
    len: u16(d, off + 2),
    hlen: (d[off] & 0x0f) * 4,
    checksum: u16(d, off + 10),
  };
}

const PROTO_NAMES: Record<number, string> = {
  0: "Options",
  1: "ICMP",
  2: "IGMP",
  4: "IPIP",
  6: "TCP",
  17: "UDP",
  41: "IPv6",
  43: "Routing",
  44: "Fragment",
  47: "GRE",
  50: "ESP",
  51: "AH",
  58: "ICMPv6",
  89: "OSPF",
  103: "PIM",
  112: "VRRP",
  132: "SCTP",
};

/** tcpdump's name for an IP protocol number, "unknown" when it has none. */
export function ipProtoName(proto: number): string {
  return PROTO_NAMES[proto] ?? "unknown";
}

/**
 * Offset of the address a transport checksum covers for the IPv4 header at `off` (`hl` octets):
 * the last hop of the first loose or strict source route option, else the destination field
 * (RFC 791; tcpdump's ip_finddst).
 */
export function ipv4FinalDst(d: Uint8Array, off: number, hl: number): number {
  const end = off + hl;
  for (let i = off + IPV4_MIN_HLEN; i < end;) {
    const t = d[i];
    if (t === IPOPT_EOL) break;
    const len = t === IPOPT_NOP ? 1 : d[i + 1];
    if (len < 1 || (t !== IPOPT_NOP && len < 2) || i + len > end) break;
    if ((t === IPOPT_LSRR || t === IPOPT_SSRR) && len >= 7) return i + len - 4;
    i += len;
  }
  return off + 16;
}

/** Internet checksum (RFC 1071) over `d[off, end)`, starting from `sum`; returns the folded sum. */
export function onesSum(d: Uint8Array, off: number, end: number, sum = 0): number {
  let i = off;
  for (; i + 1 < end; i += 2) sum += (d[i] << 8) | d[i + 1];
  if (i < end) sum += d[i] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}
