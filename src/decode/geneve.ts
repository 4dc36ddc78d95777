/** Geneve header (RFC 8926): version, options length, flags, protocol, VNI, then options. */

import { u16, u32 } from "./bytes.ts";

/** Offset of the version (2 bits) and options length (6 bits, in 4-octet words). */
export const GENEVE_VER_OPT_AT = 0;
/** Shift of the version in its octet. */
export const GENEVE_VER_SHIFT = 6;
/** Mask of the options length in its octet. */
export const GENEVE_OPTLEN_MASK = 0x3f;
/** Octets per unit of the options length. */
export const GENEVE_OPTLEN_UNIT = 4;
/** Offset of the flags octet. */
export const GENEVE_FLAGS_AT = 1;
/** Offset of the protocol type (an EtherType). */
export const GENEVE_PROTO_AT = 2;
/** Offset of the 32-bit word whose upper 24 bits are the VNI, the lower 8 reserved. */
export const GENEVE_VNI_AT = 4;
/** Shift of the VNI in its word. */
export const GENEVE_VNI_SHIFT = 8;
/** Mask of the VNI after the shift, and of the reserved octet. */
export const GENEVE_VNI_MASK = 0xffffff;
/** Offset of the reserved octet after the VNI. */
export const GENEVE_RSVD_AT = 7;
/** Octets of the fixed header; options follow. */
export const GENEVE_HLEN = 8;
/** Offset of an option's class, from the option's start. */
export const GENEVE_OPT_CLASS_AT = 0;
/** Offset of an option's type. */
export const GENEVE_OPT_TYPE_AT = 2;
/** Offset of an option's data length (low 5 bits, in 4-octet words). */
export const GENEVE_OPT_LEN_AT = 3;
/** Mask of an option's data length. */
export const GENEVE_OPT_LEN_MASK = 0x1f;
/** Octets of an option's header. */
export const GENEVE_OPT_HLEN = 4;

/** A decoded Geneve header. */
export interface GeneveHeader {
  /** Version (0). */
  version: number;
  /** Octets of options. */
  optLen: number;
  /** Flags octet (0x80 OAM, 0x40 critical options present). */
  flags: number;
  /** Protocol type of the payload (an EtherType; 0x6558 is Ethernet). */
  proto: number;
  /** Virtual network identifier. */
  vni: number;
  /** Number of options. */
  options: number;
}

/** Version of the Geneve header at `off`. */
export function geneveVersion(d: Uint8Array, off: number): number {
  return d[off + GENEVE_VER_OPT_AT] >> GENEVE_VER_SHIFT;
}

/** Octets of options of the Geneve header at `off`. */
export function geneveOptLen(d: Uint8Array, off: number): number {
  return (d[off + GENEVE_VER_OPT_AT] & GENEVE_OPTLEN_MASK) * GENEVE_OPTLEN_UNIT;
}

/** The VNI of the Geneve header at `off`. */
export function geneveVni(d: Uint8Array, off: number): number {
  return (u32(d, off + GENEVE_VNI_AT) >>> GENEVE_VNI_SHIFT) & GENEVE_VNI_MASK;
}

/** Octets of the option at `i` (header and data). */
export function geneveOptSize(d: Uint8Array, i: number): number {
  return GENEVE_OPT_HLEN + (d[i + GENEVE_OPT_LEN_AT] & GENEVE_OPT_LEN_MASK) * GENEVE_OPTLEN_UNIT;
}

/**
 * Number of options in `[off, end)` of the options area, counting whole option headers; stops
 * at one cut short (at most one option per 4 octets, so the loop is bounded).
 */
export function geneveOptionCount(d: Uint8Array, off: number, end: number): number {
  let n = 0;
  for (let i = off; i + GENEVE_OPT_HLEN <= end; i += geneveOptSize(d, i)) n++;
  return n;
}

/** Reads the Geneve header at `off`; `end` bounds the options counted. */
export function geneveHeader(d: Uint8Array, off: number, end: number): GeneveHeader {
  const optLen = geneveOptLen(d, off);
  const optEnd = Math.min(end, off + GENEVE_HLEN + optLen);
  return {
    version: geneveVersion(d, off),
    optLen,
    flags: d[off + GENEVE_FLAGS_AT],
    proto: u16(d, off + GENEVE_PROTO_AT),
    vni: geneveVni(d, off),
    options: geneveOptionCount(d, off + GENEVE_HLEN, optEnd),
  };
}
