/**
 * tcpdump-style text: one line per frame, as `tcpdump -nn -S` prints it (with the options
 * below mapped to -e, -v, -q, -x/-X). Never throws: anything undecodable still gets a line.
 *
 * Known differences from tcpdump 4.99 (checked in tests/text_test.ts):
 * - without `link`, the VLAN tags are named up front (`vlan 100 vlan 200 IP ...`);
 * - with `verbose`, everything stays on one line: the IPv4 header details and a tunnel's
 *   inner packet follow on the same line, and an ICMP error's quoted datagram is not printed;
 *   `verbose` above 1 adds nothing more;
 * - an unknown EtherType prints the link header and length but no hex dump of the payload;
 * - application protocols other than DNS over UDP port 53 (HTTP, DHCP, NTP, STP, ...) are not
 *   decoded: TCP and UDP print `length N`, 802.2 LLC prints its header.
 */

import { NS_PER_SEC, type PacketRecord, secondStart } from "../packet/packet.ts";
import { hex2, ipv4String, ipv6String, macString, u16, u32 } from "../decode/bytes.ts";
import { dnsName, dnsSkipName } from "../decode/dns.ts";
import { ETH_DATA_LEN } from "../decode/ethernet.ts";
import {
  dissect,
  Dissection,
  LAYER_ARP,
  LAYER_DNS,
  LAYER_ETHERNET,
  LAYER_GRE,
  LAYER_ICMP,
  LAYER_ICMPV6,
  LAYER_IGMP,
  LAYER_IPV4,
  LAYER_IPV6,
  LAYER_IPV6_EXT,
  LAYER_LLC,
  LAYER_TCP,
  LAYER_UDP,
  LAYER_VLAN,
} from "../decode/frame.ts";
import { GRE_CSUM, GRE_KEY, GRE_ROUTING, GRE_SEQ } from "../decode/gre.ts";
import { icmpQuoted } from "../decode/icmp.ts";
import { igmpMessage } from "../decode/igmp.ts";
import { icmpv6Quoted } from "../decode/icmpv6.ts";
import { IP_OFFMASK, ipv4FinalDst, onesSum } from "../decode/ipv4.ts";
import { ipv6FinalDst } from "../decode/ipv6.ts";
import {
  dnsTypeName,
  ETH_P_IP,
  ETH_P_IPV6,
  ETH_P_TEB,
  ethertypeName,
  IGMP_MEMBERSHIP_QUERY,
  IGMP_V1_MEMBERSHIP_REPORT,
  IGMP_V2_LEAVE_GROUP,
  IGMP_V2_MEMBERSHIP_REPORT,
  IGMP_V3_MEMBERSHIP_REPORT,
  IPOPT_LSRR,
  IPOPT_RR,
  IPOPT_SSRR,
  IPPROTO_AH,
  IPPROTO_DSTOPTS,
  IPPROTO_FRAGMENT,
  IPPROTO_GRE,
  IPPROTO_HOPOPTS,
  IPPROTO_ICMP,
  IPPROTO_ICMPV6,
  IPPROTO_IGMP,
  IPPROTO_IPIP,
  IPPROTO_IPV6,
  IPPROTO_NONE,
  IPPROTO_ROUTING,
  IPPROTO_TCP,
  IPPROTO_UDP,
  ipProtoName,
  IPV6_RTHDR_TYPE_0,
  IPV6_RTHDR_TYPE_2,
  IPV6_RTHDR_TYPE_4,
} from "../decode/numbers.ts";
import { tcpOptionLength } from "../decode/tcp.ts";
import { isVlanTpid } from "../decode/vlan.ts";
import { hexDump } from "./hexdump.ts";

/** How {@link formatText} renders a frame (tcpdump flag in comments). */
export interface TextOptions {
  /** -e: print the link-level header. */
  link?: boolean;
  /** -v count. */
  verbose?: number;
  /** -q: less protocol detail. */
  quiet?: boolean;
  /** -x / -X (network layer on) or -xx / -XX (whole frame) hex dump lines after the line. */
  hex?: "x" | "X" | "xx" | "XX";
  /** Put the interface name after the time (when the record has one). */
  showIface?: boolean;
  /**
   * Time of day in local time (default, like tcpdump), UTC, seconds since the epoch, date and
   * local time (`-tttt`), time since `tsRef` (`-ttt`, `-ttttt`), or no time at all (`-t`).
   */
  tsFormat?: "local" | "utc" | "epoch" | "date" | "delta" | "none";
  /** The reference of `tsFormat: "delta"`: the previous frame's or the first frame's time. */
  tsRef?: bigint;
}

const scratch = new Dissection();

// Per-call rendering state; formatText is synchronous so module scope is safe and cheap.
let D: Uint8Array = new Uint8Array(0);
let ds: Dissection = scratch;
let L = false, Q = false, V = 0;

const NO_OPTIONS: TextOptions = {};

/** The tcpdump-style line for one frame (plus hex dump lines when `opts.hex` is set). */
export function formatText(rec: PacketRecord, opts: TextOptions = NO_OPTIONS): string {
  const tf = opts.tsFormat ?? "local";
  let line = tf === "none"
    ? ""
    : tf === "delta"
    ? delta(rec.ts - (opts.tsRef ?? rec.ts))
    : timestamp(rec.ts, tf);
  if (opts.showIface && rec.iface !== "") line = line === "" ? rec.iface : line + " " + rec.iface;
  D = rec.data;
  ds = scratch;
  L = opts.link === true;
  Q = opts.quiet === true;
  V = opts.verbose ?? 0;
  let body: string;
  try {
    dissect(D, ds);
    body = frame(rec.len);
  } catch (e) {
    body = oneLine("[|decode error: " + (e instanceof Error ? e.message : String(e)) + "]");
  }
  line = line === "" ? body : line + " " + body;
  if (opts.hex) {
    const whole = opts.hex === "xx" || opts.hex === "XX";
    const ascii = opts.hex === "X" || opts.hex === "XX";
    line += hexDump(D, whole ? 0 : Math.min(networkStart(), D.length), D.length, ascii);
  }
  return line;
}

/** `s` with line breaks turned into spaces. */
function oneLine(s: string): string {
  return s.includes("\n") || s.includes("\r") ? s.replace(/[\r\n]/g, " ") : s;
}

