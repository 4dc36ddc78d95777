/**
 * Text of the gateway leftovers of issue 15, family 4 (HSRP, PIM, PTP), as tcpdump 4.99's
 * print-hsrp.c, print-pim.c and print-ptp.c print them.
 *
 * @module
 */

import { hex2, ipv4String, ipv6String, u16, u32 } from "../../decode/bytes.ts";
import * as frameModule from "../../decode/frame.ts";
import * as hsrpModule from "../../decode/hsrp.ts";
import { onesSum } from "../../decode/ipv4.ts";
import {
  HSRP_OPCODES,
  HSRP_STATES,
  HSRP_VERSION_0,
  IPPROTO_PIM,
  PIM_AF_IPV4,
  PIM_AF_IPV6,
  PIM_HELLO_ADDRESS_LIST,
  PIM_HELLO_ADDRESS_LIST_OLD,
  PIM_HELLO_BIDIR_CAP,
  PIM_HELLO_DR_PRIORITY,
  PIM_HELLO_DR_PRIORITY_OLD,
  PIM_HELLO_GENID,
  PIM_HELLO_HOLDTIME,
  PIM_HELLO_LANPRUNEDELAY,
  PIM_HELLO_OPTIONS,
  PIM_HELLO_REFRESH_CAP,
  PIMV2_TYPE_ASSERT,
  PIMV2_TYPE_BOOTSTRAP,
  PIMV2_TYPE_CANDIDATE_RP,
  PIMV2_TYPE_ECMP_REDIRECT,
  PIMV2_TYPE_GRAFT,
  PIMV2_TYPE_GRAFT_ACK,
  PIMV2_TYPE_HELLO,
  PIMV2_TYPE_JOIN_PRUNE,
  PIMV2_TYPE_PRUNE_REFRESH,
  PIMV2_TYPE_REGISTER,
  PIMV2_TYPE_REGISTER_STOP,
  PIMV2_TYPES,
  PTP_ANNOUNCE,
  PTP_CONTROLS,
  PTP_DELAY_REQ,
  PTP_DELAY_RESP,
  PTP_FLAGS,
  PTP_FOLLOW_UP,
  PTP_MANAGEMENT,
  PTP_MSG_TYPES,
  PTP_PDELAY_REQ,
  PTP_PDELAY_RESP,
  PTP_PDELAY_RESP_FOLLOW_UP,
  PTP_SIGNALLING,
  PTP_SYNC,
  PTP_VERSION_1,
  PTP_VERSION_2,
  type Tok,
} from "../../decode/numbers.ts";
import * as pimModule from "../../decode/pim.ts";
import * as ptpModule from "../../decode/ptp.ts";
import { hex4, type PrintContext } from "./context.ts";
import { transportChecksum } from "./transport.ts";
import { safeChar } from "./gateways.ts";

const {
  HSRP_AUTH_AT,
  HSRP_AUTH_LEN,
  HSRP_GROUP_AT,
  HSRP_HELLOTIME_AT,
  HSRP_HOLDTIME_AT,
  HSRP_OPCODE_AT,
  HSRP_PRIORITY_AT,
  HSRP_RESERVED_AT,
  HSRP_STATE_AT,
  HSRP_VADDR_AT,
  HSRP_VERSION_AT,
} = hsrpModule;

