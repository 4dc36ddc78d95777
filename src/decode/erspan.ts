/**
 * ERSPAN headers inside GRE (draft-foschiano-erspan): type II (8 octets) and type III (12, or
 * 20 with the platform-specific subheader); an Ethernet frame follows. Type I has no header.
 */

import { u16, u32 } from "./bytes.ts";
import { ERSPAN_V2, ERSPAN_V3 } from "./numbers.ts";
import { VLAN_VID_MASK } from "./vlan.ts";

/** Offset of the version (4 bits) and VLAN (12 bits) word. */
export const ERSPAN_VER_AT = 0;
/** Shift of the version in its word. */
export const ERSPAN_VER_SHIFT = 12;
/** Mask of the VLAN id (an 802.1Q VLAN id). */
export const ERSPAN_VLAN_MASK = VLAN_VID_MASK;
/** Offset of the CoS (3 bits), encapsulation/BSO (2), T (1) and session id (10) word. */
export const ERSPAN_SESSION_AT = 2;
/** Shift of the CoS. */
export const ERSPAN_COS_SHIFT = 13;
/** Mask of the CoS after the shift. */
export const ERSPAN_COS_MASK = 0x7;
/** Mask of the session id. */
export const ERSPAN_SESSION_MASK = 0x03ff;
/** Type II: offset of the 32-bit word whose low 20 bits are the port index. */
export const ERSPAN_INDEX_AT = 4;
/** Type II: mask of the index. */
export const ERSPAN_INDEX_MASK = 0xfffff;
/** Type III: offset of the timestamp. */
export const ERSPAN_TIMESTAMP_AT = 4;
/** Type III: offset of the security group tag. */
export const ERSPAN_SGT_AT = 8;
/** Type III: offset of the P, FT, hardware id, D, Gra and O word. */
export const ERSPAN_FLAGS_AT = 10;
/** Type III: shift of the hardware id. */
export const ERSPAN_HW_SHIFT = 4;
/** Type III: mask of the hardware id after the shift. */
export const ERSPAN_HW_MASK = 0x3f;
/** Type III: the optional platform-specific subheader follows. */
export const ERSPAN_O_BIT = 0x0001;
/** Octets of a type II header. */
export const ERSPAN2_HLEN = 8;
/** Octets of a type III header without the subheader. */
export const ERSPAN3_HLEN = 12;
/** Octets of the type III platform-specific subheader. */
export const ERSPAN3_SUBHEADER_LEN = 8;

/** A decoded ERSPAN type II or III header. */
export interface ErspanHeader {
  /** Header version: 1 type II, 2 type III. */
  version: number;
  /** VLAN of the mirrored frame. */
  vlan: number;
  /** Class of service. */
  cos: number;
  /** Session id. */
  session: number;
  /** Type II: port index. */
  index?: number;
  /** Type III: timestamp. */
  timestamp?: number;
  /** Type III: security group tag. */
  sgt?: number;
  /** Type III: hardware id. */
  hw?: number;
}

/** Version of the ERSPAN header at `off`. */
export function erspanVersion(d: Uint8Array, off: number): number {
  return u16(d, off + ERSPAN_VER_AT) >> ERSPAN_VER_SHIFT;
}

/**
 * Octets of the ERSPAN header at `off`: 0 for an unknown version, -1 when `end` cuts it short.
 */
export function erspanHeaderLength(d: Uint8Array, off: number, end: number): number {
  if (off + ERSPAN2_HLEN > end) return -1;
  const v = erspanVersion(d, off);
  if (v === ERSPAN_V2) return ERSPAN2_HLEN;
  if (v !== ERSPAN_V3) return 0;
  if (off + ERSPAN3_HLEN > end) return -1;
  const len = ERSPAN3_HLEN +
    (u16(d, off + ERSPAN_FLAGS_AT) & ERSPAN_O_BIT ? ERSPAN3_SUBHEADER_LEN : 0);
  return off + len > end ? -1 : len;
}

/** Reads the ERSPAN header at `off`; call only after `erspanHeaderLength` was positive. */
export function erspanHeader(d: Uint8Array, off: number): ErspanHeader {
  const w = u16(d, off + ERSPAN_SESSION_AT);
  const h: ErspanHeader = {
    version: erspanVersion(d, off),
    vlan: u16(d, off + ERSPAN_VER_AT) & ERSPAN_VLAN_MASK,
    cos: (w >> ERSPAN_COS_SHIFT) & ERSPAN_COS_MASK,
    session: w & ERSPAN_SESSION_MASK,
  };
  if (h.version === ERSPAN_V2) h.index = u32(d, off + ERSPAN_INDEX_AT) & ERSPAN_INDEX_MASK;
  else {
    h.timestamp = u32(d, off + ERSPAN_TIMESTAMP_AT);
    h.sgt = u16(d, off + ERSPAN_SGT_AT);
    h.hw = (u16(d, off + ERSPAN_FLAGS_AT) >> ERSPAN_HW_SHIFT) & ERSPAN_HW_MASK;
  }
  return h;
}
