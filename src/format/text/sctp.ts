/**
 * Text of SCTP, as tcpdump's print-sctp.c prints it: the ports, then each chunk numbered with
 * its type and, for DATA, INIT, INIT ACK and SACK, its fields.
 *
 * @module
 */

import { u16, u32 } from "../../decode/bytes.ts";
import * as numbersModule from "../../decode/numbers.ts";
import { sctpChunkSpan } from "../../decode/sctp.ts";
import * as sctpModule from "../../decode/sctp.ts";
import type { PrintContext } from "./context.ts";
import { ports } from "./transport.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const {
  SCTP_CHUNKS,
  SCTP_DATA,
  SCTP_DATA_FIRST_FRAG,
  SCTP_DATA_LAST_FRAG,
  SCTP_DATA_UNORDERED,
  SCTP_INIT,
  SCTP_INIT_ACK,
  SCTP_PPIDS,
  SCTP_SACK,
} = numbersModule;
const {
  SCTP_CHUNK_FLAGS_AT,
  SCTP_CHUNK_HLEN,
  SCTP_CHUNK_LEN_AT,
  SCTP_CHUNK_TYPE_AT,
  SCTP_DATA_HLEN,
  SCTP_DATA_PPID_AT,
  SCTP_DATA_SID_AT,
  SCTP_DATA_SSEQ_AT,
  SCTP_DATA_TSN_AT,
  SCTP_DUP_LEN,
  SCTP_GAP_END_AT,
  SCTP_GAP_LEN,
  SCTP_GAP_START_AT,
  SCTP_HLEN,
  SCTP_INIT_HLEN,
  SCTP_INIT_MIS_AT,
  SCTP_INIT_OS_AT,
  SCTP_INIT_RWND_AT,
  SCTP_INIT_TAG_AT,
  SCTP_INIT_TSN_AT,
  SCTP_SACK_CUM_AT,
  SCTP_SACK_DUPS_AT,
  SCTP_SACK_GAPS_AT,
  SCTP_SACK_HLEN,
  SCTP_SACK_RWND_AT,
} = sctpModule;

/** The fields tcpdump prints after a chunk's `[TYPE] `, or null when it calls the chunk bogus. */
function chunkFields(d: Uint8Array, i: number, type: number, len: number): string | null {
  if (type === SCTP_DATA) {
    const f = d[i + SCTP_CHUNK_FLAGS_AT];
    let s = (f & SCTP_DATA_UNORDERED ? "(U)" : "") + (f & SCTP_DATA_FIRST_FRAG ? "(B)" : "") +
      (f & SCTP_DATA_LAST_FRAG ? "(E)" : "");
    if (s) s += " ";
    if (len < SCTP_DATA_HLEN) return null;
    const ppid = u32(d, i + SCTP_DATA_PPID_AT);
    return s + "[TSN: " + u32(d, i + SCTP_DATA_TSN_AT) + "] [SID: " +
      u16(d, i + SCTP_DATA_SID_AT) + "] [SSEQ " + u16(d, i + SCTP_DATA_SSEQ_AT) + "] [PPID " +
      (SCTP_PPIDS[ppid] ?? "0x" + ppid.toString(16)) + "] ";
  }
  if (type === SCTP_INIT || type === SCTP_INIT_ACK) {
    if (len < SCTP_INIT_HLEN) return null;
    return "[init tag: " + u32(d, i + SCTP_INIT_TAG_AT) + "] [rwnd: " +
      u32(d, i + SCTP_INIT_RWND_AT) + "] [OS: " + u16(d, i + SCTP_INIT_OS_AT) + "] [MIS: " +
      u16(d, i + SCTP_INIT_MIS_AT) + "] [init TSN: " + u32(d, i + SCTP_INIT_TSN_AT) + "] ";
  }
  if (type === SCTP_SACK) {
    if (len < SCTP_SACK_HLEN) return null;
    const cum = u32(d, i + SCTP_SACK_CUM_AT);
    const gaps = u16(d, i + SCTP_SACK_GAPS_AT), dups = u16(d, i + SCTP_SACK_DUPS_AT);
    let s = "[cum ack " + cum + "] [a_rwnd " + u32(d, i + SCTP_SACK_RWND_AT) + "] [#gap acks " +
      gaps + "] [#dup tsns " + dups + "] ";
    // tcpdump puts each block and duplicate on a line of its own; here they follow in turn.
    // Both walks stop at the chunk's end.
    let p = i + SCTP_SACK_HLEN;
    const end = i + len;
    for (let g = 1; g <= gaps && p + SCTP_GAP_LEN <= end; g++, p += SCTP_GAP_LEN) {
      s += "[gap ack block #" + g + ": start = " + ((cum + u16(d, p + SCTP_GAP_START_AT)) >>> 0) +
        ", end = " + ((cum + u16(d, p + SCTP_GAP_END_AT)) >>> 0) + "] ";
    }
    for (let u = 1; u <= dups && p + SCTP_DUP_LEN <= end; u++, p += SCTP_DUP_LEN) {
      s += "[dup TSN #" + u + ": " + u32(d, p) + "] ";
    }
    return s;
  }
  return "";
}

/** The SCTP layer `k` of the IP layer in the context (its payload length is `c.payLen`). */
export function sctp(c: PrintContext, k: number): string {
  const d = c.d, off = c.ds.start[k];
  let s = ports(c, off) + "sctp", sep = " (";
  let rem = c.payLen - SCTP_HLEN;
  // Each chunk takes at least 4 octets of `rem`, so the walk ends.
  for (let i = off + SCTP_HLEN, n = 1; rem > 0; n++) {
    if (rem < SCTP_CHUNK_HLEN) {
      s += sep + n + ") [chunk descriptor cut off at end of packet]";
      break;
    }
    if (i + SCTP_CHUNK_HLEN > d.length) return s + " [|sctp]";
    const type = d[i + SCTP_CHUNK_TYPE_AT], len = u16(d, i + SCTP_CHUNK_LEN_AT);
    if (len < SCTP_CHUNK_HLEN) {
      s += sep + n + ") [Bad chunk length " + len + ", < size of chunk descriptor]";
      break;
    }
    const span = sctpChunkSpan(len);
    if (rem < span - len) {
      s += sep + n + ") [Bad chunk length " + len + ", > remaining data in packet]";
      break;
    }
    if (i + len > d.length) return s + " [|sctp]";
    s += sep + n + ") [" + (SCTP_CHUNKS[type] ?? "Unknown chunk type: 0x" + type.toString(16)) +
      "] ";
    const f = chunkFields(d, i, type, len);
    if (f === null) return s + "bogus chunk length " + len + "]";
    s += f;
    i += span;
    rem -= span;
    sep = ", (";
  }
  return s.trimEnd();
}
