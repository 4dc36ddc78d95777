/**
 * Text of gateways, time and management protocols (issue 15, family 4), as tcpdump's
 * print-vrrp.c, print-ntp.c, print-syslog.c, print-tftp.c, print-snmp.c, print-radius.c,
 * print-ospf.c, print-bgp.c and print-rip.c print them. Where tcpdump -v goes
 * on over tab-indented lines, each such line follows on this one after a space.
 *
 * @module
 */

import { hex2, ipv4String, ipv6String, latin1, u16, u32 } from "../../decode/bytes.ts";
import * as frameModule from "../../decode/frame.ts";
import { onesSum } from "../../decode/ipv4.ts";
import * as ipv4Module from "../../decode/ipv4.ts";
import * as ipv6Module from "../../decode/ipv6.ts";
import * as numbersModule from "../../decode/numbers.ts";
import { ntpShort } from "../../decode/ntp.ts";
import * as ntpModule from "../../decode/ntp.ts";
import { bgpMarker } from "../../decode/bgp.ts";
import * as bgpModule from "../../decode/bgp.ts";
import * as ospfModule from "../../decode/ospf.ts";
import * as radiusModule from "../../decode/radius.ts";
import * as ripModule from "../../decode/rip.ts";
import {
  ber,
  BER_APPLICATION,
  BER_BAD_LONGLEN,
  BER_BAD_TAG,
  BER_CONTEXT,
  BER_CUT_HEADER,
  BER_INTEGER,
  BER_NO_LEN,
  BER_NOTHING,
  BER_NULL,
  BER_OID,
  BER_SEQUENCE,
  BER_STRING,
  BER_TOO_LONG,
  BER_UNIVERSAL,
  berCls,
  berConstructed,
  berId,
  berInt,
  berRead,
  berUnsigned,
  oidString,
  SNMP_COUNTER,
  SNMP_GAUGE,
  SNMP_IPADDR,
  SNMP_TIMETICKS,
} from "../../decode/snmp.ts";
import { syslogMessage, syslogTextAt } from "../../decode/syslog.ts";
import { tftpString } from "../../decode/tftp.ts";
import * as tftpModule from "../../decode/tftp.ts";
import { hsrp, pim, ptp } from "./gateways2.ts";
import { UDP_HLEN } from "../../decode/udp.ts";
import { vrrpHeader } from "../../decode/vrrp.ts";
import * as vrrpModule from "../../decode/vrrp.ts";
import { NS_PER_SEC_NUMBER } from "../../packet/packet.ts";
import { hex4, pad2, type PrintContext } from "./context.ts";
import { transportChecksum } from "./transport.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const {
  LAYER_IPV4,
  LAYER_NTP,
  LAYER_OSPF,
  LAYER_RADIUS,
  LAYER_RIP,
  LAYER_HSRP,
  LAYER_PTP,
  LAYER_SNMP,
  LAYER_SYSLOG,
  LAYER_TFTP,
  LAYER_VRRP,
} = frameModule;
const { IPV4_ALEN, IPV4_TTL_AT } = ipv4Module;
const { IPV6_ALEN, IPV6_HLIM_AT } = ipv6Module;
const {
  IPPROTO_OSPF,
  IPPROTO_PIM,
  IPPROTO_VRRP,
  NTP_LEAP,
  NTP_MODE_BROADCAST,
  NTP_MODE_CONTROL,
  NTP_MODES,
  NTP_STRATUM_INFO_QUERY,
  NTP_STRATUM_INFO_REPLY,
  NTP_STRATUM_PRIMARY,
  NTP_STRATUM_SECONDARY_MAX,
  NTP_STRATUM_UNSPEC,
  NTP_UNIX_EPOCH,
  BGP_AFI,
  BGP_ERRORS,
  BGP_ERRORS_NO_COMMA,
  BGP_KEEPALIVE,
  BGP_NOTIFICATION,
  BGP_OPEN,
  BGP_ROUTE_REFRESH,
  BGP_SAFI,
  BGP_SUBCODES,
  BGP_TYPES,
  BGP_UPDATE,
  OSPF_AUTH_MD5,
  OSPF_AUTH_NONE,
  OSPF_AUTH_SIMPLE,
  OSPF_AUTH_TYPES,
  OSPF_DD_FLAGS,
  OSPF_LSA_OPAQUE,
  OSPF_LSA_TYPES,
  OSPF_OPAQUE_TYPES,
  OSPF_OPTIONS,
  OSPF_TYPE_DD,
  OSPF_TYPE_HELLO,
  OSPF_TYPE_LS_ACK,
  OSPF_TYPE_LS_REQ,
  OSPF_TYPE_LS_UPDATE,
  OSPF_TYPES,
  RIP_AF_AUTH,
  RIP_AF_INET,
  RIP_AUTH_SIMPLE,
  RIP_COMMANDS,
  RIPCMD_REQUEST,
  RIPCMD_RESPONSE,
  RAD_ADDR,
  RAD_NONE,
  RAD_NUM,
  RAD_OTHER,
  RAD_STR,
  RAD_TAGNUM,
  RAD_TAGSTR,
  RAD_TIME,
  RADIUS_ATTR_KINDS,
  RADIUS_ATTRS,
  RADIUS_CODES,
  RADIUS_VALUES,
  SNMP_DEFAULT_COMMUNITY,
  SNMP_ERRORS,
  SNMP_EXCEPTIONS,
  SNMP_GENERIC_TRAPS,
  SNMP_GETBULKREQ,
  SNMP_GETNEXTREQ,
  SNMP_GETREQ,
  SNMP_GT_ENTERPRISE,
  SNMP_INFORMREQ,
  SNMP_PDUS,
  SNMP_REPORT,
  SNMP_SETREQ,
  SNMP_TRAP,
  SNMP_V2TRAP,
  SNMP_VERSIONS,
  SYSLOG_FACILITIES,
  SYSLOG_SEVERITIES,
  TFTP_ACK,
  TFTP_DATA,
  TFTP_ERROR,
  TFTP_ERRORS,
  TFTP_OACK,
  TFTP_OPCODES,
  TFTP_RRQ,
  TFTP_WRQ,
  VRRP_AUTH_SIMPLE,
  VRRP_AUTH_TYPES,
  VRRP_TTL,
  VRRP_TYPE_ADVERTISEMENT,
  VRRP_TYPES,
} = numbersModule;
const {
  NTP_CTL_ASSOC_AT,
  NTP_CTL_COUNT_AT,
  NTP_CTL_ERROR,
  NTP_CTL_HLEN,
  NTP_CTL_MORE,
  NTP_CTL_OFFSET_AT,
  NTP_CTL_OP_AT,
  NTP_CTL_OPCODE_MASK,
  NTP_CTL_RESPONSE,
  NTP_CTL_SEQ_AT,
  NTP_CTL_STATUS_AT,
  NTP_DIGEST_AT,
  NTP_HLEN,
  NTP_KEYID_AT,
  NTP_KEYID_LEN,
  NTP_LEAP_MASK,
  NTP_LEAP_SHIFT,
  NTP_MD5_LEN,
  NTP_MODE_MASK,
  NTP_ORIG_TS_AT,
  NTP_POLL_AT,
  NTP_PRECISION_AT,
  NTP_RECV_TS_AT,
  NTP_REF_TS_AT,
  NTP_REFID_AT,
  NTP_ROOT_DELAY_AT,
  NTP_ROOT_DISP_AT,
  NTP_SHA1_LEN,
  NTP_STATUS_AT,
  NTP_STRATUM_AT,
  NTP_TS_FRAC_AT,
  NTP_TS_LEN,
  NTP_VERSION_MASK,
  NTP_VERSION_SHIFT,
  NTP_XMIT_TS_AT,
} = ntpModule;
const { TFTP_BLOCK_AT, TFTP_BODY_AT, TFTP_ERRMSG_AT, TFTP_OPCODE_AT } = tftpModule;
const {
  VRRP_ADVINT_AT,
  VRRP_AUTH_LEN,
  VRRP_AUTHTYPE_AT,
  VRRP_HLEN,
  VRRP_NADDR_AT,
  VRRP_PRIO_AT,
  VRRP_SUM_AT,
  VRRP_TYPE_MASK,
  VRRP_VERSION_SHIFT,
  VRRP_VRID_AT,
  VRRP_VTYPE_AT,
  VRRP3_ADVINT_AT,
} = vrrpModule;

