/** VXLAN header (RFC 7348): flags, 24-bit VNI, then an Ethernet frame. */

import { u32 } from "./bytes.ts";

/** Offset of the flags octet. */
export const VXLAN_FLAGS_AT = 0;
/** Offset of the 32-bit word whose upper 24 bits are the VNI. */
export const VXLAN_VNI_AT = 4;
/** Shift of the VNI in its word. */
export const VXLAN_VNI_SHIFT = 8;
/** Mask of the VNI after the shift. */
export const VXLAN_VNI_MASK = 0xffffff;
/** Octets of the header. */
export const VXLAN_HLEN = 8;

/** A decoded VXLAN header. */
export interface VxlanHeader {
  /** Flags octet (0x08: the VNI is valid). */
  flags: number;
  /** VXLAN network identifier. */
  vni: number;
}

/** The VNI of the VXLAN header at `off` (needs 8 bytes). */
export function vxlanVni(d: Uint8Array, off: number): number {
  return (u32(d, off + VXLAN_VNI_AT) >>> VXLAN_VNI_SHIFT) & VXLAN_VNI_MASK;
}

/** Reads the VXLAN header at `off` (needs 8 bytes). */
export function vxlanHeader(d: Uint8Array, off: number): VxlanHeader {
  return { flags: d[off + VXLAN_FLAGS_AT], vni: vxlanVni(d, off) };
}