const { LAYER_IPV4, LAYER_PIM } = frameModule;
const {
  PIM_ADDRLEN_MASK,
  PIM_CKSUM_AT,
  PIM_ASSERT_LEN,
  PIM_ASSERT_METRIC_AT,
  PIM_ASSERT_RPT,
  PIM_EA_ADDR_AT,
  PIM_EA_ENCODING_AT,
  PIM_EA_FLAGS_AT,
  PIM_EA_MASK_LEN_AT,
  PIM_BSR_FRPCNT_AT,
  PIM_BSR_GROUP_LEN,
  PIM_BSR_HASHLEN_AT,
  PIM_BSR_PRIO_AT,
  PIM_BSR_RP_LEN,
  PIM_BSR_RP_PRIO_AT,
  PIM_CRP_HLEN,
  PIM_CRP_HOLDTIME_AT,
  PIM_CRP_PRIO_AT,
  PIM_HOLDTIME_INFINITE,
  PIM_JP_HLEN,
  PIM_JP_HOLDTIME_AT,
  PIM_JP_NGROUP_AT,
  PIM_JP_NPRUNE_AT,
  PIM_SRC_R,
  PIM_SRC_RESERVED,
  PIM_SRC_S,
  PIM_SRC_W,
  PIM_EA_FAMILY_AT,
  PIM_EA_HLEN,
  PIM_HLEN,
  PIM_IPV4_LEN,
  PIM_IPV6_LEN,
  PIM_LPD_OVERRIDE_AT,
  PIM_LPD_T_BIT,
  PIM_OPT_HLEN,
  PIM_OPT_LEN_AT,
  PIM_OPT_TYPE_AT,
  PIM_REFRESH_INTERVAL_AT,
  PIM_REFRESH_RESERVED_AT,
  PIM_REGISTER_FLAGS_LEN,
  PIM_RSV_AT,
  PIM_TYPE_MASK,
  PIM_VERSION_2,
  PIM_VERSION_SHIFT,
  PIM_VT_AT,
} = pimModule;

const {
  hex64,
  PTP_ANN_ACC_AT,
  PTP_ANN_CLASS_AT,
  PTP_ANN_GM_AT,
  PTP_ANN_PRIO1_AT,
  PTP_ANN_PRIO2_AT,
  PTP_ANN_RSVD_AT,
  PTP_ANN_SOURCE_AT,
  PTP_ANN_STEPS_AT,
  PTP_ANN_UTC_AT,
  PTP_ANN_VAR_AT,
  PTP_CLOCK_ID_AT,
  PTP_CLOCK_ID_LEN,
  PTP_CONTROL_AT,
  PTP_CORRECTION_AT,
  PTP_DOMAIN_AT,
  PTP_FLAGS_AT,
  PTP_HLEN,
  PTP_LENGTH_AT,
  PTP_LOGINT_AT,
  PTP_PORT_AT,
  PTP_RSVD1_AT,
  PTP_RSVD2_AT,
  PTP_SEQ_AT,
  PTP_SUBNS_AT,
  PTP_TS_LEN,
  PTP_TS_NS_AT,
  PTP_TYPE_AT,
  PTP_TYPE_MASK,
  PTP_V1_COMPAT,
  PTP_VERSION_AT,
  u48,
} = ptpModule;

/** `marker`, noting that tcpdump gets there by its truncation longjmp. */
function early(c: PrintContext, marker: string): string {
  c.earlyEnd = true;
  return marker;
}

/** `tok2str`: the name of `v` in `t`, else `fmt` with `%u` replaced by the value. */
function tok(t: Tok, v: number, fmt: string): string {
  return t[v] ?? fmt.replace("%u", String(v));
}

/** Units of tcpdump's `unsigned_relts_print`, largest first. */
const RELTS: readonly [number, string][] = [
  [31536000, "y"],
  [604800, "w"],
  [86400, "d"],
  [3600, "h"],
  [60, "m"],
  [1, "s"],
];

/** Seconds as tcpdump's `unsigned_relts_print` writes them (`1m15s`, `0s`). */
export function relts(secs: number): string {
  if (secs === 0) return "0s";
  let s = "";
  for (const [n, unit] of RELTS) {
    if (secs >= n) {
      s += Math.floor(secs / n) + unit;
      secs %= n;
    }
  }
  return s;
}

const TRUNC_HSRP = " [|hsrp]";