const TRUNC_VRRP = " [|vrrp]";
const {
  RIP_AF_AT,
  RIP_AUTH_AT,
  RIP_AUTH_LEN,
  RIP_CMD_AT,
  RIP_DEST_AT,
  RIP_HLEN,
  RIP_MASK_AT,
  RIP_MAX_ENTRIES,
  RIP_METRIC_AT,
  RIP_NEXTHOP_AT,
  RIP_ROUTELEN,
  RIP_TAG_AT,
  RIP_VERSION_AT,
} = ripModule;
const {
  BGP_HLEN,
  BGP_LEN_AT,
  BGP_MARKER_LEN,
  BGP_MARKER_OCTET,
  BGP_MAX_MESSAGES,
  BGP_NOTIFY_CODE_AT,
  BGP_NOTIFY_LEN,
  BGP_NOTIFY_SUBCODE_AT,
  BGP_OPEN_AS_AT,
  BGP_OPEN_HOLD_AT,
  BGP_OPEN_ID_AT,
  BGP_OPEN_LEN,
  BGP_OPEN_OPTLEN_AT,
  BGP_OPEN_VERSION_AT,
  BGP_RR_AFI_AT,
  BGP_RR_LEN,
  BGP_RR_SAFI_AT,
  BGP_TYPE_AT,
} = bgpModule;
const {
  LSA_AGE_AT,
  LSA_HLEN,
  LSA_ID_AT,
  LSA_LEN_AT,
  LSA_OPAQUE_ID_MASK,
  LSA_OPTIONS_AT,
  LSA_ROUTER_AT,
  LSA_SEQ_AT,
  LSA_TYPE_AT,
  LSR_ID_AT,
  LSR_LEN,
  LSR_ROUTER_AT,
  LSR_TYPE_AT,
  OSPF_AREA_AT,
  OSPF_AUTHDATA_AT,
  OSPF_AUTHDATA_LEN,
  OSPF_AUTHTYPE_AT,
  OSPF_DD_FLAGS_AT,
  OSPF_DD_LSA_AT,
  OSPF_DD_MTU_AT,
  OSPF_DD_OPTIONS_AT,
  OSPF_DD_SEQ_AT,
  OSPF_FIRST_LINE,
  OSPF_HELLO_BDR_AT,
  OSPF_HELLO_DEAD_AT,
  OSPF_HELLO_DR_AT,
  OSPF_HELLO_INT_AT,
  OSPF_HELLO_MASK_AT,
  OSPF_HELLO_NEIGHBORS_AT,
  OSPF_HELLO_OPTIONS_AT,
  OSPF_HELLO_PRIO_AT,
  OSPF_HLEN,
  OSPF_LEN_AT,
  OSPF_LSU_COUNT_AT,
  OSPF_MAX_ITEMS,
  OSPF_MD5_DIGEST_LEN,
  OSPF_MD5_KEYID_AT,
  OSPF_MD5_LEN_AT,
  OSPF_MD5_SEQ_AT,
  OSPF_ROUTER_AT,
  OSPF_TYPE_AT,
  OSPF_VERSION_AT,
} = ospfModule;
const {
  RADIUS_ATTR_HLEN,
  RADIUS_ATTR_LEN_AT,
  RADIUS_ATTR_TYPE_AT,
  RADIUS_AUTH_AT,
  RADIUS_AUTH_LEN,
  RADIUS_CODE_AT,
  RADIUS_HLEN,
  RADIUS_ID_AT,
  RADIUS_LEN_AT,
  RADIUS_MAX_ATTRS,
  RADIUS_TAG_MAX,
  RADIUS_TAGNUM_MASK,
} = radiusModule;

/** `marker`, noting that tcpdump gets there by its truncation longjmp (see `earlyEnd`). */
function early(c: PrintContext, marker: string): string {
  c.earlyEnd = true;
  return marker;
}

/** One octet as tcpdump's safe printing shows it: `M-` for the high bit, `^` for controls. */
export function safeChar(c: number): string {
  let s = "";
  if (c > 0x7f) {
    c &= 0x7f;
    s = "M-";
  }
  if (c < 0x20 || c === 0x7f) return s + "^" + String.fromCharCode(c ^ 0x40);
  return s + String.fromCharCode(c);
}

/** Octets `[from, to)` printed safely. */
export function safeText(d: Uint8Array, from: number, to: number): string {
  let s = "";
  for (let i = from; i < to; i++) s += safeChar(d[i]);
  return s;
}

/** The UDP payload layer `k` (or the truncated one after UDP layer `k - 1`), "" if none of ours. */
export function udpGateway(c: PrintContext, k: number, len: number): string {
  const ds = c.ds;
  if (ds.malformed === LAYER_SYSLOG) return " (invalid)";
  const kind = k < ds.count ? ds.kind[k] : ds.truncated;
  const off = k < ds.count ? ds.start[k] : ds.start[k - 1] + UDP_HLEN;
  switch (kind) {
    case LAYER_NTP:
      return k < ds.count ? ntp(c, off, len) : early(c, TRUNC_NTP);
    case LAYER_SYSLOG:
      return syslog(c, off, len);
    case LAYER_TFTP:
      return tftp(c, off, len);
    case LAYER_RIP:
      return k < ds.count ? rip(c, off, len) : TRUNC_RIP;
    case LAYER_RADIUS:
      return k < ds.count ? radius(c, off, len) : TRUNC_RADIUS;
    case LAYER_SNMP:
      return k < ds.count ? snmp(c, off, len) : "  [|snmp]";
    case LAYER_HSRP:
      return k < ds.count ? hsrp(c, off, len) : early(c, " [|hsrp]");
    case LAYER_PTP:
      return ptp(c, off, len);
  }
  return "";
}

/** The IP payload layer `k` of protocol `proto`, "" if none of ours. */
export function ipGateway(c: PrintContext, k: number, proto: number): string {
  if (proto === IPPROTO_OSPF) {
    return k < c.ds.count && c.ds.kind[k] === LAYER_OSPF ? ospf(c, k) : early(c, TRUNC_OSPF);
  }
  if (proto === IPPROTO_PIM) return pim(c, k);
  if (proto === IPPROTO_VRRP) {
    return k < c.ds.count && c.ds.kind[k] === LAYER_VRRP
      ? vrrp(c, k)
      : "VRRP" + early(c, TRUNC_VRRP);
  }
  return "";
}

// ---- VRRP -------------------------------------------------------------------------------------

