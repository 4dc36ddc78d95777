/**
 * Text of spanning tree BPDUs (STP, RSTP, MSTP and PVST+), as tcpdump's print-stp.c prints
 * them; what tcpdump puts on continuation lines under -v follows on the same line.
 *
 * @module
 */

import { hex2, macString, u16, u32 } from "../../decode/bytes.ts";
import * as numbersModule from "../../decode/numbers.ts";
import { mstiCount } from "../../decode/stp.ts";
import * as stpModule from "../../decode/stp.ts";
import { hex4, type PrintContext } from "./context.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const {
  STP_BPDU_CONFIG,
  STP_BPDU_RSTP,
  STP_BPDU_TYPES,
  STP_FLAGS,
  STP_PORT_ROLES,
  STP_PROTO_ID,
  STP_PROTO_MULTI,
  STP_PROTO_RAPID,
  STP_PROTO_SPB,
  STP_VERSIONS,
} = numbersModule;
const {
  MST_DIGEST_AT,
  MST_DIGEST_LEN,
  MST_BRIDGE_ID_AT,
  MST_HOPS_AT,
  MST_INT_COST_AT,
  MST_MSTI_AT,
  MST_NAME_AT,
  MST_NAME_LEN,
  MST_REV_AT,
  MST_V3_LEN_AT,
  MST_V3_START,
  MSTI_BRIDGE_PRIO_AT,
  MSTI_COST_AT,
  MSTI_FLAGS_AT,
  MSTI_HOPS_AT,
  MSTI_LEN,
  MSTI_PORT_PRIO_AT,
  MSTI_PRIO_SHIFT,
  MSTI_ROOT_AT,
  STP_AGE_AT,
  STP_BRIDGE_ID_AT,
  STP_BRIDGE_MAC_AT,
  STP_CONFIG_LEN,
  STP_FLAGS_AT,
  STP_FWD_DELAY_AT,
  STP_HELLO_AT,
  STP_MAX_AGE_AT,
  STP_MIN_LEN,
  STP_PORT_AT,
  STP_PORT_ROLE_MASK,
  STP_PORT_ROLE_SHIFT,
  STP_PROTO_AT,
  STP_ROOT_COST_AT,
  STP_ROOT_ID_AT,
  STP_RSTP_LEN,
  STP_SYSID_MASK,
  STP_TIME_BASE,
  STP_TYPE_AT,
  STP_VERSION_AT,
} = stpModule;

const TRUNC = " [|stp]";

/**
 * Names of the set bits of `v` in `tok`, joined by ", ", or "none" (tcpdump's bittok2str);
 * low bits first, or high bits first when tcpdump's table lists them so.
 */
export function bitNames(
  tok: Readonly<Record<number, string>>,
  v: number,
  highFirst = false,
): string {
  let s = "";
  for (let i = 0; i < 32; i++) {
    const bit = (highFirst ? 0x80000000 >>> i : 1 << i) >>> 0;
    if ((v & bit) !== 0 && tok[bit] !== undefined) s += (s ? ", " : "") + tok[bit];
  }
  return s || "none";
}

/** `8000.00:11:22:33:44:55`: a bridge id's priority in hex and its MAC. */
function bridgeId(d: Uint8Array, at: number): string {
  return hex4(u16(d, at)) + "." + macString(d, at + STP_BRIDGE_MAC_AT);
}

function seconds(d: Uint8Array, at: number): string {
  return (u16(d, at) / STP_TIME_BASE).toFixed(2) + "s";
}

function role(flags: number): string {
  return STP_PORT_ROLES[(flags & STP_PORT_ROLE_MASK) >> STP_PORT_ROLE_SHIFT];
}

function times(d: Uint8Array, off: number): string {
  return "message-age " + seconds(d, off + STP_AGE_AT) + ", max-age " +
    seconds(d, off + STP_MAX_AGE_AT) + ", hello-time " + seconds(d, off + STP_HELLO_AT) +
    ", forwarding-delay " + seconds(d, off + STP_FWD_DELAY_AT);
}

/**
 * The BPDU after the LLC layer `j - 1`, at `llcEnd` (where the LLC or SNAP header ends);
 * `declared` is the length the 802.3 header gives it.
 */
export function stp(c: PrintContext, j: number, llcEnd: number, declared: number): string {
  if (declared < STP_MIN_LEN) return " (invalid)";
  // The walker records well-formed BPDUs only; the others are read within the LLC layer.
  const d = c.d, off = llcEnd, end = c.ds.end[j - 1];
  if (off + STP_MIN_LEN > end) return TRUNC;
  if (u16(d, off + STP_PROTO_AT) !== STP_PROTO_ID) return "unknown STP version, length " + declared;
  const v = d[off + STP_VERSION_AT], t = d[off + STP_TYPE_AT];
  let s = "STP ";
  if (STP_VERSIONS[v] === undefined) return s + "Unknown STP protocol (0x" + hex2(v) + ")";
  s += STP_VERSIONS[v] + ", " + (STP_BPDU_TYPES[t] ?? "Unknown BPDU Type (0x" + hex2(t) + ")");
  if (t === STP_BPDU_CONFIG) {
    if (declared < STP_CONFIG_LEN) return s + " (invalid)";
    return config(c, s, off, end, declared);
  }
  if (t !== STP_BPDU_RSTP) return s;
  if (v === STP_PROTO_RAPID) {
    if (declared < STP_RSTP_LEN) return s + " (invalid)";
    return config(c, s, off, end, declared);
  }
  if (v !== STP_PROTO_MULTI && v !== STP_PROTO_SPB) return s;
  if (declared < MST_MSTI_AT) return s + " (invalid)";
  if (off + MST_V3_START > end) return s + TRUNC;
  if (declared < MST_V3_START + u16(d, off + MST_V3_LEN_AT)) return s + " (invalid)";
  return mstp(c, s, off, end, declared);
}

