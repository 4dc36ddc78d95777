/**
 * IEEE 802.1Q / 802.1ad VLAN tags inline in a frame. A tag layer's range starts at its TCI; the
 * TPID is the two bytes before, the next EtherType the two after.
 */

import type { VlanTag } from "../packet/packet.ts";
import { isVlanTpid, VLAN_HLEN } from "../packet/vlan.ts";
import { ETH_TYPE_AT } from "./ethernet.ts";
import { u16 } from "./bytes.ts";

export { isVlanTpid, VLAN_HLEN };
/** Offset of the TPID from a tag layer's start (the TCI). */
export const VLAN_TPID_AT = -2;
/** Offset of the TCI from a tag layer's start. */
export const VLAN_TCI_AT = 0;
/** Offset of the EtherType the tag carries, from a tag layer's start. */
export const VLAN_TYPE_AT = 2;
/** TCI bits of the VLAN id (VLAN_VID_MASK). */
export const VLAN_VID_MASK = 0x0fff;
/** Shift of the priority code point in the TCI (VLAN_PRIO_SHIFT). */
export const VLAN_PRIO_SHIFT = 13;
/** Shift of the drop eligible bit in the TCI. */
export const VLAN_DEI_SHIFT = 12;
/** TCI bit of the drop eligible indicator (VLAN_CFI_MASK). */
export const VLAN_DEI_MASK = 1 << VLAN_DEI_SHIFT;

/** The VLAN id of a TCI. */
export function vlanId(tci: number): number {
  return tci & VLAN_VID_MASK;
}

/** The priority code point of a TCI. */
export function vlanPcp(tci: number): number {
  return tci >> VLAN_PRIO_SHIFT;
}

/** The drop eligible indicator of a TCI, 0 or 1. */
export function vlanDei(tci: number): number {
  return (tci >> VLAN_DEI_SHIFT) & 1;
}

/** The tag whose layer starts at `at` (its TCI; the TPID is the two bytes before). */
export function vlanTag(d: Uint8Array, at: number): VlanTag {
  const tci = u16(d, at + VLAN_TCI_AT);
  return { tpid: u16(d, at + VLAN_TPID_AT), id: vlanId(tci), pcp: vlanPcp(tci), dei: vlanDei(tci) };
}

/**
 * Most tags read from one frame: as many as the frame walker records (its 32 layers less the
 * Ethernet header), so `Packet.vlan` and the NDJSON `vlan` array agree on a hostile stack.
 */
export const VLAN_MAX_TAGS = 31;

/**
 * Every VLAN tag inline in an Ethernet frame, outer first, at most {@link VLAN_MAX_TAGS}; stops
 * at the first cut-short tag.
 */
export function vlanTags(d: Uint8Array): VlanTag[] {
  const tags: VlanTag[] = [];
  let off = ETH_TYPE_AT;
  while (
    tags.length < VLAN_MAX_TAGS && off + VLAN_HLEN + 2 <= d.length && isVlanTpid(u16(d, off))
  ) {
    tags.push(vlanTag(d, off - VLAN_TPID_AT));
    off += VLAN_HLEN;
  }
  return tags;
}
