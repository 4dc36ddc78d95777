/**
 * PPPoE (RFC 2516): the 6-octet header of discovery (tags follow) and session packets (PPP
 * follows), and the PPP protocol field and control packets (LCP, IPCP) a session carries.
 */

import { hex2, latin1, u16 } from "./bytes.ts";
import { PPP_IPCP, PPP_IPV6CP, PPP_LCP, PPPOE_TAG_AC_NAME } from "./numbers.ts";
import { PPPOE_TAG_EOL, PPPOE_TAG_HOST_UNIQ, PPPOE_TAG_SERVICE_NAME } from "./numbers.ts";

/** Offset of the version (high nibble) and type (low nibble). */
export const PPPOE_VER_TYPE_AT = 0;
/** Shift of the version in its octet. */
export const PPPOE_VER_SHIFT = 4;
/** Mask of the type. */
export const PPPOE_TYPE_MASK = 0x0f;
/** Offset of the code (0 for session packets). */
export const PPPOE_CODE_AT = 1;
/** Offset of the session id. */
export const PPPOE_SESSION_AT = 2;
/** Offset of the payload length. */
export const PPPOE_LEN_AT = 4;
/** Octets of the header. */
export const PPPOE_HLEN = 6;
/** Offset of a tag's type, from the tag's start. */
export const PPPOE_TAG_TYPE_AT = 0;
/** Offset of a tag's length. */
export const PPPOE_TAG_LEN_AT = 2;
/** Octets of a tag's header. */
export const PPPOE_TAG_HLEN = 4;

/** Octets of the PPP protocol field (address and control are not sent over PPPoE). */
export const PPP_PROTO_LEN = 2;
/** A protocol field whose first octet is odd is that octet alone (RFC 1661 compression). */
export const PPP_PFC_BIT = 1;
/** Offset of a control packet's code, from the control packet's start. */
export const PPP_CP_CODE_AT = 0;
/** Offset of a control packet's identifier. */
export const PPP_CP_ID_AT = 1;
/** Offset of a control packet's length. */
export const PPP_CP_LEN_AT = 2;
/** Offset of a control packet's options or data. */
export const PPP_CP_DATA_AT = 4;
/** Octets of a control packet's header (code, identifier, length). */
export const PPP_CP_HLEN = 4;
/** Offset of an option's length, from the option's start. */
export const PPP_OPT_LEN_AT = 1;
/** Offset of an option's data. */
export const PPP_OPT_DATA_AT = 2;

/** A decoded PPPoE header and the tags tshark and tcpdump name. */
export interface PppoeHeader {
  /** Version (1). */
  version: number;
  /** Type (1). */
  type: number;
  /** Code: 0x09 PADI, 0x07 PADO, 0x19 PADR, 0x65 PADS, 0xa7 PADT, 0 session data. */
  code: number;
  /** Session id. */
  session: number;
  /** Payload length field. */
  len: number;
  /** Service-Name tag (discovery), as text. */
  serviceName?: string;
  /** AC-Name tag, as text. */
  acName?: string;
  /** Host-Uniq tag, in hex. */
  hostUniq?: string;
}

/** A decoded PPP protocol field and, for LCP, IPCP and IP6CP, the control packet's header. */
export interface PppHeader {
  /** Protocol (0x0021 IPv4, 0x0057 IPv6, 0xc021 LCP, 0x8021 IPCP, ...). */
  proto: number;
  /** Control packet code. */
  code?: number;
  /** Control packet identifier. */
  id?: number;
  /** Control packet length field. */
  len?: number;
}

/** True when PPP protocol `proto` is a control protocol whose packets rawcap decodes. */
export function isPppControl(proto: number): boolean {
  return proto === PPP_LCP || proto === PPP_IPCP || proto === PPP_IPV6CP;
}

/** Octets of the PPP protocol field at `off`: 1 when compressed, else 2. */
export function pppProtoLen(d: Uint8Array, off: number): number {
  return d[off] & PPP_PFC_BIT ? 1 : PPP_PROTO_LEN;
}

/** The PPP protocol at `off` (either length). */
export function pppProto(d: Uint8Array, off: number): number {
  return d[off] & PPP_PFC_BIT ? d[off] : u16(d, off);
}

/** Octets of an IP6CP interface identifier. */
export const IP6CP_IFID_LEN = 8;

/** `0200:0000:0000:00ff`: the IP6CP interface identifier at `v`, as tcpdump prints it. */
export function ip6cpInterfaceId(d: Uint8Array, v: number): string {
  let s = "";
  for (let i = 0; i < IP6CP_IFID_LEN; i += 2) {
    s += (i ? ":" : "") + hex2(d[v + i]) + hex2(d[v + i + 1]);
  }
  return s;
}

/** Octets of the tag at `i` (header and value). */
export function pppoeTagSize(d: Uint8Array, i: number): number {
  return PPPOE_TAG_HLEN + u16(d, i + PPPOE_TAG_LEN_AT);
}

/** Reads the PPPoE header at `off` and, for discovery, the tags in `[off + 6, end)`. */
export function pppoeHeader(d: Uint8Array, off: number, end: number): PppoeHeader {
  const vt = d[off + PPPOE_VER_TYPE_AT], len = u16(d, off + PPPOE_LEN_AT);
  const h: PppoeHeader = {
    version: vt >> PPPOE_VER_SHIFT,
    type: vt & PPPOE_TYPE_MASK,
    code: d[off + PPPOE_CODE_AT],
    session: u16(d, off + PPPOE_SESSION_AT),
    len,
  };
  if (h.code === 0) return h;
  const stop = Math.min(end, off + PPPOE_HLEN + len);
  // Each tag takes at least 4 octets, so the walk ends.
  for (let i = off + PPPOE_HLEN; i + PPPOE_TAG_HLEN <= stop;) {
    const type = u16(d, i + PPPOE_TAG_TYPE_AT), size = pppoeTagSize(d, i);
    if (type === PPPOE_TAG_EOL || i + size > stop) break;
    const v = i + PPPOE_TAG_HLEN;
    if (type === PPPOE_TAG_SERVICE_NAME) h.serviceName ??= latin1(d, v, i + size);
    else if (type === PPPOE_TAG_AC_NAME) h.acName ??= latin1(d, v, i + size);
    else if (type === PPPOE_TAG_HOST_UNIQ && h.hostUniq === undefined) {
      let x = "";
      for (let b = v; b < i + size; b++) x += hex2(d[b]);
      h.hostUniq = x;
    }
    i += size;
  }
  return h;
}

/** Reads the PPP protocol field at `off` and a control packet's header when it fits `end`. */
export function pppHeader(d: Uint8Array, off: number, end: number): PppHeader {
  const proto = pppProto(d, off), cp = off + pppProtoLen(d, off);
  const h: PppHeader = { proto };
  if (isPppControl(proto) && cp + PPP_CP_DATA_AT <= end) {
    h.code = d[cp + PPP_CP_CODE_AT];
    h.id = d[cp + PPP_CP_ID_AT];
    h.len = u16(d, cp + PPP_CP_LEN_AT);
  }
  return h;
}