/** A configuration or RST BPDU after its type. */
function config(c: PrintContext, s: string, off: number, end: number, len: number): string {
  const d = c.d;
  if (off + STP_FLAGS_AT >= end) return s + TRUNC;
  const flags = d[off + STP_FLAGS_AT];
  s += ", Flags [" + bitNames(STP_FLAGS, flags) + "]";
  if (off + STP_AGE_AT > end) return s + TRUNC;
  s += ", bridge-id " + bridgeId(d, off + STP_BRIDGE_ID_AT) + "." +
    hex4(u16(d, off + STP_PORT_AT)) + ", length " + len;
  if (!c.verbose) return s;
  if (off + STP_CONFIG_LEN > end) return s + TRUNC;
  s += " " + times(d, off) + " root-id " + bridgeId(d, off + STP_ROOT_ID_AT) + ", root-pathcost " +
    u32(d, off + STP_ROOT_COST_AT);
  if (d[off + STP_VERSION_AT] === STP_PROTO_RAPID) s += ", port-role " + role(flags);
  return s;
}

/** An MST BPDU after its type, with its MSTI messages under -v. */
function mstp(c: PrintContext, s: string, off: number, end: number, len: number): string {
  const d = c.d, flags = d[off + STP_FLAGS_AT];
  s += ", CIST Flags [" + bitNames(STP_FLAGS, flags) + "], length " + len;
  if (!c.verbose) return s;
  s += " port-role " + role(flags) + ", CIST root-id " + bridgeId(d, off + STP_ROOT_ID_AT) +
    ", CIST ext-pathcost " + u32(d, off + STP_ROOT_COST_AT) + " CIST regional-root-id " +
    bridgeId(d, off + STP_BRIDGE_ID_AT) + ", CIST port-id " + hex4(u16(d, off + STP_PORT_AT)) +
    ", " + times(d, off) + " v3len " + u16(d, off + MST_V3_LEN_AT) + ", MCID Name ";
  for (let i = 0; i < MST_NAME_LEN; i++) {
    if (off + MST_NAME_AT + i >= end) return s + TRUNC;
    const ch = d[off + MST_NAME_AT + i];
    if (ch === 0) break;
    s += printable(ch);
  }
  if (off + MST_INT_COST_AT > end) return s + TRUNC;
  s += ", rev " + u16(d, off + MST_REV_AT) + ", digest ";
  for (let i = 0; i < MST_DIGEST_LEN; i++) s += hex2(d[off + MST_DIGEST_AT + i]);
  if (off + MST_BRIDGE_ID_AT > end) return s + TRUNC;
  s += ", CIST int-root-pathcost " + u32(d, off + MST_INT_COST_AT) + ",";
  if (off + MST_MSTI_AT > end) return s + TRUNC;
  s += " CIST bridge-id " + bridgeId(d, off + MST_BRIDGE_ID_AT) + ", CIST remaining-hops " +
    d[off + MST_HOPS_AT];
  const n = mstiCount(d, off);
  for (let i = 0, m = off + MST_MSTI_AT; i < n; i++, m += MSTI_LEN) {
    if (m + MSTI_ROOT_AT + STP_BRIDGE_MAC_AT > end) return s + TRUNC;
    const f = d[m + MSTI_FLAGS_AT];
    s += " MSTI " + (u16(d, m + MSTI_ROOT_AT) & STP_SYSID_MASK) + ", Flags [" +
      bitNames(STP_FLAGS, f) + "], port-role " + role(f);
    if (m + MSTI_BRIDGE_PRIO_AT > end) return s + TRUNC;
    s += " MSTI regional-root-id " + bridgeId(d, m + MSTI_ROOT_AT) + ", pathcost " +
      u32(d, m + MSTI_COST_AT);
    if (m + MSTI_LEN > end) return s + TRUNC;
    s += " MSTI bridge-prio " + (d[m + MSTI_BRIDGE_PRIO_AT] >> MSTI_PRIO_SHIFT) + ", port-prio " +
      (d[m + MSTI_PORT_PRIO_AT] >> MSTI_PRIO_SHIFT) + ", hops " + d[m + MSTI_HOPS_AT];
  }
  return s;
}

/** A name byte as tcpdump's nd_printjnp prints it. */
function printable(ch: number): string {
  if (ch >= 0x80) return "M-" + printable(ch & 0x7f);
  if (ch < 0x20 || ch === 0x7f) return "^" + String.fromCharCode(ch ^ 0x40);
  return String.fromCharCode(ch);
}
