/**
 * Text of IPsec, as tcpdump's print-esp.c and print-ah.c print it: ESP's SPI and sequence
 * number, AH's SPI, sequence number and ICV before the protocol it protects.
 *
 * @module
 */

import { u32 } from "../../decode/bytes.ts";
import { ahIcv, ahLength } from "../../decode/ipsec.ts";
import * as ipsecModule from "../../decode/ipsec.ts";
import type { PrintContext } from "./context.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const { AH_LEN_AT, AH_SEQ_AT, AH_SPI_AT, ESP_SEQ_AT, ESP_SPI_AT } = ipsecModule;

/** `0x00001001`: a 32-bit SPI as tcpdump prints it. */
function spi(v: number): string {
  return "0x" + v.toString(16).padStart(8, "0");
}

/** `ESP(spi=0x00001001,seq=0x1), length 48` for the ESP header at `off`; `len` its length. */
export function esp(c: PrintContext, off: number, len: number): string {
  const d = c.d;
  return "ESP(spi=" + spi(u32(d, off + ESP_SPI_AT)) + ",seq=0x" +
    u32(d, off + ESP_SEQ_AT).toString(16) + "), length " + len;
}

/**
 * `AH(spi=0x00002001,seq=0x3,icv=0xaa...): ` for the AH header at `off` (-v adds its length);
 * a header the capture cuts short prints what fits and ` [|ah]`, as tcpdump does.
 */
export function ah(c: PrintContext, off: number): string {
  const d = c.d, n = d.length;
  if (off + AH_LEN_AT >= n) return " [|ah]";
  let s = "AH(";
  if (c.verbose) s += "length=" + d[off + AH_LEN_AT] + "(" + ahLength(d, off) + "-bytes),";
  if (off + AH_SPI_AT + 4 > n) return s + " [|ah]";
  s += "spi=" + spi(u32(d, off + AH_SPI_AT)) + ",";
  if (off + AH_SEQ_AT + 4 > n) return s + " [|ah]";
  s += "seq=0x" + u32(d, off + AH_SEQ_AT).toString(16) + ",icv=0x" + ahIcv(d, off, n);
  return off + ahLength(d, off) > n ? s + " [|ah]" : s + "): ";
}
