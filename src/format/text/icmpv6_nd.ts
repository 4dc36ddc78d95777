/**
 * Text of neighbor discovery options, router advertisement details, redirects and MLDv2, as
 * tcpdump's print-icmp6.c prints them (issue 15b); what tcpdump puts on continuation lines
 * follows on the same line, each line break one space.
 *
 * @module
 */

import { hwString, ipv6String, u16, u32 } from "../../decode/bytes.ts";
import { dnsName } from "../../decode/dns.ts";
import * as icmpv6Module from "../../decode/icmpv6.ts";
import { mldv2MaxResp, mldv2Qqi, ndOptionLength } from "../../decode/icmpv6.ts";
import * as ipv6Module from "../../decode/ipv6.ts";
import * as numbersModule from "../../decode/numbers.ts";
import type { PrintContext } from "./context.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const {
  MLD_ADDR_AT,
  MLDV2_NREC_AT,
  MLDV2_QUERY_MINLEN,
  MLDV2_QUERY_MRC_AT,
  MLDV2_QUERY_NSRCS_AT,
  MLDV2_QUERY_QQIC_AT,
  MLDV2_QUERY_QRV_MASK,
  MLDV2_QUERY_SFLAG,
  MLDV2_QUERY_SQRV_AT,
  MLDV2_REC_ADDR_AT,
  MLDV2_REC_HLEN,
  MLDV2_REC_NSRCS_AT,
  MLDV2_REC_TYPE_AT,
  MLDV2_RECORDS_AT,
  ND_INFINITY,
  ND_OPT_ADVINT_AT,
  ND_OPT_HAI_LIFETIME_AT,
  ND_OPT_HAI_PREF_AT,
  ND_OPT_HLEN,
  ND_OPT_LEN_AT,
  ND_OPT_MTU_AT,
  ND_OPT_PI_FLAGS_AT,
  ND_OPT_PI_PLEN_AT,
  ND_OPT_PI_PREFERRED_AT,
  ND_OPT_PI_PREFIX_AT,
  ND_OPT_PI_UNITS,
  ND_OPT_PI_VALID_AT,
  ND_OPT_RDNSS_ADDR_AT,
  ND_OPT_RDNSS_LIFETIME_AT,
  ND_OPT_RTI_FLAGS_AT,
  ND_OPT_RTI_LIFETIME_AT,
  ND_OPT_RTI_PLEN_AT,
  ND_OPT_RTI_PREFIX_AT,
  ND_RA_FLAGS_AT,
  ND_RA_HOPLIMIT_AT,
  ND_RA_LEN,
  ND_RA_LIFETIME_AT,
  ND_RA_REACHABLE_AT,
  ND_RA_RETRANS_AT,
  ND_RA_RTPREF_MASK,
  ND_RA_RTPREF_SHIFT,
  ND_RD_DST_AT,
  ND_TARGET_AT,
} = icmpv6Module;
const { IPV6_ALEN } = ipv6Module;
const {
  MLDV2_RECORD_TYPES,
  ND_OPT_ADVINTERVAL,
  ND_OPT_DNSSL,
  ND_OPT_HOMEAGENT_INFO,
  ND_OPT_MTU,
  ND_OPT_PREFIX_INFORMATION,
  ND_OPT_RDNSS,
  ND_OPT_REDIRECTED_HEADER,
  ND_OPT_ROUTE_INFO,
  ND_OPT_SOURCE_LINKADDR,
  ND_OPT_TARGET_LINKADDR,
  ND_OPTIONS,
  ND_PI_FLAG_NAMES,
  ND_RA_FLAG_NAMES,
  ND_RTPREF_NAMES,
} = numbersModule;

/** tcpdump's mark for a message cut short. */
export const ICMP6_TRUNC = " [|icmp6]";
/** Octets per line of tcpdump's hex dump of unknown data. */
const HEX_LINE = 16;

/** The names of the bits of `v` set in `table`, comma-separated ("none" when none is). */
function bits(table: readonly (readonly [number, string])[], v: number): string {
  let s = "";
  for (const [bit, name] of table) if (v & bit) s += (s ? ", " : "") + name;
  return s || "none";
}

function lifetime(v: number): string {
  return v === ND_INFINITY ? "infinity" : v + "s";
}

/** `s` followed by tcpdump's print_unknown_data of `[from, to)`, each line break one space. */
export function unknownData(s: string, d: Uint8Array, from: number, to: number): string {
  s = s.trimEnd();
  for (let i = from; i < to; i += 2) {
    if ((i - from) % HEX_LINE === 0) s += " 0x" + (i - from).toString(16).padStart(4, "0") + ": ";
    s += " " + hwString(d, i, Math.min(2, to - i)).replace(":", "");
  }
  return s;
}

