/**
 * BSD loopback headers (LINKTYPE_NULL, LINKTYPE_LOOP): one 4-octet address family, in the
 * writer's byte order for NULL and in network order for LOOP. The family numbers are in
 * numbers.ts (BSD_AFNUM_*).
 *
 * @module
 */

import { u32 } from "./bytes.ts";

/** Octets in the header (NULL_HDRLEN). */
export const NULL_HDR_LEN = 4;
/** Offset of the address family, 4 octets. */
export const NULL_FAMILY_AT = 0;

/** Mask of the upper 16 bits: set in a family read in the wrong byte order. */
const NULL_FAMILY_SWAPPED = 0xffff0000;

/**
 * The address family of a NULL header at `off` (4 octets there, checked by the caller): written
 * in its writer's byte order, so read little-endian and taken big-endian when that gives upper
 * 16 bits (tcpdump's rule; families are small numbers).
 */
export function nullFamily(d: Uint8Array, off: number): number {
  const at = off + NULL_FAMILY_AT;
  const le = (d[at] | (d[at + 1] << 8) | (d[at + 2] << 16) | (d[at + 3] << 24)) >>> 0;
  return (le & NULL_FAMILY_SWAPPED) !== 0 ? u32(d, at) : le;
}

/** The address family of a LOOP header at `off`: always in network byte order. */
export function loopFamily(d: Uint8Array, off: number): number {
  return u32(d, off + NULL_FAMILY_AT);
}
