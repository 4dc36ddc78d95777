/** Text of DHCPv6, as tcpdump's print-dhcp6.c prints it (options with -v, on the one line). */

import { hex2, ipv6String, u16, u32 } from "../../decode/bytes.ts";
import { dnsName } from "../../decode/dns.ts";
import * as dhcpv6Module from "../../decode/dhcpv6.ts";
import { dhcpv6IsRelay } from "../../decode/dhcpv6.ts";
import * as ipv6Module from "../../decode/ipv6.ts";
import * as numbersModule from "../../decode/numbers.ts";
import type { PrintContext } from "./context.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const {
  DH6_HLEN,
  DH6_ID_SHOWN,
  DH6_IA_IAID_AT,
  DH6_IA_NA_LEN,
  DH6_IA_T1_AT,
  DH6_IA_T2_AT,
  DH6_IA_TA_LEN,
  DH6_IAADDR_LEN,
  DH6_IAADDR_PLTIME_AT,
  DH6_IAADDR_VLTIME_AT,
  DH6_IAPREFIX_LEN,
  DH6_IAPREFIX_PLEN_AT,
  DH6_IAPREFIX_PLTIME_AT,
  DH6_IAPREFIX_PREFIX_AT,
  DH6_IAPREFIX_VLTIME_AT,
  DH6_MAX_DEPTH,
  DH6_MSGTYPE_AT,
  DH6_RELAY_HLEN,
  DH6_RELAY_LINK_AT,
  DH6_RELAY_PEER_AT,
  DH6_XID_AT,
  DH6_XID_MASK,
  DH6OPT_HLEN,
  DH6OPT_LEN_AT,
  DH6OPT_TYPE_AT,
  DUID_EN_SHOWN,
  DUID_HWTYPE_AT,
  DUID_LL_ADDR_AT,
  DUID_LLT_ADDR_AT,
  DUID_LLT_TIME_AT,
  DUID_TYPE_AT,
} = dhcpv6Module;
const { IPV6_ALEN } = ipv6Module;
const {
  DH6OPT_CLIENTID,
  DH6OPT_DNS_SERVERS,
  DH6OPT_DOMAIN_LIST,
  DH6OPT_ELAPSED_TIME,
  DH6OPT_IA_ADDR,
  DH6OPT_IA_NA,
  DH6OPT_IA_PD,
  DH6OPT_IA_PD_PREFIX,
  DH6OPT_IA_TA,
  DH6OPT_INTERFACE_ID,
  DH6OPT_NIS_SERVERS,
  DH6OPT_NISP_SERVERS,
  DH6OPT_ORO,
  DH6OPT_PREFERENCE,
  DH6OPT_RAPID_COMMIT,
  DH6OPT_RECONF_ACCEPT,
  DH6OPT_RELAY_MSG,
  DH6OPT_SERVERID,
  DH6OPT_SIP_SERVER_A,
  DH6OPT_SIP_SERVER_D,
  DH6OPT_SNTP_SERVERS,
  DH6OPT_STATUS_CODE,
  DH6OPT_SUBSCRIBER_ID,
  DHCP6_MESSAGE_TYPES,
  DHCP6_OPTIONS,
  DHCP6_STATUS_CODES,
  DUID_EN,
  DUID_LL,
  DUID_LLT,
} = numbersModule;

/** tcpdump's mark for a message cut short. */
const TRUNC = " [|dhcp6]";

/** Octets `[from, to)` as hex without separators. */
function hex(d: Uint8Array, from: number, to: number): string {
  let s = "";
  for (let i = from; i < to; i++) s += hex2(d[i]);
  return s;
}

/** An option name (or `opt_N`). */
function optName(code: number): string {
  return DHCP6_OPTIONS[code] ?? "opt_" + code;
}

/**
 * The DHCPv6 message at `off`, captured up to `end`; `len` is the UDP payload length. Reads
 * only what `end` allows and marks where tcpdump's text would stop with ` [|dhcp6]`.
 */
