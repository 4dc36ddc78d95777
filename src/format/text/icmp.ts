/** Text of ICMP and ICMPv6, as tcpdump's print-icmp.c and print-icmp6.c print them. */

import { ipv4String, ipv6String, u16, u32 } from "../../decode/bytes.ts";
import { icmpQuoted } from "../../decode/icmp.ts";
import * as icmpModule from "../../decode/icmp.ts";
import { icmpv6Quoted } from "../../decode/icmpv6.ts";
import * as icmpv6Module from "../../decode/icmpv6.ts";
import * as numbersModule from "../../decode/numbers.ts";
import {
  ICMP6_TRUNC,
  mldv2Query,
  mldv2Report,
  ndOptions,
  redirectAddresses,
  routerAdvert,
} from "./icmpv6_nd.ts";
import { hex4, pad2, type PrintContext } from "./context.ts";
import { transportChecksum } from "./transport.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const {
  ICMP_CODE_AT,
  ICMP_GWADDR_AT,
  ICMP_ID_AT,
  ICMP_MASK_AT,
  ICMP_MASKLEN,
  ICMP_MINLEN,
  ICMP_NEXTMTU_AT,
  ICMP_OTIME_AT,
  ICMP_PPTR_AT,
  ICMP_RTIME_AT,
  ICMP_SEQ_AT,
  ICMP_TSLEN,
  ICMP_TTIME_AT,
  ICMP_TYPE_AT,
} = icmpModule;
const {
  ICMP6_CODE_AT,
  ICMP6_ID_AT,
  ICMP6_MTU_AT,
  ICMP6_SEQ_AT,
  ICMP6_SUM_AT,
  ICMP6_TYPE_AT,
  MLD_ADDR_AT,
  MLD_LEN,
  MLD_MAXDELAY_AT,
  ND_NS_LEN,
  ND_RD_LEN,
  ND_RS_LEN,
  ND_NA_FLAG_OVERRIDE,
  ND_NA_FLAG_ROUTER,
  ND_NA_FLAG_SOLICITED,
  ND_NA_FLAGS_AT,
  ND_TARGET_AT,
} = icmpv6Module;
const {
  ICMP6_DST_UNREACH,
  ICMP6_DST_UNREACH_ADDR,
  ICMP6_DST_UNREACH_ADMIN,
  ICMP6_DST_UNREACH_BEYONDSCOPE,
  ICMP6_DST_UNREACH_NOPORT,
  ICMP6_DST_UNREACH_NOROUTE,
  ICMP6_ECHO_REPLY,
  ICMP6_ECHO_REQUEST,
  ICMP6_PACKET_TOO_BIG,
  ICMP6_TIME_EXCEED_REASSEMBLY,
  ICMP6_TIME_EXCEED_TRANSIT,
  ICMP6_TIME_EXCEEDED,
  ICMP6_TYPES,
  ICMP6_UNREACH_TEXTS,
  ICMP_ECHO,
  ICMP_ECHOREPLY,
  ICMP_MASKREPLY,
  ICMP_PARAMPROB,
  ICMP_PARAMPROB_ERRATPTR,
  ICMP_REDIRECT,
  ICMP_REDIRECT_TEXTS,
  ICMP_TIMXCEED,
  ICMP_TIMXCEED_INTRANS,
  ICMP_TIMXCEED_REASS,
  ICMP_TSTAMP,
  ICMP_TSTAMPREPLY,
  ICMP_TYPES,
  ICMP_UNREACH,
  ICMP_UNREACH_NEEDFRAG,
  ICMP_UNREACH_PORT,
  ICMP_UNREACH_PROTOCOL,
  ICMP_UNREACH_TEXTS,
  IPPROTO_ICMPV6,
  IPPROTO_TCP,
  IPPROTO_UDP,
  MLD_LISTENER_DONE,
  MLD_LISTENER_QUERY,
  MLD_LISTENER_REPORT,
  MLDV2_LISTENER_REPORT,
  ND_NEIGHBOR_ADVERT,
  ND_NEIGHBOR_SOLICIT,
  ND_REDIRECT,
  ND_ROUTER_ADVERT,
  ND_ROUTER_SOLICIT,
} = numbersModule;

/** `HH:MM:SS.mmm` for milliseconds since midnight (ICMP timestamps). */
function msOfDay(t: number): string {
  const ms = t % 1000, sec = Math.floor(t / 1000);
  const hrs = Math.floor(sec / 3600), min = Math.floor(sec / 60) % 60;
  return pad2(hrs) + ":" + pad2(min) + ":" + pad2(sec % 60) + "." + String(ms).padStart(3, "0");
}

