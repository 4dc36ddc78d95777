/** ICMPv6 (RFC 4443) and neighbor discovery (RFC 4861). */

import { ipv6String, u16, u32 } from "./bytes.ts";
import { IPPROTO_TCP, IPPROTO_UDP } from "./ipv4.ts";
import { ipv6ExtLength, isIpv6Ext } from "./ipv6.ts";

/** Smallest ICMPv6 message handled, in octets. */
export const ICMP6_MINLEN = 8;
/** Types (ICMP6_* / ND_*). */
export const ICMP6_DST_UNREACH = 1;
/** Packet too big. */
export const ICMP6_PACKET_TOO_BIG = 2;
/** Time exceeded. */
export const ICMP6_TIME_EXCEEDED = 3;
/** Parameter problem. */
export const ICMP6_PARAM_PROB = 4;
/** Echo request. */
export const ICMP6_ECHO_REQUEST = 128;
/** Echo reply. */
export const ICMP6_ECHO_REPLY = 129;
/** Router solicitation. */
export const ND_ROUTER_SOLICIT = 133;
/** Router advertisement. */
export const ND_ROUTER_ADVERT = 134;
/** Neighbor solicitation. */
export const ND_NEIGHBOR_SOLICIT = 135;
/** Neighbor advertisement. */
export const ND_NEIGHBOR_ADVERT = 136;
/** Redirect. */
export const ND_REDIRECT = 137;

/** The start of the datagram an ICMPv6 error quotes. */
export interface Icmpv6Quoted {
  /** Source address of the quoted IPv6 header, RFC 5952 text. */
  src: string;
  /** Destination address of the quoted IPv6 header, RFC 5952 text. */
  dst: string;
  /** The protocol after any extension headers. */
  proto: number;
  /**
   * Source port of a quoted TCP or UDP header; undefined for other protocols, or when the quote
   * stops before the ports or inside an extension header.
   */
  sport?: number;
  /** Destination port of a quoted TCP or UDP header; undefined when `sport` is. */
  dport?: number;
}

/** True for the error types (1-4) that quote the offending datagram. */
export function icmpv6IsError(type: number): boolean {
  return type >= ICMP6_DST_UNREACH && type <= ICMP6_PARAM_PROB;
}

/** The quoted IPv6 datagram of the error at `off`, undefined when cut short. */
export function icmpv6Quoted(d: Uint8Array, off: number, end: number): Icmpv6Quoted | undefined {
  const ip = off + ICMP6_MINLEN;
  if (ip + 40 > end || d[ip] >> 4 !== 6) return undefined;
  let next = d[ip + 6], at = ip + 40;
  for (let n = 0; n < 8 && isIpv6Ext(next); n++) {
    const len = ipv6ExtLength(d, at, end, next);
    if (len < 0) return { src: ipv6String(d, ip + 8), dst: ipv6String(d, ip + 24), proto: next };
    next = d[at];
    at += len;
  }
  const q: Icmpv6Quoted = { src: ipv6String(d, ip + 8), dst: ipv6String(d, ip + 24), proto: next };
  if ((next === IPPROTO_TCP || next === IPPROTO_UDP) && at + 4 <= end) {
    q.sport = u16(d, at);
    q.dport = u16(d, at + 2);
  }
  return q;
}

/** A decoded ICMPv6 message. */
export interface Icmpv6Message {
  /** Message type (ICMP6_* / ND_*): 1-4 are errors, 128 and up informational. */
  type: number;
  /** Subtype of `type`, e.g. why a destination is unreachable (4: port unreachable). */
  code: number;
  /** Checksum field as sent; not verified. */
  checksum: number;
  /** Identifier of echo request and reply (types 128, 129); undefined for other types. */
  id?: number;
  /** Sequence number; set exactly when `id` is. */
  seq?: number;
  /** MTU of the next hop, in bytes, of a packet too big message (type 2). */
  mtu?: number;
  /** Target address of neighbor solicitation/advertisement and redirect. */
  target?: string;
  /**
   * Router advertisement: the hop limit hosts should use, 0 when the router leaves it unspecified.
   */
  hopLimit?: number;
  /** Router advertisement flags byte (M managed 0x80, O other configuration 0x40). */
  raFlags?: number;
  /** Router advertisement: router lifetime in seconds, 0 when it is not a default router. */
  lifetime?: number;
  /** Neighbor advertisement flags byte (R/S/O in the top bits). */
  naFlags?: number;
  /** Parameter problem pointer. */
  pointer?: number;
  /**
   * What an error (types 1-4) quotes; undefined for other types, or when the quote is not IPv6 or
   * shorter than its 40-byte header.
   */
  quoted?: Icmpv6Quoted;
}

/** Reads the ICMPv6 message at `off` (needs 8 bytes) up to `end`. */
export function icmpv6Message(d: Uint8Array, off: number, end: number): Icmpv6Message {
  const type = d[off];
  const m: Icmpv6Message = { type, code: d[off + 1], checksum: u16(d, off + 2) };
  if (type === ICMP6_ECHO_REQUEST || type === ICMP6_ECHO_REPLY) {
    m.id = u16(d, off + 4);
    m.seq = u16(d, off + 6);
  } else if (type === ICMP6_PACKET_TOO_BIG) m.mtu = u32(d, off + 4);
  else if (type === ICMP6_PARAM_PROB) m.pointer = u32(d, off + 4);
  else if (
    (type === ND_NEIGHBOR_SOLICIT || type === ND_NEIGHBOR_ADVERT || type === ND_REDIRECT) &&
    off + 24 <= end
  ) {
    m.target = ipv6String(d, off + 8);
    if (type === ND_NEIGHBOR_ADVERT) m.naFlags = d[off + 4];
  } else if (type === ND_ROUTER_ADVERT) {
    m.hopLimit = d[off + 4];
    m.raFlags = d[off + 5];
    m.lifetime = u16(d, off + 6);
  }
  if (icmpv6IsError(type)) {
    const q = icmpv6Quoted(d, off, end);
    if (q) m.quoted = q;
  }
  return m;
}