/** `head` then `tail`; when `tail` is empty, `head` without the trailing ": " or ", ". */
function then(head: string, tail: string): string {
  return tail === "" ? trimSeparator(head) : head + tail;
}

/** `s` without trailing spaces and the ":" or "," before each. */
function trimSeparator(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0x20) {
    end--;
    const c = s.charCodeAt(end - 1);
    if (c === 0x3a || c === 0x2c) end--;
  }
  return end === s.length ? s : s.slice(0, end);
}

/** Offset of the first byte after the outer link headers (Ethernet, VLAN tags, LLC/SNAP). */
function networkStart(): number {
  if (ds.count === 0) return D.length;
  let off = 0;
  for (let i = 0; i < ds.count; i++) {
    const k = ds.kind[i];
    if (k === LAYER_ETHERNET && i === 0) off = 14;
    else if (k === LAYER_VLAN) off = ds.start[i] + 4;
    else if (k === LAYER_LLC) {
      off = ds.start[i] + ((D[ds.start[i] + 2] & 3) === 3 ? 3 : 4) +
        (ds.next[i] >= 0 ? 5 : 0);
    } else break;
  }
  return off;
}

// ---- timestamps -------------------------------------------------------------------------

let cacheStart = -1n, cacheEnd = -1n, cacheFormat = "", cachePrefix = "";

/** "000" to "999". */
const DEC3: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));

function pad2(n: number): string {
  return n < 10 ? "0" + n : "" + n;
}

function timestamp(ts: bigint, format: string): string {
  if (ts < cacheStart || ts >= cacheEnd || format !== cacheFormat) {
    cacheStart = secondStart(ts);
    cacheEnd = cacheStart + NS_PER_SEC;
    const sec = cacheStart / NS_PER_SEC;
    cacheFormat = format;
    if (format === "epoch") cachePrefix = sec.toString() + ".";
    else if (format === "date") {
      const d = new Date(Number(sec) * 1000);
      cachePrefix = isNaN(d.getTime())
        ? "????-??-?? ??:??:??."
        : `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${
          pad2(d.getHours())
        }:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}.`;
    } else {
      const date = new Date(Number(sec) * 1000);
      const utc = format === "utc";
      const h = utc ? date.getUTCHours() : date.getHours();
      const m = utc ? date.getUTCMinutes() : date.getMinutes();
      const s = utc ? date.getUTCSeconds() : date.getSeconds();
      cachePrefix = isNaN(h) ? "??:??:??." : pad2(h) + ":" + pad2(m) + ":" + pad2(s) + ".";
    }
  }
  const usec = Number(ts - cacheStart) / 1000 | 0;
  return cachePrefix + DEC3[usec / 1000 | 0] + DEC3[usec % 1000];
}

/** A time difference as tcpdump -ttt prints it: `H:MM:SS.uuuuuu` (negative as `-...`). */
function delta(ns: bigint): string {
  const neg = ns < 0n;
  const us = Number((neg ? -ns : ns) / 1000n);
  const sec = Math.floor(us / 1e6);
  const h = Math.floor(sec / 3600), m = Math.floor(sec / 60) % 60, s = sec % 60;
  return (neg ? "-" : "") + pad2(h) + ":" + pad2(m) + ":" + pad2(s) + "." +
    ((us % 1e6) + 1e6).toString().slice(1);
}

// ---- link layer -------------------------------------------------------------------------

function hex4(n: number): string {
  return hex2(n >> 8) + hex2(n);
}

function etherTypeText(type: number): string {
  const name = ethertypeName(type);
  if (Q) return name === "Unknown" ? "Unknown Ethertype (0x" + hex4(type) + ")" : name;
  return "ethertype " + name + " (0x" + hex4(type) + ")";
}

function frame(wireLen: number): string {
  if (ds.count === 0) return "[|ether]";
  let s = "";
  if (!L) {
    for (let i = 1; i < ds.count && ds.kind[i] === LAYER_VLAN; i++) {
      s += "vlan " + (u16(D, ds.start[i]) & 0x0fff) + " ";
    }
  }
  return s + ether(0, wireLen);
}

/** `src > dst, ` of the Ethernet header at `off` ("" when `off` < 0). */
function linkHeader(off: number): string {
  return off < 0 ? "" : macString(D, off + 6) + " > " + macString(D, off) + ", ";
}

function ether(i: number, len: number): string {
  const off = ds.start[i];
  const type = ds.next[i];
  if (type <= ETH_DATA_LEN) {
    return L ? linkHeader(off) + "802.3, length " + type + ": " + llc(i + 1) : llc(i + 1);
  }
  if (!L) return afterType(i + 1, type, off, len);
  return then(
    linkHeader(off) + etherTypeText(type) + ", length " + len + ": ",
    afterType(i + 1, type, off, len),
  );
}

/** What follows EtherType `type`; `ethOff` is the Ethernet header it came from, -1 if none. */
function afterType(j: number, type: number, ethOff: number, len: number): string {
  const kind = j < ds.count ? ds.kind[j] : 0;
  if (isVlanTpid(type)) {
    if (kind !== LAYER_VLAN) return " [|vlan]";
    const tci = u16(D, ds.start[j]), next = ds.next[j];
    let s = "";
    if (L) {
      s += "vlan " + (tci & 0x0fff) + ", p " + (tci >> 13) + (tci & 0x1000 ? ", DEI" : "") + ", ";
      s += next > ETH_DATA_LEN ? etherTypeText(next) + ", " : "802.3";
    }
    return then(s, next <= ETH_DATA_LEN ? llc(j + 1) : afterType(j + 1, next, ethOff, len));
  }
  if (kind === LAYER_IPV4) return ipv4(j);
  if (kind === LAYER_IPV6) return ipv6(j);
  if (kind === LAYER_ARP) return arp(j, len);
  if (type === ETH_P_IP) {
    if (ds.malformed === LAYER_IPV4 && j < ds.count) return malformedIpv4(ds.start[j]);
    return (L ? "" : "IP ") + " [|ip]";
  }
  if (type === ETH_P_IPV6) {
    if (ds.malformed === LAYER_IPV6 && j < ds.count) {
      return (L ? "" : "IP6 ") + "version " + (D[ds.start[j]] >> 4) + " (invalid)";
    }
    return (L ? "" : "IP6 ") + " [|ip6]";
  }
  if (type === 0x0806 && kind === 0) return (L ? "" : "ARP, ") + "[|arp]";
  return L ? "" : linkHeader(ethOff) + etherTypeText(type) + ", length " + len;
}

