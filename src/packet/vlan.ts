/**
 * VLAN tags the kernel stripped: the TPIDs that start a tag, and putting a stripped tag back
 * into the frame (from auxdata or a ring header), as libpcap does. Tags inline in a frame are
 * decoded by src/decode/vlan.ts.
 */

/** TPID of an 802.1Q customer tag. */
export const ETH_P_8021Q = 0x8100;
/** TPID of an 802.1ad service tag. */
export const ETH_P_8021AD = 0x88a8;
/** Pre-standard QinQ TPID. */
export const ETH_P_QINQ1 = 0x9100;

/** Byte offset of the ethertype (after destination and source MAC). */
const ETH_ALEN2 = 12;

/** True for the EtherTypes that introduce a VLAN tag. */
export function isVlanTpid(type: number): boolean {
  return type === ETH_P_8021Q || type === ETH_P_8021AD || type === ETH_P_QINQ1;
}

/**
 * Puts a stripped tag back. The frame sits at `buf[start+4 .. start+4+caplen]`; the MAC
 * addresses move 4 bytes forward and the tag is written after them, so the frame then spans
 * `buf[start .. start+caplen+4]`. Returns the new captured length.
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
  // The 12 MAC bytes move 4 bytes down (non-overlapping words, front to back).
  for (let i = 0; i < ETH_ALEN2; i++) buf[start + i] = buf[start + 4 + i];
  buf[start + 12] = tpid >>> 8;
  buf[start + 13] = tpid & 0xff;
  buf[start + 14] = tci >>> 8;
  buf[start + 15] = tci & 0xff;
  return caplen + 4;
}