function vrrp(c: PrintContext, k: number): string {
  const d = c.d, ds = c.ds, off = ds.start[k], len = c.payLen, ip = c.ip, end = d.length;
  const v4 = ds.kind[ip] === LAYER_IPV4;
  const version = d[off + VRRP_VTYPE_AT] >> VRRP_VERSION_SHIFT;
  const type = d[off + VRRP_VTYPE_AT] & VRRP_TYPE_MASK;
  let s = "VRRPv" + version + ", " + (VRRP_TYPES[type] ?? "unknown type (" + type + ")");
  const ttl = d[ds.start[ip] + (v4 ? IPV4_TTL_AT : IPV6_HLIM_AT)];
  if (ttl !== VRRP_TTL) s += ", (ttl " + ttl + ")";
  if (version < 2 || version > 3 || type !== VRRP_TYPE_ADVERTISEMENT) return s;
  if (off + VRRP_PRIO_AT >= end) return s + early(c, TRUNC_VRRP);
  s += ", vrid " + d[off + VRRP_VRID_AT] + ", prio " + d[off + VRRP_PRIO_AT];
  if (version === 2) {
    if (off + VRRP_AUTHTYPE_AT >= end) return s + early(c, TRUNC_VRRP);
    const auth = d[off + VRRP_AUTHTYPE_AT];
    s += ", authtype " + (VRRP_AUTH_TYPES[auth] ?? "#" + auth);
    if (off + VRRP_ADVINT_AT >= end) return s + early(c, TRUNC_VRRP);
  } else if (off + VRRP3_ADVINT_AT + 1 >= end) return s + early(c, TRUNC_VRRP);
  const h = vrrpHeader(d, off, off + VRRP_HLEN);
  s += ", intvl " + h.interval + (version === 2 ? "s" : "cs") + ", length " + len;
  if (!c.verbose) return s;
  if (off + len <= end) {
    const bad = version === 2
      ? onesSum(d, off, off + len) !== 0xffff
      : transportChecksum(c, IPPROTO_VRRP, off, len, off + VRRP_SUM_AT) !==
        u16(d, off + VRRP_SUM_AT);
    if (bad) s += ", (bad vrrp cksum " + u16(d, off + VRRP_SUM_AT).toString(16) + ")";
  }
  const naddrs = d[off + VRRP_NADDR_AT];
  s += ", addrs";
  if (naddrs > 1) s += "(" + naddrs + ")";
  s += ":";
  const alen = v4 ? IPV4_ALEN : IPV6_ALEN;
  let at = off + VRRP_HLEN;
  for (let i = 0; i < naddrs; i++, at += alen) {
    if (at + alen > end) return s + early(c, TRUNC_VRRP);
    s += (i ? "," : " ") + (v4 ? ipv4String(d, at) : ipv6String(d, at));
  }
  if (version === 2 && h.authType === VRRP_AUTH_SIMPLE) {
    s += ' auth "';
    for (let i = at; i < at + VRRP_AUTH_LEN; i++) {
      if (i >= end) return s + early(c, TRUNC_VRRP);
      if (d[i] === 0) break;
      s += safeChar(d[i]);
    }
    s += '"';
  }
  return s;
}

// ---- NTP --------------------------------------------------------------------------------------

const TRUNC_NTP = " [|ntp]";

/** `seconds.nanoseconds` of an NTP timestamp, with its UTC date when the seconds are not 0. */
function ntpTime(d: Uint8Array, at: number): string {
  const i = u32(d, at), f = u32(d, at + NTP_TS_FRAC_AT);
  let s = i + "." + nanos(f);
  if (i !== 0) {
    s += " (" + utcSecond(i - NTP_UNIX_EPOCH) + "Z)";
  }
  return s;
}

/** Day of the last {@link utcSecond} and its `YYYY-MM-DDT`: NTP timestamps share their day. */
let lastDay = NaN, lastDayText = "";

/** `YYYY-MM-DDTHH:MM:SS` of Unix second `t`, UTC (toISOString's, without the fraction). */
function utcSecond(t: number): string {
  const day = Math.floor(t / 86400), sec = t - day * 86400;
  if (day !== lastDay) {
    lastDay = day;
    lastDayText = new Date(day * 86400000).toISOString().slice(0, 11);
  }
  return lastDayText + pad2(Math.floor(sec / 3600)) + ":" + pad2(Math.floor(sec / 60) % 60) +
    ":" + pad2(sec % 60);
}

/** A 32-bit binary fraction as 9 decimal digits, truncated as tcpdump does. */
function nanos(f: number): string {
  return String(Math.floor((f / 2 ** 32) * NS_PER_SEC_NUMBER)).padStart(9, "0");
}

/** `other - orig` as tcpdump prints it; `other` alone when `orig` is 0. */
function ntpDelta(d: Uint8Array, orig: number, other: number): string {
  const ou = u32(d, orig), ouf = u32(d, orig + NTP_TS_FRAC_AT);
  if (ou === 0 && ouf === 0) return ntpTime(d, other);
  const u = u32(d, other), uf = u32(d, other + NTP_TS_FRAC_AT);
  let i = u - ou, f: number, neg: boolean;
  if (i > 0) {
    neg = false;
    f = (uf - ouf) >>> 0;
    if (ouf > uf) i -= 1;
  } else if (i < 0) {
    neg = true;
    f = (ouf - uf) >>> 0;
    if (uf > ouf) i += 1;
    i = -i;
  } else if (uf > ouf) {
    neg = false;
    f = uf - ouf;
  } else {
    neg = true;
    f = ouf - uf;
  }
  return (neg ? "-" : "+") + i + "." + nanos(f);
}

/** The rest of an NTP control message's -v text. */
function ntpControl(c: PrintContext, off: number, len: number): string {
  const d = c.d, end = d.length;
  if (off + NTP_CTL_OP_AT >= end) return early(c, TRUNC_NTP);
  const op = d[off + NTP_CTL_OP_AT];
  let s = (op & NTP_CTL_RESPONSE ? ", Response" : ", Request") +
    (op & NTP_CTL_ERROR ? ", Error" : ", OK") + (op & NTP_CTL_MORE ? ", More" : ", Last") +
    ", OpCode=" + (op & NTP_CTL_OPCODE_MASK);
  if (off + NTP_CTL_SEQ_AT + 2 > end) return s + early(c, TRUNC_NTP);
  s += " Sequence=" + u16(d, off + NTP_CTL_SEQ_AT);
  if (off + NTP_CTL_STATUS_AT + 2 > end) return s + early(c, TRUNC_NTP);
  const status = u16(d, off + NTP_CTL_STATUS_AT);
  s += ", Status=" + (status ? "0x" + status.toString(16) : "0");
  if (off + NTP_CTL_ASSOC_AT + 2 > end) return s + early(c, TRUNC_NTP);
  s += ", Assoc.=" + u16(d, off + NTP_CTL_ASSOC_AT);
  if (off + NTP_CTL_OFFSET_AT + 2 > end) return s + early(c, TRUNC_NTP);
  s += ", Offset=" + u16(d, off + NTP_CTL_OFFSET_AT);
  if (off + NTP_CTL_COUNT_AT + 2 > end) return s + early(c, TRUNC_NTP);
  const count = u16(d, off + NTP_CTL_COUNT_AT);
  s += ", Count=" + count;
  if (NTP_CTL_HLEN + count > len) return s + " (invalid)";
  if (count === 0) return s;
  if (off + NTP_CTL_HLEN + count > end) return s + early(c, TRUNC_NTP);
  return s + " TO-BE-DONE";
}

/** A 16.16 value as `%d.%06d`. */
function sfix(d: Uint8Array, at: number): string {
  const v = ntpShort(d, at), i = Math.floor(v);
  return i + "." + String(Math.floor((v - i) * 1e6)).padStart(6, "0");
}