/** HSRP at `off`, `len` octets of UDP payload declared. */
export function hsrp(c: PrintContext, off: number, len: number): string {
  const d = c.d, end = d.length;
  const has = (at: number, n = 1) => off + at + n <= end;
  if (!has(HSRP_VERSION_AT)) return early(c, TRUNC_HSRP);
  const version = d[off + HSRP_VERSION_AT];
  let s = "HSRPv" + version;
  if (version !== HSRP_VERSION_0) return s;
  s += "-";
  if (!has(HSRP_OPCODE_AT)) return s + early(c, TRUNC_HSRP);
  s += tok(HSRP_OPCODES, d[off + HSRP_OPCODE_AT], "unknown (%u)") + " " + len + ": ";
  if (!has(HSRP_STATE_AT)) return s + early(c, TRUNC_HSRP);
  s += "state=" + tok(HSRP_STATES, d[off + HSRP_STATE_AT], "Unknown (%u)") + " ";
  if (!has(HSRP_GROUP_AT)) return s + early(c, TRUNC_HSRP);
  s += "group=" + d[off + HSRP_GROUP_AT] + " ";
  if (!has(HSRP_RESERVED_AT)) return s + early(c, TRUNC_HSRP);
  const reserved = d[off + HSRP_RESERVED_AT];
  if (reserved !== 0) s += "[reserved=" + reserved + "!] ";
  if (!has(HSRP_VADDR_AT, 4)) return s + early(c, TRUNC_HSRP);
  s += "addr=" + ipv4String(d, off + HSRP_VADDR_AT);
  if (c.verbose) {
    s += " hellotime=" + relts(d[off + HSRP_HELLOTIME_AT]);
    s += " holdtime=" + relts(d[off + HSRP_HOLDTIME_AT]);
    s += " priority=" + d[off + HSRP_PRIORITY_AT];
    s += ' auth="';
    for (let i = 0; i < HSRP_AUTH_LEN; i++) {
      const ch = d[off + HSRP_AUTH_AT + i];
      if (ch === 0) break;
      s += safeChar(ch);
    }
    s += '"';
  }
  return s;
}

const TRUNC_PIM = " [|pim]";
const TRUNC_PIMV2 = " [|pimv2]";
/** Octets of one line of tcpdump's hex_print. */
const HEX_LINE = 16;

/** tcpdump's print_unknown_data of `[from, to)`, each line break one space. */
function hexData(d: Uint8Array, from: number, to: number): string {
  let s = "";
  for (let i = from; i < to; i += 2) {
    if ((i - from) % HEX_LINE === 0) s += " 0x" + hex4(i - from) + ": ";
    s += " ";
    for (const b of d.subarray(i, Math.min(i + 2, to))) s += hex2(b);
  }
  return s;
}

/** tcpdump's pimv2_check_checksum over the first `n` octets at `off`. */
function pimSum(c: PrintContext, off: number, n: number, end: number): string {
  const d = c.d;
  if (off + n > end) return "unverified";
  if (c.ds.kind[c.ip] === LAYER_IPV4) {
    return onesSum(d, off, off + n) === 0xffff ? "correct" : "incorrect";
  }
  const sum = transportChecksum(c, IPPROTO_PIM, off, n, off + PIM_CKSUM_AT);
  if (sum < 0) return "unverified";
  return sum === u16(d, off + PIM_CKSUM_AT) ? "correct" : "incorrect";
}

/** Kinds of PIM encoded addresses, as tcpdump's pimv2_addr_print takes them. */
const PIM_UNICAST = 0, PIM_GROUP = 1, PIM_SOURCE = 2;

/**
 * tcpdump's pimv2_addr_print of an encoded address of kind `at` at `p` (`len` octets left, `alen`
 * the RFC 2117 address length or 0): [text, octets used]; octets -1 when it cannot, -2 when
 * tcpdump's read of the family gives up (its longjmp).
 */
