/**
 * Text of the gateway leftovers of issue 15, family 4 (HSRP, PIM, PTP), as tcpdump 4.99's
 * print-hsrp.c, print-pim.c and print-ptp.c print them.
 *
 * @module
 */

import { ipv4String } from "../../decode/bytes.ts";
import * as hsrpModule from "../../decode/hsrp.ts";
import { HSRP_OPCODES, HSRP_STATES, HSRP_VERSION_0, type Tok } from "../../decode/numbers.ts";
import type { PrintContext } from "./context.ts";
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
