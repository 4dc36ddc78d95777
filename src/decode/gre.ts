/** GRE header (RFC 2784, keys and sequence numbers of RFC 2890). */

import { u16, u32 } from "./bytes.ts";

/** Offset of the flags and version word. */
export const GRE_FLAGS_AT = 0;
/** Offset of the protocol type (an EtherType). */
export const GRE_PROTO_AT = 2;
/** Octets of the fixed header; checksum, key and sequence number follow, 4 octets each. */
export const GRE_HLEN = 4;
/** Octets of each optional field. */
export const GRE_FIELD_LEN = 4;
/** Offset of the reserved half-word after the checksum (the routing offset in RFC 1701). */
export const GRE_OFFSET_AT = 2;
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
  if (off + GRE_HLEN > end) return -1;
  const f = u16(d, off + GRE_FLAGS_AT);
  let len = GRE_HLEN;
  if (f & (GRE_CSUM | GRE_ROUTING)) len += GRE_FIELD_LEN;
  if (f & GRE_KEY) len += GRE_FIELD_LEN;
  if (f & GRE_SEQ) len += GRE_FIELD_LEN;
  return off + len > end ? -1 : len;
}

/** Reads the GRE header at `off`; call only after `greHeaderLength` succeeded. */
export function greHeader(d: Uint8Array, off: number): GreHeader {
  const flags = u16(d, off + GRE_FLAGS_AT);
  const h: GreHeader = {
    flags,
    version: flags & GRE_VERSION,
    proto: u16(d, off + GRE_PROTO_AT),
  };
  let i = off + GRE_HLEN;
  if (flags & (GRE_CSUM | GRE_ROUTING)) {
    if (flags & GRE_CSUM) h.checksum = u16(d, i);
    i += GRE_FIELD_LEN;
  }
  if (flags & GRE_KEY) {
    h.key = u32(d, i);
    i += GRE_FIELD_LEN;
  }
  if (flags & GRE_SEQ) h.seq = u32(d, i);
  return h;
}
