/** TCP header (RFC 9293) and options. */

import { hwString, u16, u32 } from "./bytes.ts";

/** Smallest TCP header, in octets. */
export const TCP_MIN_HLEN = 20;
/** Flag bits of the 13th header octet. */
export const TH_FIN = 0x01;
/** SYN flag. */
export const TH_SYN = 0x02;
/** RST flag. */
export const TH_RST = 0x04;
/** PSH flag. */
export const TH_PUSH = 0x08;
/** ACK flag. */
export const TH_ACK = 0x10;
/** URG flag. */
export const TH_URG = 0x20;
/** ECN-Echo flag. */
export const TH_ECE = 0x40;
/** Congestion window reduced flag. */
export const TH_CWR = 0x80;

/** Option kinds (TCPOPT_*). */
export const TCPOPT_EOL = 0;
/** No-operation. */
export const TCPOPT_NOP = 1;
/** Maximum segment size. */
export const TCPOPT_MAXSEG = 2;
/** Window scale. */
export const TCPOPT_WINDOW = 3;
/** SACK permitted. */
export const TCPOPT_SACK_PERMITTED = 4;
/** SACK blocks. */
export const TCPOPT_SACK = 5;
/** Timestamps. */
export const TCPOPT_TIMESTAMP = 8;

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
  const hlen = (d[off + 12] >> 4) * 4;
  if (hlen < TCP_MIN_HLEN) return 0;
  return off + hlen > end ? -1 : hlen;
}

/** Fixed option lengths, indexed by kind; 0 means "variable or unknown". */
const OPT_LEN = [1, 1, 4, 3, 2, 0, 0, 0, 10];

/** Length of the option at `i` within `[i, end)`, or -1 when malformed. */
export function tcpOptionLength(d: Uint8Array, i: number, end: number): number {
  const kind = d[i];
  if (kind <= TCPOPT_NOP) return 1;
  if (i + 2 > end) return -1;
  const len = d[i + 1];
  if (len < 2 || i + len > end) return -1;
  const want = kind < OPT_LEN.length ? OPT_LEN[kind] : 0;
  if (want !== 0 && len !== want) return -1;
  if (kind === TCPOPT_SACK && (len - 2) % 8 !== 0) return -1;
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
    else if (kind === TCPOPT_MAXSEG) out.push({ kind: "mss", value: u16(d, i + 2) });
    else if (kind === TCPOPT_WINDOW) out.push({ kind: "wscale", value: d[i + 2] });
    else if (kind === TCPOPT_SACK_PERMITTED) out.push({ kind: "sackOK" });
    else if (kind === TCPOPT_SACK) {
      const blocks: [number, number][] = [];
      for (let b = i + 2; b < i + len; b += 8) blocks.push([u32(d, b), u32(d, b + 4)]);
      out.push({ kind: "sack", blocks });
    } else if (kind === TCPOPT_TIMESTAMP) {
      out.push({ kind: "ts", val: u32(d, i + 2), ecr: u32(d, i + 6) });
    } else out.push({ kind, data: hwString(d, i + 2, len - 2).replaceAll(":", "") });
    i += len;
  }
  return out;
}

/** Reads the TCP header at `off`; call only after `tcpHeaderLength` returned > 0. */
export function tcpHeader(d: Uint8Array, off: number): TcpHeader {
  const hlen = (d[off + 12] >> 4) * 4;
  return {
    sport: u16(d, off),
    dport: u16(d, off + 2),
    seq: u32(d, off + 4),
    ack: u32(d, off + 8),
    hlen,
    flags: d[off + 13],
    win: u16(d, off + 14),
    checksum: u16(d, off + 16),
    urp: u16(d, off + 18),
    options: tcpOptions(d, off + TCP_MIN_HLEN, off + hlen),
  };
}