export function dhcpv6(c: PrintContext, off: number, end: number, len: number): string {
  return message(c, off, Math.min(end, off + len), 0);
}

function message(c: PrintContext, off: number, ep: number, depth: number): string {
  const d = c.d;
  let s = "dhcp6";
  if (off + DH6_HLEN > ep) return s + TRUNC;
  const type = d[off + DH6_MSGTYPE_AT];
  const name = DHCP6_MESSAGE_TYPES[type] ?? "msgtype-" + type;
  if (!c.verbose) return s + " " + name;
  s += " " + name + " (";
  if (!dhcpv6IsRelay(type)) {
    s += "xid=" + (u32(d, off + DH6_XID_AT) & DH6_XID_MASK).toString(16);
    s += options(c, off + DH6_HLEN, ep, depth);
  } else {
    if (off + DH6_RELAY_HLEN > ep) return s + TRUNC;
    s += "linkaddr=" + ipv6String(d, off + DH6_RELAY_LINK_AT) +
      " peeraddr=" + ipv6String(d, off + DH6_RELAY_PEER_AT);
    s += options(c, off + DH6_RELAY_HLEN, ep, depth);
  }
  return s + ")";
}

/** The options in `[cp, ep)`; at most DH6_MAX_DEPTH levels of options inside options. */
function options(c: PrintContext, cp: number, ep: number, depth: number): string {
  const d = c.d;
  let s = "";
  if (depth >= DH6_MAX_DEPTH) return cp < ep ? TRUNC : s;
  while (cp < ep) {
    if (cp + DH6OPT_HLEN > ep) return s + TRUNC;
    const optlen = u16(d, cp + DH6OPT_LEN_AT), tp = cp + DH6OPT_HLEN, stop = tp + optlen;
    if (stop > ep) return s + TRUNC;
    const code = u16(d, cp + DH6OPT_TYPE_AT);
    s += " (" + optName(code);
    switch (code) {
      case DH6OPT_CLIENTID:
      case DH6OPT_SERVERID: {
        if (optlen < 2) {
          s += " ?)";
          break;
        }
        const duid = u16(d, tp + DUID_TYPE_AT);
        if (duid === DUID_LLT) {
          s += optlen >= DUID_LLT_ADDR_AT
            ? " hwaddr/time type " + u16(d, tp + DUID_HWTYPE_AT) + " time " +
              u32(d, tp + DUID_LLT_TIME_AT) + " " + hex(d, tp + DUID_LLT_ADDR_AT, stop) + ")"
            : " ?)";
        } else if (duid === DUID_EN) {
          s += optlen >= 2 + DUID_EN_SHOWN
            ? " vid " + hex(d, tp + DUID_HWTYPE_AT, tp + DUID_HWTYPE_AT + DUID_EN_SHOWN) + ")"
            : " ?)";
        } else if (duid === DUID_LL) {
          s += optlen >= DUID_LL_ADDR_AT
            ? " hwaddr type " + u16(d, tp + DUID_HWTYPE_AT) + " " +
              hex(d, tp + DUID_LL_ADDR_AT, stop) + ")"
            : " ?)";
        } else s += " type " + duid + ")";
        break;
      }
      case DH6OPT_IA_ADDR:
        if (optlen < DH6_IAADDR_LEN) {
          s += " ?)";
          break;
        }
        s += " " + ipv6String(d, tp) + " pltime:" + u32(d, tp + DH6_IAADDR_PLTIME_AT) +
          " vltime:" + u32(d, tp + DH6_IAADDR_VLTIME_AT);
        if (optlen !== DH6_IAADDR_LEN) s += options(c, tp + DH6_IAADDR_LEN, stop, depth + 1);
        s += ")";
        break;
      case DH6OPT_ORO:
        if (optlen % 2) {
          s += " ?)";
          break;
        }
        for (let i = tp; i < stop; i += 2) s += " " + optName(u16(d, i));
        s += ")";
        break;
      case DH6OPT_PREFERENCE:
        s += optlen !== 1 ? " ?)" : " " + d[tp] + ")";
        break;
      case DH6OPT_ELAPSED_TIME:
        s += optlen !== 2 ? " ?)" : " " + u16(d, tp) + ")";
        break;
      case DH6OPT_RELAY_MSG:
        // tcpdump leaves the option's parenthesis open here.
        s += " (" + message(c, tp, stop, depth + 1) + ")";
        break;
      case DH6OPT_INTERFACE_ID:
      case DH6OPT_SUBSCRIBER_ID:
        s += " " + hex(d, tp, Math.min(stop, tp + DH6_ID_SHOWN)) + "...)";
        break;
      case DH6OPT_RAPID_COMMIT:
      case DH6OPT_RECONF_ACCEPT:
        s += ")";
        break;
      case DH6OPT_SIP_SERVER_A:
      case DH6OPT_DNS_SERVERS:
      case DH6OPT_SNTP_SERVERS:
      case DH6OPT_NIS_SERVERS:
      case DH6OPT_NISP_SERVERS:
        if (optlen % IPV6_ALEN) {
          s += " ?)";
          break;
        }
        for (let i = tp; i < stop; i += IPV6_ALEN) s += " " + ipv6String(d, i);
        s += ")";
        break;
      case DH6OPT_SIP_SERVER_D:
      case DH6OPT_DOMAIN_LIST: {
        // Names one after another, each ending in a zero label; at most one per octet.
        let i = tp;
        while (i < stop) {
          const n = dnsName(d, tp, i, stop);
          if (n.next < 0) return s + " " + n.name + TRUNC;
          s += " " + n.name;
          i = n.next;
        }
        s += ")";
        break;
      }
      case DH6OPT_STATUS_CODE:
        if (optlen < 2) s += " ?)";
        else s += " " + (DHCP6_STATUS_CODES[u16(d, tp)] ?? "code" + u16(d, tp)) + ")";
        break;
      case DH6OPT_IA_NA:
      case DH6OPT_IA_PD:
        if (optlen < DH6_IA_NA_LEN) {
          s += " ?)";
          break;
        }
        s += " IAID:" + u32(d, tp + DH6_IA_IAID_AT) + " T1:" + u32(d, tp + DH6_IA_T1_AT) +
          " T2:" + u32(d, tp + DH6_IA_T2_AT);
        if (optlen !== DH6_IA_NA_LEN) s += options(c, tp + DH6_IA_NA_LEN, stop, depth + 1);
        s += ")";
        break;
      case DH6OPT_IA_TA:
        if (optlen < DH6_IA_TA_LEN) {
          s += " ?)";
          break;
        }
        s += " IAID:" + u32(d, tp + DH6_IA_IAID_AT);
        if (optlen !== DH6_IA_TA_LEN) s += options(c, tp + DH6_IA_TA_LEN, stop, depth + 1);
        s += ")";
        break;
      case DH6OPT_IA_PD_PREFIX:
        if (optlen < DH6_IAPREFIX_LEN) {
          s += " ?)";
          break;
        }
        s += " " + ipv6String(d, tp + DH6_IAPREFIX_PREFIX_AT) + "/" +
          d[tp + DH6_IAPREFIX_PLEN_AT] + " pltime:" + u32(d, tp + DH6_IAPREFIX_PLTIME_AT) +
          " vltime:" + u32(d, tp + DH6_IAPREFIX_VLTIME_AT);
        if (optlen !== DH6_IAPREFIX_LEN) s += options(c, tp + DH6_IAPREFIX_LEN, stop, depth + 1);
        s += ")";
        break;
      default:
        s += ")";
    }
    cp = stop;
  }
  return s;
}