function pimAddr(
  d: Uint8Array,
  p: number,
  len: number,
  kind: number,
  alen: number,
  end: number,
): [string, number] {
  let hdr = 0;
  if (alen === 0) {
    if (len < PIM_EA_HLEN) return ["", -1];
    if (p + PIM_EA_FAMILY_AT >= end) return [TRUNC_PIMV2, -2];
    const af = d[p + PIM_EA_FAMILY_AT];
    if (af === PIM_AF_IPV4) alen = PIM_IPV4_LEN;
    else if (af === PIM_AF_IPV6) alen = PIM_IPV6_LEN;
    else return ["", -1];
    if (p + PIM_EA_ENCODING_AT >= end) return [TRUNC_PIMV2, -2];
    if (d[p + PIM_EA_ENCODING_AT] !== 0) return ["", -1];
    hdr = PIM_EA_HLEN;
  } else if (alen !== PIM_IPV4_LEN && alen !== PIM_IPV6_LEN) return ["", -1];
  p += hdr;
  len -= hdr;
  const str = (at: number) => alen === PIM_IPV4_LEN ? ipv4String(d, at) : ipv6String(d, at);
  if (kind === PIM_UNICAST) {
    if (len < alen || p + alen > end) return ["", -1];
    return [str(p), hdr + alen];
  }
  if (len < alen + PIM_EA_MASK_LEN_AT + 1 || p + PIM_EA_ADDR_AT + alen > end) return ["", -1];
  let a = str(p + PIM_EA_ADDR_AT);
  const mask = d[p + PIM_EA_MASK_LEN_AT], flags = d[p + PIM_EA_FLAGS_AT];
  if (mask !== alen * 8) a += "/" + mask;
  if (flags !== 0) {
    if (kind === PIM_GROUP) a += "(0x" + hex2(flags) + ")";
    else {
      a += "(" + (flags & PIM_SRC_S ? "S" : "") + (flags & PIM_SRC_W ? "W" : "") +
        (flags & PIM_SRC_R ? "R" : "");
      if (flags & PIM_SRC_RESERVED) a += "+0x" + hex2(flags & PIM_SRC_RESERVED);
      a += ")";
    }
  }
  return [a, hdr + PIM_EA_ADDR_AT + alen];
}

