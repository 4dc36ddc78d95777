/** IEEE 802.1Q / 802.1ad VLAN tags inline in a frame. */

import type { VlanTag } from "../packet/packet.ts";
import { ETH_HLEN } from "./ethernet.ts";
import { u16 } from "./bytes.ts";

/** TPID of an 802.1Q customer tag (ETH_P_8021Q). */
export const ETH_P_8021Q = 0x8100;
/** TPID of an 802.1ad service tag (ETH_P_8021AD). */
export const ETH_P_8021AD = 0x88a8;
/** Pre-standard QinQ TPID (ETH_P_QINQ1). */
export const ETH_P_QINQ1 = 0x9100;
/** Octets a tag adds after the TPID: TCI plus the next EtherType (VLAN_HLEN). */
export const VLAN_HLEN = 4;

/** True for the EtherTypes that introduce a VLAN tag. */
export function isVlanTpid(type: number): boolean {
  return type === ETH_P_8021Q || type === ETH_P_8021AD || type === ETH_P_QINQ1;
}

/** The tag whose TCI is at `tciOff` (the TPID is the two bytes before it). */
export function vlanTag(d: Uint8Array, tciOff: number): VlanTag {
  const tci = u16(d, tciOff);
  return { tpid: u16(d, tciOff - 2), id: tci & 0x0fff, pcp: tci >> 13, dei: (tci >> 12) & 1 };
}

/** Every VLAN tag inline in an Ethernet frame, outer first; stops at the first cut-short tag. */
export function vlanTags(d: Uint8Array): VlanTag[] {
  const tags: VlanTag[] = [];
  let off = ETH_HLEN - 2;
  while (off + 2 + VLAN_HLEN <= d.length && isVlanTpid(u16(d, off))) {
    tags.push(vlanTag(d, off + 2));
    off += VLAN_HLEN;
  }
  return tags;
}