function malformedIpv4(off: number): string {
  const v = D[off] >> 4, hl = (D[off] & 0x0f) * 4;
  if (v !== 4) return "IP" + v + " (invalid)";
  return (L ? "" : "IP ") + (hl < 20 ? "bad-hlen " + hl : "bad-len " + u16(D, off + 2));
}

const SAP_NAMES: Record<number, string> = {
  0x00: "Null",
  0x04: "SNA",
  0x06: "IP",
  0x42: "STP",
  0x7e: "X.25",
  0x98: "ARP",
  0xaa: "SNAP",
  0xe0: "IPX",
  0xf0: "NetBeui",
  0xfe: "OSI",
};

function llc(j: number): string {
  if (j >= ds.count || ds.kind[j] !== LAYER_LLC) return "[|llc]";
  const off = ds.start[j], dsap = D[off], ssap = D[off + 1];
  const uFrame = (D[off + 2] & 3) === 3;
  const ctrl = uFrame ? "0x" + hex2(D[off + 2]) : "0x" + hex4(u16(D, off + 2));
  const desc = "LLC, dsap " + (SAP_NAMES[dsap & 0xfe] ?? "Unknown") + " (0x" + hex2(dsap & 0xfe) +
    ") " + (dsap & 1 ? "Group" : "Individual") + ", ssap " + (SAP_NAMES[ssap & 0xfe] ?? "Unknown") +
    " (0x" + hex2(ssap & 0xfe) + ") " + (ssap & 1 ? "Response" : "Command") + ", ctrl " + ctrl;
  const type = ds.next[j];
  if (type < 0) return desc + ", length " + (ds.end[j] - off);
  const snapEnd = off + (uFrame ? 8 : 9);
  const rest = afterType(j + 1, type, -1, ds.end[j] - snapEnd);
  if (!L) return rest;
  return then(
    desc + ": oui Ethernet (0x000000), ethertype " + ethertypeName(type) + " (0x" + hex4(type) +
      "), length " + (ds.end[j] - snapEnd) + ": ",
    rest,
  );
}

// ---- ARP --------------------------------------------------------------------------------

function isZero(off: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (D[off + i] !== 0) return false;
  return true;
}

function arp(j: number, frameLen: number): string {
  const off = ds.start[j];
  const len = frameLen - off;
  let s = L ? "" : "ARP, ";
  const htype = u16(D, off), ptype = u16(D, off + 2), hl = D[off + 4], pl = D[off + 5];
  const op = u16(D, off + 6);
  if (htype !== 1 || ptype !== ETH_P_IP || hl !== 6 || pl !== 4) {
    return s + "hardware #" + htype + ", proto 0x" + hex4(ptype) + ", op " + op + ", length " + len;
  }
  if (V) s += "Ethernet (len 6), IPv4 (len 4), ";
  const sha = off + 8, spa = off + 14, tha = off + 18, tpa = off + 24;
  if (op === 1) {
    s += "Request who-has " + ipv4String(D, tpa) +
      (isZero(tha, 6) ? "" : " (" + macString(D, tha) + ")") + " tell " + ipv4String(D, spa);
  } else if (op === 2) s += "Reply " + ipv4String(D, spa) + " is-at " + macString(D, sha);
  else if (op === 3) {
    s += "Reverse Request who-is " + macString(D, tha) + " tell " + macString(D, sha);
  } else if (op === 4) s += "Reverse Reply " + macString(D, tha) + " at " + ipv4String(D, tpa);
  else if (op === 8) {
    s += "Inverse Request who-is " + macString(D, tha) + " tell " + macString(D, sha);
  } else if (op === 9) s += "Inverse Reply " + macString(D, sha) + " at " + ipv4String(D, spa);
  else s += "Unknown (" + op + ")";
  return s + ", length " + len;
}

// ---- IPv4 / IPv6 ------------------------------------------------------------------------

const IPOPT_NAMES: Record<number, string> = {
  0: "EOL",
  1: "NOP",
  7: "RR",
  68: "TS",
  130: "security",
  131: "LSRR",
  136: "SATID",
  137: "SSRR",
  148: "RA",
};

function ipv4Options(off: number, end: number): string {
  let s = "";
  for (let i = off; i < end;) {
    const t = D[i];
    const len = t <= 1 ? 1 : i + 1 < end ? D[i + 1] : 0;
    if (s !== "") s += ",";
    if (len < 1 || i + len > end || (t > 1 && len < 2)) return s + "[bad length]";
    s += IPOPT_NAMES[t] ?? "unknown (" + t + ")";
    if (t === IPOPT_RR || t === IPOPT_LSRR || t === IPOPT_SSRR) s += ipv4Route(i, len);
    if (t === 148 && len === 4 && u16(D, i + 2) !== 0) s += " value " + u16(D, i + 2);
    if (t === 0) break;
    i += len;
  }
  return s;
}

/** The addresses of a record or source route option at `off`, as tcpdump's ip_printroute. */
function ipv4Route(off: number, len: number): string {
  if (len < 3) return " [bad length " + len + "]";
  let s = (len + 1) & 3 ? " [bad length " + len + "]" : "";
  const ptr = D[off + 2] - 1;
  if (ptr < 3 || (ptr + 1) & 3 || ptr > len + 1) s += " [bad ptr " + D[off + 2] + "]";
  for (let a = 3; a + 4 <= len; a += 4) s += " " + ipv4String(D, off + a) + (ptr > a ? "," : "");
  return s;
}

function ipv4Verbose(off: number, hl: number): string {
  const tos = D[off + 1], fo = u16(D, off + 6), proto = D[off + 9];
  let s = "(tos 0x" + tos.toString(16);
  const ecn = tos & 3;
  if (ecn) s += "," + (ecn === 1 ? "ECT(1)" : ecn === 2 ? "ECT(0)" : "CE");
  s += ", ttl " + D[off + 8] + ", id " + u16(D, off + 4) + ", offset " + (fo & IP_OFFMASK) * 8 +
    ", flags [";
  const flags = (fo & 0x8000 ? "rsvd" : "") + (fo & 0x4000 ? "DF" : "") + (fo & 0x2000 ? "+" : "");
  s += (flags || "none") + "], proto " + ipProtoName(proto) + " (" +
    proto + "), length " + u16(D, off + 2);
  if (hl > 20) s += ", options (" + ipv4Options(off + 20, off + hl) + ")";
  const sum = onesSum(D, off, off + hl);
  if (sum !== 0xffff) {
    const field = u16(D, off + 10);
    const want = ~onesSum(D, off, off + 10, onesSum(D, off + 12, off + hl)) & 0xffff;
    s += ", bad cksum " + field.toString(16) + " (->" + want.toString(16) + ")!";
  }
  return s + ") ";
}

