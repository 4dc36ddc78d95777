/** ICMPv6 (RFC 4443) and neighbor discovery (RFC 4861). */

import { hwString, ipv6String, u16, u32 } from "./bytes.ts";
import { ipVersion } from "./ipv4.ts";
import {
  IP6E_NEXT_AT,
  IPV6_ALEN,
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
  MLDV2_LISTENER_REPORT,
  ND_NEIGHBOR_ADVERT,
  ND_NEIGHBOR_SOLICIT,
  ND_OPT_MTU,
  ND_OPT_PREFIX_INFORMATION,
  ND_OPT_RDNSS,
  ND_OPT_SOURCE_LINKADDR,
  ND_OPT_TARGET_LINKADDR,
  ND_REDIRECT,
  ND_ROUTER_ADVERT,
  ND_ROUTER_SOLICIT,
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
// ---- addressing (issue 15b): ND options, MLDv2 ---------------------------------------------

/** Octets of a router solicitation before its options. */
export const ND_RS_LEN = 8;
/** Octets of a router advertisement before its options. */
export const ND_RA_LEN = 16;
/** Offset of a router advertisement's reachable time (ms). */
export const ND_RA_REACHABLE_AT = 8;
/** Offset of a router advertisement's retransmission timer (ms). */
export const ND_RA_RETRANS_AT = 12;
/** Router advertisement flags: the router preference bits. */
export const ND_RA_RTPREF_MASK = 0x18;
/** Router advertisement flags: shift of the router preference. */
export const ND_RA_RTPREF_SHIFT = 3;
/** Offset of a redirect's destination address (the target is at ND_TARGET_AT). */
export const ND_RD_DST_AT = 24;
/** Octets of a redirect before its options. */
export const ND_RD_LEN = 40;
/** ND option: offset of the length, in units of 8 octets. */
export const ND_OPT_LEN_AT = 1;
/** ND option: octets per length unit. */
export const ND_OPT_UNIT = 8;
/** ND option: octets of the type and length. */
export const ND_OPT_HLEN = 2;
/** Prefix information: offset of the prefix length. */
export const ND_OPT_PI_PLEN_AT = 2;
/** Prefix information: offset of the flags. */
export const ND_OPT_PI_FLAGS_AT = 3;
/** Prefix information: offset of the valid lifetime. */
export const ND_OPT_PI_VALID_AT = 4;
/** Prefix information: offset of the preferred lifetime. */
export const ND_OPT_PI_PREFERRED_AT = 8;
/** Prefix information: offset of the prefix. */
export const ND_OPT_PI_PREFIX_AT = 16;
/** Prefix information: its length in units. */
export const ND_OPT_PI_UNITS = 4;
/** MTU option: offset of the MTU. */
export const ND_OPT_MTU_AT = 4;
/** RDNSS and DNSSL: offset of the lifetime. */
export const ND_OPT_RDNSS_LIFETIME_AT = 4;
/** RDNSS: offset of the first address. */
export const ND_OPT_RDNSS_ADDR_AT = 8;
/** Advertisement interval option: offset of the interval. */
export const ND_OPT_ADVINT_AT = 4;
/** Home agent information: offset of the preference. */
export const ND_OPT_HAI_PREF_AT = 4;
/** Home agent information: offset of the lifetime. */
export const ND_OPT_HAI_LIFETIME_AT = 6;
/** Route information: offset of the prefix length. */
export const ND_OPT_RTI_PLEN_AT = 2;
/** Route information: offset of the flags (preference). */
export const ND_OPT_RTI_FLAGS_AT = 3;
/** Route information: offset of the lifetime. */
export const ND_OPT_RTI_LIFETIME_AT = 4;
/** Route information: offset of the prefix. */
export const ND_OPT_RTI_PREFIX_AT = 8;
/** A lifetime of all ones: infinity. */
export const ND_INFINITY = 0xffffffff;
/** MLDv2 query: offset of the maximum response code. */
export const MLDV2_QUERY_MRC_AT = 4;
/** MLDv2 query: offset of the S flag and robustness variable. */
export const MLDV2_QUERY_SQRV_AT = 24;
/** MLDv2 query: the S flag. */
export const MLDV2_QUERY_SFLAG = 0x08;
/** MLDv2 query: the robustness variable. */
export const MLDV2_QUERY_QRV_MASK = 0x07;
/** MLDv2 query: offset of the querier's query interval code. */
export const MLDV2_QUERY_QQIC_AT = 25;
/** MLDv2 query: offset of the number of sources. */
export const MLDV2_QUERY_NSRCS_AT = 26;
/** Octets of an MLDv2 query without sources. */
export const MLDV2_QUERY_MINLEN = 28;
/** MLDv2 report: where the group records start. */
export const MLDV2_RECORDS_AT = 8;
/** MLDv2 group record: offset of the type. */
export const MLDV2_REC_TYPE_AT = 0;
/** MLDv2 group record: offset of the auxiliary data length, in 32-bit words. */
export const MLDV2_REC_AUXLEN_AT = 1;
/** MLDv2 group record: offset of the number of sources. */
export const MLDV2_REC_NSRCS_AT = 2;
/** MLDv2 group record: offset of the multicast address. */
export const MLDV2_REC_ADDR_AT = 4;
/** Octets of a group record before its sources. */
export const MLDV2_REC_HLEN = 20;

/** The ND option at `i` in `[i, end)`: its length in octets, or -1 when zero or cut short. */
export function ndOptionLength(d: Uint8Array, i: number, end: number): number {
  if (i + ND_OPT_HLEN > end) return -1;
  const len = d[i + ND_OPT_LEN_AT] * ND_OPT_UNIT;
  return len === 0 || i + len > end ? -1 : len;
}

/** The MLDv2 maximum response delay (ms) of a maximum response code (RFC 3810 5.1.3). */
export function mldv2MaxResp(code: number): number {
  // Floating point: 1 | exp (3 bits) | mant (12 bits), value (mant | 0x1000) << (exp + 3).
  return code < 0x8000 ? code : ((code & 0xfff) | 0x1000) << (((code >> 12) & 7) + 3);
}

/** The MLDv2 querier's query interval (s) of a QQIC octet (RFC 3810 5.1.9). */
export function mldv2Qqi(code: number): number {
  return code < 0x80 ? code : ((code & 0x0f) | 0x10) << (((code & 0x70) >> 4) + 3);
}

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
  /** Neighbor discovery options (types 133-137), in order, up to the first one cut short. */
  ndOptions?: NdOption[];
  /** MLDv2 report (type 143): its group records, up to the first one cut short. */
  mldRecords?: MldRecord[];
}