/** The ICMP layer `k`; `len` is the ICMP message length the IP header gives. */
export function icmp(c: PrintContext, k: number, len: number): string {
  const d = c.d, off = c.ds.start[k], end = c.ds.end[k];
  const type = d[off + ICMP_TYPE_AT], code = d[off + ICMP_CODE_AT];
  const q = icmpQuoted(d, off, end);
  const qdst = q ? q.dst : "?";
  let m: string;
  if (type === ICMP_ECHOREPLY || type === ICMP_ECHO) {
    m = ICMP_TYPES[type] + ", id " + u16(d, off + ICMP_ID_AT) + ", seq " +
      u16(d, off + ICMP_SEQ_AT);
  } else if (type === ICMP_UNREACH) {
    if (code === ICMP_UNREACH_PROTOCOL) {
      m = qdst + " protocol " + (q ? q.proto : 0) + " unreachable";
    } else if (code === ICMP_UNREACH_PORT) {
      m = q && q.dport !== undefined
        ? qdst + " " + (q.proto === IPPROTO_TCP ? "tcp" : "udp") + " port " + q.dport +
          " unreachable"
        : qdst + " protocol " + (q ? q.proto : 0) + " port ? unreachable";
    } else if (code === ICMP_UNREACH_NEEDFRAG) {
      const mtu = u16(d, off + ICMP_NEXTMTU_AT);
      m = qdst + " unreachable - need to frag" + (mtu ? " (mtu " + mtu + ")" : "");
    } else if (code < ICMP_UNREACH_TEXTS.length) m = ICMP_UNREACH_TEXTS[code].replace("%s", qdst);
    else m = qdst + " unreachable - #" + code;
  } else if (type === ICMP_TIMXCEED) {
    m = code === ICMP_TIMXCEED_INTRANS
      ? "time exceeded in-transit"
      : code === ICMP_TIMXCEED_REASS
      ? "ip reassembly time exceeded"
      : "time exceeded-#" + code;
  } else if (type === ICMP_REDIRECT) {
    m = (ICMP_REDIRECT_TEXTS[code] ?? "redirect-tos %s to host %s").replace("%s", qdst)
      .replace("%s", ipv4String(d, off + ICMP_GWADDR_AT));
  } else if (type === ICMP_PARAMPROB) {
    m = code === ICMP_PARAMPROB_ERRATPTR
      ? "parameter problem - octet " + d[off + ICMP_PPTR_AT]
      : "parameter problem code " + code;
  } else if ((type === ICMP_TSTAMP || type === ICMP_TSTAMPREPLY) && off + ICMP_MINLEN <= end) {
    m = "time stamp " + (type === ICMP_TSTAMP ? "query" : "reply") + " id " +
      u16(d, off + ICMP_ID_AT) + " seq " + u16(d, off + ICMP_SEQ_AT);
    if (type === ICMP_TSTAMPREPLY && off + ICMP_TSLEN <= end) {
      m += ": org " + msOfDay(u32(d, off + ICMP_OTIME_AT)) + ", recv " +
        msOfDay(u32(d, off + ICMP_RTIME_AT)) + ", xmit " + msOfDay(u32(d, off + ICMP_TTIME_AT));
    }
  } else if (type === ICMP_MASKREPLY && off + ICMP_MASKLEN <= end) {
    m = "address mask is 0x" + u32(d, off + ICMP_MASK_AT).toString(16).padStart(8, "0");
  } else m = ICMP_TYPES[type] ?? "type-#" + type;
  return "ICMP " + m + ", length " + len;
}

/** An ICMPv6 destination unreachable or time exceeded message at `off`. */
function icmp6Error(d: Uint8Array, type: number, code: number, off: number, end: number): string {
  const q = icmpv6Quoted(d, off, end);
  const dst = q ? q.dst : "?";
  if (type === ICMP6_DST_UNREACH) {
    let s = "destination unreachable, " +
      (ICMP6_UNREACH_TEXTS[code] ?? "unknown unreach code (" + code + ")");
    if (
      code === ICMP6_DST_UNREACH_NOROUTE || code === ICMP6_DST_UNREACH_ADMIN ||
      code === ICMP6_DST_UNREACH_ADDR
    ) {
      s += " " + dst;
    } else if (code === ICMP6_DST_UNREACH_BEYONDSCOPE) {
      s += " " + dst + ", source address " + (q ? q.src : "?");
    } else if (code === ICMP6_DST_UNREACH_NOPORT && q && q.dport !== undefined) {
      s += q.proto === IPPROTO_TCP || q.proto === IPPROTO_UDP
        ? ", " + dst + (q.proto === IPPROTO_TCP ? " tcp" : " udp") + " port " + q.dport
        : ", " + dst + " protocol " + q.proto + " port " + q.dport + " unreachable";
    }
    return s;
  }
  return "time exceeded in-transit" +
    (code === ICMP6_TIME_EXCEED_TRANSIT
      ? " for " + dst
      : code === ICMP6_TIME_EXCEED_REASSEMBLY
      ? " (reassembly)"
      : ", unknown code (" + code + ")");
}