function ipv4(j: number): string {
  const off = ds.start[j], hl = (D[off] & 0x0f) * 4, tot = u16(D, off + 2);
  let s = L ? "" : "IP ";
  if (V) s += ipv4Verbose(off, hl);
  const src = ipv4String(D, off + 12), dst = ipv4String(D, off + 16), proto = D[off + 9];
  const payLen = (tot !== 0 ? tot : ds.end[j] - off) - hl;
  if (u16(D, off + 6) & IP_OFFMASK) return s + src + " > " + dst + ": ip-proto-" + proto;
  return s + transport(j + 1, off + hl, proto, src, dst, payLen, j, true);
}

function ipv6Verbose(off: number): string {
  const w = u32(D, off), tc = (w >>> 20) & 0xff, flow = w & 0xfffff, next = D[off + 6];
  let s = "(";
  if (tc) s += "class 0x" + hex2(tc) + ", ";
  if (flow) s += "flowlabel 0x" + flow.toString(16).padStart(5, "0") + ", ";
  return s + "hlim " + D[off + 7] + ", next-header " + ipProtoName(next) + " (" + next +
    ") payload length: " + u16(D, off + 4) + ") ";
}

function ipv6Opts(off: number, end: number): string {
  let s = "";
  for (let i = off; i < end;) {
    const t = D[i];
    if (t === 0) {
      s += "(pad1)";
      i++;
      continue;
    }
    if (i + 2 > end || i + 2 + D[i + 1] > end) return s + "[trunc]";
    const len = D[i + 1];
    if (t === 1) s += "(padn)";
    else if (t === 5 && len === 2) s += "(rtalert: 0x" + hex4(u16(D, i + 2)) + ") ";
    else if (t === 0xc2 && len === 4) s += "(jumbo: " + u32(D, i + 2) + ") ";
    else s += "(opt_type 0x" + hex2(t) + ": len=" + len + ")";
    i += 2 + len;
  }
  return s;
}

function ipv6Ext(type: number, off: number, remaining: number): string {
  if (type === IPPROTO_HOPOPTS || type === IPPROTO_DSTOPTS) {
    const name = type === IPPROTO_HOPOPTS ? "HBH" : "DSTOPT";
    return V ? name + " " + ipv6Opts(off + 2, off + (D[off + 1] + 1) * 8) + " " : name + " ";
  }
  if (type === IPPROTO_FRAGMENT) {
    const fo = u16(D, off + 2) & 0xfff8;
    return "frag (" + (V ? "0x" + u32(D, off + 4).toString(16).padStart(8, "0") + ":" : "") + fo +
      "|" + (remaining - 8) + ") ";
  }
  if (type === IPPROTO_ROUTING) {
    const rt = D[off + 2];
    let s = "RT6 (len=" + D[off + 1] + ", type=" + rt + (rt === 0 ? " [Deprecated]" : "") +
      ", segleft=" + D[off + 3];
    if (rt === IPV6_RTHDR_TYPE_0 || rt === IPV6_RTHDR_TYPE_2) {
      if (V) s += ", rsv=0x" + u32(D, off + 4).toString(16);
      const n = D[off + 1] >> 1;
      for (let a = 0; a < n; a++) s += ", [" + a + "]" + ipv6String(D, off + 8 + 16 * a);
    } else if (rt === IPV6_RTHDR_TYPE_4) {
      // The segment routing header: last entry, flags, tag, then the segments.
      s += ", last-entry=" + D[off + 4];
      if (D[off + 5] || V) s += ", flags=0x" + D[off + 5].toString(16);
      s += ", tag=" + u16(D, off + 6).toString(16);
      const n = D[off + 1] >> 1;
      for (let a = 0; a < n; a++) s += ", [" + a + "]" + ipv6String(D, off + 8 + 16 * a);
    }
    return s + ") ";
  }
  if (type === IPPROTO_AH) {
    const seq = D[off + 1] >= 1 ? ",seq=0x" + u32(D, off + 8).toString(16) : "";
    return "AH(spi=0x" + u32(D, off + 4).toString(16).padStart(8, "0") + seq + "): ";
  }
  return "";
}

function extLen(type: number, off: number): number {
  if (type === IPPROTO_FRAGMENT) return 8;
  return type === IPPROTO_AH ? (D[off + 1] + 2) * 4 : (D[off + 1] + 1) * 8;
}

function ipv6(j: number): string {
  const off = ds.start[j], plen = u16(D, off + 4);
  let s = L ? "" : "IP6 ";
  if (V) s += ipv6Verbose(off);
  const src = ipv6String(D, off + 8), dst = ipv6String(D, off + 24);
  let next = D[off + 6];
  const direct = next === IPPROTO_TCP || next === IPPROTO_UDP;
  if (!direct) s += src + " > " + dst + ": ";
  let remaining = plen !== 0 ? plen : ds.end[j] - off - 40;
  let k = j + 1;
  for (; k < ds.count && ds.kind[k] === LAYER_IPV6_EXT; k++) {
    const type = ds.aux[k], eoff = ds.start[k];
    s += ipv6Ext(type, eoff, remaining);
    next = ds.next[k];
    remaining -= extLen(type, eoff);
    if (type === IPPROTO_FRAGMENT && (u16(D, eoff + 2) & 0xfff8) !== 0) return trimSeparator(s);
  }
  if (k === ds.count && ds.truncated === LAYER_IPV6) return s + "[|ip6]";
  const toff = k > j + 1 ? ds.start[k - 1] + extLen(ds.aux[k - 1], ds.start[k - 1]) : off + 40;
  return s + transport(k, toff, next, src, dst, remaining, j, direct);
}

// ---- transport --------------------------------------------------------------------------

