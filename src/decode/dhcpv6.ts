/** DHCPv6 (RFC 8415): client/server and relay messages, their options. */

import { hwString, ipv6String, u16, u32 } from "./bytes.ts";
import { IPV6_ALEN } from "./ipv6.ts";
import {
  DH6_RELAY_FORW,
  DH6_RELAY_REPLY,
  DH6OPT_CLIENTID,
  DH6OPT_DNS_SERVERS,
  DH6OPT_IA_ADDR,
  DH6OPT_IA_NA,
  DH6OPT_SERVERID,
  DH6OPT_STATUS_CODE,
} from "./numbers.ts";

/** Offset of the message type. */
export const DH6_MSGTYPE_AT = 0;
/** Offset of the 32-bit word whose low 24 bits are the transaction id. */
export const DH6_XID_AT = 0;
/** The transaction id's bits in that word. */
export const DH6_XID_MASK = 0xffffff;
/** Octets of a client/server message header (type, transaction id). */
export const DH6_HLEN = 4;
/** Relay message: offset of the hop count. */
export const DH6_RELAY_HOPS_AT = 1;
/** Relay message: offset of the link address. */
export const DH6_RELAY_LINK_AT = 2;
/** Relay message: offset of the peer address. */
export const DH6_RELAY_PEER_AT = 18;
/** Octets of a relay message header. */
export const DH6_RELAY_HLEN = 34;
/** Option: offset of the code. */
export const DH6OPT_TYPE_AT = 0;
/** Option: offset of the data length. */
export const DH6OPT_LEN_AT = 2;
/** Octets of an option header. */
export const DH6OPT_HLEN = 4;
/** IA_NA/IA_PD/IA_TA data: offset of the IAID. */
export const DH6_IA_IAID_AT = 0;
/** IA_NA/IA_PD data: offset of T1. */
export const DH6_IA_T1_AT = 4;
/** IA_NA/IA_PD data: offset of T2. */
export const DH6_IA_T2_AT = 8;
/** IA_NA/IA_PD data: octets before the sub-options. */
export const DH6_IA_NA_LEN = 12;
/** IA_TA data: octets before the sub-options. */
export const DH6_IA_TA_LEN = 4;
/** IA_ADDR data: offset of the address. */
export const DH6_IAADDR_ADDR_AT = 0;
/** IA_ADDR data: offset of the preferred lifetime. */
export const DH6_IAADDR_PLTIME_AT = 16;
/** IA_ADDR data: offset of the valid lifetime. */
export const DH6_IAADDR_VLTIME_AT = 20;
/** IA_ADDR data: octets before the sub-options. */
export const DH6_IAADDR_LEN = 24;
/** IA_PD prefix data: offset of the preferred lifetime. */
export const DH6_IAPREFIX_PLTIME_AT = 0;
/** IA_PD prefix data: offset of the valid lifetime. */
export const DH6_IAPREFIX_VLTIME_AT = 4;
/** IA_PD prefix data: offset of the prefix length. */
export const DH6_IAPREFIX_PLEN_AT = 8;
/** IA_PD prefix data: offset of the prefix. */
export const DH6_IAPREFIX_PREFIX_AT = 9;
/** IA_PD prefix data: octets before the sub-options. */
export const DH6_IAPREFIX_LEN = 25;
/** DUID: offset of the type. */
export const DUID_TYPE_AT = 0;
/** DUID-LLT and DUID-LL: offset of the hardware type. */
export const DUID_HWTYPE_AT = 2;
/** DUID-LLT: offset of the time. */
export const DUID_LLT_TIME_AT = 4;
/** DUID-LLT: offset of the link-layer address. */
export const DUID_LLT_ADDR_AT = 8;
/** DUID-EN: octets tcpdump shows after the type (enterprise number, start of the id). */
export const DUID_EN_SHOWN = 8;
/** DUID-LL: offset of the link-layer address. */
export const DUID_LL_ADDR_AT = 4;
/** Interface-ID and subscriber-ID: octets tcpdump shows. */
export const DH6_ID_SHOWN = 10;
/** Most levels of options inside options (IA in relay message in relay message...) walked. */
export const DH6_MAX_DEPTH = 16;

/** True for the relay-forward and relay-reply message types. */
export function dhcpv6IsRelay(type: number): boolean {
  return type === DH6_RELAY_FORW || type === DH6_RELAY_REPLY;
}

/** Offset of the first option of the message at `off`. */
export function dhcpv6OptionsAt(d: Uint8Array, off: number): number {
  return off + (dhcpv6IsRelay(d[off + DH6_MSGTYPE_AT]) ? DH6_RELAY_HLEN : DH6_HLEN);
}

