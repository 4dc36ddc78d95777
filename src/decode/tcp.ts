/** TCP header (RFC 9293) and options. */

import { hwString, u16, u32 } from "./bytes.ts";
import * as numbersModule from "./numbers.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const {
  TCPOPT_EOL,
  TCPOPT_MAXSEG,
  TCPOPT_NOP,
  TCPOPT_SACK,
  TCPOPT_SACK_PERMITTED,
  TCPOPT_TIMESTAMP,
  TCPOPT_WINDOW,
} = numbersModule;

/** Offset of the source port. */
export const TCP_SPORT_AT = 0;
/** Offset of the destination port. */
export const TCP_DPORT_AT = 2;
/** Offset of the sequence number. */
export const TCP_SEQ_AT = 4;
/** Offset of the acknowledgment number. */
export const TCP_ACK_AT = 8;
/** Offset of the data offset octet (header length in 32-bit words, top 4 bits). */
export const TCP_OFF_AT = 12;
/** Offset of the flags octet. */
export const TCP_FLAGS_AT = 13;
/** Offset of the window. */
export const TCP_WIN_AT = 14;
/** Offset of the checksum. */
export const TCP_SUM_AT = 16;
/** Offset of the urgent pointer. */
export const TCP_URP_AT = 18;
/** Smallest TCP header, in octets; options follow it. */
export const TCP_MIN_HLEN = 20;
/** Options: offset of an option's length octet from its kind. */
export const TCPOPT_LEN_AT = 1;
/** Options: offset of an option's data from its kind. */
export const TCPOPT_DATA_AT = 2;
/** Options: the timestamp option's echo reply, from its kind. */
export const TCPOPT_TS_ECR_AT = 6;
/** Options: offset of a SACK block's right edge (the left edge starts it). */
export const TCPOPT_SACK_RIGHT_AT = 4;
/** Options: octets in one SACK block (left and right edges). */
export const TCPOLEN_SACK_BLOCK = 8;

/** Octets of the source and destination ports, which start TCP, UDP and SCTP headers alike. */
export const PORTS_LEN = 4;

/** Header length in octets of the TCP header at `off` (data offset times 4). */
export function tcpDataOffset(d: Uint8Array, off: number): number {
  return (d[off + TCP_OFF_AT] >> 4) * 4;
}

/** One TCP option. Unknown kinds carry their data as hex; `bad` ends a malformed list. */
export type TcpOption =
  | { kind: "eol" }
  | { kind: "nop" }
  | { kind: "mss"; value: number }
  | { kind: "wscale"; value: number }
  | { kind: "sackOK" }
  | { kind: "sack"; blocks: [number, number][] }
  | { kind: "ts"; val: number; ecr: number }
  | { kind: "bad" }
  | { kind: number; data: string };

/** A decoded TCP header. */
export interface TcpHeader {
  /** Source port, 0-65535 (read big-endian from the wire). */
  sport: number;
  /** Destination port, 0-65535 (read big-endian from the wire). */
  dport: number;
  /**
   * Sequence number as on the wire (absolute, unsigned 32-bit; not relative as tcpdump shows it).
   */
  seq: number;
  /** Acknowledgment number, unsigned 32-bit; meaningful only with the ACK flag. */
  ack: number;
  /** Header length in octets. */
  hlen: number;
  /** Flag bits (TH_*). */
  flags: number;
  /** Window field as sent, not multiplied by the window scale negotiated in the SYNs. */
  win: number;
  /** Checksum field as sent; not verified. */
  checksum: number;
  /** Urgent pointer; meaningful only with the URG flag. */
  urp: number;
  /** Options in order, empty when `hlen` is 20; the list stops at `eol` or at a `bad` entry. */
  options: TcpOption[];
}

/** Octets of the TCP header at `off`, -1 when `end` cuts it short, 0 when data offset < 5. */
export function tcpHeaderLength(d: Uint8Array, off: number, end: number): number {
  if (off + TCP_MIN_HLEN > end) return -1;
  const hlen = tcpDataOffset(d, off);
  if (hlen < TCP_MIN_HLEN) return 0;
  return off + hlen > end ? -1 : hlen;
}

