/**
 * Text of IPv4 and IPv6 (with -v their header details, IPv4 options and IPv6 extension
 * headers), and the dispatch on the protocol to what they carry.
 *
 * @module
 */

import { hex2, ipv4String, ipv6String, u16, u32 } from "../../decode/bytes.ts";
import * as frameModule from "../../decode/frame.ts";
import {
  checksumFor,
  ipv4FragOffset,
  ipv4HeaderLength,
  ipv4OptionLength,
  onesSum,
} from "../../decode/ipv4.ts";
import * as ipv4Module from "../../decode/ipv4.ts";
import { ipv6ExtSize, ipv6Flow, ipv6FragOffset, ipv6TrafficClass } from "../../decode/ipv6.ts";
import * as ipv6Module from "../../decode/ipv6.ts";
import { ahLength } from "../../decode/ipsec.ts";
import { ipProtoName } from "../../decode/numbers.ts";
import * as numbersModule from "../../decode/numbers.ts";
import * as tcpModule from "../../decode/tcp.ts";
import { hex4, type PrintContext, trimSeparator } from "./context.ts";
import { ipGateway } from "./gateways.ts";
import { gre } from "./gre.ts";
import { icmp, icmp6 } from "./icmp.ts";
import { igmp } from "./igmp.ts";
import { ports, tcp, udp } from "./transport.ts";
// Overlays and encapsulations (issue 15 family 3).
import { ah, esp } from "./ipsec.ts";
import { sctp } from "./sctp.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const {
  LAYER_GRE,
  LAYER_ICMP,
  LAYER_ICMPV6,
  LAYER_IGMP,
  LAYER_IPV4,
  LAYER_IPV6,
  LAYER_IPV6_EXT,
  LAYER_TCP,
  LAYER_UDP,
} = frameModule;
// Overlays and encapsulations (issue 15 family 3).
const { LAYER_AH, LAYER_ESP, LAYER_SCTP } = frameModule;
const { IPPROTO_ESP, IPPROTO_SCTP } = numbersModule;
const {
  IP_DF,
  IP_MF,
  IP_OFFMASK,
  IP_RF,
  IPOPT_DATA_AT,
  IPOPT_HLEN,
  IPOPT_PTR_AT,
  IPOPT_RA_LEN,
  IPOPT_ROUTE_AT,
  IPTOS_ECN_MASK,
  IPV4_ALEN,
  IPV4_DST_AT,
  IPV4_ID_AT,
  IPV4_LEN_AT,
  IPV4_MIN_HLEN,
  IPV4_OFF_AT,
  IPV4_PROTO_AT,
  IPV4_SRC_AT,
  IPV4_SUM_AT,
  IPV4_TOS_AT,
  IPV4_TTL_AT,
} = ipv4Module;
const {
  IP6E_LEN_AT,
  IP6E_OPTS_AT,
  IP6F_HLEN,
  IP6F_IDENT_AT,
  IP6OPT_DATA_AT,
  IP6OPT_JUMBO_LEN,
  IP6OPT_LEN_AT,
  IP6OPT_RTALERT_LEN,
  IP6R0_RESERVED_AT,
  IP6R_ADDRS_AT,
  IP6R_SEGLEFT_AT,
  IP6R_TYPE_AT,
  IPV6_ALEN,
  IPV6_DST_AT,
  IPV6_HLEN,
  IPV6_HLIM_AT,
  IPV6_NEXT_AT,
  IPV6_PLEN_AT,
  IPV6_SRC_AT,
  SRH_FLAGS_AT,
  SRH_LAST_ENT_AT,
  SRH_TAG_AT,
} = ipv6Module;
const {
  IP6OPT_JUMBO,
  IP6OPT_PAD1,
  IP6OPT_PADN,
  IP6OPT_ROUTER_ALERT,
  IP_ECN,
  IP_OPTIONS,
  IPOPT_EOL,
  IPOPT_LSRR,
  IPOPT_NOP,
  IPOPT_RA,
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
  IPV6_RTHDR_TYPE_0,
  IPV6_RTHDR_TYPE_2,
  IPV6_RTHDR_TYPE_4,
} = numbersModule;
const { PORTS_LEN } = tcpModule;

// ---- IPv4 -----------------------------------------------------------------------------------

/** The addresses of a record or source route option at `off`, as tcpdump's ip_printroute. */
function ipv4Route(d: Uint8Array, off: number, len: number): string {
  if (len < IPOPT_ROUTE_AT) return " [bad length " + len + "]";
  let s = (len + 1) & 3 ? " [bad length " + len + "]" : "";
  const ptr = d[off + IPOPT_PTR_AT] - 1;
  if (ptr < IPOPT_ROUTE_AT || (ptr + 1) & 3 || ptr > len + 1) {
    s += " [bad ptr " + d[off + IPOPT_PTR_AT] + "]";
  }
  for (let a = IPOPT_ROUTE_AT; a + IPV4_ALEN <= len; a += IPV4_ALEN) {
    s += " " + ipv4String(d, off + a) + (ptr > a ? "," : "");
  }
  return s;
}

