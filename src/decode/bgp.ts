/** BGP-4 (RFC 4271) over TCP port 179: the message header, OPEN and NOTIFICATION. */
import { ipv4String, u16 } from "./bytes.ts";
import { BGP_NOTIFICATION, BGP_OPEN } from "./numbers.ts";

/** Octets of the marker (all ones). */
export const BGP_MARKER_LEN = 16;
/** Offset of the message length. */
export const BGP_LEN_AT = 16;
/** Offset of the message type. */
export const BGP_TYPE_AT = 18;
/** The header, in octets. */
export const BGP_HLEN = 19;
/** OPEN: offset of the version. */
export const BGP_OPEN_VERSION_AT = 19;
/** OPEN: offset of my AS. */
export const BGP_OPEN_AS_AT = 20;
/** OPEN: offset of the hold time. */
export const BGP_OPEN_HOLD_AT = 22;
/** OPEN: offset of the BGP identifier. */
export const BGP_OPEN_ID_AT = 24;
/** OPEN: offset of the optional parameters length. */
export const BGP_OPEN_OPTLEN_AT = 28;
/** OPEN without optional parameters, in octets. */
export const BGP_OPEN_LEN = 29;
/** NOTIFICATION: offset of the error code. */
export const BGP_NOTIFY_CODE_AT = 19;
/** NOTIFICATION: offset of the error subcode. */
export const BGP_NOTIFY_SUBCODE_AT = 20;
/** NOTIFICATION without data, in octets. */
export const BGP_NOTIFY_LEN = 21;
/** ROUTE-REFRESH: offset of the AFI. */
export const BGP_RR_AFI_AT = 19;
/** ROUTE-REFRESH: offset of the SAFI. */
export const BGP_RR_SAFI_AT = 22;
/** ROUTE-REFRESH, in octets. */
export const BGP_RR_LEN = 23;
/** Most messages printed from one segment. */
export const BGP_MAX_MESSAGES = 1024;
/** The marker octet value. */
export const BGP_MARKER_OCTET = 0xff;

/** True when the 16 octets at `at` (all captured) are a BGP marker. */
export function bgpMarker(d: Uint8Array, at: number): boolean {
  for (let i = at; i < at + BGP_MARKER_LEN; i++) if (d[i] !== BGP_MARKER_OCTET) return false;
  return true;
}

/** A decoded BGP message (the first in the segment). */
export interface BgpMessage {
  /** Message type (1 OPEN...); -1 when the segment does not start with a whole header. */
  type: number;
  /** Length field. */
  length?: number;
  /** OPEN: version. */
  version?: number;
  /** OPEN: my AS. */
  as?: number;
  /** OPEN: hold time, seconds. */
  holdTime?: number;
  /** OPEN: BGP identifier. */
  id?: string;
  /** NOTIFICATION: error code. */
  errorCode?: number;
  /** NOTIFICATION: error subcode. */
  errorSubcode?: number;
}

/** Reads the BGP message at the start of `[off, end)`. */
export function bgpMessage(d: Uint8Array, off: number, end: number): BgpMessage {
  if (off + BGP_HLEN > end || !bgpMarker(d, off)) return { type: -1 };
  const m: BgpMessage = { type: d[off + BGP_TYPE_AT], length: u16(d, off + BGP_LEN_AT) };
  if (m.type === BGP_OPEN && off + BGP_OPEN_LEN <= end) {
    m.version = d[off + BGP_OPEN_VERSION_AT];
    m.as = u16(d, off + BGP_OPEN_AS_AT);
    m.holdTime = u16(d, off + BGP_OPEN_HOLD_AT);
    m.id = ipv4String(d, off + BGP_OPEN_ID_AT);
  } else if (m.type === BGP_NOTIFICATION && off + BGP_NOTIFY_LEN <= end) {
    m.errorCode = d[off + BGP_NOTIFY_CODE_AT];
    m.errorSubcode = d[off + BGP_NOTIFY_SUBCODE_AT];
  }
  return m;
}
