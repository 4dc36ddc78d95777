/** ICMPv6 (RFC 4443) and neighbor discovery (RFC 4861). */

import { ipv6String, u16, u32 } from "./bytes.ts";

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

/** A decoded ICMPv6 message. */
export interface Icmpv6Message {
  type: number;
  code: number;
  checksum: number;
  id?: number;
  seq?: number;
  mtu?: number;
  /** Target address of neighbor solicitation/advertisement and redirect. */
  target?: string;
  /** Router advertisement: current hop limit, flags byte, router lifetime. */
  hopLimit?: number;
  raFlags?: number;
  lifetime?: number;
  /** Neighbor advertisement flags byte (R/S/O in the top bits). */
  naFlags?: number;
}

/** Reads the ICMPv6 message at `off` (needs 8 bytes) up to `end`. */
export function icmpv6Message(d: Uint8Array, off: number, end: number): Icmpv6Message {
  const type = d[off];
  const m: Icmpv6Message = { type, code: d[off + 1], checksum: u16(d, off + 2) };
  if (type === ICMP6_ECHO_REQUEST || type === ICMP6_ECHO_REPLY) {
    m.id = u16(d, off + 4);
    m.seq = u16(d, off + 6);
  } else if (type === ICMP6_PACKET_TOO_BIG) m.mtu = u32(d, off + 4);
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
  return m;
}
