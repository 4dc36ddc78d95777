/** ICMP for IPv4 (RFC 792). */

import { ipv4String, u16 } from "./bytes.ts";
import {
  IP_OFFMASK,
  IPV4_DST_AT,
  IPV4_MIN_HLEN,
  IPV4_OFF_AT,
  IPV4_PROTO_AT,
  IPV4_SRC_AT,
  ipv4HeaderLength,
  ipVersion,
} from "./ipv4.ts";
import {
  ICMP_ECHO,
  ICMP_ECHOREPLY,
  ICMP_IREQ,
  ICMP_MASKREPLY,
  ICMP_PARAMPROB,
  ICMP_REDIRECT,
  ICMP_SOURCEQUENCH,
  ICMP_TIMXCEED,
  ICMP_TSTAMP,
  ICMP_TSTAMPREPLY,
  ICMP_UNREACH,
  ICMP_UNREACH_NEEDFRAG,
  IPPROTO_TCP,
  IPPROTO_UDP,
} from "./numbers.ts";
import { TCP_DPORT_AT, TCP_SPORT_AT } from "./tcp.ts";

/** Offset of the type. */
export const ICMP_TYPE_AT = 0;
/** Offset of the code. */
export const ICMP_CODE_AT = 1;
/** Offset of the checksum. */
export const ICMP_SUM_AT = 2;
/** Offset of the identifier (echo, timestamp, information, address mask). */
export const ICMP_ID_AT = 4;
/** Offset of the sequence number. */
export const ICMP_SEQ_AT = 6;
/** Offset of the next-hop MTU of "fragmentation needed". */
export const ICMP_NEXTMTU_AT = 6;
/** Offset of a redirect's gateway address. */
export const ICMP_GWADDR_AT = 4;
/** Offset of a parameter problem's pointer. */
export const ICMP_PPTR_AT = 4;
/** Offset of a timestamp message's originate time; receive and transmit times follow. */
export const ICMP_OTIME_AT = 8;
/** Offset of a timestamp message's receive time. */
export const ICMP_RTIME_AT = 12;
/** Offset of a timestamp message's transmit time. */
export const ICMP_TTIME_AT = 16;
/** Octets in a timestamp message. */
export const ICMP_TSLEN = 20;
/** Offset of an address mask reply's mask. */
export const ICMP_MASK_AT = 8;
/** Octets in an address mask message. */
export const ICMP_MASKLEN = 12;
/** Smallest ICMP message, in octets (ICMP_MINLEN); an error's quoted datagram starts here. */
export const ICMP_MINLEN = 8;

/** The start of the datagram an ICMP error quotes. */
export interface IcmpQuoted {
  /** Source address of the quoted IPv4 header, dotted quad. */
  src: string;
  /** Destination address of the quoted IPv4 header, dotted quad. */
  dst: string;
  /** Protocol field of the quoted IPv4 header (IPPROTO_*). */
  proto: number;
  /**
   * Source port of a quoted TCP or UDP header; undefined for other protocols, non-first fragments,
   * or a quote that stops before the ports.
   */
  sport?: number;
  /** Destination port of a quoted TCP or UDP header; undefined when `sport` is. */
  dport?: number;
}

/** A decoded ICMP message. */
export interface IcmpMessage {
  /** Message type (ICMP_*: 0 echo reply, 3 unreachable, 8 echo, 11 time exceeded...). */
  type: number;
  /** Subtype of `type`, e.g. why a destination is unreachable (4: fragmentation needed). */
  code: number;
  /** Checksum field as sent; not verified. */
  checksum: number;
  /**
   * Identifier of echo, timestamp, information and address mask messages (types 0, 8, 13-18);
   * undefined for other types.
   */
  id?: number;
  /** Sequence number; set exactly when `id` is. */
  seq?: number;
  /** Next-hop MTU of "fragmentation needed". */
  mtu?: number;
  /** Redirect gateway. */
  gateway?: string;
  /** Parameter problem pointer. */
  pointer?: number;
  /**
   * What an error (types 3, 4, 5, 11, 12) quotes; undefined for other types, or when the quote is
   * not IPv4 or shorter than a 20-byte header.
   */
  quoted?: IcmpQuoted;
}

/** True for types that carry an identifier and sequence number. */
export function icmpHasIdSeq(type: number): boolean {
  return type === ICMP_ECHO || type === ICMP_ECHOREPLY || type === ICMP_TSTAMP ||
    type === ICMP_TSTAMPREPLY || (type >= ICMP_IREQ && type <= ICMP_MASKREPLY);
}

/** True for error types that quote the offending datagram. */
export function icmpIsError(type: number): boolean {
  return type === ICMP_UNREACH || type === ICMP_SOURCEQUENCH || type === ICMP_REDIRECT ||
    type === ICMP_TIMXCEED || type === ICMP_PARAMPROB;
}

/** The quoted IPv4 header of the error at `off`, undefined when absent or cut short. */
export function icmpQuoted(d: Uint8Array, off: number, end: number): IcmpQuoted | undefined {
  const ip = off + ICMP_MINLEN;
  if (ip + IPV4_MIN_HLEN > end || ipVersion(d, ip) !== 4) return undefined;
  const hl = ipv4HeaderLength(d, ip);
  const q: IcmpQuoted = {
    src: ipv4String(d, ip + IPV4_SRC_AT),
    dst: ipv4String(d, ip + IPV4_DST_AT),
    proto: d[ip + IPV4_PROTO_AT],
  };
  const t = ip + hl;
  const first = (u16(d, ip + IPV4_OFF_AT) & IP_OFFMASK) === 0;
  // TCP and UDP put their ports at the same offsets.
  const ports = t + TCP_DPORT_AT + 2;
  if (
    first && hl >= IPV4_MIN_HLEN && (q.proto === IPPROTO_TCP || q.proto === IPPROTO_UDP) &&
    ports <= end
  ) {
    q.sport = u16(d, t + TCP_SPORT_AT);
    q.dport = u16(d, t + TCP_DPORT_AT);
  }
  return q;
}

/** Reads the ICMP message at `off` (needs 8 bytes) up to `end`. */
export function icmpMessage(d: Uint8Array, off: number, end: number): IcmpMessage {
  const type = d[off + ICMP_TYPE_AT], code = d[off + ICMP_CODE_AT];
  const m: IcmpMessage = { type, code, checksum: u16(d, off + ICMP_SUM_AT) };
  if (icmpHasIdSeq(type)) {
    m.id = u16(d, off + ICMP_ID_AT);
    m.seq = u16(d, off + ICMP_SEQ_AT);
  } else if (type === ICMP_UNREACH && code === ICMP_UNREACH_NEEDFRAG) {
    m.mtu = u16(d, off + ICMP_NEXTMTU_AT);
  } else if (type === ICMP_REDIRECT) m.gateway = ipv4String(d, off + ICMP_GWADDR_AT);
  else if (type === ICMP_PARAMPROB) m.pointer = d[off + ICMP_PPTR_AT];
  if (icmpIsError(type)) {
    const q = icmpQuoted(d, off, end);
    if (q) m.quoted = q;
  }
  return m;
}