function ntp(c: PrintContext, off: number, len: number): string {
  const d = c.d, end = d.length, st = d[off + NTP_STATUS_AT];
  const mode = st & NTP_MODE_MASK, version = (st >> NTP_VERSION_SHIFT) & NTP_VERSION_MASK;
  let s = "NTPv" + version + ", " + NTP_MODES[mode] + ", length " + len;
  if (!c.verbose) return s;
  const leap = st & NTP_LEAP_MASK;
  s += " Leap indicator: " + NTP_LEAP[leap >> NTP_LEAP_SHIFT] + " (" + leap + ")";
  if (mode === NTP_MODE_CONTROL) return s + ntpControl(c, off, len);
  if (mode > NTP_MODE_BROADCAST) return s;
  if (off + NTP_STRATUM_AT >= end) return s + early(c, TRUNC_NTP);
  const stratum = d[off + NTP_STRATUM_AT];
  s += ", Stratum " + stratum + " (" +
    (stratum === NTP_STRATUM_UNSPEC
      ? "unspecified"
      : stratum === NTP_STRATUM_PRIMARY
      ? "primary reference"
      : stratum <= NTP_STRATUM_SECONDARY_MAX
      ? "secondary reference"
      : "reserved") +
    ")";
  if (off + NTP_PRECISION_AT >= end) return s + early(c, TRUNC_NTP);
  const poll = (d[off + NTP_POLL_AT] << 24) >> 24;
  s += ", poll " + poll;
  if (poll > -32 && poll < 32) {
    s += poll >= 0 ? " (" + 2 ** poll + "s)" : " (1/" + 2 ** -poll + "s)";
  }
  s += ", precision " + ((d[off + NTP_PRECISION_AT] << 24) >> 24);
  if (off + NTP_ROOT_DISP_AT > end) return s + early(c, TRUNC_NTP);
  s += " Root Delay: " + sfix(d, off + NTP_ROOT_DELAY_AT);
  if (off + NTP_REFID_AT > end) return s + early(c, TRUNC_NTP);
  s += ", Root dispersion: " + sfix(d, off + NTP_ROOT_DISP_AT);
  if (off + NTP_REF_TS_AT > end) return s + early(c, TRUNC_NTP);
  s += ", Reference-ID: ";
  const ref = off + NTP_REFID_AT;
  if (stratum === NTP_STRATUM_UNSPEC) s += "(unspec)";
  else if (stratum === NTP_STRATUM_PRIMARY) s += safeText(d, ref, ref + 4);
  else if (stratum === NTP_STRATUM_INFO_QUERY) return s + ipv4String(d, ref) + " INFO_QUERY";
  else if (stratum === NTP_STRATUM_INFO_REPLY) return s + ipv4String(d, ref) + " INFO_REPLY";
  else s += "0x" + u32(d, ref).toString(16).padStart(8, "0");
  const stamps: [string, number][] = [
    [" Reference Timestamp:  ", NTP_REF_TS_AT],
    [" Originator Timestamp: ", NTP_ORIG_TS_AT],
    [" Receive Timestamp:    ", NTP_RECV_TS_AT],
    [" Transmit Timestamp:   ", NTP_XMIT_TS_AT],
  ];
  for (const [label, at] of stamps) {
    if (off + at + NTP_TS_LEN > end) return s + early(c, TRUNC_NTP);
    s += label + ntpTime(d, off + at);
  }
  s += " Originator - Receive Timestamp:  " +
    ntpDelta(d, off + NTP_ORIG_TS_AT, off + NTP_RECV_TS_AT) +
    " Originator - Transmit Timestamp: " +
    ntpDelta(d, off + NTP_ORIG_TS_AT, off + NTP_XMIT_TS_AT);
  const extra = len - NTP_HLEN;
  if (
    extra === NTP_KEYID_LEN || extra === NTP_KEYID_LEN + NTP_MD5_LEN ||
    extra === NTP_KEYID_LEN + NTP_SHA1_LEN
  ) {
    if (off + NTP_KEYID_AT + NTP_KEYID_LEN > end) return s + early(c, TRUNC_NTP);
    s += " Key id: " + u32(d, off + NTP_KEYID_AT);
    if (extra > NTP_KEYID_LEN) {
      if (off + len > end) return s + early(c, TRUNC_NTP);
      s += " Authentication: ";
      for (let i = off + NTP_DIGEST_AT; i < off + len; i++) s += hex2(d[i]);
    }
  } else if (extra > 0) s += " (" + extra + " more bytes after the header)";
  return s;
}

// ---- syslog -----------------------------------------------------------------------------------

function syslog(c: PrintContext, off: number, len: number): string {
  const d = c.d, end = d.length;
  if (syslogTextAt(d, off, end) < 0) return early(c, " [|syslog]");
  const m = syslogMessage(d, off, end);
  const fac = SYSLOG_FACILITIES[m.facility] ?? "unknown (" + m.facility + ")";
  const sev = SYSLOG_SEVERITIES[m.severity];
  if (!c.verbose) return "SYSLOG " + fac + "." + sev + ", length: " + len;
  let s = "SYSLOG, length: " + len + " Facility " + fac + " (" + m.facility + "), Severity " +
    sev + " (" + m.severity + ") Msg: ";
  const stop = off + len;
  s += safeText(d, m.textAt, Math.min(stop, end));
  return stop > end ? s + early(c, " [|syslog]") : s;
}

// ---- TFTP -------------------------------------------------------------------------------------

const TRUNC_TFTP = " [|tftp]";

/** A NUL-terminated string of at most `end - at` octets, safely; `next` -1 when unterminated. */
function tftpText(d: Uint8Array, at: number, end: number): { text: string; next: number } {
  const r = tftpString(d, at, Math.min(end, d.length));
  let text = "";
  for (let i = 0; i < r.text.length; i++) text += safeChar(r.text.charCodeAt(i));
  return { text, next: r.next };
}

function tftp(c: PrintContext, off: number, len: number): string {
  const d = c.d;
  let s = "TFTP, length " + len;
  if (len < 2) return s + TRUNC_TFTP;
  if (off + TFTP_BODY_AT > d.length) return s + early(c, TRUNC_TFTP);
  const op = u16(d, off + TFTP_OPCODE_AT);
  const name = TFTP_OPCODES[op];
  if (name === undefined) return s + ", tftp-#" + op;
  s += ", " + name;
  const end = off + len;
  let at = off + TFTP_BODY_AT;
  if (op === TFTP_RRQ || op === TFTP_WRQ || op === TFTP_OACK) {
    if (op !== TFTP_OACK) {
      if (at >= end) return s + TRUNC_TFTP;
      const f = tftpText(d, at, end);
      s += ' "' + f.text + '"';
      if (f.next < 0) return s + TRUNC_TFTP;
      at = f.next;
      if (at >= end) return s + TRUNC_TFTP;
      const m = tftpText(d, at, end);
      s += " " + m.text;
      if (m.next < 0) return s + TRUNC_TFTP;
      at = m.next;
    }
    while (at < end) {
      if (at >= d.length) return s + early(c, TRUNC_TFTP);
      if (d[at] !== 0) s += " ";
      const o = tftpText(d, at, end);
      s += o.text;
      if (o.next < 0) return s + TRUNC_TFTP;
      at = o.next;
    }
    return s;
  }
  if (op === TFTP_DATA || op === TFTP_ACK) {
    if (len < TFTP_BLOCK_AT + 2) return s + TRUNC_TFTP;
    if (off + TFTP_BLOCK_AT + 2 > d.length) return s + early(c, TRUNC_TFTP);
    return s + " block " + u16(d, off + TFTP_BLOCK_AT);
  }
  if (op === TFTP_ERROR) {
    if (len < TFTP_ERRMSG_AT) return s + TRUNC_TFTP;
    if (off + TFTP_ERRMSG_AT > d.length) return s + early(c, TRUNC_TFTP);
    const code = u16(d, off + TFTP_BLOCK_AT);
    s += " " + (TFTP_ERRORS[code] ?? "tftp-err-#" + code + ' "');
    if (len === TFTP_ERRMSG_AT) return s + TRUNC_TFTP;
    const m = tftpText(d, off + TFTP_ERRMSG_AT, end);
    s += ' "' + m.text + '"';
    return m.next < 0 ? s + TRUNC_TFTP : s;
  }
  return s;
}

// ---- SNMP -------------------------------------------------------------------------------------

/** The SNMP text being built (tcpdump prints as it parses, and stops where parsing fails). */
let out = "";

/** The SNMP printer's context, for {@link early}. */
let snmpContext: PrintContext | undefined;

/** {@link berRead} at `p` of `left` octets; false (with tcpdump's message added) on failure. */
function asn1(d: Uint8Array, p: number, left: number): boolean {
  const r = berRead(d, p, left, d.length);
  if (r === 0) return true;
  if (r === BER_CUT_HEADER && snmpContext) early(snmpContext, "");
  if (r === BER_NOTHING) out += "[nothing to parse]";
  else if (r === BER_BAD_TAG) out += "[Xtagfield?]";
  else if (r === BER_NO_LEN) out += "[no asnlen]";
  else if (r === BER_BAD_LONGLEN) out += "[asnlen?]";
  else if (r === BER_TOO_LONG) out += "[len" + ber.size + "<asnlen" + ber.len + "]";
  else out += " [|snmp]";
  return false;
}

