/** ICMPv6 (RFC 4443) and neighbor discovery (RFC 4861). */

import { ipv6String, u16, u32 } from "./bytes.ts";
import { ipVersion } from "./ipv4.ts";
import {
  IP6E_NEXT_AT,
  IPV6_DST_AT,
  IPV6_HLEN,
  IPV6_NEXT_AT,
  IPV6_SRC_AT,
  ipv6ExtLength,
  isIpv6Ext,
} from "./ipv6.ts";
import {
  ICMP6_DST_UNREACH,
  ICMP6_ECHO_REPLY,
  ICMP6_ECHO_REQUEST,
  ICMP6_PACKET_TOO_BIG,
  ICMP6_PARAM_PROB,
  IPPROTO_TCP,
  IPPROTO_UDP,
  ND_NEIGHBOR_ADVERT,
  ND_NEIGHBOR_SOLICIT,
  ND_REDIRECT,
  ND_ROUTER_ADVERT,
} from "./numbers.ts";
import { TCP_DPORT_AT, TCP_SPORT_AT } from "./tcp.ts";

/** Offset of the type. */
export const ICMP6_TYPE_AT = 0;
/** Offset of the code. */
export const ICMP6_CODE_AT = 1;
/** Offset of the checksum. */
export const ICMP6_SUM_AT = 2;
/** Offset of an echo message's identifier. */
export const ICMP6_ID_AT = 4;
/** Offset of an echo message's sequence number. */
export const ICMP6_SEQ_AT = 6;
/** Offset of a packet too big message's MTU. */
export const ICMP6_MTU_AT = 4;
/** Offset of a parameter problem's pointer. */
export const ICMP6_PPTR_AT = 4;
/** Offset of the flags of a neighbor advertisement. */
export const ND_NA_FLAGS_AT = 4;
/** Neighbor advertisement flag: router. */
export const ND_NA_FLAG_ROUTER = 0x80;
/** Neighbor advertisement flag: solicited. */
export const ND_NA_FLAG_SOLICITED = 0x40;
/** Neighbor advertisement flag: override. */
export const ND_NA_FLAG_OVERRIDE = 0x20;
/** Offset of the target address of neighbor solicitations, advertisements and redirects. */
export const ND_TARGET_AT = 8;
/** Octets of a neighbor solicitation or advertisement without options. */
export const ND_NS_LEN = 24;
/** Offset of a router advertisement's current hop limit. */
export const ND_RA_HOPLIMIT_AT = 4;
/** Offset of a router advertisement's flags. */
export const ND_RA_FLAGS_AT = 5;
/** Offset of a router advertisement's router lifetime. */
export const ND_RA_LIFETIME_AT = 6;
/** Offset of an MLDv1 message's maximum response delay. */
export const MLD_MAXDELAY_AT = 4;
/** Offset of an MLDv1 message's multicast address. */
export const MLD_ADDR_AT = 8;
/** Octets of an MLDv1 message. */
export const MLD_LEN = 24;
/** Offset of an MLDv2 report's number of group records. */
export const MLDV2_NREC_AT = 6;
/** Smallest ICMPv6 message handled, in octets; an error's quoted packet starts here. */
export const ICMP6_MINLEN = 8;

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
  if (ip + IPV6_HLEN > end || ipVersion(d, ip) !== 6) return undefined;
  let next = d[ip + IPV6_NEXT_AT], at = ip + IPV6_HLEN;
  const src = ipv6String(d, ip + IPV6_SRC_AT), dst = ipv6String(d, ip + IPV6_DST_AT);
  for (let n = 0; n < 8 && isIpv6Ext(next); n++) {
    const len = ipv6ExtLength(d, at, end, next);
    if (len < 0) return { src, dst, proto: next };
    next = d[at + IP6E_NEXT_AT];
    at += len;
  }
  const q: Icmpv6Quoted = { src, dst, proto: next };
  // TCP and UDP put their ports at the same offsets.
  if ((next === IPPROTO_TCP || next === IPPROTO_UDP) && at + TCP_DPORT_AT + 2 <= end) {
    q.sport = u16(d, at + TCP_SPORT_AT);
    q.dport = u16(d, at + TCP_DPORT_AT);
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
  const type = d[off + ICMP6_TYPE_AT];
  const m: Icmpv6Message = {
    type,
    code: d[off + ICMP6_CODE_AT],
    checksum: u16(d, off + ICMP6_SUM_AT),
  };
  if (type === ICMP6_ECHO_REQUEST || type === ICMP6_ECHO_REPLY) {
    m.id = u16(d, off + ICMP6_ID_AT);
    m.seq = u16(d, off + ICMP6_SEQ_AT);
  } else if (type === ICMP6_PACKET_TOO_BIG) m.mtu = u32(d, off + ICMP6_MTU_AT);
  else if (type === ICMP6_PARAM_PROB) m.pointer = u32(d, off + ICMP6_PPTR_AT);
  else if (
    (type === ND_NEIGHBOR_SOLICIT || type === ND_NEIGHBOR_ADVERT || type === ND_REDIRECT) &&
    off + ND_NS_LEN <= end
  ) {
    m.target = ipv6String(d, off + ND_TARGET_AT);
    if (type === ND_NEIGHBOR_ADVERT) m.naFlags = d[off + ND_NA_FLAGS_AT];
  } else if (type === ND_ROUTER_ADVERT) {
    m.hopLimit = d[off + ND_RA_HOPLIMIT_AT];
    m.raFlags = d[off + ND_RA_FLAGS_AT];
    m.lifetime = u16(d, off + ND_RA_LIFETIME_AT);
  }
  if (icmpv6IsError(type)) {
    const q = icmpv6Quoted(d, off, end);
    if (q) m.quoted = q;
  }
  return m;
}
