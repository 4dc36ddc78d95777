/** IEEE 802.2 LLC header, with SNAP. */

import { u16 } from "./bytes.ts";

/** SAP value announcing a SNAP header (LLC_SAP_SNAP). */
export const LLC_SAP_SNAP = 0xaa;
/** Octets in a SNAP header after the LLC header. */
export const SNAP_HLEN = 5;

/** An 802.2 LLC header; `snap` when DSAP and SSAP are 0xaa. */
export interface LlcHeader {
  dsap: number;
  ssap: number;
  /** Control field: one byte for U frames, two for I and S frames. */
  ctrl: number;
  snap?: { oui: number; type: number };
}

/** Octets of LLC (+SNAP) header at `off`, or -1 when `end` cuts it short. */
export function llcHeaderLength(d: Uint8Array, off: number, end: number): number {
  if (off + 3 > end) return -1;
  const ctrlLen = (d[off + 2] & 3) === 3 ? 1 : 2;
  let len = 2 + ctrlLen;
  if (d[off] === LLC_SAP_SNAP && d[off + 1] === LLC_SAP_SNAP) len += SNAP_HLEN;
  return off + len > end ? -1 : len;
}

/** Reads the LLC header at `off`; call only after `llcHeaderLength` succeeded. */
export function llcHeader(d: Uint8Array, off: number): LlcHeader {
  const ctrl = (d[off + 2] & 3) === 3 ? d[off + 2] : u16(d, off + 2);
  const h: LlcHeader = { dsap: d[off], ssap: d[off + 1], ctrl };
  if (d[off] === LLC_SAP_SNAP && d[off + 1] === LLC_SAP_SNAP) {
    const s = off + 2 + ((d[off + 2] & 3) === 3 ? 1 : 2);
    h.snap = { oui: (d[s] << 16) | (d[s + 1] << 8) | d[s + 2], type: u16(d, s + 3) };
  }
  return h;
}