/** The element {@link berRead} read, as tcpdump's asn1_print prints it. */
function asn1Value(d: Uint8Array): string {
  const at = ber.at, len = ber.len;
  if (berCls() === BER_UNIVERSAL && !berConstructed()) {
    if (berId() === BER_INTEGER) return "" + berInt(d, at, len);
    if (berId() === BER_OID) return "." + oidString(d, at, len);
    if (berId() === BER_NULL) return "";
    if (berId() === BER_STRING) {
      let printable = true;
      for (let i = at; i < at + len; i++) if (d[i] < 0x20 || d[i] > 0x7e) printable = false;
      if (printable) return '"' + safeText(d, at, at + len) + '"';
    }
  }
  if (berCls() === BER_APPLICATION && !berConstructed()) {
    if (berId() === SNMP_IPADDR && len === IPV4_ALEN) return ipv4String(d, at);
    if (berId() === SNMP_COUNTER || berId() === SNMP_GAUGE || berId() === SNMP_TIMETICKS) {
      return "" + berUnsigned(d, at, len);
    }
  }
  if (berCls() === BER_CONTEXT && !berConstructed() && berId() < SNMP_EXCEPTIONS.length) {
    return "[" + SNMP_EXCEPTIONS[berId()] + "]";
  }
  let s = "";
  for (let i = at; i < at + len; i++) s += (i > at ? "_" : "") + hex2(d[i]);
  return s;
}

/** The PDU types whose error fields must be 0. */
function snmpRequest(pdu: number): boolean {
  return pdu === SNMP_GETREQ || pdu === SNMP_GETNEXTREQ || pdu === SNMP_SETREQ ||
    pdu === SNMP_INFORMREQ || pdu === SNMP_V2TRAP || pdu === SNMP_REPORT;
}

function snmp(c: PrintContext, off: number, len: number): string {
  out = " ";
  snmpContext = c;
  snmpMessage(c.d, off, len, c.verbose > 0);
  snmpContext = undefined;
  const s = out;
  out = "";
  return s;
}

function snmpMessage(d: Uint8Array, off: number, length: number, v: boolean): void {
  // The message: a SEQUENCE of version, community, PDU.
  if (!asn1(d, off, length)) return;
  if (!(berCls() === BER_UNIVERSAL && berConstructed() && berId() === BER_SEQUENCE)) {
    out += "[!init SEQ]" + asn1Value(d);
    return;
  }
  if (ber.size < length) out += "[" + (length - ber.size) + " extra after iSEQ]";
  let p = ber.at, left = ber.len;
  if (!asn1(d, p, left)) return;
  if (berCls() !== BER_UNIVERSAL || berId() !== BER_INTEGER) {
    out += "[version!=INT]" + asn1Value(d);
    return;
  }
  const version = berInt(d, ber.at, ber.len);
  if (version !== 0 && version !== 1 && version !== 3) {
    out += "SNMP [version = " + version + "]";
    return;
  }
  if (v) out += "{ " + SNMP_VERSIONS[version] + " ";
  p += ber.size, left -= ber.size;
  // SNMPv3 (USM, scoped PDUs) is not decoded beyond its first element.
  if (version === 3) {
    if (asn1(d, p, left)) out += "[SNMPv3 not decoded]";
  } else snmpCommunity(d, p, left, v);
  if (v) out += "}";
}

function snmpCommunity(d: Uint8Array, p: number, left: number, v: boolean): void {
  if (!asn1(d, p, left)) return;
  if (berCls() !== BER_UNIVERSAL || berId() !== BER_STRING) {
    out += "[comm!=STR]" + asn1Value(d);
    return;
  }
  const comm = latin1(d, ber.at, ber.at + ber.len);
  if (comm !== SNMP_DEFAULT_COMMUNITY) out += 'C="' + safeText(d, ber.at, ber.at + ber.len) + '" ';
  p += ber.size, left -= ber.size;
  // The PDU.
  if (!asn1(d, p, left)) return;
  if (berCls() !== BER_CONTEXT || !berConstructed()) {
    out += "[no PDU]";
    return;
  }
  const pdu = berId();
  if (ber.size < left) out += "[" + (left - ber.size) + " extra after PDU]";
  if (v) out += "{ ";
  if (pdu >= SNMP_PDUS.length) {
    out += "[id?" + pdu + "]";
    return;
  }
  out += SNMP_PDUS[pdu] + "(" + ber.len + ") ";
  p = ber.at, left = ber.len;
  if (pdu === SNMP_TRAP) snmpTrap(d, p, left);
  else snmpPdu(d, pdu, p, left, v);
  if (v) out += " } ";
}

/** Reads an INTEGER at `p`; NaN (with tcpdump's message) when it is not one. */
function snmpInt(d: Uint8Array, p: number, left: number, what: string): number {
  if (!asn1(d, p, left)) return NaN;
  if (berCls() !== BER_UNIVERSAL || berId() !== BER_INTEGER || berConstructed()) {
    out += "[" + what + "!=INT]" + asn1Value(d);
    return NaN;
  }
  return berInt(d, ber.at, ber.len);
}

function snmpPdu(d: Uint8Array, pdu: number, p: number, left: number, v: boolean): void {
  const id = snmpInt(d, p, left, "reqId");
  if (id !== id) return;
  if (v) out += "R=" + id + " ";
  p += ber.size, left -= ber.size;
  const status = snmpInt(d, p, left, "errorStatus");
  if (status !== status) return;
  const errName = (e: number) => SNMP_ERRORS[e] ?? "err=" + (e >>> 0);
  let errorStatus = 0;
  if (snmpRequest(pdu) && status !== 0) out += "[errorStatus(" + errName(status) + ")!=0]";
  else if (pdu === SNMP_GETBULKREQ) out += " N=" + status;
  else if (status !== 0) {
    out += " " + errName(status);
    errorStatus = status;
  }
  p += ber.size, left -= ber.size;
  const index = snmpInt(d, p, left, "errorIndex");
  if (index !== index) return;
  if (snmpRequest(pdu) && index !== 0) out += "[errorIndex(" + index + ")!=0]";
  else if (pdu === SNMP_GETBULKREQ) out += " M=" + index;
  else if (index !== 0) {
    out += errorStatus ? "@" + index : "[errorIndex(" + index + ") w/o errorStatus]";
  } else if (errorStatus) out += "[errorIndex==0]";
  p += ber.size, left -= ber.size;
  snmpVarbinds(d, pdu, p, left);
}

function snmpTrap(d: Uint8Array, p: number, left: number): void {
  out += " ";
  if (!asn1(d, p, left)) return;
  if (berCls() !== BER_UNIVERSAL || berId() !== BER_OID) {
    out += "[enterprise!=OID]" + asn1Value(d);
    return;
  }
  out += asn1Value(d) + " ";
  p += ber.size, left -= ber.size;
  if (!asn1(d, p, left)) return;
  if (berCls() !== BER_APPLICATION || berId() !== SNMP_IPADDR) {
    out += "[agent-addr!=INETADDR]" + asn1Value(d);
    return;
  }
  out += asn1Value(d);
  p += ber.size, left -= ber.size;
  const generic = snmpInt(d, p, left, "generic-trap");
  if (generic !== generic) return;
  out += " " + (SNMP_GENERIC_TRAPS[generic] ?? "gt=" + generic);
  p += ber.size, left -= ber.size;
  const specific = snmpInt(d, p, left, "specific-trap");
  if (specific !== specific) return;
  if (generic !== SNMP_GT_ENTERPRISE) {
    if (specific !== 0) out += "[specific-trap(" + specific + ")!=0]";
  } else out += " s=" + specific;
  p += ber.size, left -= ber.size;
  out += " ";
  if (!asn1(d, p, left)) return;
  if (berCls() !== BER_APPLICATION || berId() !== SNMP_TIMETICKS) {
    out += "[time-stamp!=TIMETICKS]" + asn1Value(d);
    return;
  }
  out += asn1Value(d);
  p += ber.size, left -= ber.size;
  snmpVarbinds(d, SNMP_TRAP, p, left);
}