/** `router, solicited, override`: the flags of a neighbor advertisement, "none" without any. */
function naFlags(f: number): string {
  let s = f & ND_NA_FLAG_ROUTER ? "router" : "";
  if (f & ND_NA_FLAG_SOLICITED) s += (s ? ", " : "") + "solicited";
  if (f & ND_NA_FLAG_OVERRIDE) s += (s ? ", " : "") + "override";
  return s || "none";
}

/** The ICMPv6 layer `k` of the IP layer in the context; `len` is the message length. */
export function icmp6(c: PrintContext, k: number, len: number): string {
  const d = c.d, off = c.ds.start[k], end = c.ds.end[k], type = d[off + ICMP6_TYPE_AT];
  let s = "";
  if (c.verbose) {
    const want = transportChecksum(c, IPPROTO_ICMPV6, off, len, off + ICMP6_SUM_AT);
    if (want >= 0) {
      const field = u16(d, off + ICMP6_SUM_AT);
      s += want === field
        ? "[icmp6 sum ok] "
        : "[bad icmp6 cksum 0x" + hex4(field) + " -> 0x" + hex4(want) + "!] ";
    }
  }
  s += "ICMP6, ";
  const length = c.verbose ? "" : ", length " + len;
  if (type === ICMP6_ECHO_REQUEST || type === ICMP6_ECHO_REPLY) {
    return s + (type === ICMP6_ECHO_REQUEST ? "echo request" : "echo reply") + ", id " +
      u16(d, off + ICMP6_ID_AT) + ", seq " + u16(d, off + ICMP6_SEQ_AT) + length;
  }
  if (type === ND_NEIGHBOR_SOLICIT || type === ND_NEIGHBOR_ADVERT) {
    const solicit = type === ND_NEIGHBOR_SOLICIT;
    const what = solicit ? "neighbor solicitation" : "neighbor advertisement";
    const tgt = (solicit ? "who has " : "tgt is ") + ipv6String(d, off + ND_TARGET_AT);
    if (!c.verbose) return s + what + ", " + tgt + ", length " + len;
    s += what + ", length " + len + ", " + tgt;
    if (!solicit) s += ", Flags [" + naFlags(d[off + ND_NA_FLAGS_AT]) + "]";
    return ndOptions(c, s, off + ND_NS_LEN, end, len - ND_NS_LEN);
  }
  // ---- addressing (issue 15b): ND options, redirects, MLDv2
  if (type === ND_ROUTER_SOLICIT || type === ND_ROUTER_ADVERT) {
    s += ICMP6_TYPES[type] + ", length " + len;
    if (!c.verbose) return s;
    if (type === ND_ROUTER_ADVERT) return routerAdvert(c, s, off, end, len);
    return ndOptions(c, s, off + ND_RS_LEN, end, len - ND_RS_LEN);
  }
  if (type === ND_REDIRECT) {
    const to = redirectAddresses(d, off, end);
    if (to === undefined) return s + ICMP6_TYPES[type] + ICMP6_TRUNC;
    if (!c.verbose) return s + ICMP6_TYPES[type] + to + ", length " + len;
    s += ICMP6_TYPES[type] + ", length " + len + to;
    return ndOptions(c, s, off + ND_RD_LEN, end, len - ND_RD_LEN);
  }
  if (type === MLD_LISTENER_QUERY && len !== MLD_LEN) {
    return s + ICMP6_TYPES[type] + mldv2Query(c, off, end, len) + length;
  }
  if (type === ICMP6_PACKET_TOO_BIG) {
    return s + "packet too big, mtu " + u32(d, off + ICMP6_MTU_AT) + length;
  }
  if (type === ICMP6_DST_UNREACH || type === ICMP6_TIME_EXCEEDED) {
    return s + icmp6Error(d, type, d[off + ICMP6_CODE_AT], off, end) + length;
  }
  if (
    (type === MLD_LISTENER_QUERY || type === MLD_LISTENER_REPORT || type === MLD_LISTENER_DONE) &&
    len === MLD_LEN && off + MLD_LEN <= end
  ) {
    return s + ICMP6_TYPES[type] + "max resp delay: " + u16(d, off + MLD_MAXDELAY_AT) + " addr: " +
      ipv6String(d, off + MLD_ADDR_AT) + length;
  }
  if (type === MLDV2_LISTENER_REPORT) {
    return s + "multicast listener report v2" + mldv2Report(c, off, end, len) + length;
  }
  return s + (ICMP6_TYPES[type] ?? "type-#" + type) + ", length " + len;
}
