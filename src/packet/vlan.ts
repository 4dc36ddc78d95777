/** VLAN tags: the stripped tag from auxdata or a ring header, put back into the frame. */
import type { VlanTag } from "./packet.ts";

export const ETH_P_8021Q = 0x8100;
export const ETH_P_8021AD = 0x88a8;
export const ETH_P_QINQ1 = 0x9100;

/** Byte offset of the ethertype (after destination and source MAC). */
const ETH_ALEN2 = 12;

/** True for the TPIDs that start a VLAN tag. */
export function isVlanTpid(t: number): boolean {
  return t === ETH_P_8021Q || t === ETH_P_8021AD || t === ETH_P_QINQ1;
}

/** Splits a TCI into a tag. */
export function tagFromTci(tpid: number, tci: number): VlanTag {
  return { tpid, id: tci & 0x0fff, pcp: tci >>> 13, dei: (tci >>> 12) & 1 };
}

/**
 * Puts a stripped tag back, as libpcap does. The frame sits at `buf[start+4 .. start+4+caplen]`;
 * the MAC addresses move 4 bytes forward and the tag is written after them, so the frame then
 * spans `buf[start .. start+caplen+4]`. Returns the new captured length.
 */
export function reinsertTag(
  buf: Uint8Array,
  start: number,
  caplen: number,
  tpid: number,
  tci: number,
): number {
  if (caplen < ETH_ALEN2) {
    buf.copyWithin(start, start + 4, start + 4 + caplen);
    return caplen;
  }
  buf.copyWithin(start, start + 4, start + 4 + ETH_ALEN2);
  buf[start + 12] = tpid >>> 8;
  buf[start + 13] = tpid & 0xff;
  buf[start + 14] = tci >>> 8;
  buf[start + 15] = tci & 0xff;
  return caplen + 4;
}

/** The tags inline in an Ethernet frame, outer first (any depth, bounded by the frame). */
export function inlineTags(data: Uint8Array): VlanTag[] {
  const tags: VlanTag[] = [];
  let off = ETH_ALEN2;
  while (off + 4 <= data.length) {
    const tpid = (data[off] << 8) | data[off + 1];
    if (!isVlanTpid(tpid)) break;
    tags.push(tagFromTci(tpid, (data[off + 2] << 8) | data[off + 3]));
    off += 4;
  }
  return tags;
}

/** True when any tag in the frame has one of `ids` (allocation-free). */
export function hasVlanId(data: Uint8Array, ids: readonly number[]): boolean {
  let off = ETH_ALEN2;
  while (off + 4 <= data.length) {
    const tpid = (data[off] << 8) | data[off + 1];
    if (!isVlanTpid(tpid)) return false;
    const id = ((data[off + 2] << 8) | data[off + 3]) & 0x0fff;
    if (ids.includes(id)) return true;
    off += 4;
  }
  return false;
}