/**
 * The ND options in `[from, end)` (`resid` octets declared), appended to `s` as tcpdump's
 * icmp6_opt_print prints them; ends in ` [|icmp6]` where tcpdump gives up. One step per option.
 */
export function ndOptions(c: PrintContext, s: string, from: number, end: number, resid: number) {
  const d = c.d;
  for (let cp = from; cp < end;) {
    if (cp + ND_OPT_HLEN > end) return s + ICMP6_TRUNC;
    if (resid <= 0) return s;
    const type = d[cp], units = d[cp + ND_OPT_LEN_AT], len = ndOptionLength(d, cp, end);
    if (len < 0) return s + ICMP6_TRUNC;
    const stop = cp + len;
    s += " " + (ND_OPTIONS[type] ?? "unknown") + " option (" + type + "), length " + len + " (" +
      units + "): ";
    switch (type) {
      case ND_OPT_SOURCE_LINKADDR:
      case ND_OPT_TARGET_LINKADDR:
        s += hwString(d, cp + ND_OPT_HLEN, len - ND_OPT_HLEN);
        break;
      case ND_OPT_PREFIX_INFORMATION:
        if (cp + ND_OPT_PI_PREFIX_AT + IPV6_ALEN > end) return s + ICMP6_TRUNC;
        s += ipv6String(d, cp + ND_OPT_PI_PREFIX_AT) + "/" + d[cp + ND_OPT_PI_PLEN_AT] +
          (units !== ND_OPT_PI_UNITS ? "badlen" : "") + ", Flags [" +
          bits(ND_PI_FLAG_NAMES, d[cp + ND_OPT_PI_FLAGS_AT]) + "], valid time " +
          lifetime(u32(d, cp + ND_OPT_PI_VALID_AT)) + ", pref. time " +
          lifetime(u32(d, cp + ND_OPT_PI_PREFERRED_AT));
        break;
      case ND_OPT_REDIRECTED_HEADER:
        // tcpdump dumps the option's length of octets from the first option on.
        s = unknownData(s, d, from, Math.min(from + len, end));
        break;
      case ND_OPT_MTU:
        s += " " + u32(d, cp + ND_OPT_MTU_AT) + (units !== 1 ? "bad option length" : "");
        break;
      case ND_OPT_RDNSS: {
        s += " lifetime " + u32(d, cp + ND_OPT_RDNSS_LIFETIME_AT) + "s,";
        const n = (units - 1) >> 1;
        for (let i = 0; i < n; i++) {
          s += " addr: " + ipv6String(d, cp + ND_OPT_RDNSS_ADDR_AT + i * IPV6_ALEN);
        }
        break;
      }
      case ND_OPT_DNSSL: {
        s += " lifetime " + u32(d, cp + ND_OPT_RDNSS_LIFETIME_AT) + "s, domain(s):";
        // Names one after another; each step reads at least one octet.
        for (let i = cp + ND_OPT_RDNSS_ADDR_AT; i < stop && d[i] !== 0;) {
          const n = dnsName(d, from, i, end);
          if (n.next < 0) return s + " " + n.name + ICMP6_TRUNC;
          s += " " + n.name;
          i = n.next;
        }
        break;
      }
      case ND_OPT_ADVINTERVAL:
        s += " " + u32(d, cp + ND_OPT_ADVINT_AT) + "ms";
        break;
      case ND_OPT_HOMEAGENT_INFO:
        s += " preference " + u16(d, cp + ND_OPT_HAI_PREF_AT) + ", lifetime " +
          u16(d, cp + ND_OPT_HAI_LIFETIME_AT);
        break;
      case ND_OPT_ROUTE_INFO: {
        if (units > 3) return s + ICMP6_TRUNC;
        const prefix = new Uint8Array(IPV6_ALEN);
        prefix.set(d.subarray(cp + ND_OPT_RTI_PREFIX_AT, stop));
        s += " " + ipv6String(prefix, 0) + "/" + d[cp + ND_OPT_RTI_PLEN_AT] + ", pref=" +
          ND_RTPREF_NAMES[(d[cp + ND_OPT_RTI_FLAGS_AT] & ND_RA_RTPREF_MASK) >> ND_RA_RTPREF_SHIFT] +
          ", lifetime=" + lifetime(u32(d, cp + ND_OPT_RTI_LIFETIME_AT));
        break;
      }
      default:
        // tcpdump dumps an unknown option and stops there.
        return unknownData(s, d, cp + ND_OPT_HLEN, stop);
    }
    cp = stop;
    resid -= len;
  }
  return s;
}