/** The options in `[off, end)`, comma-separated. */
function ipv4Options(d: Uint8Array, off: number, end: number): string {
  let s = "";
  for (let i = off; i < end;) {
    const t = d[i];
    const len = ipv4OptionLength(d, i, end);
    if (s !== "") s += ",";
    const short = t !== IPOPT_EOL && t !== IPOPT_NOP && len < IPOPT_HLEN;
    if (len < 1 || i + len > end || short) return s + "[bad length]";
    s += IP_OPTIONS[t] ?? "unknown (" + t + ")";
    if (t === IPOPT_RR || t === IPOPT_LSRR || t === IPOPT_SSRR) s += ipv4Route(d, i, len);
    if (t === IPOPT_RA && len === IPOPT_RA_LEN && u16(d, i + IPOPT_DATA_AT) !== 0) {
      s += " value " + u16(d, i + IPOPT_DATA_AT);
    }
    if (t === IPOPT_EOL) break;
    i += len;
  }
  return s;
}

/**
 * The parts of {@link ipv4Verbose} that repeat from packet to packet, each made once:
 * `(tos 0x0, ttl 64, id ` by TOS and TTL, and `, offset 0, flags [DF], proto UDP (17), length `
 * by the flag bits and protocol of unfragmented packets. "" until made.
 */
const V4_HEAD: string[] = new Array(1 << 16).fill("");
const V4_MID: string[] = new Array(1 << 11).fill("");

/** -v: `(tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto UDP (17), length 41) `. */
function ipv4Verbose(d: Uint8Array, off: number, hl: number, checksums: boolean): string {
  const tos = d[off + IPV4_TOS_AT], fo = u16(d, off + IPV4_OFF_AT), proto = d[off + IPV4_PROTO_AT];
  const headKey = (tos << 8) | d[off + IPV4_TTL_AT];
  let head = V4_HEAD[headKey];
  if (head === "") {
    head = "(tos 0x" + tos.toString(16);
    const ecn = tos & IPTOS_ECN_MASK;
    if (ecn) head += "," + IP_ECN[ecn];
    head = V4_HEAD[headKey] = head + ", ttl " + d[off + IPV4_TTL_AT] + ", id ";
  }
  const midKey = (((fo & IP_RF ? 4 : 0) | (fo & IP_DF ? 2 : 0) | (fo & IP_MF ? 1 : 0)) << 8) |
    proto;
  let mid = (fo & IP_OFFMASK) === 0 ? V4_MID[midKey] : "";
  if (mid === "") {
    const flags = (fo & IP_RF ? "rsvd" : "") + (fo & IP_DF ? "DF" : "") + (fo & IP_MF ? "+" : "");
    mid = ", offset " + ipv4FragOffset(d, off) + ", flags [" + (flags || "none") + "], proto " +
      ipProtoName(proto) + " (" + proto + "), length ";
    if ((fo & IP_OFFMASK) === 0) V4_MID[midKey] = mid;
  }
  let s = head + u16(d, off + IPV4_ID_AT) + mid + u16(d, off + IPV4_LEN_AT);
  if (hl > IPV4_MIN_HLEN) s += ", options (" + ipv4Options(d, off + IPV4_MIN_HLEN, off + hl) + ")";
  if (checksums && onesSum(d, off, off + hl) !== 0xffff) {
    const field = u16(d, off + IPV4_SUM_AT);
    const want = checksumFor(d, off, off + hl, off + IPV4_SUM_AT);
    s += ", bad cksum " + field.toString(16) + " (->" + want.toString(16) + ")!";
  }
  return s + ") ";
}

/** The IPv4 layer `j` and what it carries. */
export function ipv4(c: PrintContext, j: number): string {
  const d = c.d, off = c.ds.start[j], hl = ipv4HeaderLength(d, off);
  const tot = u16(d, off + IPV4_LEN_AT);
  let s = c.link ? "" : "IP ";
  if (c.verbose) s += ipv4Verbose(d, off, hl, c.checksums);
  const src = ipv4String(d, off + IPV4_SRC_AT), dst = ipv4String(d, off + IPV4_DST_AT);
  const proto = d[off + IPV4_PROTO_AT];
  if (u16(d, off + IPV4_OFF_AT) & IP_OFFMASK) return s + src + " > " + dst + ": ip-proto-" + proto;
  c.enterIp(j, src, dst, (tot !== 0 ? tot : c.ds.end[j] - off) - hl, true);
  return s + ipPayload(c, j + 1, off + hl, proto);
}

// ---- IPv6 -----------------------------------------------------------------------------------