function snmpVarbinds(d: Uint8Array, pdu: number, p: number, left: number): void {
  if (!asn1(d, p, left)) return;
  if (berCls() !== BER_UNIVERSAL || berId() !== BER_SEQUENCE) {
    out += "[!SEQ of varbind]" + asn1Value(d);
    return;
  }
  if (ber.size < left) out += "[" + (left - ber.size) + " extra after SEQ of varbind]";
  const request = pdu === SNMP_GETREQ || pdu === SNMP_GETNEXTREQ || pdu === SNMP_GETBULKREQ;
  p = ber.at, left = ber.len;
  while (left > 0) {
    out += " ";
    if (!asn1(d, p, left)) return;
    if (berCls() !== BER_UNIVERSAL || berId() !== BER_SEQUENCE) {
      out += "[!varbind]" + asn1Value(d);
      return;
    }
    const next = p + ber.size, rest = left - ber.size;
    let q = ber.at, qleft = ber.len;
    if (!asn1(d, q, qleft)) return;
    if (berCls() !== BER_UNIVERSAL || berId() !== BER_OID) {
      out += "[objName!=OID]" + asn1Value(d);
      return;
    }
    out += asn1Value(d);
    q += ber.size, qleft -= ber.size;
    if (!request) out += "=";
    if (!asn1(d, q, qleft)) return;
    const isNull = berCls() === BER_UNIVERSAL && berId() === BER_NULL && !berConstructed();
    if (request) {
      if (!isNull) out += "[objVal!=NULL]" + asn1Value(d);
    } else if (!isNull) out += asn1Value(d);
    p = next, left = rest;
  }
}

// ---- RADIUS -----------------------------------------------------------------------------------

const TRUNC_RADIUS = " [|radius]";
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `pad2` for a count that may pass 99. */
function two(n: number): string {
  return n < 10 ? "0" + n : "" + n;
}

/** A named value, or `#n`. */
function radiusValue(type: number, v: number): string {
  const name = RADIUS_VALUES[type]?.[v];
  return name ? name : "#" + v;
}

/** The value of attribute `type` of `len` octets at `at`, as tcpdump prints it. */
function radiusAttrValue(d: Uint8Array, type: number, at: number, len: number): string {
  const kind = RADIUS_ATTR_KINDS[type] ?? RAD_NONE;
  if (kind === RAD_NONE || kind === RAD_OTHER) return "";
  if (kind === RAD_STR || kind === RAD_TAGSTR) {
    let s = "", i = at;
    if (kind === RAD_TAGSTR && d[i] <= RADIUS_TAG_MAX) {
      s += d[i] ? "Tag[" + d[i] + "] " : "Tag[Unused] ";
      i++;
    }
    for (; i < at + len && d[i] !== 0; i++) {
      s += d[i] < 0x20 || d[i] > 0x7e ? "." : String.fromCharCode(d[i]);
    }
    return s;
  }
  if (len !== IPV4_ALEN) return "ERROR: length " + len + " != 4";
  const v = u32(d, at);
  switch (kind) {
    case RAD_ADDR:
      return ipv4String(d, at);
    case RAD_NUM:
      return RADIUS_VALUES[type] ? radiusValue(type, v) : "" + v;
    case RAD_TAGNUM: {
      const tag = d[at] ? "Tag[" + d[at] + "] " : "Tag[Unused] ";
      const n = v & RADIUS_TAGNUM_MASK;
      return tag + (RADIUS_VALUES[type] ? radiusValue(type, n) : "" + n);
    }
    case RAD_TIME:
      if (v < 60) return two(v) + " secs";
      if (v < 3600) return two(Math.floor(v / 60)) + ":" + two(v % 60) + " min";
      return two(Math.floor(v / 3600)) + ":" + two(Math.floor((v % 3600) / 60)) + ":" +
        two(v % 60) + " hours";
    default: {
      const t = new Date(v * 1000), day = t.getUTCDate();
      return DAYS[t.getUTCDay()] + " " + MONTHS[t.getUTCMonth()] + " " +
        (day < 10 ? " " + day : day) + " " + two(t.getUTCHours()) + ":" +
        two(t.getUTCMinutes()) + ":" + two(t.getUTCSeconds()) + " " + t.getUTCFullYear();
    }
  }
}

function radius(c: PrintContext, off: number, ulen: number): string {
  const d = c.d;
  if (off + RADIUS_HLEN > d.length) return TRUNC_RADIUS;
  let len = u16(d, off + RADIUS_LEN_AT);
  if (len < RADIUS_HLEN) return TRUNC_RADIUS;
  if (len > ulen) len = ulen;
  const code = d[off + RADIUS_CODE_AT];
  const name = (RADIUS_CODES[code] ?? "Unknown Command") + " (" + code + "), id: 0x" +
    hex2(d[off + RADIUS_ID_AT]);
  if (!c.verbose) return "RADIUS, " + name + " length: " + len;
  let s = "RADIUS, length: " + len + " " + name + ", Authenticator: ";
  for (let i = 0; i < RADIUS_AUTH_LEN; i++) s += hex2(d[off + RADIUS_AUTH_AT + i]);
  const stop = off + len;
  let at = off + RADIUS_HLEN;
  for (let n = 0; n < RADIUS_MAX_ATTRS && at < stop; n++) {
    if (at + RADIUS_ATTR_HLEN > d.length) return s + early(c, TRUNC_RADIUS);
    const type = d[at + RADIUS_ATTR_TYPE_AT], alen = d[at + RADIUS_ATTR_LEN_AT];
    s += " " + (type !== 0 && type < RADIUS_ATTRS.length ? RADIUS_ATTRS[type] : "Unknown") +
      " Attribute (" + type + "), length: " + alen;
    if (alen < RADIUS_ATTR_HLEN) return s + " (bogus, must be >= 2)";
    if (at + alen > stop) return s + " (bogus, goes past end of packet)";
    s += ", Value: ";
    if (alen > RADIUS_ATTR_HLEN) {
      if (at + alen > d.length) {
        // tcpdump's string printer notes the cut and goes on to the next attribute; the
        // others stop the packet there.
        const kind = RADIUS_ATTR_KINDS[type] ?? RAD_NONE, v = at + RADIUS_ATTR_HLEN;
        if (kind === RAD_STR || kind === RAD_TAGSTR) s += TRUNC_RADIUS;
        else if (kind !== RAD_NONE && kind !== RAD_OTHER) {
          if (alen - RADIUS_ATTR_HLEN !== IPV4_ALEN) {
            s += "ERROR: length " + (alen - RADIUS_ATTR_HLEN) + " != 4";
          } else {
            if (kind === RAD_TAGNUM && v < d.length) {
              s += d[v] ? "Tag[" + d[v] + "] " : "Tag[Unused] ";
            }
            return s + early(c, TRUNC_RADIUS);
          }
        }
      } else s += radiusAttrValue(d, type, at + RADIUS_ATTR_HLEN, alen - RADIUS_ATTR_HLEN);
    }
    at += alen;
  }
  return s;
}

// ---- OSPFv2 -----------------------------------------------------------------------------------

const TRUNC_OSPF = " [|ospf2]";

/** `[a, b]` of the OSPF option bits in `v`, `[none]` without any. */
function ospfOptions(v: number): string {
  let s = "";
  for (let b = 0; b < OSPF_OPTIONS.length; b++) {
    if (v & (1 << b)) s += (s ? ", " : "") + OSPF_OPTIONS[b];
  }
  return "[" + (s || "none") + "]";
}

/** `Router LSA (1)` and the like. */
function lsaName(type: number): string {
  return (OSPF_LSA_TYPES[type] ?? "unknown") + " LSA (" + type + ")";
}