function transport(
  k: number,
  toff: number,
  proto: number,
  src: string,
  dst: string,
  payLen: number,
  ipIdx: number,
  addrs: boolean,
): string {
  const kind = k < ds.count ? ds.kind[k] : 0;
  if (proto === IPPROTO_TCP || proto === IPPROTO_UDP) {
    const want = proto === IPPROTO_TCP ? LAYER_TCP : LAYER_UDP;
    if (kind !== want) {
      const name = proto === IPPROTO_TCP ? "tcp" : "udp";
      if (toff + 4 <= D.length) {
        return ports(toff, src, dst, addrs) +
          (ds.malformed === want ? "[bad hdr length]" : " [|" + name + "]");
      }
      return (addrs ? src + " > " + dst + ": " : "") + " [|" + name + "]";
    }
    return proto === IPPROTO_TCP
      ? tcp(k, src, dst, payLen, ipIdx, addrs)
      : udp(k, src, dst, ipIdx, addrs);
  }
  const ad = addrs ? src + " > " + dst + ": " : "";
  if (proto === IPPROTO_ICMP) return ad + (kind === LAYER_ICMP ? icmp(k, payLen) : "ICMP [|icmp]");
  if (proto === IPPROTO_ICMPV6) {
    return ad + (kind === LAYER_ICMPV6 ? icmp6(k, payLen, ipIdx) : "ICMP6 [|icmp6]");
  }
  if (proto === IPPROTO_GRE) return ad + (kind === LAYER_GRE ? gre(k, payLen) : "GRE [|gre]");
  if (proto === IPPROTO_IGMP) return ad + (kind === LAYER_IGMP ? igmp(k) : "igmp [|igmp]");
  if (proto === IPPROTO_IPIP) return ad + (kind === LAYER_IPV4 ? ipv4(k) : "IP [|ip]");
  if (proto === IPPROTO_IPV6) return ad + (kind === LAYER_IPV6 ? ipv6(k) : "IP6 [|ip6]");
  if (proto === IPPROTO_NONE) return ad + "no next header";
  return ad + " ip-proto-" + proto + " " + payLen;
}

function ports(off: number, src: string, dst: string, addrs: boolean): string {
  const sp = u16(D, off), dp = u16(D, off + 2);
  return addrs ? src + "." + sp + " > " + dst + "." + dp + ": " : sp + " > " + dp + ": ";
}

/** True when the IP packet at `ipIdx` is one fragment of a larger datagram. */
function fragmented(ipIdx: number): boolean {
  if (ds.kind[ipIdx] === LAYER_IPV4) return (u16(D, ds.start[ipIdx] + 6) & 0x3fff) !== 0;
  for (let i = ipIdx + 1; i < ds.count && ds.kind[i] === LAYER_IPV6_EXT; i++) {
    if (ds.aux[i] === IPPROTO_FRAGMENT) return true;
  }
  return false;
}

/**
 * One's-complement sum of the IPv4/IPv6 pseudo header for the layer at `ipIdx`; behind a source
 * route its destination is the route's final one.
 */
function pseudoSum(ipIdx: number, proto: number, len: number): number {
  const off = ds.start[ipIdx];
  if (ds.kind[ipIdx] === LAYER_IPV4) {
    const dst = ipv4FinalDst(D, off, (D[off] & 0x0f) * 4);
    return onesSum(D, dst, dst + 4, onesSum(D, off + 12, off + 16, proto + len));
  }
  const dst = ipv6FinalDst(D, off, ds.end[ipIdx]);
  return onesSum(
    D,
    dst,
    dst + 16,
    onesSum(D, off + 8, off + 24, proto + (len >>> 16) + (len & 0xffff)),
  );
}

/** Checksum check of a transport segment: -1 when it cannot be checked, else the right value. */
function transportChecksum(ipIdx: number, proto: number, off: number, len: number, at: number) {
  if (len < 0 || off + len > D.length || off + len > ds.end[ipIdx] || fragmented(ipIdx)) return -1;
  const field = u16(D, at);
  const total = onesSum(D, off, off + len, pseudoSum(ipIdx, proto, len));
  if (total === 0xffff) return field;
  const without = onesSum(D, off, at, onesSum(D, at + 2, off + len, pseudoSum(ipIdx, proto, len)));
  return ~without & 0xffff;
}

const TCP_FLAG_CHARS = ["F", "S", "R", "P", ".", "U", "E", "W"];

/** tcpdump's flag letters for each value of the flag byte ("none" for 0). */
const TCP_FLAGS: readonly string[] = Array.from({ length: 256 }, (_, f) => {
  let s = "";
  for (let b = 0; b < 8; b++) if (f & (1 << b)) s += TCP_FLAG_CHARS[b];
  return s || "none";
});

function tcpOptions(off: number, end: number): string {
  let s = "";
  for (let i = off; i < end;) {
    if (s !== "") s += ",";
    const len = tcpOptionLength(D, i, end);
    const kind = D[i];
    if (len < 0) return s + (kind === 5 ? "sack" : "") + "[bad opt]";
    if (kind === 0) {
      s += "eol";
      break;
    }
    if (kind === 1) s += "nop";
    else if (kind === 2) s += "mss " + u16(D, i + 2);
    else if (kind === 3) s += "wscale " + D[i + 2];
    else if (kind === 4) s += "sackOK";
    else if (kind === 5) {
      s += "sack " + (len - 2) / 8 + " ";
      for (let b = i + 2; b < i + len; b += 8) s += "{" + u32(D, b) + ":" + u32(D, b + 4) + "}";
    } else if (kind === 8) s += "TS val " + u32(D, i + 2) + " ecr " + u32(D, i + 6);
    else {
      s += "unknown-" + kind;
      if (len > 2) s += " 0x";
      for (let b = i + 2; b < i + len; b++) s += hex2(D[b]);
    }
    i += len;
  }
  return s;
}

