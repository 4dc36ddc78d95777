/** TFTP (RFC 1350, options RFC 2347). */
import { latin1, u16 } from "./bytes.ts";
import { TFTP_ACK, TFTP_DATA, TFTP_ERROR, TFTP_RRQ, TFTP_WRQ } from "./numbers.ts";

/** Offset of the opcode. */
export const TFTP_OPCODE_AT = 0;
/** Offset of what follows the opcode (file name, block number, error code, options). */
export const TFTP_BODY_AT = 2;
/** DATA, ACK: offset of the block number. ERROR: of the error code. */
export const TFTP_BLOCK_AT = 2;
/** ERROR: offset of the message. */
export const TFTP_ERRMSG_AT = 4;
/** Smallest TFTP message the walker records (the opcode). */
export const TFTP_MINLEN = 2;

/** A decoded TFTP message. */
export interface TftpMessage {
  /** Opcode (TFTP_*). */
  opcode: number;
  /** RRQ, WRQ: the file name. */
  file?: string;
  /** RRQ, WRQ: the transfer mode. */
  mode?: string;
  /** DATA, ACK: the block number. */
  block?: number;
  /** ERROR: the error code. */
  error?: number;
  /** ERROR: the message. */
  message?: string;
}

/**
 * The NUL-terminated string at `off` before `end`: its text and the offset after the NUL, or
 * `next` -1 when no NUL comes before `end`.
 */
export function tftpString(
  d: Uint8Array,
  off: number,
  end: number,
): { text: string; next: number } {
  for (let i = off; i < end; i++) {
    if (d[i] === 0) return { text: latin1(d, off, i), next: i + 1 };
  }
  return { text: latin1(d, off, end), next: -1 };
}

/** Reads the TFTP message at `[off, end)` (needs 2 octets). */
export function tftpMessage(d: Uint8Array, off: number, end: number): TftpMessage {
  const opcode = u16(d, off + TFTP_OPCODE_AT);
  const m: TftpMessage = { opcode };
  if (opcode === TFTP_RRQ || opcode === TFTP_WRQ) {
    const f = tftpString(d, off + TFTP_BODY_AT, end);
    if (f.next < 0) return m;
    m.file = f.text;
    const mode = tftpString(d, f.next, end);
    if (mode.next >= 0) m.mode = mode.text;
  } else if (opcode === TFTP_DATA || opcode === TFTP_ACK) {
    if (off + TFTP_BLOCK_AT + 2 <= end) m.block = u16(d, off + TFTP_BLOCK_AT);
  } else if (opcode === TFTP_ERROR) {
    if (off + TFTP_ERRMSG_AT > end) return m;
    m.error = u16(d, off + TFTP_BLOCK_AT);
    const msg = tftpString(d, off + TFTP_ERRMSG_AT, end);
    if (msg.next >= 0) m.message = msg.text;
  }
  return m;
}