/** The body of PIM message `type` after its header at `at`, `len` octets declared, for -v. */
function pimBody(
  c: PrintContext,
  type: number,
  at: number,
  len: number,
  alen: number,
  end: number,
): string {
  const d = c.d;
  let s = "";
  // Appends one encoded address; false when tcpdump stops there (s then ends in its marker).
  const addr = (kind: number): boolean => {
    const [a, n] = pimAddr(d, at, len, kind, alen, end);
    if (n === -2) {
      s += early(c, a);
      return false;
    }
    if (n < 0) {
      s += TRUNC_PIMV2;
      return false;
    }
    s += a;
    at += n;
    len -= n;
    return true;
  };
  switch (type) {
    case PIMV2_TYPE_REGISTER_STOP:
      s += " group=";
      if (!addr(PIM_GROUP)) return s;
      s += " source=";
      addr(PIM_UNICAST);
      return s;
    case PIMV2_TYPE_JOIN_PRUNE:
    case PIMV2_TYPE_GRAFT:
    case PIMV2_TYPE_GRAFT_ACK: {
      if (type !== PIMV2_TYPE_GRAFT_ACK) {
        s += ", upstream-neighbor: ";
        if (!addr(PIM_UNICAST)) return s;
      }
      if (len < PIM_JP_HLEN || at + PIM_JP_HLEN > end) return s + TRUNC_PIMV2;
      const ngroup = d[at + PIM_JP_NGROUP_AT], hold = u16(d, at + PIM_JP_HOLDTIME_AT);
      s += " " + ngroup + " group(s)";
      if (type !== PIMV2_TYPE_GRAFT_ACK) {
        s += ", holdtime: " + (hold === PIM_HOLDTIME_INFINITE ? "infinite" : relts(hold));
      }
      at += PIM_JP_HLEN;
      len -= PIM_JP_HLEN;
      for (let i = 0; i < ngroup; i++) {
        s += " group #" + (i + 1) + ": ";
        if (!addr(PIM_GROUP)) return s;
        if (len < PIM_JP_HLEN || at + PIM_JP_HLEN > end) return s + TRUNC_PIMV2;
        const njoin = u16(d, at), nprune = u16(d, at + PIM_JP_NPRUNE_AT);
        s += ", joined sources: " + njoin + ", pruned sources: " + nprune;
        at += PIM_JP_HLEN;
        len -= PIM_JP_HLEN;
        for (let j = 0; j < njoin; j++) {
          s += " joined source #" + (j + 1) + ": ";
          if (!addr(PIM_SOURCE)) return s;
        }
        for (let j = 0; j < nprune; j++) {
          s += " pruned source #" + (j + 1) + ": ";
          if (!addr(PIM_SOURCE)) return s;
        }
      }
      return s;
    }
    case PIMV2_TYPE_ASSERT: {
      s += " group=";
      if (!addr(PIM_GROUP)) return s;
      s += " src=";
      if (!addr(PIM_UNICAST)) return s;
      if (len < PIM_ASSERT_LEN || at + PIM_ASSERT_LEN > end) return s + TRUNC_PIMV2;
      const pref = u32(d, at);
      if (pref & PIM_ASSERT_RPT) s += " RPT";
      s += " pref=" + (pref & ~PIM_ASSERT_RPT >>> 0) + " metric=" +
        u32(d, at + PIM_ASSERT_METRIC_AT);
      return s;
    }
    case PIMV2_TYPE_BOOTSTRAP: {
      if (len < 2) return s + TRUNC_PIMV2;
      if (at + 2 > end) return s + early(c, TRUNC_PIMV2);
      s += " tag=" + u16(d, at).toString(16);
      at += PIM_BSR_HASHLEN_AT;
      len -= PIM_BSR_HASHLEN_AT;
      if (len < 1) return s + TRUNC_PIMV2;
      if (at >= end) return s + early(c, TRUNC_PIMV2);
      s += " hashmlen=" + d[at];
      if (len < 2 || at + 2 >= end) return s + TRUNC_PIMV2;
      s += " BSRprio=" + d[at + PIM_BSR_PRIO_AT];
      at += 2;
      len -= 2;
      s += " BSR=";
      if (!addr(PIM_UNICAST)) return s;
      for (let i = 0; len > 0; i++) {
        s += " (group" + i + ": ";
        if (!addr(PIM_GROUP)) return s;
        if (len < 1) return s + TRUNC_PIMV2;
        if (at >= end) return s + early(c, TRUNC_PIMV2);
        s += " RPcnt=" + d[at];
        if (len < 2) return s + TRUNC_PIMV2;
        if (at + 1 >= end) return s + early(c, TRUNC_PIMV2);
        const frpcnt = d[at + PIM_BSR_FRPCNT_AT];
        s += " FRPcnt=" + frpcnt;
        if (len < PIM_BSR_GROUP_LEN) return s + TRUNC_PIMV2;
        at += PIM_BSR_GROUP_LEN;
        len -= PIM_BSR_GROUP_LEN;
        for (let j = 0; j < frpcnt && len > 0; j++) {
          s += " RP" + j + "=";
          if (!addr(PIM_UNICAST)) return s;
          if (len < 2) return s + TRUNC_PIMV2;
          s += ",holdtime=";
          if (at + 2 > end) return s + early(c, TRUNC_PIMV2);
          s += relts(u16(d, at));
          if (len < 3) return s + TRUNC_PIMV2;
          if (at + PIM_BSR_RP_PRIO_AT >= end) return s + early(c, TRUNC_PIMV2);
          s += ",prio=" + d[at + PIM_BSR_RP_PRIO_AT];
          if (len < PIM_BSR_RP_LEN) return s + TRUNC_PIMV2;
          at += PIM_BSR_RP_LEN;
          len -= PIM_BSR_RP_LEN;
        }
        s += ")";
      }
      return s;
    }
    case PIMV2_TYPE_CANDIDATE_RP: {
      if (len < 1) return s + TRUNC_PIMV2;
      if (at >= end) return s + early(c, TRUNC_PIMV2);
      const pfxcnt = d[at];
      s += " prefix-cnt=" + pfxcnt;
      if (len < 2) return s + TRUNC_PIMV2;
      if (at + PIM_CRP_PRIO_AT >= end) return s + early(c, TRUNC_PIMV2);
      s += " prio=" + d[at + PIM_CRP_PRIO_AT];
      if (len < PIM_CRP_HLEN) return s + TRUNC_PIMV2;
      s += " holdtime=";
      if (at + PIM_CRP_HLEN > end) return s + early(c, TRUNC_PIMV2);
      s += relts(u16(d, at + PIM_CRP_HOLDTIME_AT));
      at += PIM_CRP_HLEN;
      len -= PIM_CRP_HLEN;
      s += " RP=";
      if (!addr(PIM_UNICAST)) return s;
      for (let i = 0; i < pfxcnt && len > 0; i++) {
        s += " Group" + i + "=";
        if (!addr(PIM_GROUP)) return s;
      }
      return s;
    }
    case PIMV2_TYPE_PRUNE_REFRESH:
      s += " src=";
      if (!addr(PIM_UNICAST)) return s;
      s += " grp=";
      if (!addr(PIM_GROUP)) return s;
      s += " forwarder=";
      if (!addr(PIM_UNICAST)) return s;
      if (len < 2) return s + TRUNC_PIMV2;
      s += " TUNR ";
      if (at + 2 > end) return s + early(c, TRUNC_PIMV2);
      return s + relts(u16(d, at));
  }
  // tcpdump has no decoder for ECMP Redirect and the types after it.
  return type >= PIMV2_TYPE_ECMP_REDIRECT ? " [type " + type + "]" : s;
}