/** Fixed option lengths (TCPOLEN_*), indexed by kind; 0 means "variable or unknown". */
const OPT_LEN: readonly number[] = (() => {
  const t = new Array<number>(TCPOPT_TIMESTAMP + 1).fill(0);
  t[TCPOPT_EOL] = t[TCPOPT_NOP] = 1;
  t[TCPOPT_MAXSEG] = 4;
  t[TCPOPT_WINDOW] = 3;
  t[TCPOPT_SACK_PERMITTED] = 2;
  t[TCPOPT_TIMESTAMP] = 10;
  return t;
})();

/** Length of the option at `i` within `[i, end)`, or -1 when malformed. */
export function tcpOptionLength(d: Uint8Array, i: number, end: number): number {
  const kind = d[i];
  if (kind <= TCPOPT_NOP) return 1;
  if (i + TCPOPT_DATA_AT > end) return -1;
  const len = d[i + TCPOPT_LEN_AT];
  if (len < TCPOPT_DATA_AT || i + len > end) return -1;
  const want = kind < OPT_LEN.length ? OPT_LEN[kind] : 0;
  if (want !== 0 && len !== want) return -1;
  if (kind === TCPOPT_SACK && (len - TCPOPT_DATA_AT) % TCPOLEN_SACK_BLOCK !== 0) return -1;
  return len;
}

/** Decodes the options in `[off, end)`. */
export function tcpOptions(d: Uint8Array, off: number, end: number): TcpOption[] {
  const out: TcpOption[] = [];
  for (let i = off; i < end;) {
    const len = tcpOptionLength(d, i, end);
    if (len < 0) {
      out.push({ kind: "bad" });
      break;
    }
    const kind = d[i];
    if (kind === TCPOPT_EOL) {
      out.push({ kind: "eol" });
      break;
    }
    if (kind === TCPOPT_NOP) out.push({ kind: "nop" });
    else if (kind === TCPOPT_MAXSEG) out.push({ kind: "mss", value: u16(d, i + TCPOPT_DATA_AT) });
    else if (kind === TCPOPT_WINDOW) out.push({ kind: "wscale", value: d[i + TCPOPT_DATA_AT] });
    else if (kind === TCPOPT_SACK_PERMITTED) out.push({ kind: "sackOK" });
    else if (kind === TCPOPT_SACK) {
      const blocks: [number, number][] = [];
      for (let b = i + TCPOPT_DATA_AT; b < i + len; b += TCPOLEN_SACK_BLOCK) {
        blocks.push([u32(d, b), u32(d, b + TCPOPT_SACK_RIGHT_AT)]);
      }
      out.push({ kind: "sack", blocks });
    } else if (kind === TCPOPT_TIMESTAMP) {
      out.push({ kind: "ts", val: u32(d, i + TCPOPT_DATA_AT), ecr: u32(d, i + TCPOPT_TS_ECR_AT) });
    } else {
      const data = hwString(d, i + TCPOPT_DATA_AT, len - TCPOPT_DATA_AT).replaceAll(":", "");
      out.push({ kind, data });
    }
    i += len;
  }
  return out;
}

/** Reads the TCP header at `off`; call only after `tcpHeaderLength` returned > 0. */
export function tcpHeader(d: Uint8Array, off: number): TcpHeader {
  const hlen = tcpDataOffset(d, off);
  return {
    sport: u16(d, off + TCP_SPORT_AT),
    dport: u16(d, off + TCP_DPORT_AT),
    seq: u32(d, off + TCP_SEQ_AT),
    ack: u32(d, off + TCP_ACK_AT),
    hlen,
    flags: d[off + TCP_FLAGS_AT],
    win: u16(d, off + TCP_WIN_AT),
    checksum: u16(d, off + TCP_SUM_AT),
    urp: u16(d, off + TCP_URP_AT),
    options: tcpOptions(d, off + TCP_MIN_HLEN, off + hlen),
  };
}
