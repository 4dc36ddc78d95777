/** IPv6 header (RFC 8200) and its extension headers. */

import { ipv6String, u16, u32 } from "./bytes.ts";
import { onesSum } from "./ipv4.ts";
import * as numbersModule from "./numbers.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const {
  IPPROTO_AH,
  IPPROTO_DSTOPTS,
  IPPROTO_FRAGMENT,
  IPPROTO_HOPOPTS,
  IPPROTO_ROUTING,
  IPV6_RTHDR_TYPE_0,
  IPV6_RTHDR_TYPE_2,
  IPV6_RTHDR_TYPE_4,
} = numbersModule;

/** Offset of the word holding version, traffic class and flow label. */
export const IPV6_VFC_AT = 0;
/** Offset of the payload length. */
export const IPV6_PLEN_AT = 4;
/** Offset of the next header. */
export const IPV6_NEXT_AT = 6;
/** Offset of the hop limit. */
export const IPV6_HLIM_AT = 7;
/** Offset of the source address. */
export const IPV6_SRC_AT = 8;
/** Offset of the destination address. */
export const IPV6_DST_AT = 24;
/** Octets in the fixed IPv6 header. */
export const IPV6_HLEN = 40;
/** Octets in an address. */
export const IPV6_ALEN = 16;
/** Flow label bits of the first word. */
export const IPV6_FLOW_MASK = 0xfffff;
/** Shift of the traffic class in the first word. */
export const IPV6_TC_SHIFT = 20;
/** Bits of the traffic class, once shifted. */
export const IPV6_TC_MASK = 0xff;

/** Extension headers: offset of the next header. */
export const IP6E_NEXT_AT = 0;
/** Extension headers: offset of the length (in 8-octet units past the first 8; AH: 4-octet). */
export const IP6E_LEN_AT = 1;
/** Extension headers: the smallest, and the unit of their lengths. */
export const IP6E_UNIT = 8;
/** Options headers: where the options start. */
export const IP6E_OPTS_AT = 2;
/** Options: offset of an option's length from its type. */
export const IP6OPT_LEN_AT = 1;
/** Options: offset of an option's data from its type. */
export const IP6OPT_DATA_AT = 2;
/** Octets of a router alert option's data. */
export const IP6OPT_RTALERT_LEN = 2;
/** Octets of a jumbo payload option's data. */
export const IP6OPT_JUMBO_LEN = 4;
/** Fragment header: offset of the offset-and-flags word. */
export const IP6F_OFFLG_AT = 2;
/** Fragment header: offset of the identification. */
export const IP6F_IDENT_AT = 4;
/** Fragment header: octets. */
export const IP6F_HLEN = 8;
/** Fragment header: offset bits of the word, in octets (IP6F_OFF_MASK). */
export const IP6F_OFF_MASK = 0xfff8;
/** Fragment header: the more-fragments bit (IP6F_MORE_FRAG). */
export const IP6F_MORE_FRAG = 1;
/** Routing header: offset of the routing type. */
export const IP6R_TYPE_AT = 2;
/** Routing header: offset of segments left. */
export const IP6R_SEGLEFT_AT = 3;
/** Routing header types 0 and 2: offset of the reserved word. */
export const IP6R0_RESERVED_AT = 4;
/** Routing header types 0, 2 and 4: where the addresses start. */
export const IP6R_ADDRS_AT = 8;
/** Segment routing header: offset of the last entry. */
export const SRH_LAST_ENT_AT = 4;
/** Segment routing header: offset of the flags. */
export const SRH_FLAGS_AT = 5;
/** Segment routing header: offset of the tag. */
export const SRH_TAG_AT = 6;
/** Authentication header: offset of the security parameters index. */
export const AH_SPI_AT = 4;
/** Authentication header: offset of the sequence number. */
export const AH_SEQ_AT = 8;

/** A decoded IPv6 fixed header. */
export interface Ipv6Header {
  /** Source address, RFC 5952 text (`::ffff:a.b.c.d` for IPv4-mapped). */
  src: string;
  /** Destination address, in the same form. */
  dst: string;
  /** Next header field of the fixed header. */
  next: number;
  /** Hop limit: hops left before a router drops the packet. */
  hlim: number;
  /** Flow label, 20 bits (0 when the sender does not label flows). */
  flow: number;
  /** Traffic class. */
  tc: number;
  /** Payload length field. */
  plen: number;
}

/** The flow label of the IPv6 header at `off`. */
export function ipv6Flow(d: Uint8Array, off: number): number {
  return u32(d, off + IPV6_VFC_AT) & IPV6_FLOW_MASK;
}

/** The traffic class of the IPv6 header at `off`. */
export function ipv6TrafficClass(d: Uint8Array, off: number): number {
  return (u32(d, off + IPV6_VFC_AT) >>> IPV6_TC_SHIFT) & IPV6_TC_MASK;
}