/** The Hello options after the header at `off`, `len` octets declared after it. */
function pimHello(c: PrintContext, at: number, len: number, alen: number, end: number): string {
  const d = c.d;
  let s = "";
  while (len > 0) {
    if (len < PIM_OPT_HLEN) return s + TRUNC_PIMV2;
    if (at + PIM_OPT_HLEN > end) return s + early(c, TRUNC_PIMV2);
    const type = u16(d, at + PIM_OPT_TYPE_AT), olen = u16(d, at + PIM_OPT_LEN_AT);
    s += " " + tok(PIM_HELLO_OPTIONS, type, "Unknown") + " Option (" + type + "), length " +
      olen + ", Value: ";
    at += PIM_OPT_HLEN;
    len -= PIM_OPT_HLEN;
    if (len < olen || at + olen > end) return s + TRUNC_PIMV2;
    const bad = (n: number) => "[option length " + olen + " != " + n + "] (invalid)";
    switch (type) {
      case PIM_HELLO_HOLDTIME:
        if (olen !== 2) return s + bad(2);
        s += relts(u16(d, at));
        break;
      case PIM_HELLO_LANPRUNEDELAY: {
        if (olen !== 4) return s + bad(4);
        const delay = u16(d, at);
        s += " T-bit=" + (delay & PIM_LPD_T_BIT ? 1 : 0) + ", LAN delay " +
          (delay & ~PIM_LPD_T_BIT) + "ms, Override interval " + u16(d, at + PIM_LPD_OVERRIDE_AT) +
          "ms";
        break;
      }
      case PIM_HELLO_DR_PRIORITY_OLD:
      case PIM_HELLO_DR_PRIORITY:
        if (olen === 0) s += "Bi-Directional Capability (Old)";
        else if (olen === 4) s += u32(d, at);
        else return s + bad(4);
        break;
      case PIM_HELLO_GENID:
        if (olen !== 4) return s + bad(4);
        s += "0x" + u32(d, at).toString(16).padStart(8, "0");
        break;
      case PIM_HELLO_REFRESH_CAP: {
        if (olen !== 4) return s + bad(4);
        s += "v" + d[at];
        const interval = d[at + PIM_REFRESH_INTERVAL_AT];
        if (interval !== 0) s += ", interval " + relts(interval);
        const rsv = u16(d, at + PIM_REFRESH_RESERVED_AT);
        if (rsv !== 0) s += " ?0x" + hex4(rsv) + "?";
        break;
      }
      case PIM_HELLO_BIDIR_CAP:
        break;
      case PIM_HELLO_ADDRESS_LIST_OLD:
      case PIM_HELLO_ADDRESS_LIST:
        if (c.verbose > 1) {
          let p = at, plen = len;
          while (p < at + olen) {
            const [a, n] = pimAddr(d, p, plen, PIM_UNICAST, alen, end);
            if (n === -2) return s + " " + early(c, a);
            if (n < 0) return s + " " + TRUNC_PIMV2;
            s += " " + a;
            p += n;
            plen -= n;
          }
        }
        break;
      default:
        if (c.verbose <= 1) s += hexData(d, at, at + olen);
    }
    if (c.verbose > 1) s += hexData(d, at, at + olen);
    at += olen;
    len -= olen;
  }
  return s;
}