/** True when the message's header and its options, not nested ones, fit before `end`. */
export function dhcpv6Fits(d: Uint8Array, off: number, end: number): boolean {
  if (off + DH6_HLEN > end) return false;
  let i = dhcpv6OptionsAt(d, off);
  if (i > end) return false;
  while (i < end) {
    if (i + DH6OPT_HLEN > end) return false;
    i += DH6OPT_HLEN + u16(d, i + DH6OPT_LEN_AT);
  }
  return i === end;
}

/**
 * Offset of the header of the first option `code` in `[from, end)`, or -1; walks one option
 * per step, stopping at the first one cut short.
 */
export function dhcpv6FindOption(d: Uint8Array, from: number, end: number, code: number): number {
  for (let i = from; i + DH6OPT_HLEN <= end;) {
    const next = i + DH6OPT_HLEN + u16(d, i + DH6OPT_LEN_AT);
    if (next > end) return -1;
    if (u16(d, i + DH6OPT_TYPE_AT) === code) return i;
    i = next;
  }
  return -1;
}

/** An identity association for non-temporary addresses (option 3). */
export interface Dhcpv6Ia {
  /** The identity association's id, chosen by the client. */
  iaid: number;
  /** Seconds until the client renews with its server. */
  t1: number;
  /** Seconds until the client rebinds with any server. */
  t2: number;
  /** The first address (IA_ADDR sub-option) in it. */
  addr?: string;
}

/** A decoded DHCPv6 message: its type, transaction id and the options NDJSON reports. */
export interface Dhcpv6Message {
  /** Message type (1 Solicit, 2 Advertise, 3 Request, 7 Reply, 12/13 relay...). */
  msgType: number;
  /** Transaction id (client/server messages). */
  xid?: number;
  /** Hop count (relay messages). */
  hops?: number;
  /** Link address (relay messages). */
  linkAddr?: string;
  /** Peer address (relay messages). */
  peerAddr?: string;
  /** Client identifier (option 1): the DUID in hex. */
  clientId?: string;
  /** Server identifier (option 2): the DUID in hex. */
  serverId?: string;
  /** The first IA_NA (option 3). */
  iaNa?: Dhcpv6Ia;
  /** Status code (option 13), 0 success. */
  status?: number;
  /** DNS recursive name servers (option 23), comma-separated. */
  dnsServers?: string;
}

/** Reads the DHCPv6 message at `off` up to `end` (needs 4 octets; relay messages 34). */
export function dhcpv6Message(d: Uint8Array, off: number, end: number): Dhcpv6Message {
  const type = d[off + DH6_MSGTYPE_AT];
  const m: Dhcpv6Message = { msgType: type };
  if (dhcpv6IsRelay(type)) {
    if (off + DH6_RELAY_HLEN > end) return m;
    m.hops = d[off + DH6_RELAY_HOPS_AT];
    m.linkAddr = ipv6String(d, off + DH6_RELAY_LINK_AT);
    m.peerAddr = ipv6String(d, off + DH6_RELAY_PEER_AT);
    return m;
  }
  m.xid = u32(d, off + DH6_XID_AT) & DH6_XID_MASK;
  const from = off + DH6_HLEN;
  const data = (code: number) => {
    const at = dhcpv6FindOption(d, from, end, code);
    return at < 0 ? -1 : at + DH6OPT_HLEN;
  };
  const len = (at: number) => u16(d, at - DH6OPT_HLEN + DH6OPT_LEN_AT);
  let at = data(DH6OPT_CLIENTID);
  if (at >= 0) m.clientId = hwString(d, at, len(at)).replaceAll(":", "");
  if ((at = data(DH6OPT_SERVERID)) >= 0) {
    m.serverId = hwString(d, at, len(at)).replaceAll(":", "");
  }
  if ((at = data(DH6OPT_IA_NA)) >= 0 && len(at) >= DH6_IA_NA_LEN) {
    const ia: Dhcpv6Ia = {
      iaid: u32(d, at + DH6_IA_IAID_AT),
      t1: u32(d, at + DH6_IA_T1_AT),
      t2: u32(d, at + DH6_IA_T2_AT),
    };
    const sub = dhcpv6FindOption(d, at + DH6_IA_NA_LEN, at + len(at), DH6OPT_IA_ADDR);
    if (sub >= 0 && u16(d, sub + DH6OPT_LEN_AT) >= DH6_IAADDR_LEN) {
      ia.addr = ipv6String(d, sub + DH6OPT_HLEN + DH6_IAADDR_ADDR_AT);
    }
    m.iaNa = ia;
  }
  if ((at = data(DH6OPT_STATUS_CODE)) >= 0 && len(at) >= 2) m.status = u16(d, at);
  if ((at = data(DH6OPT_DNS_SERVERS)) >= 0) {
    let s = "";
    for (let i = 0; i + IPV6_ALEN <= len(at); i += IPV6_ALEN) {
      s += (i ? "," : "") + ipv6String(d, at + i);
    }
    m.dnsServers = s;
  }
  return m;
}
