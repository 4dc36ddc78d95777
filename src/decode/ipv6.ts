/** IPv6 header (RFC 8200) and its extension headers. */

import { ipv6String, u16, u32 } from "./bytes.ts";

/** Octets in the fixed IPv6 header. */
export const IPV6_HLEN = 40;
/** Extension header: hop-by-hop options. */
export const IPPROTO_HOPOPTS = 0;
/** Extension header: routing. */
export const IPPROTO_ROUTING = 43;
/** Extension header: fragment. */
export const IPPROTO_FRAGMENT = 44;
/** Authentication header. */
export const IPPROTO_AH = 51;
/** No next header. */
export const IPPROTO_NONE = 59;
/** Extension header: destination options. */
export const IPPROTO_DSTOPTS = 60;

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

/** Reads the IPv6 header at `off` (needs 40 bytes). */
export function ipv6Header(d: Uint8Array, off: number): Ipv6Header {
  const w = u32(d, off);
  return {
    src: ipv6String(d, off + 8),
    dst: ipv6String(d, off + 24),
    next: d[off + 6],
    hlim: d[off + 7],
    flow: w & 0xfffff,
    tc: (w >>> 20) & 0xff,
    plen: u16(d, off + 4),
  };
}

/** True for the next-header values walked as extension headers. */
export function isIpv6Ext(next: number): boolean {
  return next === IPPROTO_HOPOPTS || next === IPPROTO_ROUTING || next === IPPROTO_FRAGMENT ||
    next === IPPROTO_DSTOPTS || next === IPPROTO_AH;
}

/** Octets of the extension header of kind `type` at `off`, or -1 when `end` cuts it short. */
export function ipv6ExtLength(d: Uint8Array, off: number, end: number, type: number): number {
  if (off + 8 > end) return -1;
  const len = type === IPPROTO_FRAGMENT
    ? 8
    : type === IPPROTO_AH
    ? (d[off + 1] + 2) * 4
    : (d[off + 1] + 1) * 8;
  return off + len > end ? -1 : len;
}

/** Routing header type 0 (RFC 2460, deprecated by RFC 5095): a list of addresses to visit. */
export const IPV6_RTHDR_TYPE_0 = 0;
/** Routing header type 2 (Mobile IPv6, RFC 6275): the home address. */
export const IPV6_RTHDR_TYPE_2 = 2;
/** Routing header type 4: the segment routing header (RFC 8754), segments in reverse order. */
export const IPV6_RTHDR_TYPE_4 = 4;

/**
 * Offset of the address a transport checksum covers for the IPv6 packet at `off` (up to `end`):
 * the final destination of the first routing header met before any other header than
 * hop-by-hop, destination options and fragment (the last address of types 0 and 2, the first
 * segment of type 4), else the destination field (RFC 8200 8.1; tcpdump's ip6_finddst).
 */
export function ipv6FinalDst(d: Uint8Array, off: number, end: number): number {
  const dst = off + 24;
  let next = d[off + 6], at = off + IPV6_HLEN;
  for (let n = 0; n < 16 && at + 8 <= end; n++) {
    if (next === IPPROTO_ROUTING) {
      const len = d[at + 1], type = d[at + 2];
      if (len % 2 === 1) return dst;
      if (type === IPV6_RTHDR_TYPE_0 || type === IPV6_RTHDR_TYPE_2) {
        const last = at + 8 + 16 * (len / 2 - 1);
        return len > 0 && last + 16 <= end ? last : dst;
      }
      if (type === IPV6_RTHDR_TYPE_4) return at + 8 + 16 <= end ? at + 8 : dst;
      return dst;
    }
    if (next !== IPPROTO_HOPOPTS && next !== IPPROTO_DSTOPTS && next !== IPPROTO_FRAGMENT) break;
    const len = ipv6ExtLength(d, at, end, next);
    if (len < 0) break;
    next = d[at];
    at += len;
  }
  return dst;
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
  const fo = u16(d, off + 2);
  return { next: d[off], offset: fo & 0xfff8, more: (fo & 1) === 1, id: u32(d, off + 4) };
}
