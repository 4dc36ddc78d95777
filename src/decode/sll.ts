/**
 * Linux cooked capture headers (libpcap's sll.h): what `tcpdump -i any` writes in place of a
 * MAC header. v1 (LINKTYPE_LINUX_SLL) is 16 octets, v2 (LINKTYPE_LINUX_SLL2) 20 and carries
 * the interface index. Both end (v1) or start (v2) with a protocol field that is an EtherType,
 * or one of the LINUX_SLL_P_* values below for frames without one.
 *
 * @module
 */

import { u16, u32 } from "./bytes.ts";

/** Octets in a v1 header (SLL_HDR_LEN). */
export const SLL_HDR_LEN = 16;
/** v1: offset of the packet type (PACKET_HOST... as the kernel's sll_pkttype), 2 octets. */
export const SLL_PKTTYPE_AT = 0;
/** v1: offset of the ARPHRD_* hardware type, 2 octets. */
export const SLL_HATYPE_AT = 2;
/** v1: offset of the link-layer address length, 2 octets. */
export const SLL_HALEN_AT = 4;
/** v1: offset of the link-layer address (8 octets, the first `halen` meaningful). */
export const SLL_ADDR_AT = 6;
/** v1: offset of the protocol, 2 octets. */
export const SLL_PROTOCOL_AT = 14;

/** Octets in a v2 header (SLL2_HDR_LEN). */
export const SLL2_HDR_LEN = 20;
/** v2: offset of the protocol, 2 octets. */
export const SLL2_PROTOCOL_AT = 0;
/** v2: offset of the reserved field (must be zero), 2 octets. */
export const SLL2_RESERVED_AT = 2;
/** v2: offset of the interface index, 4 octets. */
export const SLL2_IFINDEX_AT = 4;
/** v2: offset of the ARPHRD_* hardware type, 2 octets. */
export const SLL2_HATYPE_AT = 8;
/** v2: offset of the packet type, 1 octet. */
export const SLL2_PKTTYPE_AT = 10;
/** v2: offset of the link-layer address length, 1 octet. */
export const SLL2_HALEN_AT = 11;
/** v2: offset of the link-layer address (8 octets). */
export const SLL2_ADDR_AT = 12;

/** Octets of link-layer address either header has room for (SLL_ADDRLEN). */
export const SLL_ADDRLEN = 8;

/** A Linux cooked header (v1 or v2), as the library and NDJSON give it. */
export interface SllHeader {
  /** Packet type (LINUX_SLL_HOST...; numbers.ts SLL_PKTTYPES names them). */
  pkttype: number;
  /** ARPHRD_* type of the interface. */
  hatype: number;
  /** The interface index (v2 only; 0 in v1, which does not carry it). */
  ifindex: number;
  /** The link-layer source address, its first `halen` octets (at most 8), colon-separated hex. */
  addr: string;
  /** The protocol: an EtherType, or LINUX_SLL_P_* for frames without one. */
  protocol: number;
}

/** The address field at `at`, `halen` octets of it (at most {@link SLL_ADDRLEN}). */
function sllAddr(d: Uint8Array, at: number, halen: number): string {
  let s = "";
  const n = Math.min(halen, SLL_ADDRLEN);
  for (let i = 0; i < n; i++) s += (i ? ":" : "") + d[at + i].toString(16).padStart(2, "0");
  return s;
}

/** The v1 header at `off` (the caller checked {@link SLL_HDR_LEN} octets are there). */
export function sllHeader(d: Uint8Array, off: number): SllHeader {
  return {
    pkttype: u16(d, off + SLL_PKTTYPE_AT),
    hatype: u16(d, off + SLL_HATYPE_AT),
    ifindex: 0,
    addr: sllAddr(d, off + SLL_ADDR_AT, u16(d, off + SLL_HALEN_AT)),
    protocol: u16(d, off + SLL_PROTOCOL_AT),
  };
}

/** The v2 header at `off` (the caller checked {@link SLL2_HDR_LEN} octets are there). */
export function sll2Header(d: Uint8Array, off: number): SllHeader {
  return {
    pkttype: d[off + SLL2_PKTTYPE_AT],
    hatype: u16(d, off + SLL2_HATYPE_AT),
    ifindex: u32(d, off + SLL2_IFINDEX_AT),
    addr: sllAddr(d, off + SLL2_ADDR_AT, d[off + SLL2_HALEN_AT]),
    protocol: u16(d, off + SLL2_PROTOCOL_AT),
  };
}