/** An LSA header at `at`, or "" with `bogus` set when its length is impossible; -1: cut. */
function ospfLsaHeader(d: Uint8Array, at: number): string | undefined {
  if (at + LSA_HLEN > d.length) return undefined;
  const len = u16(d, at + LSA_LEN_AT), type = d[at + LSA_TYPE_AT];
  if (len < LSA_HLEN) return " Bogus length " + len + " < header (" + LSA_HLEN + " bytes)";
  let s = " Advertising Router " + ipv4String(d, at + LSA_ROUTER_AT) + ", seq 0x" +
    hex8(u32(d, at + LSA_SEQ_AT)) + ", age " + u16(d, at + LSA_AGE_AT) + "s, length " +
    (len - LSA_HLEN) + " " + lsaName(type);
  if (OSPF_LSA_OPAQUE.includes(type)) {
    const ot = d[at + LSA_ID_AT];
    s += ", Opaque-Type " + (OSPF_OPAQUE_TYPES[ot] ?? "unknown") + " LSA (" + ot +
      "), Opaque-ID " + (u32(d, at + LSA_ID_AT) & LSA_OPAQUE_ID_MASK);
  } else s += ", LSA-ID: " + ipv4String(d, at + LSA_ID_AT);
  return s + " Options: " + ospfOptions(d[at + LSA_OPTIONS_AT]);
}

/** Eight hex digits. */
function hex8(n: number): string {
  return n.toString(16).padStart(8, "0");
}

function ospf(c: PrintContext, k: number): string {
  const d = c.d, off = c.ds.start[k];
  let len = c.payLen, end = d.length;
  if (off + OSPF_FIRST_LINE > end) return early(c, TRUNC_OSPF);
  const version = d[off + OSPF_VERSION_AT], type = d[off + OSPF_TYPE_AT];
  // tcpdump strips the MD5 digest after the packet before anything else.
  if (u16(d, off + OSPF_AUTHTYPE_AT) === OSPF_AUTH_MD5) {
    len -= OSPF_MD5_DIGEST_LEN;
    end -= OSPF_MD5_DIGEST_LEN;
  }
  let s = "OSPFv" + version + ", " + (OSPF_TYPES[type] ?? "unknown LS-type " + type) +
    ", length " + len;
  if (!c.verbose || OSPF_TYPES[type] === undefined) return s;
  if (off + OSPF_ROUTER_AT > end) return s + early(c, TRUNC_OSPF);
  const hlen = u16(d, off + OSPF_LEN_AT);
  if (len !== hlen) s += " [len " + hlen + "]";
  const dataEnd = off + Math.min(len, hlen);
  if (off + OSPF_AREA_AT > end) return s + early(c, TRUNC_OSPF);
  s += " Router-ID " + ipv4String(d, off + OSPF_ROUTER_AT);
  if (off + OSPF_AREA_AT + IPV4_ALEN > end) return s + early(c, TRUNC_OSPF);
  s += u32(d, off + OSPF_AREA_AT) !== 0
    ? ", Area " + ipv4String(d, off + OSPF_AREA_AT)
    : ", Backbone Area";
  if (off + OSPF_AUTHDATA_AT + OSPF_AUTHDATA_LEN > end) return s + TRUNC_OSPF;
  const auth = u16(d, off + OSPF_AUTHTYPE_AT);
  s += ", Authentication Type: " + (OSPF_AUTH_TYPES[auth] ?? "unknown") + " (" + auth + ")";
  if (auth === OSPF_AUTH_SIMPLE) {
    s += " Simple text password: ";
    const a = off + OSPF_AUTHDATA_AT;
    for (let i = a; i < a + OSPF_AUTHDATA_LEN && d[i] !== 0; i++) s += safeChar(d[i]);
  } else if (auth === OSPF_AUTH_MD5) {
    s += " Key-ID: " + d[off + OSPF_MD5_KEYID_AT] + ", Auth-Length: " +
      d[off + OSPF_MD5_LEN_AT] + ", Crypto Sequence Number: 0x" +
      hex8(u32(d, off + OSPF_MD5_SEQ_AT));
  } else if (auth !== OSPF_AUTH_NONE) return s;
  if (version !== 2) return s + " ospf [version " + version + "]";
  switch (type) {
    case OSPF_TYPE_HELLO: {
      if (off + OSPF_HELLO_OPTIONS_AT >= end) return s + early(c, TRUNC_OSPF);
      s += " Options " + ospfOptions(d[off + OSPF_HELLO_OPTIONS_AT]);
      if (off + OSPF_HELLO_DR_AT > end) return s + early(c, TRUNC_OSPF);
      s += " Hello Timer " + u16(d, off + OSPF_HELLO_INT_AT) + "s, Dead Timer " +
        u32(d, off + OSPF_HELLO_DEAD_AT) + "s, Mask " + ipv4String(d, off + OSPF_HELLO_MASK_AT) +
        ", Priority " + d[off + OSPF_HELLO_PRIO_AT];
      if (off + OSPF_HELLO_BDR_AT > end) return s + early(c, TRUNC_OSPF);
      if (u32(d, off + OSPF_HELLO_DR_AT) !== 0) {
        s += " Designated Router " + ipv4String(d, off + OSPF_HELLO_DR_AT);
      }
      if (off + OSPF_HELLO_NEIGHBORS_AT > end) return s + early(c, TRUNC_OSPF);
      if (u32(d, off + OSPF_HELLO_BDR_AT) !== 0) {
        s += ", Backup Designated Router " + ipv4String(d, off + OSPF_HELLO_BDR_AT);
      }
      let at = off + OSPF_HELLO_NEIGHBORS_AT;
      if (at < dataEnd) s += " Neighbor List:";
      for (let n = 0; at < dataEnd && n < OSPF_MAX_ITEMS; at += IPV4_ALEN, n++) {
        if (at + IPV4_ALEN > end) return s + early(c, TRUNC_OSPF);
        s += " " + ipv4String(d, at);
      }
      return s;
    }
    case OSPF_TYPE_DD: {
      if (off + OSPF_DD_OPTIONS_AT >= end) return s + early(c, TRUNC_OSPF);
      s += " Options " + ospfOptions(d[off + OSPF_DD_OPTIONS_AT]);
      if (off + OSPF_DD_FLAGS_AT >= end) return s + early(c, TRUNC_OSPF);
      s += ", DD Flags [";
      const f = d[off + OSPF_DD_FLAGS_AT];
      let names = "";
      for (const [bit, name] of OSPF_DD_FLAGS) if (f & bit) names += (names ? ", " : "") + name;
      s += (names || "none") + "]";
      const mtu = u16(d, off + OSPF_DD_MTU_AT);
      if (mtu) s += ", MTU: " + mtu;
      if (off + OSPF_DD_LSA_AT > end) return s + early(c, TRUNC_OSPF);
      s += ", Sequence: 0x" + hex8(u32(d, off + OSPF_DD_SEQ_AT));
      let at = off + OSPF_DD_LSA_AT;
      for (let n = 0; at < dataEnd && n < OSPF_MAX_ITEMS; at += LSA_HLEN, n++) {
        const h = ospfLsaHeader(d, at);
        if (h === undefined) return s + early(c, TRUNC_OSPF);
        s += h;
        if (h.startsWith(" Bogus")) return s;
      }
      return s;
    }
    case OSPF_TYPE_LS_REQ: {
      let at = off + OSPF_HLEN;
      for (let n = 0; at < dataEnd && n < OSPF_MAX_ITEMS; at += LSR_LEN, n++) {
        if (at + LSR_LEN > end) return s + TRUNC_OSPF;
        const t = u32(d, at + LSR_TYPE_AT);
        s += " Advertising Router: " + ipv4String(d, at + LSR_ROUTER_AT) + ", " + lsaName(t);
        if (OSPF_LSA_OPAQUE.includes(t)) {
          const ot = d[at + LSR_ID_AT];
          s += ", Opaque-Type: " + (OSPF_OPAQUE_TYPES[ot] ?? "unknown") + " LSA (" + ot +
            "), Opaque-ID: " + (u32(d, at + LSR_ID_AT) & LSA_OPAQUE_ID_MASK);
        } else s += ", LSA-ID: " + ipv4String(d, at + LSR_ID_AT);
      }
      return s;
    }
    case OSPF_TYPE_LS_UPDATE: {
      // The LSAs themselves are not decoded (see the README).
      if (off + OSPF_LSU_COUNT_AT + 4 > end) return s + early(c, TRUNC_OSPF);
      const n = u32(d, off + OSPF_LSU_COUNT_AT);
      return s + ", " + n + " LSA" + (n === 1 ? "" : "s");
    }
    case OSPF_TYPE_LS_ACK: {
      // tcpdump reads LSA headers until the captured bytes end.
      let at = off + OSPF_HLEN;
      for (let n = 0; n < OSPF_MAX_ITEMS; at += LSA_HLEN, n++) {
        const h = ospfLsaHeader(d, at);
        if (h === undefined) return s + early(c, TRUNC_OSPF);
        s += h;
        if (h.startsWith(" Bogus")) return s;
      }
      return s;
    }
  }
  return s;
}

