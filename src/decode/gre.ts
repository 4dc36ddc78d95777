/** GRE header (RFC 2784, keys and sequence numbers of RFC 2890). */

import { u16, u32 } from "./bytes.ts";

/** Checksum present. */
export const GRE_CSUM = 0x8000;
/** Routing present (RFC 1701, not decoded further). */
export const GRE_ROUTING = 0x4000;
/** Key present. */
export const GRE_KEY = 0x2000;
/** Sequence number present. */
export const GRE_SEQ = 0x1000;
/** Version bits. */
export const GRE_VERSION = 0x0007;

/** A decoded GRE header. */
export interface GreHeader {
  /** Flags and version word. */
  flags: number;
  version: number;
  /** Protocol type (an EtherType). */
  proto: number;
  checksum?: number;
  key?: number;
  seq?: number;
}

/** Octets of the GRE header at `off`, or -1 when `end` cuts it short. */
export function greHeaderLength(d: Uint8Array, off: number, end: number): number {
  if (off + 4 > end) return -1;
  const f = u16(d, off);
  let len = 4;
  if (f & (GRE_CSUM | GRE_ROUTING)) len += 4;
  if (f & GRE_KEY) len += 4;
  if (f & GRE_SEQ) len += 4;
  return off + len > end ? -1 : len;
}

/** Reads the GRE header at `off`; call only after `greHeaderLength` succeeded. */
export function greHeader(d: Uint8Array, off: number): GreHeader {
  const flags = u16(d, off);
  const h: GreHeader = { flags, version: flags & GRE_VERSION, proto: u16(d, off + 2) };
  let i = off + 4;
  if (flags & (GRE_CSUM | GRE_ROUTING)) {
    if (flags & GRE_CSUM) h.checksum = u16(d, i);
    i += 4;
  }
  if (flags & GRE_KEY) {
    h.key = u32(d, i);
    i += 4;
  }
  if (flags & GRE_SEQ) h.seq = u32(d, i);
  return h;
}