/** One neighbor discovery option. */
export interface NdOption {
  /** Option type (1 source, 2 target link-layer address, 3 prefix, 5 MTU, 25 RDNSS...). */
  type: number;
  /** Length in octets, header included. */
  len: number;
  /** Source or target link-layer address (types 1, 2), `aa:bb:...`. */
  addr?: string;
  /** Prefix information (type 3): the prefix. */
  prefix?: string;
  /** Prefix information: the prefix length. */
  prefixLen?: number;
  /** Prefix information: the flags octet (L 0x80, A 0x40, R 0x20). */
  flags?: number;
  /** Prefix information: valid lifetime in seconds (0xffffffff infinity). */
  valid?: number;
  /** Prefix information: preferred lifetime in seconds. */
  preferred?: number;
  /** MTU (type 5). */
  mtu?: number;
  /** RDNSS (type 25): lifetime in seconds. */
  lifetime?: number;
  /** RDNSS: the server addresses, comma-separated. */
  servers?: string;
}

/** One MLDv2 group record. */
export interface MldRecord {
  /** Record type: 1 is_in, 2 is_ex, 3 to_in, 4 to_ex, 5 allow, 6 block. */
  type: number;
  /** The multicast address. */
  group: string;
  /** Number of sources. */
  sources: number;
}

/** Octets before the options of each ND message type, 0 for the other types. */
function ndOptionsAt(type: number): number {
  if (type === ND_ROUTER_SOLICIT) return ND_RS_LEN;
  if (type === ND_ROUTER_ADVERT) return ND_RA_LEN;
  if (type === ND_NEIGHBOR_SOLICIT || type === ND_NEIGHBOR_ADVERT) return ND_NS_LEN;
  return type === ND_REDIRECT ? ND_RD_LEN : 0;
}

/** The ND options in `[from, end)`; one step per option. */
export function ndOptionList(d: Uint8Array, from: number, end: number): NdOption[] {
  const out: NdOption[] = [];
  for (let i = from; i < end;) {
    const len = ndOptionLength(d, i, end);
    if (len < 0) break;
    const o: NdOption = { type: d[i], len };
    if (o.type === ND_OPT_SOURCE_LINKADDR || o.type === ND_OPT_TARGET_LINKADDR) {
      o.addr = hwString(d, i + ND_OPT_HLEN, len - ND_OPT_HLEN);
    } else if (o.type === ND_OPT_PREFIX_INFORMATION && len >= ND_OPT_PI_UNITS * ND_OPT_UNIT) {
      o.prefix = ipv6String(d, i + ND_OPT_PI_PREFIX_AT);
      o.prefixLen = d[i + ND_OPT_PI_PLEN_AT];
      o.flags = d[i + ND_OPT_PI_FLAGS_AT];
      o.valid = u32(d, i + ND_OPT_PI_VALID_AT);
      o.preferred = u32(d, i + ND_OPT_PI_PREFERRED_AT);
    } else if (o.type === ND_OPT_MTU) o.mtu = u32(d, i + ND_OPT_MTU_AT);
    else if (o.type === ND_OPT_RDNSS) {
      o.lifetime = u32(d, i + ND_OPT_RDNSS_LIFETIME_AT);
      let s = "";
      for (let a = i + ND_OPT_RDNSS_ADDR_AT; a + IPV6_ALEN <= i + len; a += IPV6_ALEN) {
        s += (s ? "," : "") + ipv6String(d, a);
      }
      o.servers = s;
    }
    out.push(o);
    i += len;
  }
  return out;
}

/** The group records of the MLDv2 report at `off`; one step per record. */
export function mldv2Records(d: Uint8Array, off: number, end: number): MldRecord[] {
  const out: MldRecord[] = [], n = u16(d, off + MLDV2_NREC_AT);
  let g = off + MLDV2_RECORDS_AT;
  for (let r = 0; r < n && g + MLDV2_REC_HLEN <= end; r++) {
    const sources = u16(d, g + MLDV2_REC_NSRCS_AT);
    out.push({
      type: d[g + MLDV2_REC_TYPE_AT],
      group: ipv6String(d, g + MLDV2_REC_ADDR_AT),
      sources,
    });
    g += MLDV2_REC_HLEN + d[g + MLDV2_REC_AUXLEN_AT] * 4 + sources * IPV6_ALEN;
  }
  return out;
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
  // addressing (issue 15b)
  const nd = ndOptionsAt(type);
  if (nd > 0 && off + nd <= end) m.ndOptions = ndOptionList(d, off + nd, end);
  if (type === MLDV2_LISTENER_REPORT) m.mldRecords = mldv2Records(d, off, end);
  return m;
}
