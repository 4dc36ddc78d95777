/**
 * Text of the slow protocols (LACP, Marker), as tcpdump's print-slow.c prints them; what
 * tcpdump puts on continuation lines under -v follows on the same line.
 *
 * @module
 */

import { hex2, macString, u16, u32 } from "../../decode/bytes.ts";
import * as numbersModule from "../../decode/numbers.ts";
import { slowTlvValueLength } from "../../decode/slow.ts";
import * as slowModule from "../../decode/slow.ts";
import { hexDump } from "../hexdump.ts";
import { hex4, type PrintContext } from "./context.ts";
import { bitNames } from "./stp.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const {
  LACP_STATE_FLAGS,
  LACP_TLV_ACTOR,
  LACP_TLV_COLLECTOR,
  LACP_TLV_PARTNER,
  LACP_TLV_TERMINATOR,
  LACP_TLVS,
  MARKER_TLV_INFO,
  MARKER_TLVS,
  SLOW_PROTO_LACP,
  SLOW_PROTO_MARKER,
  SLOW_PROTOS,
} = numbersModule;
const {
  LACP_KEY_AT,
  LACP_MAX_DELAY_AT,
  LACP_PORT_AT,
  LACP_PORT_PRIO_AT,
  LACP_STATE_AT,
  LACP_SYS_PRIO_AT,
  LACP_SYSTEM_AT,
  MARKER_PORT_AT,
  MARKER_SYSTEM_AT,
  MARKER_XID_AT,
  SLOW_MAX_TLVS,
  SLOW_SUBTYPE_AT,
  SLOW_TLV_HLEN,
  SLOW_TLV_LEN_AT,
  SLOW_TLV_TYPE_AT,
  SLOW_TLVS_AT,
  SLOW_VERSION_AT,
} = slowModule;

const TRUNC = " [|slow]";

/** tcpdump's hex lines of `[from, to)`, on one line. */
function hexLine(d: Uint8Array, from: number, to: number): string {
  return hexDump(d, from, to, false).replace(/\n\t/g, " ");
}

/** The slow protocol layer `j`, of `len` octets on the wire. */
export function slow(c: PrintContext, j: number, len: number): string {
  const d = c.d, off = c.ds.start[j], end = c.ds.end[j];
  const short = c.verbose ? " packet is too short" : " (packet is too short)";
  if (len < 1) return short;
  const subtype = d[off + SLOW_SUBTYPE_AT];
  const name = SLOW_PROTOS[subtype] ?? "unknown (" + subtype + ")";
  const lacp = subtype === SLOW_PROTO_LACP || subtype === SLOW_PROTO_MARKER;
  if (!lacp) {
    const s = name + ", length " + len;
    if (SLOW_PROTOS[subtype] !== undefined) return s;
    // tcpdump dumps an unknown subtype whatever the verbosity.
    return s + hexLine(d, off, Math.min(end, off + len));
  }
  if (len < SLOW_TLVS_AT) return short;
  if (off + SLOW_TLVS_AT > end) return TRUNC;
  const s = name + "v" + d[off + SLOW_VERSION_AT] + ", length " + len;
  if (!c.verbose) return s;
  return s + tlvs(c, subtype, off + SLOW_TLVS_AT, end, len - SLOW_TLVS_AT);
}

/** The TLVs at `t` (`left` octets by the wire length, `end` the captured end). */
function tlvs(c: PrintContext, subtype: number, t: number, end: number, left: number): string {
  const d = c.d, names = subtype === SLOW_PROTO_LACP ? LACP_TLVS : MARKER_TLVS;
  let s = "";
  for (let n = 0; n < SLOW_MAX_TLVS; n++) {
    if (left < SLOW_TLV_HLEN) return s + " packet is too short";
    if (t + SLOW_TLV_HLEN > end) return s + TRUNC;
    const type = d[t + SLOW_TLV_TYPE_AT], len = d[t + SLOW_TLV_LEN_AT];
    s += " " + (names[type] ?? "Unknown") + " TLV (0x" + hex2(type) + "), length " + len;
    if (type === LACP_TLV_TERMINATOR) return s;
    if (len < SLOW_TLV_HLEN) {
      return s + " ERROR: illegal length - should be >= " + SLOW_TLV_HLEN;
    }
    if (left < len) return s + " packet is too short";
    if (t + len > end) return s + TRUNC;
    const v = t + SLOW_TLV_HLEN, want = slowTlvValueLength(subtype, type);
    if (want < 0) {
      if (c.verbose <= 1) s += hexLine(d, v, t + len);
    } else if (len - SLOW_TLV_HLEN !== want) {
      s += " ERROR: illegal length - should be " + (want + SLOW_TLV_HLEN);
    } else if (subtype === SLOW_PROTO_MARKER && type === MARKER_TLV_INFO) {
      s += " Request System " + macString(d, v + MARKER_SYSTEM_AT) + ", Request Port " +
        u16(d, v + MARKER_PORT_AT) + ", Request Transaction ID 0x" +
        hex4(u32(d, v + MARKER_XID_AT) >>> 16) + hex4(u32(d, v + MARKER_XID_AT));
    } else if (type === LACP_TLV_ACTOR || type === LACP_TLV_PARTNER) {
      s += " System " + macString(d, v + LACP_SYSTEM_AT) + ", System Priority " +
        u16(d, v + LACP_SYS_PRIO_AT) + ", Key " + u16(d, v + LACP_KEY_AT) + ", Port " +
        u16(d, v + LACP_PORT_AT) + ", Port Priority " + u16(d, v + LACP_PORT_PRIO_AT) +
        " State Flags [" + bitNames(LACP_STATE_FLAGS, d[v + LACP_STATE_AT]) + "]";
    } else if (type === LACP_TLV_COLLECTOR) {
      s += " Max Delay " + u16(d, v + LACP_MAX_DELAY_AT);
    }
    if (c.verbose > 1) s += hexLine(d, v, t + len);
    t += len;
    left -= len;
  }
  return s;
}
