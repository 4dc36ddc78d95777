/** IEEE 802.2 LLC header, with SNAP. */

import { u16 } from "./bytes.ts";
import { LLC_SAP_SNAP } from "./numbers.ts";

/** Offset of the destination service access point. */
export const LLC_DSAP_AT = 0;
/** Offset of the source service access point. */
export const LLC_SSAP_AT = 1;
/** Offset of the control field (one byte for U frames, two for I and S frames). */
export const LLC_CTRL_AT = 2;
/** Control field bits that mark an unnumbered (U) frame. */
export const LLC_U_FMT = 3;
/** The low SAP bit: group (DSAP) or response (SSAP). */
export const LLC_GSAP = 1;
/** Octets in a SNAP header after the LLC header: OUI and EtherType. */
export const SNAP_HLEN = 5;
/** Offset of the EtherType in a SNAP header. */
export const SNAP_TYPE_AT = 3;

/** An 802.2 LLC header; `snap` when DSAP and SSAP are 0xaa. */
export interface LlcHeader {
  dsap: number;
  ssap: number;
  /** Control field: one byte for U frames, two for I and S frames. */
  ctrl: number;
  snap?: { oui: number; type: number };
}

/** True when the LLC control field at `off` is one byte (a U frame). */
export function llcIsUFrame(d: Uint8Array, off: number): boolean {
  return (d[off + LLC_CTRL_AT] & LLC_U_FMT) === LLC_U_FMT;
}

/** True when DSAP and SSAP of the LLC header at `off` announce a SNAP header. */
export function llcIsSnap(d: Uint8Array, off: number): boolean {
  return d[off + LLC_DSAP_AT] === LLC_SAP_SNAP && d[off + LLC_SSAP_AT] === LLC_SAP_SNAP;
}

/** Octets of the LLC header alone at `off` (3 or 4), without SNAP. */
export function llcControlEnd(d: Uint8Array, off: number): number {
  return LLC_CTRL_AT + (llcIsUFrame(d, off) ? 1 : 2);
}

/** The OUI of the SNAP header at `snap`. */
export function snapOui(d: Uint8Array, snap: number): number {
  return (d[snap] << 16) | (d[snap + 1] << 8) | d[snap + 2];
}

/** Octets of LLC (+SNAP) header at `off`, or -1 when `end` cuts it short. */
export function llcHeaderLength(d: Uint8Array, off: number, end: number): number {
  if (off + LLC_CTRL_AT + 1 > end) return -1;
  let len = llcControlEnd(d, off);
  if (llcIsSnap(d, off)) len += SNAP_HLEN;
  return off + len > end ? -1 : len;
}

/** Reads the LLC header at `off`; call only after `llcHeaderLength` succeeded. */
export function llcHeader(d: Uint8Array, off: number): LlcHeader {
  const ctrl = llcIsUFrame(d, off) ? d[off + LLC_CTRL_AT] : u16(d, off + LLC_CTRL_AT);
  const h: LlcHeader = { dsap: d[off + LLC_DSAP_AT], ssap: d[off + LLC_SSAP_AT], ctrl };
  if (llcIsSnap(d, off)) {
    const s = off + llcControlEnd(d, off);
    h.snap = { oui: snapOui(d, s), type: u16(d, s + SNAP_TYPE_AT) };
  }
  return h;
}

// ---- Bridging and link control (issue 15 family 1): LLC control fields, as tcpdump reads them ----

/** Control field bits that mark a supervisory (S) frame (with LLC_U_FMT clear: an I frame). */
export const LLC_S_FMT = 1;
/** The poll/final bit of a U frame's control field. */
export const LLC_U_POLL = 0x10;
/** The command bits of a U frame's control field (without the poll/final bit). */
export const LLC_U_CMD_MASK = 0xef;
/** The poll/final bit of an I or S frame's 16-bit little-endian control field. */
export const LLC_IS_POLL = 0x0100;
/** Shift and mask of the receive sequence number of an I or S frame's control field. */
export const LLC_NR_SHIFT = 9;
/** See {@link LLC_NR_SHIFT}. */
export const LLC_SEQ_MASK = 0x7f;
/** Shift of the send sequence number of an I frame's control field. */
export const LLC_NS_SHIFT = 1;
/** Shift and mask of the supervisory function of an S frame's control field. */
export const LLC_S_CMD_SHIFT = 2;
/** See {@link LLC_S_CMD_SHIFT}. */
export const LLC_S_CMD_MASK = 3;
/** XID information field: offset of the format identifier. */
export const LLC_XID_FI_AT = 0;
/** XID information field: octets of the format identifier, the class and the window. */
export const LLC_XID_LEN = 3;
/** XID information field: offset of the LLC class. */
export const LLC_XID_CLASS_AT = 1;
/** XID information field: offset of the receive window. */
export const LLC_XID_WINDOW_AT = 2;

/** The control field at `off`: one byte for U frames, else 16 bits little-endian (as tcpdump). */
export function llcControl(d: Uint8Array, off: number): number {
  return llcIsUFrame(d, off)
    ? d[off + LLC_CTRL_AT]
    : d[off + LLC_CTRL_AT] | (d[off + LLC_CTRL_AT + 1] << 8);
}