/** Reads the IPv6 header at `off` (needs 40 bytes). */
export function ipv6Header(d: Uint8Array, off: number): Ipv6Header {
  return {
    src: ipv6String(d, off + IPV6_SRC_AT),
    dst: ipv6String(d, off + IPV6_DST_AT),
    next: d[off + IPV6_NEXT_AT],
    hlim: d[off + IPV6_HLIM_AT],
    flow: ipv6Flow(d, off),
    tc: ipv6TrafficClass(d, off),
    plen: u16(d, off + IPV6_PLEN_AT),
  };
}

/** True for the next-header values walked as extension headers. */
export function isIpv6Ext(next: number): boolean {
  return next === IPPROTO_HOPOPTS || next === IPPROTO_ROUTING || next === IPPROTO_FRAGMENT ||
    next === IPPROTO_DSTOPTS || next === IPPROTO_AH;
}

/** Octets of the extension header of kind `type` at `off`, from its length field. */
export function ipv6ExtSize(d: Uint8Array, off: number, type: number): number {
  return type === IPPROTO_FRAGMENT
    ? IP6F_HLEN
    : type === IPPROTO_AH
    ? (d[off + IP6E_LEN_AT] + 2) * 4
    : (d[off + IP6E_LEN_AT] + 1) * IP6E_UNIT;
}

/** Octets of the extension header of kind `type` at `off`, or -1 when `end` cuts it short. */
export function ipv6ExtLength(d: Uint8Array, off: number, end: number, type: number): number {
  if (off + IP6E_UNIT > end) return -1;
  const len = ipv6ExtSize(d, off, type);
  return off + len > end ? -1 : len;
}

/** The offset in octets the fragment header at `off` gives. */
export function ipv6FragOffset(d: Uint8Array, off: number): number {
  return u16(d, off + IP6F_OFFLG_AT) & IP6F_OFF_MASK;
}

/** A fragment extension header. */
export interface Ipv6Fragment {
  next: number;
  /** Offset in octets. */
  offset: number;
  more: boolean;
  id: number;
}

/** Reads the fragment header at `off` (needs 8 bytes). */
export function ipv6Fragment(d: Uint8Array, off: number): Ipv6Fragment {
  return {
    next: d[off + IP6E_NEXT_AT],
    offset: ipv6FragOffset(d, off),
    more: (u16(d, off + IP6F_OFFLG_AT) & IP6F_MORE_FRAG) === IP6F_MORE_FRAG,
    id: u32(d, off + IP6F_IDENT_AT),
  };
}

/**
 * One's-complement sum of the IPv6 pseudo header (RFC 8200 8.1) of the packet at `off` (up to
 * `end`), with the final destination of a routing header.
 */
export function ipv6PseudoSum(
  d: Uint8Array,
  off: number,
  end: number,
  proto: number,
  len: number,
): number {
  const dst = ipv6FinalDst(d, off, end);
  const src = off + IPV6_SRC_AT;
  const sum = onesSum(d, src, src + IPV6_ALEN, proto + (len >>> 16) + (len & 0xffff));
  return onesSum(d, dst, dst + IPV6_ALEN, sum);
}

/**
 * Offset of the address a transport checksum covers for the IPv6 packet at `off` (up to `end`):
 * the final destination of the first routing header met before any other header than
 * hop-by-hop, destination options and fragment (the last address of types 0 and 2, the first
 * segment of type 4), else the destination field (RFC 8200 8.1; tcpdump's ip6_finddst).
 */
export function ipv6FinalDst(d: Uint8Array, off: number, end: number): number {
  const dst = off + IPV6_DST_AT;
  let next = d[off + IPV6_NEXT_AT], at = off + IPV6_HLEN;
  for (let n = 0; n < 16 && at + IP6E_UNIT <= end; n++) {
    if (next === IPPROTO_ROUTING) {
      const len = d[at + IP6E_LEN_AT], type = d[at + IP6R_TYPE_AT];
      if (len % 2 === 1) return dst;
      const addrs = at + IP6R_ADDRS_AT;
      if (type === IPV6_RTHDR_TYPE_0 || type === IPV6_RTHDR_TYPE_2) {
        const last = addrs + IPV6_ALEN * (len / 2 - 1);
        return len > 0 && last + IPV6_ALEN <= end ? last : dst;
      }
      if (type === IPV6_RTHDR_TYPE_4) return addrs + IPV6_ALEN <= end ? addrs : dst;
      return dst;
    }
    if (next !== IPPROTO_HOPOPTS && next !== IPPROTO_DSTOPTS && next !== IPPROTO_FRAGMENT) break;
    const len = ipv6ExtLength(d, at, end, next);
    if (len < 0) break;
    next = d[at + IP6E_NEXT_AT];
    at += len;
  }
  return dst;
}