function tcp(k: number, src: string, dst: string, payLen: number, ipIdx: number, addrs: boolean) {
  const off = ds.start[k], hl = (D[off + 12] >> 4) * 4, flags = D[off + 13];
  const dataLen = Math.max(0, payLen - hl);
  let s = ports(off, src, dst, addrs);
  if (Q) return s + "tcp " + dataLen;
  s += "Flags [" + TCP_FLAGS[flags] + "]";
  if (V) {
    const want = transportChecksum(ipIdx, IPPROTO_TCP, off, payLen, off + 16);
    if (want >= 0) {
      const field = u16(D, off + 16);
      s += ", cksum 0x" + hex4(field) +
        (want === field ? " (correct)" : " (incorrect -> 0x" + hex4(want) + ")");
    }
  }
  if (dataLen > 0 || flags & 0x07) {
    const seq = u32(D, off + 4);
    s += ", seq " + seq;
    if (dataLen > 0) s += ":" + ((seq + dataLen) >>> 0);
  }
  if (flags & 0x10) s += ", ack " + u32(D, off + 8);
  s += ", win " + u16(D, off + 14);
  if (flags & 0x20) s += ", urg " + u16(D, off + 18);
  if (hl > 20) s += ", options [" + tcpOptions(off + 20, off + hl) + "]";
  s += ", length " + dataLen;
  if (V && flags & 0x04 && dataLen > 0) {
    s += rstData(off + hl, Math.min(off + hl + dataLen, D.length));
  }
  return s;
}

/** Most bytes of RST data shown (MAX_RST_DATA_LEN). */
const MAX_RST_DATA = 30;

/** tcpdump's ` [RST text]`: the data a reset carries, with `M-` and `^` escapes. */
function rstData(from: number, to: number): string {
  let s = " [RST";
  if (to - from > MAX_RST_DATA) {
    to = from + MAX_RST_DATA;
    s += "+";
  }
  s += " ";
  for (let i = from; i < to; i++) {
    let c = D[i];
    if (c > 0x7f) {
      c &= 0x7f;
      s += "M-";
    }
    if (c < 0x20 || c === 0x7f) {
      c ^= 0x40;
      s += "^";
    }
    s += String.fromCharCode(c);
  }
  return s + "]";
}

function udp(k: number, src: string, dst: string, ipIdx: number, addrs: boolean): string {
  const off = ds.start[k], ulen = u16(D, off + 4);
  let s = ports(off, src, dst, addrs);
  if (ulen < 8) return s + "UDP, bad length " + ulen + " < 8";
  if (Q) return s + "UDP, length " + (ulen - 8);
  if (V && ds.kind[ipIdx] === LAYER_IPV6) {
    const want = transportChecksum(ipIdx, IPPROTO_UDP, off, ulen, off + 6);
    const field = u16(D, off + 6);
    if (want >= 0) {
      s += want === field
        ? "[udp sum ok] "
        : "[bad udp cksum 0x" + hex4(field) + " -> 0x" + hex4(want) + "!] ";
    }
  }
  if (k + 1 < ds.count && ds.kind[k + 1] === LAYER_DNS) return s + dns(k + 1, ulen - 8);
  if (ds.truncated === LAYER_DNS) return s + " [|domain]";
  return s + "UDP, length " + (ulen - 8);
}

// ---- ICMP -------------------------------------------------------------------------------

const UNREACH: readonly string[] = [
  "net %s unreachable",
  "host %s unreachable",
  "",
  "",
  "",
  "%s unreachable - source route failed",
  "net %s unreachable - unknown",
  "host %s unreachable - unknown",
  "%s unreachable - source host isolated",
  "net %s unreachable - admin prohibited",
  "host %s unreachable - admin prohibited",
  "net %s unreachable - tos prohibited",
  "host %s unreachable - tos prohibited",
  "host %s unreachable - admin prohibited filter",
  "host %s unreachable - host precedence violation",
  "host %s unreachable - precedence cutoff",
];

const ICMP_NAMES: Record<number, string> = {
  0: "echo reply",
  4: "source quench",
  8: "echo request",
  9: "router advertisement",
  10: "router solicitation",
  13: "time stamp request",
  14: "time stamp reply",
  15: "information request",
  16: "information reply",
  17: "address mask request",
  18: "address mask reply",
};

/** IGMPv3 group record types (RFC 3376 4.2.12), as tcpdump names them. */
const IGMPV3_RECORD_TYPES: Record<number, string> = {
  1: "is_in",
  2: "is_ex",
  3: "to_in",
  4: "to_ex",
  5: "allow",
  6: "block",
};

/** IGMP as tcpdump prints it (print-igmp.c). */
function igmp(k: number): string {
  if (Q) return "igmp";
  const m = igmpMessage(D, ds.start[k], ds.end[k], ds.aux[k]);
  switch (m.type) {
    case IGMP_MEMBERSHIP_QUERY: {
      let s = "igmp query v" + m.version;
      if (m.version === 2 && m.maxResp !== 100) s += " [max resp time " + m.maxResp + "]";
      return m.group !== "0.0.0.0" ? s + " [gaddr " + m.group + "]" : s;
    }
    case IGMP_V1_MEMBERSHIP_REPORT:
      return "igmp v1 report " + m.group;
    case IGMP_V2_MEMBERSHIP_REPORT:
      return "igmp v2 report " + m.group;
    case IGMP_V2_LEAVE_GROUP:
      return "igmp leave " + m.group;
    case IGMP_V3_MEMBERSHIP_REPORT: {
      let s = "igmp v3 report, " + m.records + " group record(s)";
      if (V === 0) return s;
      // -v: each group record, as tcpdump prints them.
      const end = ds.end[k];
      let off = ds.start[k] + 8;
      for (let r = 0; r < (m.records ?? 0); r++) {
        if (off + 8 > end) return s + " [|igmp]";
        const nsrcs = u16(D, off + 2);
        const type = IGMPV3_RECORD_TYPES[D[off]] ?? "[invalid " + D[off] + "]";
        s += " [gaddr " + ipv4String(D, off + 4) + " " + type + ", " + nsrcs + " source(s)]";
        off += 8 + 4 * nsrcs + 4 * D[off + 1];
      }
      return s;
    }
    default:
      return "igmp-" + m.type;
  }
}