/** PIM, IP payload layer `k` (or the truncated one). */
export function pim(c: PrintContext, k: number): string {
  const d = c.d, ds = c.ds, len = c.payLen;
  if (k >= ds.count || ds.kind[k] !== LAYER_PIM) return early(c, TRUNC_PIM);
  const off = ds.start[k], end = Math.min(d.length, ds.end[k]);
  const version = d[off + PIM_VT_AT] >> PIM_VERSION_SHIFT;
  const type = d[off + PIM_VT_AT] & PIM_TYPE_MASK;
  if (version !== PIM_VERSION_2) return "PIMv" + version + ", length " + len;
  const name = PIMV2_TYPES[type] ?? "Unknown Type";
  if (!c.verbose) return "PIMv2, " + name + ", length " + len;
  let s = "PIMv2, length " + len + " " + name;
  if (len < 2) return s + "[length " + len + " < 2] (invalid)";
  if (off + PIM_RSV_AT >= end) return s + early(c, TRUNC_PIMV2);
  const alen = d[off + PIM_RSV_AT] & PIM_ADDRLEN_MASK;
  if (alen !== 0) s += ", RFC2117-encoding";
  if (len < PIM_HLEN) return s + "[length " + len + " < 4] (invalid)";
  if (off + PIM_HLEN > end) return s + early(c, TRUNC_PIMV2);
  const ck = u16(d, off + PIM_CKSUM_AT);
  s += ", cksum 0x" + hex4(ck) + " ";
  if (ck === 0) s += "(unverified)";
  else if (type === PIMV2_TYPE_REGISTER) {
    const st = pimSum(c, off, PIM_HLEN + PIM_REGISTER_FLAGS_LEN, end);
    s += "(" + (st === "incorrect" ? pimSum(c, off, len, end) : st) + ")";
  } else s += "(" + pimSum(c, off, len, end) + ")";
  if (type === PIMV2_TYPE_HELLO) s += pimHello(c, off + PIM_HLEN, len - PIM_HLEN, alen, end);
  else s += pimBody(c, type, off + PIM_HLEN, len - PIM_HLEN, alen, end);
  return s;
}

const TRUNC_PTP = " [|ptp]";

/**
 * Thrown by the PTP field readers when a read passes the captured bytes (tcpdump's longjmp).
 * One object, not an Error: an Error records a stack trace when made (~20 µs a frame).
 */
const PTP_CUT = { cut: "ptp" } as const;