// ---- BGP --------------------------------------------------------------------------------------

/** BGP in the TCP payload of `len` octets at `start`, as tcpdump prints it after the TCP line. */
export function bgp(c: PrintContext, start: number, len: number): string {
  let s = ": BGP";
  if (!c.verbose) return s;
  const d = c.d, cap = d.length, stop = start + len;
  let p = start;
  for (let n = 0; p < stop && n < BGP_MAX_MESSAGES; n++) {
    if (p >= cap) break;
    if (d[p] !== BGP_MARKER_OCTET) {
      p++;
      continue;
    }
    if (p + BGP_MARKER_LEN > cap) break;
    if (!bgpMarker(d, p)) {
      p++;
      continue;
    }
    if (p + BGP_HLEN > cap) return s + " [|bgp]";
    const hlen = u16(d, p + BGP_LEN_AT), type = d[p + BGP_TYPE_AT];
    if (hlen < BGP_HLEN) return s + " message length " + hlen + " < " + BGP_HLEN + " (invalid)";
    if (p + hlen > cap) {
      return s + " [|BGP " + (BGP_TYPES[type] ? BGP_TYPES[type] + "]" : "Unknown Message Type]");
    }
    s += " " + (BGP_TYPES[type] ?? "Unknown") + " Message (" + type + "), length: " + hlen;
    if (type === BGP_OPEN) {
      if (hlen < BGP_OPEN_LEN) return s + " [|bgp]";
      s += " Version " + d[p + BGP_OPEN_VERSION_AT] + ", my AS " + u16(d, p + BGP_OPEN_AS_AT) +
        ", Holdtime " + u16(d, p + BGP_OPEN_HOLD_AT) + "s, ID " +
        ipv4String(d, p + BGP_OPEN_ID_AT) + " Optional parameters, length: " +
        d[p + BGP_OPEN_OPTLEN_AT];
    } else if (type === BGP_NOTIFICATION) {
      if (hlen < BGP_NOTIFY_LEN) return s + " [|bgp]";
      const code = d[p + BGP_NOTIFY_CODE_AT], sub = d[p + BGP_NOTIFY_SUBCODE_AT];
      s += ", " + (BGP_ERRORS[code] ?? "Unknown Error") + " (" + code + ")";
      const subs = BGP_SUBCODES[code];
      if (subs) {
        s += (BGP_ERRORS_NO_COMMA.includes(code) ? " subcode " : ", subcode ") +
          (subs[sub] ?? "Unknown") + " (" + sub + ")";
      }
    } else if (type === BGP_ROUTE_REFRESH) {
      if (hlen >= BGP_RR_LEN) {
        const afi = u16(d, p + BGP_RR_AFI_AT), safi = d[p + BGP_RR_SAFI_AT];
        s += " AFI " + (BGP_AFI[afi] ?? "Unknown") + " (" + afi + "), SAFI " +
          (BGP_SAFI[safi] ?? "Unknown") + " (" + safi + ")";
      }
    } else if (type !== BGP_KEEPALIVE && type !== BGP_UPDATE) {
      s += " no Message " + type + " decoder";
      for (let i = 0; i < hlen; i += 16) {
        s += " 0x" + hex4(i) + ": ";
        for (let j = i; j < Math.min(i + 16, hlen); j += 2) {
          s += " " + hex2(d[p + j]) + (j + 1 < hlen ? hex2(d[p + j + 1]) : "");
        }
      }
    }
    p += hlen;
  }
  return s;
}

// ---- RIP --------------------------------------------------------------------------------------

const TRUNC_RIP = " [|rip]";

/** The prefix length of a contiguous mask, -1 otherwise (tcpdump's mask2plen). */
function maskLength(m: number): number {
  for (let n = 0; n <= 32; n++) {
    const want = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
    if (m >>> 0 === want) return n;
  }
  return -1;
}

function rip(c: PrintContext, off: number, len: number): string {
  const d = c.d, end = d.length;
  if (off + RIP_VERSION_AT >= end) return TRUNC_RIP;
  const cmd = d[off + RIP_CMD_AT], version = d[off + RIP_VERSION_AT];
  let s = (c.verbose ? " " : "") + "RIPv" + version + ", " +
    (RIP_COMMANDS[cmd] ?? "unknown command (" + cmd + ")") + ", length: " + len;
  if (!c.verbose || (cmd !== RIPCMD_REQUEST && cmd !== RIPCMD_RESPONSE)) return s;
  if (version !== 1 && version !== 2) return s + ", unknown version";
  s += ", routes: " + Math.floor((len - RIP_HLEN) / RIP_ROUTELEN) +
    (version === 2 ? " or less" : "");
  // tcpdump walks the entries of what was captured.
  let left = Math.min(len, end - off) - RIP_HLEN;
  let at = off + RIP_HLEN;
  for (let n = 0; left > 0 && n < RIP_MAX_ENTRIES; n++) {
    if (at + 2 > end) return s + early(c, TRUNC_RIP);
    if (version === 1 ? left < RIP_ROUTELEN : left < 2) {
      return s + (at + RIP_ROUTELEN > end ? early(c, TRUNC_RIP) : " (invalid)");
    }
    const family = u16(d, at + RIP_AF_AT);
    if (version === 2 && family === RIP_AF_AUTH) {
      if (at + RIP_TAG_AT + 2 > end) return s + early(c, TRUNC_RIP);
      const type = u16(d, at + RIP_TAG_AT);
      if (type !== RIP_AUTH_SIMPLE) return s + " (authentication not decoded)";
      s += " Simple Text Authentication data: ";
      for (let i = at + RIP_AUTH_AT; i < at + RIP_AUTH_AT + RIP_AUTH_LEN; i++) {
        if (i >= end) return s + early(c, TRUNC_RIP);
        if (d[i] === 0) break;
        s += safeChar(d[i]);
      }
      if (left < RIP_ROUTELEN) {
        return s + " [remaining entries length " + left + " < " + RIP_ROUTELEN + "] (invalid)";
      }
    } else if (family !== RIP_AF_INET && family !== 0) {
      return s + " (address family " + family + " not decoded)";
    } else {
      if (at + RIP_ROUTELEN > end) return s + early(c, TRUNC_RIP);
      if (left < RIP_ROUTELEN) return s + " (invalid)";
      const dest = ipv4String(d, at + RIP_DEST_AT), metric = u32(d, at + RIP_METRIC_AT);
      if (version === 1) {
        if (u16(d, at + RIP_TAG_AT) || u32(d, at + RIP_MASK_AT) || u32(d, at + RIP_NEXTHOP_AT)) {
          return s + " (v1 entry with v2 fields not decoded)";
        }
        s += " " + (family === 0 ? "AFI 0, " : "") + dest + ", metric: " + metric;
      } else {
        const plen = String(maskLength(u32(d, at + RIP_MASK_AT)));
        s += " AFI " + (family === RIP_AF_INET ? "IPv4" : "" + family) + ", " +
          dest.padStart(15) + "/" + plen.padEnd(2) + ", tag 0x" + hex4(u16(d, at + RIP_TAG_AT)) +
          ", metric: " + metric + ", next-hop: " +
          (u32(d, at + RIP_NEXTHOP_AT) ? ipv4String(d, at + RIP_NEXTHOP_AT) : "self");
      }
    }
    at += RIP_ROUTELEN;
    left -= RIP_ROUTELEN;
  }
  return s;
}