/** A router advertisement's -v details and options (`len` the message length). */
export function routerAdvert(c: PrintContext, s: string, off: number, end: number, len: number) {
  const d = c.d;
  if (off + ND_RA_LEN > end) return s + ICMP6_TRUNC;
  const f = d[off + ND_RA_FLAGS_AT];
  s += " hop limit " + d[off + ND_RA_HOPLIMIT_AT] + ", Flags [" + bits(ND_RA_FLAG_NAMES, f) +
    "], pref " + ND_RTPREF_NAMES[(f & ND_RA_RTPREF_MASK) >> ND_RA_RTPREF_SHIFT] +
    ", router lifetime " + u16(d, off + ND_RA_LIFETIME_AT) + "s, reachable time " +
    u32(d, off + ND_RA_REACHABLE_AT) + "ms, retrans timer " + u32(d, off + ND_RA_RETRANS_AT) + "ms";
  return ndOptions(c, s, off + ND_RA_LEN, end, len - ND_RA_LEN);
}

/** `, DST to TGT` of a redirect, or undefined when cut short. */
export function redirectAddresses(d: Uint8Array, off: number, end: number): string | undefined {
  if (off + ND_RD_DST_AT + IPV6_ALEN > end) return undefined;
  return ", " + ipv6String(d, off + ND_RD_DST_AT) + " to " + ipv6String(d, off + ND_TARGET_AT);
}

/** After `multicast listener report v2`: the record count and, with -v, each record. */
export function mldv2Report(c: PrintContext, off: number, end: number, len: number): string {
  const d = c.d;
  if (len < MLDV2_RECORDS_AT) return " [invalid len " + len + "]";
  const n = u16(d, off + MLDV2_NREC_AT);
  let s = ", " + n + " group record(s)";
  if (!c.verbose) return s;
  let g = MLDV2_RECORDS_AT;
  for (let r = 0; r < n; r++) {
    if (len < g + MLDV2_REC_HLEN) return s + " [invalid number of groups]";
    if (off + g + MLDV2_REC_HLEN > end) return s + ICMP6_TRUNC;
    const rt = d[off + g + MLDV2_REC_TYPE_AT], nsrcs = u16(d, off + g + MLDV2_REC_NSRCS_AT);
    s += " [gaddr " + ipv6String(d, off + g + MLDV2_REC_ADDR_AT) + " " +
      (MLDV2_RECORD_TYPES[rt] ?? " [v2-report-#" + rt + "]");
    if (len < g + MLDV2_REC_HLEN + nsrcs * IPV6_ALEN) {
      return s + " [invalid number of sources " + nsrcs + "]";
    }
    s += ", " + nsrcs + " source(s)]";
    g += MLDV2_REC_HLEN + nsrcs * IPV6_ALEN;
  }
  return s;
}

/** After `multicast listener query`: ` v2 [...]` (or the unknown version) of a longer query. */
export function mldv2Query(c: PrintContext, off: number, end: number, len: number): string {
  const d = c.d;
  if (len < MLDV2_QUERY_MINLEN) return " unknown-version (len " + len + ") ";
  if (off + MLDV2_QUERY_MINLEN > end) return " v2" + ICMP6_TRUNC;
  let s = " v2";
  if (c.verbose) s += " [max resp delay=" + mldv2MaxResp(u16(d, off + MLDV2_QUERY_MRC_AT)) + "]";
  s += " [gaddr " + ipv6String(d, off + MLD_ADDR_AT);
  if (c.verbose) {
    const sqrv = d[off + MLDV2_QUERY_SQRV_AT];
    if (sqrv & MLDV2_QUERY_SFLAG) s += " sflag";
    if (sqrv & MLDV2_QUERY_QRV_MASK) s += " robustness=" + (sqrv & MLDV2_QUERY_QRV_MASK);
    s += " qqi=" + mldv2Qqi(d[off + MLDV2_QUERY_QQIC_AT]);
  }
  const nsrcs = u16(d, off + MLDV2_QUERY_NSRCS_AT);
  if (nsrcs > 0) {
    s += len < MLDV2_QUERY_MINLEN + nsrcs * IPV6_ALEN
      ? " [invalid number of sources]"
      : ", " + nsrcs + " source(s)";
  }
  return s + "]";
}
