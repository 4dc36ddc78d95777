/** BOOTP (RFC 951) and DHCP (RFC 2131, options RFC 2132, relay agent information RFC 3046). */

import { ETH_ALEN } from "./ethernet.ts";
import { hwString, ipv4String, macString, u16, u32 } from "./bytes.ts";
import {
  AGENT_CIRCUIT_ID,
  AGENT_REMOTE_ID,
  ARPHRD_ETHER,
  DHCP_MAGIC_COOKIE,
  DHO_AGENT_INFO,
  DHO_CLIENT_ID,
  DHO_DOMAIN_NAME_SERVERS,
  DHO_END,
  DHO_HOST_NAME,
  DHO_LEASE_TIME,
  DHO_MESSAGE_TYPE,
  DHO_PAD,
  DHO_PARAMETER_REQUEST,
  DHO_REQUESTED_ADDRESS,
  DHO_ROUTERS,
  DHO_SERVER_ID,
  DHO_SUBNET_MASK,
} from "./numbers.ts";

/** Offset of the op (1 request, 2 reply). */
export const BOOTP_OP_AT = 0;
/** Offset of the hardware address type. */
export const BOOTP_HTYPE_AT = 1;
/** Offset of the hardware address length. */
export const BOOTP_HLEN_AT = 2;
/** Offset of the relay hop count. */
export const BOOTP_HOPS_AT = 3;
/** Offset of the transaction id. */
export const BOOTP_XID_AT = 4;
/** Offset of the seconds since the client began. */
export const BOOTP_SECS_AT = 8;
/** Offset of the flags (broadcast 0x8000). */
export const BOOTP_FLAGS_AT = 10;
/** Offset of the client's address (when it has one). */
export const BOOTP_CIADDR_AT = 12;
/** Offset of "your" address, the one the server gives. */
export const BOOTP_YIADDR_AT = 16;
/** Offset of the next server's address. */
export const BOOTP_SIADDR_AT = 20;
/** Offset of the relay agent's address. */
export const BOOTP_GIADDR_AT = 24;
/** Offset of the client's hardware address (16 octets). */
export const BOOTP_CHADDR_AT = 28;
/** Offset of the server host name (64 octets, NUL-terminated). */
export const BOOTP_SNAME_AT = 44;
/** Octets of the server host name. */
export const BOOTP_SNAME_LEN = 64;
/** Offset of the boot file name (128 octets, NUL-terminated). */
export const BOOTP_FILE_AT = 108;
/** Octets of the boot file name. */
export const BOOTP_FILE_LEN = 128;
/** Offset of the vendor area (the DHCP magic cookie, then the options). */
export const BOOTP_VEND_AT = 236;
/** Octets of the magic cookie. */
export const DHCP_COOKIE_LEN = 4;
/** Offset of the first DHCP option. */
export const DHCP_OPTIONS_AT = BOOTP_VEND_AT + DHCP_COOKIE_LEN;
/** Option: offset of the length after the tag. */
export const DHCP_OPT_LEN_AT = 1;
/** Option: offset of the data after the tag. */
export const DHCP_OPT_DATA_AT = 2;
/** Client FQDN: offset of the first DNS rcode after the flags. */
export const DHCP_FQDN_RCODE_AT = 1;
/** Client FQDN: offset of the name after the flags and the two rcodes. */
export const DHCP_FQDN_NAME_AT = 3;
/** Client FQDN flags: the bits that must be zero. */
export const DHCP_FQDN_MBZ = 0xf0;
/** Relay agent sub-option: offset of the length after the code. */
export const AGENT_SUBOPT_LEN_AT = 1;
/** Relay agent sub-option: offset of the data after the code. */
export const AGENT_SUBOPT_DATA_AT = 2;

/** True when the message at `off` has the DHCP magic cookie before `end`. */
export function dhcpHasCookie(d: Uint8Array, off: number, end: number): boolean {
  return off + DHCP_OPTIONS_AT <= end && u32(d, off + BOOTP_VEND_AT) === DHCP_MAGIC_COOKIE;
}

/**
 * Offset of the option after the one at `i` (PAD and END are one octet), or -1 when `end`
 * cuts the option short.
 */
export function dhcpNextOption(d: Uint8Array, i: number, end: number): number {
  const tag = d[i];
  if (tag === DHO_PAD || tag === DHO_END) return i + 1;
  if (i + DHCP_OPT_DATA_AT > end) return -1;
  const next = i + DHCP_OPT_DATA_AT + d[i + DHCP_OPT_LEN_AT];
  return next <= end ? next : -1;
}

/**
 * True when the fixed header, and with the cookie every option up to END (or to `end`), fit
 * before `end`; the walk takes at most one step per octet.
 */
export function dhcpFits(d: Uint8Array, off: number, end: number): boolean {
  if (off + BOOTP_VEND_AT > end) return false;
  if (!dhcpHasCookie(d, off, end)) return off + DHCP_OPTIONS_AT <= end || end - off >= 0;
  for (let i = off + DHCP_OPTIONS_AT; i < end;) {
    if (d[i] === DHO_END) return true;
    i = dhcpNextOption(d, i, end);
    if (i < 0) return false;
  }
  return true;
}

/**
 * Offset of the data of the first option `tag` of the DHCP message at `off`, or -1 when it has
 * none (or no cookie); its length is the octet before. Bounded by `end`.
 */
export function dhcpFindOption(d: Uint8Array, off: number, end: number, tag: number): number {
  if (!dhcpHasCookie(d, off, end)) return -1;
  for (let i = off + DHCP_OPTIONS_AT; i < end;) {
    const t = d[i];
    if (t === DHO_END) return -1;
    const next = dhcpNextOption(d, i, end);
    if (next < 0) return -1;
    if (t === tag && t !== DHO_PAD) return i + DHCP_OPT_DATA_AT;
    i = next;
  }
  return -1;
}

