/** ICMP for IPv4 (RFC 792). */

import { ipv4String, u16 } from "./bytes.ts";
import { IP_OFFMASK, IPPROTO_TCP, IPPROTO_UDP } from "./ipv4.ts";

/** Smallest ICMP message, in octets (ICMP_MINLEN). */
export const ICMP_MINLEN = 8;
/** Types (ICMP_*). */
export const ICMP_ECHOREPLY = 0;
/** Destination unreachable. */
export const ICMP_UNREACH = 3;
/** Source quench. */
export const ICMP_SOURCEQUENCH = 4;
/** Redirect. */
export const ICMP_REDIRECT = 5;
/** Echo request. */
export const ICMP_ECHO = 8;
/** Router advertisement. */
export const ICMP_ROUTERADVERT = 9;
/** Router solicitation. */
export const ICMP_ROUTERSOLICIT = 10;
/** Time exceeded. */
export const ICMP_TIMXCEED = 11;
/** Parameter problem. */
export const ICMP_PARAMPROB = 12;
/** Timestamp request. */
export const ICMP_TSTAMP = 13;
/** Timestamp reply. */
export const ICMP_TSTAMPREPLY = 14;
/** Unreachable code: fragmentation needed and DF set. */
export const ICMP_UNREACH_NEEDFRAG = 4;

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
    type === ICMP_TSTAMPREPLY || (type >= 15 && type <= 18);
}

/** True for error types that quote the offending datagram. */
export function icmpIsError(type: number): boolean {
  return type === ICMP_UNREACH || type === ICMP_SOURCEQUENCH || type === ICMP_REDIRECT ||
    type === ICMP_TIMXCEED || type === ICMP_PARAMPROB;
}

/** The quoted IPv4 header of the error at `off`, undefined when absent or cut short. */
export function icmpQuoted(d: Uint8Array, off: number, end: number): IcmpQuoted | undefined {
  const ip = off + ICMP_MINLEN;
  if (ip + 20 > end || d[ip] >> 4 !== 4) return undefined;
  const hl = (d[ip] & 0x0f) * 4;
  const q: IcmpQuoted = {
    src: ipv4String(d, ip + 12),
    dst: ipv4String(d, ip + 16),
    proto: d[ip + 9],
  };
  const t = ip + hl;
  const first = (u16(d, ip + 6) & IP_OFFMASK) === 0;
  if (first && hl >= 20 && (q.proto === IPPROTO_TCP || q.proto === IPPROTO_UDP) && t + 4 <= end) {
    q.sport = u16(d, t);
    q.dport = u16(d, t + 2);
  }
  return q;
}

/** Reads the ICMP message at `off` (needs 8 bytes) up to `end`. */
export function icmpMessage(d: Uint8Array, off: number, end: number): IcmpMessage {
  const type = d[off], code = d[off + 1];
  const m: IcmpMessage = { type, code, checksum: u16(d, off + 2) };
  if (icmpHasIdSeq(type)) {
    m.id = u16(d, off + 4);
    m.seq = u16(d, off + 6);
  } else if (type === ICMP_UNREACH && code === ICMP_UNREACH_NEEDFRAG) m.mtu = u16(d, off + 6);
  else if (type === ICMP_REDIRECT) m.gateway = ipv4String(d, off + 4);
  else if (type === ICMP_PARAMPROB) m.pointer = d[off + 4];
  if (icmpIsError(type)) {
    const q = icmpQuoted(d, off, end);
    if (q) m.quoted = q;
  }
  return m;
}
