/**
 * VLAN tags the kernel stripped: the TPIDs that start a tag, and putting a stripped tag back
 * into the frame (from auxdata or a ring header), as libpcap does. Tags inline in a frame are
 * decoded by src/decode/vlan.ts; this is the lowest layer that needs the tag's layout, so the
 * decoders take it from here.
 */

import { ETH_TYPE_AT } from "./ethernet.ts";

/** TPID of an 802.1Q customer tag. */
export const ETH_P_8021Q = 0x8100;
/** TPID of an 802.1ad service tag. */
export const ETH_P_8021AD = 0x88a8;
/** Pre-standard QinQ TPID. */
export const ETH_P_QINQ1 = 0x9100;

/** Octets of a tag: TPID and TCI (VLAN_HLEN). It sits where the EtherType was. */
export const VLAN_HLEN = 4;

/** True for the EtherTypes that introduce a VLAN tag. */
export function isVlanTpid(type: number): boolean {
  return type === ETH_P_8021Q || type === ETH_P_8021AD || type === ETH_P_QINQ1;
}

/**
 * Puts a stripped tag back, libpcap's rule: only when the frame holds both MAC addresses. The
 * frame is `buf[start, start + caplen)` with {@link VLAN_HLEN} free bytes before it; the MAC
 * addresses move into them and the tag is written after. Returns the
 * octets inserted, 0 or {@link VLAN_HLEN}: the frame then starts that much earlier and both its
 * captured and its wire length grow by it.
 */
export function putBackVlanTag(
  buf: Uint8Array,
  start: number,
  caplen: number,
  tpid: number,
  tci: number,
): number {
  if (caplen < ETH_TYPE_AT) return 0;
  const to = start - VLAN_HLEN;
  // The MAC addresses move 4 bytes down, front to back.
  for (let i = 0; i < ETH_TYPE_AT; i++) buf[to + i] = buf[start + i];
  buf[to + ETH_TYPE_AT] = tpid >>> 8;
  buf[to + ETH_TYPE_AT + 1] = tpid & 0xff;
  buf[to + ETH_TYPE_AT + 2] = tci >>> 8;
  buf[to + ETH_TYPE_AT + 3] = tci & 0xff;
  return VLAN_HLEN;
}
