/** tcpdump's `-x` / `-X` hex dump lines. */

import { hex2 } from "../decode/bytes.ts";

/** Octets shown per dump line. */
const BYTES_PER_LINE = 16;
/** Width of the hex column of `-X`: 8 groups of " hhhh". */
const HEX_COLUMN = 40;

/**
 * Hex dump of `d[from, to)` as tcpdump prints it after a packet line: each line starts with
 * "\n\t0xOOOO: " and holds 16 bytes in 2-byte groups; with `ascii` the printable characters
 * follow (dots for the rest, spaces included, as tcpdump does). Offsets count from `from`. Returns "" for an empty range.
 */
export function hexDump(d: Uint8Array, from: number, to: number, ascii: boolean): string {
  let s = "";
  for (let line = from; line < to; line += BYTES_PER_LINE) {
    const stop = Math.min(line + BYTES_PER_LINE, to);
    let hex = "", text = "";
    for (let i = line; i < stop; i += 2) {
      hex += " " + hex2(d[i]) + (i + 1 < stop ? hex2(d[i + 1]) : "");
      if (ascii) {
        text += printable(d[i]);
        if (i + 1 < stop) text += printable(d[i + 1]);
      }
    }
    const off = (line - from).toString(16).padStart(4, "0");
    s += "\n\t0x" + off + ": " + (ascii ? hex.padEnd(HEX_COLUMN) + "  " + text : hex);
  }
  return s;
}

function printable(c: number): string {
  return c > 0x20 && c < 0x7f ? String.fromCharCode(c) : ".";
}

/**
 * tcpdump's -A text of `d[from..]`: printable characters, tabs, spaces and newlines as they are,
 * a CR shown (as ".") only when a byte other than LF follows it, anything else as ".".
 */
export function asciiText(d: Uint8Array, from: number): string {
  let s = "";
  for (let i = from; i < d.length; i++) {
    const b = d[i];
    if (b === 0x0d) {
      if (i + 1 < d.length && d[i + 1] !== 0x0a) s += ".";
    } else if ((b > 0x20 && b < 0x7f) || b === 0x09 || b === 0x20 || b === 0x0a) {
      s += String.fromCharCode(b);
    } else s += ".";
  }
  return s;
}
