/** IEEE 802.1Q / 802.1ad VLAN tags inline in a frame. */

import type { VlanTag } from "../packet/packet.ts";
import { ETH_P_8021AD, ETH_P_8021Q, ETH_P_QINQ1, isVlanTpid } from "../packet/vlan.ts";
import { ETH_HLEN } from "./ethernet.ts";
import { u16 } from "./bytes.ts";

export { ETH_P_8021AD, ETH_P_8021Q, ETH_P_QINQ1, isVlanTpid };
/** Octets a tag adds after the TPID: TCI plus the next EtherType (VLAN_HLEN). */
export const VLAN_HLEN = 4;

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
