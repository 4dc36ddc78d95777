/**
 * The slow protocols of EtherType 0x8809 (IEEE 802.3 clause 43 and 57): LACP and Marker PDUs,
 * a subtype and version, then TLVs (type, length counting the 2-byte header, value).
 *
 * @module
 */

import { macString, u16, u32 } from "./bytes.ts";
import {
  LACP_TLV_ACTOR,
  LACP_TLV_COLLECTOR,
  LACP_TLV_PARTNER,
  LACP_TLV_TERMINATOR,
  MARKER_TLV_INFO,
  MARKER_TLV_RESPONSE,
  SLOW_PROTO_LACP,
  SLOW_PROTO_MARKER,
} from "./numbers.ts";

/** Offset of the subtype. */
export const SLOW_SUBTYPE_AT = 0;
/** Offset of the version (LACP and Marker). */
export const SLOW_VERSION_AT = 1;
/** Offset of the first TLV (LACP and Marker). */
export const SLOW_TLVS_AT = 2;
/** TLV: offset of the type. */
export const SLOW_TLV_TYPE_AT = 0;
/** TLV: offset of the length (header included). */
export const SLOW_TLV_LEN_AT = 1;
/** Octets of a TLV header. */
export const SLOW_TLV_HLEN = 2;
/** At most this many TLVs are read from one PDU. */
export const SLOW_MAX_TLVS = 64;

/** Actor/partner information value: offset of the system priority. */
export const LACP_SYS_PRIO_AT = 0;
/** Actor/partner information value: offset of the system MAC. */
export const LACP_SYSTEM_AT = 2;
/** Actor/partner information value: offset of the key. */
export const LACP_KEY_AT = 8;
/** Actor/partner information value: offset of the port priority. */
export const LACP_PORT_PRIO_AT = 10;
/** Actor/partner information value: offset of the port. */
export const LACP_PORT_AT = 12;
/** Actor/partner information value: offset of the state flags. */
export const LACP_STATE_AT = 14;
/** Octets of an actor/partner information value. */
export const LACP_INFO_LEN = 18;
/** Collector information value: offset of the maximum delay (tens of microseconds). */
export const LACP_MAX_DELAY_AT = 0;
/** Octets of a collector information value. */
export const LACP_COLLECTOR_LEN = 14;
/** Marker information value: offset of the requester port. */
export const MARKER_PORT_AT = 0;
/** Marker information value: offset of the requester system. */
export const MARKER_SYSTEM_AT = 2;
/** Marker information value: offset of the requester transaction id. */
export const MARKER_XID_AT = 8;
/** Octets of a marker information value. */
export const MARKER_INFO_LEN = 14;

/** An actor's or partner's information. */
export interface LacpInfo {
  system: string;
  systemPrio: number;
  key: number;
  port: number;
  portPrio: number;
  /** State flags: activity 1, timeout 2, aggregation 4, synchronization 8, collecting 16, distributing 32, defaulted 64, expired 128. */
  state: number;
}

/** A decoded LACP or Marker PDU (other subtypes carry `subtype` alone). */
export interface SlowPdu {
  /** 1 LACP, 2 Marker, 3 OAM. */
  subtype: number;
  version?: number;
  actor?: LacpInfo;
  partner?: LacpInfo;
  /** Collector maximum delay, in tens of microseconds. */
  maxDelay?: number;
  /** Marker information or response: the requester's port, system and transaction id. */
  marker?: { port: number; system: string; xid: number };
}

function info(d: Uint8Array, v: number): LacpInfo {
  return {
    system: macString(d, v + LACP_SYSTEM_AT),
    systemPrio: u16(d, v + LACP_SYS_PRIO_AT),
    key: u16(d, v + LACP_KEY_AT),
    port: u16(d, v + LACP_PORT_AT),
    portPrio: u16(d, v + LACP_PORT_PRIO_AT),
    state: d[v + LACP_STATE_AT],
  };
}

/** The value length a known TLV must have, -1 for other TLVs. */
export function slowTlvValueLength(subtype: number, type: number): number {
  if (subtype === SLOW_PROTO_LACP) {
    if (type === LACP_TLV_ACTOR || type === LACP_TLV_PARTNER) return LACP_INFO_LEN;
    if (type === LACP_TLV_COLLECTOR) return LACP_COLLECTOR_LEN;
  } else if (subtype === SLOW_PROTO_MARKER && type === MARKER_TLV_INFO) return MARKER_INFO_LEN;
  return -1;
}

/**
 * Octets of the LACP or Marker PDU at `off` up to its terminator TLV (at most SLOW_MAX_TLVS
 * TLVs; the whole `[off, end)` for other subtypes), or -1 when `end` cuts a TLV short.
 */
export function slowLength(d: Uint8Array, off: number, end: number): number {
  const subtype = d[off + SLOW_SUBTYPE_AT];
  if (subtype !== SLOW_PROTO_LACP && subtype !== SLOW_PROTO_MARKER) return end - off;
  let t = off + SLOW_TLVS_AT;
  for (let n = 0; n < SLOW_MAX_TLVS; n++) {
    if (t + SLOW_TLV_HLEN > end) return -1;
    const type = d[t + SLOW_TLV_TYPE_AT], len = d[t + SLOW_TLV_LEN_AT];
    if (type === LACP_TLV_TERMINATOR || len < SLOW_TLV_HLEN) return t + SLOW_TLV_HLEN - off;
    if (t + len > end) return -1;
    t += len;
  }
  return t - off;
}

/** Reads the slow protocol PDU at `[off, end)` (needs 1 byte); TLVs cut short are left out. */
export function slowPdu(d: Uint8Array, off: number, end: number): SlowPdu {
  const subtype = d[off + SLOW_SUBTYPE_AT];
  const p: SlowPdu = { subtype };
  if (subtype !== SLOW_PROTO_LACP && subtype !== SLOW_PROTO_MARKER) return p;
  if (off + SLOW_TLVS_AT > end) return p;
  p.version = d[off + SLOW_VERSION_AT];
  let t = off + SLOW_TLVS_AT;
  for (let n = 0; n < SLOW_MAX_TLVS && t + SLOW_TLV_HLEN <= end; n++) {
    const type = d[t + SLOW_TLV_TYPE_AT], len = d[t + SLOW_TLV_LEN_AT];
    if (type === LACP_TLV_TERMINATOR || len < SLOW_TLV_HLEN || t + len > end) break;
    const v = t + SLOW_TLV_HLEN;
    const response = subtype === SLOW_PROTO_MARKER && type === MARKER_TLV_RESPONSE;
    const want = response ? MARKER_INFO_LEN : slowTlvValueLength(subtype, type);
    if (len - SLOW_TLV_HLEN === want) {
      if (subtype === SLOW_PROTO_MARKER) {
        p.marker = {
          port: u16(d, v + MARKER_PORT_AT),
          system: macString(d, v + MARKER_SYSTEM_AT),
          xid: u32(d, v + MARKER_XID_AT),
        };
      } else if (type === LACP_TLV_ACTOR) p.actor = info(d, v);
      else if (type === LACP_TLV_PARTNER) p.partner = info(d, v);
      else p.maxDelay = u16(d, v + LACP_MAX_DELAY_AT);
    }
    t += len;
  }
  return p;
}