/** -v: `(class 0x10, flowlabel 0x12345, hlim 64, next-header UDP (17) payload length: 21) `. */
function ipv6Verbose(d: Uint8Array, off: number): string {
  const tc = ipv6TrafficClass(d, off), flow = ipv6Flow(d, off), next = d[off + IPV6_NEXT_AT];
  let s = "(";
  if (tc) s += "class 0x" + hex2(tc) + ", ";
  if (flow) s += "flowlabel 0x" + flow.toString(16).padStart(5, "0") + ", ";
  return s + "hlim " + d[off + IPV6_HLIM_AT] + ", next-header " + ipProtoName(next) + " (" + next +
    ") payload length: " + u16(d, off + IPV6_PLEN_AT) + ") ";
}

/** Hop-by-hop or destination options in `[off, end)`. */
function ipv6Opts(d: Uint8Array, off: number, end: number): string {
  let s = "";
  for (let i = off; i < end;) {
    const t = d[i];
    if (t === IP6OPT_PAD1) {
      s += "(pad1)";
      i++;
      continue;
    }
    if (i + IP6OPT_DATA_AT > end || i + IP6OPT_DATA_AT + d[i + IP6OPT_LEN_AT] > end) {
      return s + "[trunc]";
    }
    const len = d[i + IP6OPT_LEN_AT], data = i + IP6OPT_DATA_AT;
    if (t === IP6OPT_PADN) s += "(padn)";
    else if (t === IP6OPT_ROUTER_ALERT && len === IP6OPT_RTALERT_LEN) {
      s += "(rtalert: 0x" + hex4(u16(d, data)) + ") ";
    } else if (t === IP6OPT_JUMBO && len === IP6OPT_JUMBO_LEN) {
      s += "(jumbo: " + u32(d, data) + ") ";
    } else s += "(opt_type 0x" + hex2(t) + ": len=" + len + ")";
    i = data + len;
  }
  return s;
}

/** `, [0]2001:db8::1, [1]...`: the `n` addresses of a routing header from `at`. */
function routeAddresses(d: Uint8Array, at: number, n: number): string {
  let s = "";
  for (let a = 0; a < n; a++) s += ", [" + a + "]" + ipv6String(d, at + IPV6_ALEN * a);
  return s;
}

/** One extension header of kind `type` at `off`; `remaining` octets follow its start. */
function ipv6Ext(c: PrintContext, type: number, off: number, remaining: number): string {
  const d = c.d;
  if (type === IPPROTO_HOPOPTS || type === IPPROTO_DSTOPTS) {
    const name = type === IPPROTO_HOPOPTS ? "HBH" : "DSTOPT";
    if (!c.verbose) return name + " ";
    return name + " " + ipv6Opts(d, off + IP6E_OPTS_AT, off + ipv6ExtSize(d, off, type)) + " ";
  }
  if (type === IPPROTO_FRAGMENT) {
    const id = c.verbose
      ? "0x" + u32(d, off + IP6F_IDENT_AT).toString(16).padStart(8, "0") + ":"
      : "";
    return "frag (" + id + ipv6FragOffset(d, off) + "|" + (remaining - IP6F_HLEN) + ") ";
  }
  if (type === IPPROTO_ROUTING) {
    const rt = d[off + IP6R_TYPE_AT], len = d[off + IP6E_LEN_AT];
    let s = "RT6 (len=" + len + ", type=" + rt + (rt === IPV6_RTHDR_TYPE_0 ? " [Deprecated]" : "") +
      ", segleft=" + d[off + IP6R_SEGLEFT_AT];
    // `len` counts 8-octet units: two per address.
    if (rt === IPV6_RTHDR_TYPE_0 || rt === IPV6_RTHDR_TYPE_2) {
      if (c.verbose) s += ", rsv=0x" + u32(d, off + IP6R0_RESERVED_AT).toString(16);
      s += routeAddresses(d, off + IP6R_ADDRS_AT, len >> 1);
    } else if (rt === IPV6_RTHDR_TYPE_4) {
      s += ", last-entry=" + d[off + SRH_LAST_ENT_AT];
      if (d[off + SRH_FLAGS_AT] || c.verbose) {
        s += ", flags=0x" + d[off + SRH_FLAGS_AT].toString(16);
      }
      s += ", tag=" + u16(d, off + SRH_TAG_AT).toString(16);
      s += routeAddresses(d, off + IP6R_ADDRS_AT, len >> 1);
    }
    return s + ") ";
  }
  // Overlays and encapsulations (issue 15 family 3): AH as IPv4's.
  if (type === IPPROTO_AH) return ah(c, off);
  return "";
}

