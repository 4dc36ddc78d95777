/** IPv4 header (RFC 791). */

import { ipv4String, u16 } from "./bytes.ts";
import { IPOPT_EOL, IPOPT_LSRR, IPOPT_NOP, IPOPT_SSRR } from "./numbers.ts";

/** Offset of the version and header length octet. */
export const IPV4_VHL_AT = 0;
/** Offset of the type of service octet. */
export const IPV4_TOS_AT = 1;
/** Offset of the total length. */
export const IPV4_LEN_AT = 2;
/** Offset of the identification. */
export const IPV4_ID_AT = 4;
/** Offset of the flags and fragment offset word. */
export const IPV4_OFF_AT = 6;
/** Offset of the time to live. */
export const IPV4_TTL_AT = 8;
/** Offset of the protocol. */
export const IPV4_PROTO_AT = 9;
/** Offset of the header checksum. */
export const IPV4_SUM_AT = 10;
/** Offset of the source address. */
export const IPV4_SRC_AT = 12;
/** Offset of the destination address. */
export const IPV4_DST_AT = 16;
/** Bits of the first octet holding the version (both IP versions). */
export const IP_VERSION_MASK = 0xf0;
/** Shift of the version in the first octet. */
export const IP_VERSION_SHIFT = 4;
/** Bits of the first octet holding the header length, in 32-bit words (IHL). */
export const IPV4_IHL_MASK = 0x0f;
/** The header length counts 32-bit words of this many octets. */
export const IPV4_IHL_UNIT = 4;
/** Smallest IPv4 header, in octets; options follow it. */
export const IPV4_MIN_HLEN = 20;
/** Octets in an address. */
export const IPV4_ALEN = 4;
/** Flag: reserved (evil) bit (IP_RF). */
export const IP_RF = 0x8000;
/** Flag: don't fragment (IP_DF). */
export const IP_DF = 0x4000;
/** Flag: more fragments (IP_MF). */
export const IP_MF = 0x2000;
/** Shift of the three flag bits in the fragment word. */
export const IP_FLAGS_SHIFT = 13;
/** Mask of the fragment offset, in 8-octet units (IP_OFFMASK). */
export const IP_OFFMASK = 0x1fff;
/** Fragment offsets count units of this many octets. */
export const IP_FRAG_UNIT = 8;
/** TOS bits of the ECN field (IPTOS_ECN_MASK). */
export const IPTOS_ECN_MASK = 0x03;
/** Octets an IPv4 option's type and length take before its data. */
export const IPOPT_HLEN = 2;
/** Offset of a route option's pointer (1-based, to the next address slot). */
export const IPOPT_PTR_AT = 2;
/** Offset of a route option's first address. */
export const IPOPT_ROUTE_AT = 3;
/** Offset of an option's data after its type and length. */
export const IPOPT_DATA_AT = 2;
/** Octets of a router alert option. */
export const IPOPT_RA_LEN = 4;

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

/** The version field of the IP header at `off`. */
export function ipVersion(d: Uint8Array, off: number): number {
  return d[off + IPV4_VHL_AT] >> IP_VERSION_SHIFT;
}

/** Header length in octets of the IPv4 header at `off` (IHL times 4). */
export function ipv4HeaderLength(d: Uint8Array, off: number): number {
  return (d[off + IPV4_VHL_AT] & IPV4_IHL_MASK) * IPV4_IHL_UNIT;
}

/** The fragment offset in octets of the IPv4 header at `off`. */
export function ipv4FragOffset(d: Uint8Array, off: number): number {
  return (u16(d, off + IPV4_OFF_AT) & IP_OFFMASK) * IP_FRAG_UNIT;
}

/** Reads the IPv4 header at `off` (needs 20 bytes). */
export function ipv4Header(d: Uint8Array, off: number): Ipv4Header {
  return {
    src: ipv4String(d, off + IPV4_SRC_AT),
    dst: ipv4String(d, off + IPV4_DST_AT),
    proto: d[off + IPV4_PROTO_AT],
    ttl: d[off + IPV4_TTL_AT],
    id: u16(d, off + IPV4_ID_AT),
    tos: d[off + IPV4_TOS_AT],
    flags: u16(d, off + IPV4_OFF_AT) >> IP_FLAGS_SHIFT,
    frag: ipv4FragOffset(d, off),
    len: u16(d, off + IPV4_LEN_AT),
    hlen: ipv4HeaderLength(d, off),
    checksum: u16(d, off + IPV4_SUM_AT),
  };
}

/** Octets of the option at `i` (its type octet) before `end`; 1 for EOL and NOP, else its length. */
export function ipv4OptionLength(d: Uint8Array, i: number, end: number): number {
  const t = d[i];
  return t === IPOPT_EOL || t === IPOPT_NOP ? 1 : i + 1 < end ? d[i + 1] : 0;
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
    const len = ipv4OptionLength(d, i, end);
    if (len < 1 || (t !== IPOPT_NOP && len < IPOPT_HLEN) || i + len > end) break;
    if ((t === IPOPT_LSRR || t === IPOPT_SSRR) && len >= IPOPT_ROUTE_AT + IPV4_ALEN) {
      return i + len - IPV4_ALEN;
    }
    i += len;
  }
  return off + IPV4_DST_AT;
}

/** One's-complement sum of the IPv4 pseudo header (RFC 793) of the header at `off` (`hl` octets). */
export function ipv4PseudoSum(
  d: Uint8Array,
  off: number,
  hl: number,
  proto: number,
  len: number,
): number {
  const dst = ipv4FinalDst(d, off, hl);
  const sum = onesSum(d, off + IPV4_SRC_AT, off + IPV4_SRC_AT + IPV4_ALEN, proto + len);
  return onesSum(d, dst, dst + IPV4_ALEN, sum);
}

/**
 * The checksum the 16-bit field at `at` should hold for `d[off, end)` summed from `sum` (a
 * pseudo header): the one's complement of the sum of everything else.
 */
export function checksumFor(d: Uint8Array, off: number, end: number, at: number, sum = 0): number {
  return ~onesSum(d, off, at, onesSum(d, at + 2, end, sum)) & 0xffff;
}

/** Internet checksum (RFC 1071) over `d[off, end)`, starting from `sum`; returns the folded sum. */
export function onesSum(d: Uint8Array, off: number, end: number, sum = 0): number {
  let i = off;
  for (; i + 1 < end; i += 2) sum += (d[i] << 8) | d[i + 1];
  if (i < end) sum += d[i] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}