function icmp(k: number, len: number): string {
  const off = ds.start[k], type = D[off], code = D[off + 1];
  const q = icmpQuoted(D, off, ds.end[k]);
  const qdst = q ? q.dst : "?";
  let m: string;
  if (type === 0 || type === 8) {
    m = (type ? "echo request" : "echo reply") + ", id " + u16(D, off + 4) + ", seq " +
      u16(D, off + 6);
  } else if (type === 3) {
    if (code === 2) m = qdst + " protocol " + (q ? q.proto : 0) + " unreachable";
    else if (code === 3) {
      m = q && q.dport !== undefined
        ? qdst + " " + (q.proto === IPPROTO_TCP ? "tcp" : "udp") + " port " + q.dport +
          " unreachable"
        : qdst + " protocol " + (q ? q.proto : 0) + " port ? unreachable";
    } else if (code === 4) {
      const mtu = u16(D, off + 6);
      m = qdst + " unreachable - need to frag" + (mtu ? " (mtu " + mtu + ")" : "");
    } else if (code < UNREACH.length) m = UNREACH[code].replace("%s", qdst);
    else m = qdst + " unreachable - #" + code;
  } else if (type === 11) {
    m = code === 0
      ? "time exceeded in-transit"
      : code === 1
      ? "ip reassembly time exceeded"
      : "time exceeded-#" + code;
  } else if (type === 5) {
    const how = ["redirect %s to net %s", "redirect %s to host %s", "redirect-tos %s to net %s"];
    m = (how[code] ?? "redirect-tos %s to host %s").replace("%s", qdst).replace(
      "%s",
      ipv4String(D, off + 4),
    );
  } else if (type === 12) {
    m = code === 0 ? "parameter problem - octet " + D[off + 4] : "parameter problem code " + code;
  } else if ((type === 13 || type === 14) && off + 8 <= ds.end[k]) {
    m = "time stamp " + (type === 13 ? "query" : "reply") + " id " + u16(D, off + 4) + " seq " +
      u16(D, off + 6);
    if (type === 14 && off + 20 <= ds.end[k]) {
      m += ": org " + msOfDay(u32(D, off + 8)) + ", recv " + msOfDay(u32(D, off + 12)) +
        ", xmit " + msOfDay(u32(D, off + 16));
    }
  } else if (type === 18 && off + 12 <= ds.end[k]) {
    m = "address mask is 0x" + u32(D, off + 8).toString(16).padStart(8, "0");
  } else m = ICMP_NAMES[type] ?? "type-#" + type;
  return "ICMP " + m + ", length " + len;
}

/** `HH:MM:SS.mmm` for milliseconds since midnight (ICMP timestamps). */
function msOfDay(t: number): string {
  const ms = t % 1000, sec = Math.floor(t / 1000);
  const hrs = Math.floor(sec / 3600), min = Math.floor(sec / 60) % 60;
  return pad2(hrs) + ":" + pad2(min) + ":" + pad2(sec % 60) + "." + String(ms).padStart(3, "0");
}

const ICMP6_UNREACH = [
  "unreachable route",
  " unreachable prohibited",
  "beyond scope",
  "unreachable address",
  "unreachable port",
];

function icmp6Error(type: number, code: number, off: number, end: number): string {
  const q = icmpv6Quoted(D, off, end);
  const dst = q ? q.dst : "?";
  if (type === 1) {
    let s = "destination unreachable, " +
      (ICMP6_UNREACH[code] ?? "unknown unreach code (" + code + ")");
    if (code === 0 || code === 1 || code === 3) s += " " + dst;
    else if (code === 2) s += " " + dst + ", source address " + (q ? q.src : "?");
    else if (code === 4 && q && q.dport !== undefined) {
      s += q.proto === IPPROTO_TCP || q.proto === IPPROTO_UDP
        ? ", " + dst + (q.proto === IPPROTO_TCP ? " tcp" : " udp") + " port " + q.dport
        : ", " + dst + " protocol " + q.proto + " port " + q.dport + " unreachable";
    }
    return s;
  }
  return "time exceeded in-transit" +
    (code === 0 ? " for " + dst : code === 1 ? " (reassembly)" : ", unknown code (" + code + ")");
}

const ICMP6_NAMES: Record<number, string> = {
  1: "destination unreachable",
  3: "time exceeded in-transit",
  4: "parameter problem",
  130: "multicast listener query",
  131: "multicast listener report",
  132: "multicast listener done",
  133: "router solicitation",
  134: "router advertisement",
  137: "redirect",
};

function icmp6(k: number, len: number, ipIdx: number): string {
  const off = ds.start[k], type = D[off];
  let s = "";
  if (V) {
    const want = transportChecksum(ipIdx, IPPROTO_ICMPV6, off, len, off + 2);
    if (want >= 0) {
      const field = u16(D, off + 2);
      s += want === field
        ? "[icmp6 sum ok] "
        : "[bad icmp6 cksum 0x" + hex4(field) + " -> 0x" + hex4(want) + "!] ";
    }
  }
  s += "ICMP6, ";
  if (type === 128 || type === 129) {
    s += (type === 128 ? "echo request" : "echo reply") + ", id " + u16(D, off + 4) + ", seq " +
      u16(D, off + 6);
    return V ? s : s + ", length " + len;
  }
  if (type === 135 || type === 136) {
    const what = type === 135 ? "neighbor solicitation" : "neighbor advertisement";
    const tgt = (type === 135 ? "who has " : "tgt is ") + ipv6String(D, off + 8);
    if (!V) return s + what + ", " + tgt + ", length " + len;
    s += what + ", length " + len + ", " + tgt;
    if (type === 136) {
      const f = D[off + 4];
      const names = [
        f & 0x80 ? "router" : "",
        f & 0x40 ? "solicited" : "",
        f & 0x20 ? "override" : "",
      ]
        .filter((n) => n !== "").join(", ");
      s += ", Flags [" + (names || "none") + "]";
    }
    return s;
  }
  if (type === 2) {
    return s + "packet too big, mtu " + u32(D, off + 4) + (V ? "" : ", length " + len);
  }
  if (type === 1 || type === 3) {
    s += icmp6Error(type, D[off + 1], off, ds.end[k]);
    return V ? s : s + ", length " + len;
  }
  if ((type === 130 || type === 131 || type === 132) && len === 24 && off + 24 <= ds.end[k]) {
    s += ICMP6_NAMES[type] + "max resp delay: " + u16(D, off + 4) + " addr: " +
      ipv6String(D, off + 8);
    return V ? s : s + ", length " + len;
  }
  if (type === 143) {
    s += "multicast listener report v2, " + u16(D, off + 6) + " group record(s)";
    return V ? s : s + ", length " + len;
  }
  return s + (ICMP6_NAMES[type] ?? "type-#" + type) + ", length " + len;
}

// ---- GRE --------------------------------------------------------------------------------