/** PTP at `off` (`len` octets declared), as tcpdump's ptp_print (the same with and without -v). */
export function ptp(c: PrintContext, off: number, len: number): string {
  if (len < PTP_HLEN) return " [length " + len + " < " + PTP_HLEN + "] (invalid)";
  const d = c.d, end = d.length;
  let s = "";
  const need = (at: number, n: number) => {
    if (off + at + n > end) throw PTP_CUT;
  };
  const b = (at: number) => (need(at, 1), d[off + at]);
  const w = (at: number) => (need(at, 2), u16(d, off + at));
  const l = (at: number) => (need(at, 4), u32(d, off + at));
  const q = (at: number) => (need(at, PTP_CLOCK_ID_LEN), hex64(d, off + at));
  const s48 = (at: number) => (need(at, 6), u48(d, off + at));
  const stamp = (name: string, at: number, comma: string) => {
    s += ", " + name + " :";
    s += " " + s48(at) + " seconds" + comma;
    s += " " + l(at + PTP_TS_NS_AT) + " nanoseconds";
  };
  const portId = (at: number) => {
    s += ", port identity : 0x" + q(at);
    s += ", port id : " + w(at + PTP_CLOCK_ID_LEN);
  };
  try {
    // tcpdump reads the version as the low octet of the first 16-bit word.
    w(PTP_TYPE_AT);
    const version = b(PTP_VERSION_AT);
    s += "PTPv" + version;
    if (version === PTP_VERSION_1) return s + " (not implemented)";
    if (version !== PTP_VERSION_2) return s;
    const first = b(PTP_TYPE_AT), type = first & PTP_TYPE_MASK;
    s += ", v1 compat : " + (first & PTP_V1_COMPAT ? "yes" : "no");
    s += ", msg type : " + tok(PTP_MSG_TYPES, type, "Reserved");
    s += ", length : " + w(PTP_LENGTH_AT);
    // tcpdump reads the domain and the reserved octet as one 16-bit word.
    w(PTP_DOMAIN_AT);
    s += ", domain : " + b(PTP_DOMAIN_AT) + ", reserved1 : " + b(PTP_RSVD1_AT);
    const flags = w(PTP_FLAGS_AT);
    const names = PTP_FLAGS.filter(([m]) => (flags & m) === m).map(([, n]) => n);
    s += ", Flags [" + (names.length ? names.join(", ") : "none") + "]";
    s += ", NS correction : " + s48(PTP_CORRECTION_AT);
    s += ", sub NS correction : " + w(PTP_SUBNS_AT);
    s += ", reserved2 : " + l(PTP_RSVD2_AT);
    s += ", clock identity : 0x" + q(PTP_CLOCK_ID_AT);
    s += ", port id : " + w(PTP_PORT_AT);
    s += ", seq id : " + w(PTP_SEQ_AT);
    const control = b(PTP_CONTROL_AT);
    s += ", control : " + control + " (" + tok(PTP_CONTROLS, control, "Reserved") + ")";
    w(PTP_CONTROL_AT);
    s += ", log message interval : " + b(PTP_LOGINT_AT);
    const body = PTP_HLEN;
    switch (type) {
      case PTP_SYNC:
      case PTP_DELAY_REQ:
        stamp("originTimeStamp", body, ",");
        break;
      case PTP_FOLLOW_UP:
        stamp("preciseOriginTimeStamp", body, ",");
        break;
      case PTP_PDELAY_REQ:
      case PTP_PDELAY_RESP_FOLLOW_UP:
        stamp("preciseOriginTimeStamp", body, ",");
        portId(body + PTP_TS_LEN);
        break;
      case PTP_PDELAY_RESP:
      case PTP_DELAY_RESP:
        stamp("receiveTimeStamp", body, ",");
        portId(body + PTP_TS_LEN);
        break;
      case PTP_ANNOUNCE:
        stamp("originTimeStamp", body, "");
        s += ", origin cur utc :" + w(body + PTP_ANN_UTC_AT);
        s += ", rsvd : " + b(body + PTP_ANN_RSVD_AT);
        s += ", gm priority_1 : " + b(body + PTP_ANN_PRIO1_AT);
        s += ", gm clock class : " + b(body + PTP_ANN_CLASS_AT);
        s += ", gm clock accuracy : " + b(body + PTP_ANN_ACC_AT);
        s += ", gm clock variance : " + w(body + PTP_ANN_VAR_AT);
        s += ", gm priority_2 : " + b(body + PTP_ANN_PRIO2_AT);
        s += ", gm clock id : 0x" + q(body + PTP_ANN_GM_AT);
        s += ", steps removed : " + w(body + PTP_ANN_STEPS_AT);
        s += ", time source : 0x" + b(body + PTP_ANN_SOURCE_AT).toString(16);
        break;
      case PTP_SIGNALLING:
        portId(body);
        break;
      case PTP_MANAGEMENT: {
        portId(body);
        // tcpdump reads these four from the start of the port identity again.
        const v = b(body);
        s += ", , start boundary hops  " + v + ", , boundary hops  " + v;
        s += ", , flags  0x" + v.toString(16) + ", , reserved  0x" + v.toString(16);
        break;
      }
    }
    return s;
  } catch (e) {
    if (e !== PTP_CUT) throw e;
    return s + early(c, TRUNC_PTP);
  }
}
