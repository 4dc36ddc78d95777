/** VRRP (RFC 3768 version 2, RFC 5798 version 3): router advertisements. */
import { u16 } from "./bytes.ts";

/** Offset of the version (high nibble) and type (low nibble). */
export const VRRP_VTYPE_AT = 0;
/** Offset of the virtual router id. */
export const VRRP_VRID_AT = 1;
/** Offset of the priority. */
export const VRRP_PRIO_AT = 2;
/** Offset of the number of addresses. */
export const VRRP_NADDR_AT = 3;
/** VRRPv2: offset of the authentication type. */
export const VRRP_AUTHTYPE_AT = 4;
/** VRRPv2: offset of the advertisement interval, in seconds. */
export const VRRP_ADVINT_AT = 5;
/** VRRPv3: offset of the 16-bit word whose low 12 bits are the interval, in centiseconds. */
export const VRRP3_ADVINT_AT = 4;
/** VRRPv3: the interval's bits in that word. */
export const VRRP3_ADVINT_MASK = 0xfff;
/** Offset of the checksum. */
export const VRRP_SUM_AT = 6;
/** The fixed header, in octets; the addresses follow it. */
export const VRRP_HLEN = 8;
/** VRRPv2: octets of the authentication data after the addresses. */
export const VRRP_AUTH_LEN = 8;
/** Version shift in the first octet. */
export const VRRP_VERSION_SHIFT = 4;
/** Type mask in the first octet. */
export const VRRP_TYPE_MASK = 0x0f;

/** A decoded VRRP header. */
export interface VrrpHeader {
  /** 2 or 3 (other values are carried as they are). */
  version: number;
  /** Message type (1: advertisement). */
  type: number;
  /** Virtual router id (this and the rest only when the whole header was captured). */
  vrid?: number;
  /** Priority. */
  prio?: number;
  /** Number of addresses. */
  naddrs?: number;
  /** Advertisement interval: seconds in version 2, centiseconds in version 3. */
  interval?: number;
  /** VRRPv2 authentication type. */
  authType?: number;
}

/** Reads the VRRP header at `off` (needs 1 octet; the rest when `end` allows). */
export function vrrpHeader(d: Uint8Array, off: number, end: number): VrrpHeader {
  const version = d[off + VRRP_VTYPE_AT] >> VRRP_VERSION_SHIFT;
  const h: VrrpHeader = { version, type: d[off + VRRP_VTYPE_AT] & VRRP_TYPE_MASK };
  if (off + VRRP_HLEN > end) return h;
  return {
    ...h,
    vrid: d[off + VRRP_VRID_AT],
    prio: d[off + VRRP_PRIO_AT],
    naddrs: d[off + VRRP_NADDR_AT],
    interval: version === 2
      ? d[off + VRRP_ADVINT_AT]
      : u16(d, off + VRRP3_ADVINT_AT) & VRRP3_ADVINT_MASK,
    authType: version === 2 ? d[off + VRRP_AUTHTYPE_AT] : undefined,
  };
}