function gre(k: number, len: number): string {
  const off = ds.start[k], flags = u16(D, off), version = flags & 7, proto = u16(D, off + 2);
  let s = "GREv" + version;
  if (version !== 0) return s + ", length " + len;
  if (V) {
    const names = (flags & GRE_CSUM ? "checksum present" : "") +
      (flags & GRE_ROUTING ? (flags & GRE_CSUM ? ", " : "") + "routing present" : "") +
      (flags & GRE_KEY ? (flags & (GRE_CSUM | GRE_ROUTING) ? ", " : "") + "key present" : "") +
      (flags & GRE_SEQ ? (flags & 0xe000 ? ", " : "") + "sequence# present" : "");
    s += ", Flags [" + (names || "none") + "]";
  }
  let i = off + 4;
  if (flags & (GRE_CSUM | GRE_ROUTING)) {
    if (V) s += ", sum 0x" + u16(D, i).toString(16);
    s += ", off 0x" + u16(D, i + 2).toString(16);
    i += 4;
  }
  if (flags & GRE_KEY) {
    s += ", key=0x" + u32(D, i).toString(16);
    i += 4;
  }
  if (flags & GRE_SEQ) s += ", seq " + u32(D, i);
  if (L) {
    s += ", proto " + ethertypeName(proto).replace("Unknown", "unknown") + " (0x" + hex4(proto) +
      ")";
  }
  s += ", length " + len + ": ";
  const j = k + 1, kind = j < ds.count ? ds.kind[j] : 0;
  if (proto === ETH_P_IP) return s + (kind === LAYER_IPV4 ? ipv4(j) : "IP [|ip]");
  if (proto === ETH_P_IPV6) return s + (kind === LAYER_IPV6 ? ipv6(j) : "IP6 [|ip6]");
  if (proto === ETH_P_TEB) {
    return s + (kind === LAYER_ETHERNET ? ether(j, ds.end[j] - ds.start[j]) : "[|ether]");
  }
  return s + "gre-proto-0x" + proto.toString(16);
}

// ---- DNS --------------------------------------------------------------------------------

const DNS_OPS = ["", " inv_q", " stat", " op3", " notify", " update"];
const DNS_RCODES = [
  "",
  " FormErr",
  " ServFail",
  " NXDomain",
  " NotImp",
  " Refused",
  " YXDomain",
  " YXRRSet",
  " NXRRSet",
  " NotAuth",
  " NotZone",
];
const DNS_CLASSES: Record<number, string> = { 1: "IN", 3: "CHAOS", 4: "HS", 255: "ANY" };

function dnsClass(c: number): string {
  return c === 1 ? "" : " " + (DNS_CLASSES[c] ?? "(Class " + c + ")");
}

/** Text of the record at `off` (leading space included), or undefined when it is cut short. */
function dnsRecord(msg: number, off: number, end: number): string | undefined {
  const nm = dnsName(D, msg, off, end);
  const r = nm.next;
  if (r < 0 || r + 10 > end) return undefined;
  const type = u16(D, r), len = u16(D, r + 8), data = r + 10;
  if (data + len > end) return undefined;
  let s = " " + (V ? nm.name + " " : "") + dnsTypeName(type) + dnsClass(u16(D, r + 2));
  if (type === 1 && len === 4) s += " " + ipv4String(D, data);
  else if (type === 28 && len === 16) s += " " + ipv6String(D, data);
  else if (type === 2 || type === 5 || type === 12 || type === 39) {
    s += " " + dnsName(D, msg, data, end).name;
  } else if (type === 15 && len >= 3) {
    s += " " + dnsName(D, msg, data + 2, end).name + " " + u16(D, data);
  } else if (type === 33 && len >= 7) {
    s += " " + dnsName(D, msg, data + 6, end).name + ":" + u16(D, data + 4) + " " +
      u16(D, data) + " " + u16(D, data + 2);
  } else if (type === 16) {
    for (let i = data; i < data + len && i + 1 + D[i] <= data + len; i += 1 + D[i]) {
      let t = "";
      for (let c = i + 1; c < i + 1 + D[i]; c++) {
        t += D[c] >= 0x20 && D[c] < 0x7f ? String.fromCharCode(D[c]) : ".";
      }
      s += ' "' + t + '"';
    }
  }
  return s;
}

/** Offset just past the resource record at `off` (bounds already checked by dnsRecord). */
function dnsRecordEnd(off: number, end: number): number {
  const r = dnsSkipName(D, off, end);
  return r + 10 + u16(D, r + 8);
}

function dns(k: number, len: number): string {
  const off = ds.start[k], end = ds.end[k];
  const w = u16(D, off + 2);
  const qd = u16(D, off + 4), an = u16(D, off + 6), ns = u16(D, off + 8), ar = u16(D, off + 10);
  const op = (w >> 11) & 0xf;
  let s = "" + u16(D, off) + (DNS_OPS[op] ?? " op" + op);
  let i = off + 12;
  if (w & 0x8000) {
    const rc = w & 0xf;
    s += (DNS_RCODES[rc] ?? " Resp" + rc) + (w & 0x400 ? "*" : "") + (w & 0x80 ? "" : "-") +
      (w & 0x200 ? "|" : "") + (w & 0x20 ? "$" : "");
    if (qd !== 1) s += " [" + qd + "q]";
    for (let n = 0; n < qd; n++) {
      i = dnsSkipName(D, i, end);
      if (i < 0 || i + 4 > end) return s + " [|domain]";
      i += 4;
    }
    s += " " + an + "/" + ns + "/" + ar;
    for (let n = 0; n < an; n++) {
      const rr = dnsRecord(off, i, end);
      if (rr === undefined) return s + " [|domain]";
      s += (n > 0 ? "," : "") + rr;
      i = dnsRecordEnd(i, end);
    }
  } else {
    s += (w & 0x100 ? "+" : "") + (w & 0x10 ? "%" : "");
    if (w & 0x6cf) s += " [b2&3=0x" + (w & 0xffff).toString(16) + "]";
    if (qd !== 1) s += " [" + qd + "q]";
    if (an) s += " [" + an + "a]";
    if (ns) s += " [" + ns + "n]";
    if (ar) s += " [" + ar + "au]";
    for (let n = 0; n < qd; n++) {
      const nm = dnsName(D, off, i, end);
      if (nm.next < 0 || nm.next + 4 > end) return s + " [|domain]";
      s += " " + dnsTypeName(u16(D, nm.next)) + dnsClass(u16(D, nm.next + 2)) + "? " + nm.name;
      i = nm.next + 4;
    }
  }
  return s + " (" + len + ")";
}