/** The IPv6 layer `j`, its extension headers and what they carry. */
export function ipv6(c: PrintContext, j: number): string {
  const d = c.d, ds = c.ds, off = ds.start[j], plen = u16(d, off + IPV6_PLEN_AT);
  let s = c.link ? "" : "IP6 ";
  if (c.verbose) s += ipv6Verbose(d, off);
  const src = ipv6String(d, off + IPV6_SRC_AT), dst = ipv6String(d, off + IPV6_DST_AT);
  let next = d[off + IPV6_NEXT_AT];
  // tcpdump puts the addresses in front of the extension headers, except for bare TCP and UDP,
  // which print them with the ports.
  const direct = next === IPPROTO_TCP || next === IPPROTO_UDP || next === IPPROTO_SCTP;
  if (!direct) s += src + " > " + dst + ": ";
  let remaining = plen !== 0 ? plen : ds.end[j] - off - IPV6_HLEN;
  let k = j + 1, toff = off + IPV6_HLEN;
  for (; k < ds.count && ds.kind[k] === LAYER_IPV6_EXT; k++) {
    const type = ds.aux[k], eoff = ds.start[k];
    s += ipv6Ext(c, type, eoff, remaining);
    next = ds.next[k];
    const size = ipv6ExtSize(d, eoff, type);
    remaining -= size;
    toff = eoff + size;
    if (type === IPPROTO_FRAGMENT && ipv6FragOffset(d, eoff) !== 0) return trimSeparator(s);
  }
  if (k === ds.count && ds.truncated === LAYER_IPV6) {
    // Overlays and encapsulations (issue 15 family 3): a cut AH prints what fits.
    return s + (next === IPPROTO_AH ? ah(c, toff) : "[|ip6]");
  }
  c.enterIp(j, src, dst, remaining, direct);
  return s + ipPayload(c, k, toff, next);
}

// ---- what IP carries --------------------------------------------------------------------------

/**
 * Layer `k`, which protocol `proto` at `toff` should be, in the IP layer noted in the context
 * (`c.enterIp`).
 */
function ipPayload(c: PrintContext, k: number, toff: number, proto: number): string {
  const kind = c.kind(k), payLen = c.payLen;
  if (proto === IPPROTO_TCP || proto === IPPROTO_UDP) {
    const want = proto === IPPROTO_TCP ? LAYER_TCP : LAYER_UDP;
    if (kind !== want) {
      const name = proto === IPPROTO_TCP ? "tcp" : "udp";
      if (toff + PORTS_LEN <= c.d.length) {
        return ports(c, toff) + (c.ds.malformed === want ? "[bad hdr length]" : " [|" + name + "]");
      }
      return c.addresses() + " [|" + name + "]";
    }
    return proto === IPPROTO_TCP ? tcp(c, k) : udp(c, k);
  }
  // Overlays and encapsulations (issue 15 family 3): SCTP prints its ports as TCP does.
  if (proto === IPPROTO_SCTP) {
    // A cut common header prints no addresses, as tcpdump's.
    return kind === LAYER_SCTP ? sctp(c, k) : " [|sctp]";
  }
  const ad = c.addresses();
  if (proto === IPPROTO_ICMP) {
    return ad + (kind === LAYER_ICMP ? icmp(c, k, payLen) : "ICMP [|icmp]");
  }
  if (proto === IPPROTO_ICMPV6) {
    return ad + (kind === LAYER_ICMPV6 ? icmp6(c, k, payLen) : "ICMP6 [|icmp6]");
  }
  if (proto === IPPROTO_GRE) return ad + (kind === LAYER_GRE ? gre(c, k, payLen) : "GRE [|gre]");
  if (proto === IPPROTO_IGMP) return ad + (kind === LAYER_IGMP ? igmp(c, k) : "igmp [|igmp]");
  if (proto === IPPROTO_IPIP) return ad + (kind === LAYER_IPV4 ? ipv4(c, k) : "IP [|ip]");
  if (proto === IPPROTO_IPV6) return ad + (kind === LAYER_IPV6 ? ipv6(c, k) : "IP6 [|ip6]");
  if (proto === IPPROTO_NONE) return ad + "no next header";
  // Overlays and encapsulations (issue 15 family 3): IPsec.
  if (proto === IPPROTO_ESP) {
    return ad + (kind === LAYER_ESP ? esp(c, c.ds.start[k], payLen) : " [|esp]");
  }
  if (proto === IPPROTO_AH) {
    if (kind !== LAYER_AH) return ad + ah(c, toff);
    const off = c.ds.start[k], size = ahLength(c.d, off);
    // What AH protects prints its ports without the addresses, as tcpdump does.
    c.addrs = false;
    c.payLen = payLen - size;
    return ad + ah(c, off) + ipPayload(c, k + 1, off + size, c.ds.next[k]);
  }
  // Gateways, time and management (issue 15, family 4).
  const g = ipGateway(c, k, proto);
  if (g !== "") return ad + g;
  return ad + " ip-proto-" + proto + " " + payLen;
}
