/** MPLS label stack entries (RFC 3032): label, traffic class, bottom of stack, TTL. */

import { u32 } from "./bytes.ts";

/** Octets of one label stack entry. */
export const MPLS_HLEN = 4;
/** Offset of the 32-bit entry. */
export const MPLS_ENTRY_AT = 0;
/** Shift of the 20-bit label in the entry. */
export const MPLS_LABEL_SHIFT = 12;
/** Mask of the label after the shift. */
export const MPLS_LABEL_MASK = 0xfffff;
/** Shift of the 3-bit traffic class. */
export const MPLS_TC_SHIFT = 9;
/** Mask of the traffic class after the shift. */
export const MPLS_TC_MASK = 0x7;
/** Shift of the bottom-of-stack bit. */
export const MPLS_S_SHIFT = 8;
/** Mask of the TTL. */
export const MPLS_TTL_MASK = 0xff;
/** Shift of an IP header's version nibble, to guess what the stack carries. */
export const MPLS_VERSION_SHIFT = 4;

/** One decoded label stack entry. */
export interface MplsEntry {
  /** 20-bit label. */
  label: number;
  /** Traffic class (formerly EXP). */
  tc: number;
  /** 1 on the bottom entry of the stack. */
  s: number;
  /** Time to live. */
  ttl: number;
}

/** The label of the entry at `off`. */
export function mplsLabel(d: Uint8Array, off: number): number {
  return (u32(d, off + MPLS_ENTRY_AT) >>> MPLS_LABEL_SHIFT) & MPLS_LABEL_MASK;
}

/** The traffic class of the entry at `off`. */
export function mplsTc(d: Uint8Array, off: number): number {
  return (u32(d, off + MPLS_ENTRY_AT) >>> MPLS_TC_SHIFT) & MPLS_TC_MASK;
}

/** True when the entry at `off` is the bottom of the stack. */
export function mplsBottom(d: Uint8Array, off: number): boolean {
  return ((u32(d, off + MPLS_ENTRY_AT) >>> MPLS_S_SHIFT) & 1) === 1;
}

/** The TTL of the entry at `off`. */
export function mplsTtl(d: Uint8Array, off: number): number {
  return u32(d, off + MPLS_ENTRY_AT) & MPLS_TTL_MASK;
}

/** Reads the entry at `off` (needs 4 bytes). */
export function mplsEntry(d: Uint8Array, off: number): MplsEntry {
  return {
    label: mplsLabel(d, off),
    tc: mplsTc(d, off),
    s: mplsBottom(d, off) ? 1 : 0,
    ttl: mplsTtl(d, off),
  };
}