/** A decoded BOOTP/DHCP message: the fixed header and the options NDJSON reports. */
export interface DhcpMessage {
  /** 1 request (client to server), 2 reply. */
  op: number;
  /** Transaction id, chosen by the client. */
  xid: number;
  /** Seconds since the client began acquiring or renewing. */
  secs: number;
  /** Flags word (broadcast 0x8000). */
  flags: number;
  /** Client address (a client that already has one). */
  ciaddr: string;
  /** "Your" address: the one the server offers or assigns. */
  yiaddr: string;
  /** Next server to use (boot server). */
  siaddr: string;
  /** Relay agent address. */
  giaddr: string;
  /** Client hardware address: `hlen` octets (at most 16) as `aa:bb:...`. */
  chaddr: string;
  /** Option 53, the DHCP message type (1 Discover ... 8 Inform); absent in plain BOOTP. */
  msgType?: number;
  /** Option 50, the address the client asks for. */
  requestedIp?: string;
  /** Option 12, the client's host name. */
  hostname?: string;
  /** Option 55, the option codes the client asks for, comma-separated. */
  params?: string;
  /** Option 61, the client identifier as `aa:bb:...` (its type octet first). */
  clientId?: string;
  /** Option 51, the lease time in seconds. */
  leaseTime?: number;
  /** Option 54, the server identifier. */
  serverId?: string;
  /** Option 1, the subnet mask. */
  subnetMask?: string;
  /** Option 3, the routers, comma-separated. */
  router?: string;
  /** Option 6, the DNS servers, comma-separated. */
  dnsServers?: string;
  /** Option 82 sub-option 1, the relay agent's circuit id in hex. */
  circuitId?: string;
  /** Option 82 sub-option 2, the relay agent's remote id in hex. */
  remoteId?: string;
}

const TEXT = new TextDecoder();

/** The addresses in the `len` octets at `at`, comma-separated. */
function addresses(d: Uint8Array, at: number, len: number): string {
  let s = "";
  for (let i = 0; i + 4 <= len; i += 4) s += (i ? "," : "") + ipv4String(d, at + i);
  return s;
}

/** Reads the BOOTP/DHCP message at `off` up to `end` (needs the 236-octet fixed header). */
export function dhcpMessage(d: Uint8Array, off: number, end: number): DhcpMessage {
  const hlen = Math.min(d[off + BOOTP_HLEN_AT], BOOTP_SNAME_AT - BOOTP_CHADDR_AT);
  const m: DhcpMessage = {
    op: d[off + BOOTP_OP_AT],
    xid: u32(d, off + BOOTP_XID_AT),
    secs: u16(d, off + BOOTP_SECS_AT),
    flags: u16(d, off + BOOTP_FLAGS_AT),
    ciaddr: ipv4String(d, off + BOOTP_CIADDR_AT),
    yiaddr: ipv4String(d, off + BOOTP_YIADDR_AT),
    siaddr: ipv4String(d, off + BOOTP_SIADDR_AT),
    giaddr: ipv4String(d, off + BOOTP_GIADDR_AT),
    chaddr: d[off + BOOTP_HTYPE_AT] === ARPHRD_ETHER && hlen === ETH_ALEN
      ? macString(d, off + BOOTP_CHADDR_AT)
      : hwString(d, off + BOOTP_CHADDR_AT, hlen),
  };
  const opt = (tag: number, min: number) => {
    const at = dhcpFindOption(d, off, end, tag);
    return at >= 0 && d[at - 1] >= min ? at : -1;
  };
  let at = opt(DHO_MESSAGE_TYPE, 1);
  if (at >= 0) m.msgType = d[at];
  if ((at = opt(DHO_REQUESTED_ADDRESS, 4)) >= 0) m.requestedIp = ipv4String(d, at);
  if ((at = opt(DHO_HOST_NAME, 0)) >= 0) m.hostname = TEXT.decode(d.subarray(at, at + d[at - 1]));
  if ((at = opt(DHO_PARAMETER_REQUEST, 0)) >= 0) {
    m.params = Array.from(d.subarray(at, at + d[at - 1])).join(",");
  }
  if ((at = opt(DHO_CLIENT_ID, 1)) >= 0) m.clientId = hwString(d, at, d[at - 1]);
  if ((at = opt(DHO_LEASE_TIME, 4)) >= 0) m.leaseTime = u32(d, at);
  if ((at = opt(DHO_SERVER_ID, 4)) >= 0) m.serverId = ipv4String(d, at);
  if ((at = opt(DHO_SUBNET_MASK, 4)) >= 0) m.subnetMask = ipv4String(d, at);
  if ((at = opt(DHO_ROUTERS, 4)) >= 0) m.router = addresses(d, at, d[at - 1]);
  if ((at = opt(DHO_DOMAIN_NAME_SERVERS, 4)) >= 0) m.dnsServers = addresses(d, at, d[at - 1]);
  if ((at = opt(DHO_AGENT_INFO, 0)) >= 0) {
    const stop = at + d[at - 1];
    for (let i = at; i + AGENT_SUBOPT_DATA_AT <= stop;) {
      const len = d[i + AGENT_SUBOPT_LEN_AT], data = i + AGENT_SUBOPT_DATA_AT;
      if (data + len > stop) break;
      if (d[i] === AGENT_CIRCUIT_ID) m.circuitId = hwString(d, data, len).replaceAll(":", "");
      else if (d[i] === AGENT_REMOTE_ID) m.remoteId = hwString(d, data, len).replaceAll(":", "");
      i = data + len;
    }
  }
  return m;
}
