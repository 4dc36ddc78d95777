/**
 * Cisco Discovery Protocol, over SNAP (OUI 0x00000c, protocol id 0x2000): a version, a time to
 * live and a checksum, then TLVs whose 16-bit length counts their 4-byte header.
 *
 * @module
 */

import { ipv4String, ipv6String, latin1, u16, u32 } from "./bytes.ts";
import {
  CDP_ADDRESS,
  CDP_CAPABILITIES,
  CDP_DEVICE_ID,
  CDP_DUPLEX,
  CDP_MGMT_ADDRESS,
  CDP_NATIVE_VLAN,
  CDP_NLPID_IP,
  CDP_PLATFORM,
  CDP_PORT_ID,
  CDP_PT_IEEE_802_2,
  CDP_PT_NLPID,
  CDP_SYSTEM_NAME,
  CDP_VERSION,
  CDP_VTP_DOMAIN,
  ETH_P_IPV6,
} from "./numbers.ts";

/** Offset of the CDP version. */
export const CDP_VERSION_AT = 0;
/** Offset of the time to live (seconds). */
export const CDP_TTL_AT = 1;
/** Offset of the checksum. */
export const CDP_CHECKSUM_AT = 2;
/** Octets of the CDP header. */
export const CDP_HLEN = 4;
/** TLV: offset of the type. */
export const CDP_TLV_TYPE_AT = 0;
/** TLV: offset of the length (header included). */
export const CDP_TLV_LEN_AT = 2;
/** Octets of a TLV header. */
export const CDP_TLV_HLEN = 4;
/** At most this many TLVs are read. */
export const CDP_MAX_TLVS = 256;
/** Address TLV: octets of the address count. */
export const CDP_ADDR_COUNT_LEN = 4;
/** Address: offsets of the protocol type and the protocol length; the protocol follows. */
export const CDP_ADDR_PT_AT = 0;
/** See {@link CDP_ADDR_PT_AT}. */
export const CDP_ADDR_PL_AT = 1;
/** See {@link CDP_ADDR_PT_AT}. */
export const CDP_ADDR_PROTO_AT = 2;
/** Octets of the address length field after the protocol. */
export const CDP_ADDR_LEN_LEN = 2;
/** Protocol length of an 802.2 (SNAP) protocol: LLC, OUI and EtherType. */
export const CDP_ADDR_8022_LEN = 8;
/** Offset of the EtherType in an 802.2 address protocol. */
export const CDP_ADDR_8022_TYPE_AT = 6;
/** Octets of an IPv4 and an IPv6 address. */
export const CDP_IPV4_LEN = 4;
/** See {@link CDP_IPV4_LEN}. */
export const CDP_IPV6_LEN = 16;

/** A decoded CDP address: `IPv4`/`IPv6` and the address, or undefined for other protocols. */
export interface CdpAddress {
  family: "IPv4" | "IPv6";
  addr: string;
}

/**
 * The address at `a` (within `[a, end)`): its length in octets, and what it is when it is an
 * IPv4 or IPv6 address; -1 when it does not fit.
 */
export function cdpAddress(
  d: Uint8Array,
  a: number,
  end: number,
): [number, CdpAddress | undefined] {
  if (a + CDP_ADDR_PROTO_AT > end) return [-1, undefined];
  const pt = d[a + CDP_ADDR_PT_AT], pl = d[a + CDP_ADDR_PL_AT], p = a + CDP_ADDR_PROTO_AT;
  if (p + pl + CDP_ADDR_LEN_LEN > end) return [-1, undefined];
  const al = u16(d, p + pl), at = p + pl + CDP_ADDR_LEN_LEN, len = at + al - a;
  if (at + al > end) return [-1, undefined];
  if (pt === CDP_PT_NLPID && pl === 1 && d[p] === CDP_NLPID_IP && al === CDP_IPV4_LEN) {
    return [len, { family: "IPv4", addr: ipv4String(d, at) }];
  }
  if (
    pt === CDP_PT_IEEE_802_2 && pl === CDP_ADDR_8022_LEN &&
    u16(d, p + CDP_ADDR_8022_TYPE_AT) === ETH_P_IPV6 && al === CDP_IPV6_LEN
  ) return [len, { family: "IPv6", addr: ipv6String(d, at) }];
  return [len, undefined];
}

/** Octets of the CDP packet at `off` by its TLVs, -1 when `end` cuts a TLV short. */
export function cdpLength(d: Uint8Array, off: number, end: number, declared: number): number {
  if (off + CDP_HLEN > end) return -1;
  let t = off + CDP_HLEN;
  const stop = off + declared;
  for (let n = 0; n < CDP_MAX_TLVS && t + CDP_TLV_HLEN <= stop; n++) {
    const len = u16(d, t + CDP_TLV_LEN_AT);
    if (len < CDP_TLV_HLEN || t + len > stop) break;
    if (t + len > end) return -1;
    t += len;
  }
  return t - off;
}

function text(d: Uint8Array, at: number, len: number): string {
  return latin1(d, at, at + len);
}

/** A decoded CDP packet; each TLV once (the first of its type). */
export interface CdpPacket {
  version: number;
  ttl: number;
  checksum: number;
  deviceId?: string;
  /** The first IPv4 or IPv6 address of the Address TLV. */
  address?: string;
  portId?: string;
  /** Capability bits. */
  caps?: number;
  softwareVersion?: string;
  platform?: string;
  vtpDomain?: string;
  nativeVlan?: number;
  /** 1 full, 0 half. */
  duplex?: number;
  sysName?: string;
  /** The first IPv4 or IPv6 address of the Management Addresses TLV. */
  mgmtAddress?: string;
}

function firstAddress(d: Uint8Array, v: number, end: number): string | undefined {
  if (v + CDP_ADDR_COUNT_LEN > end) return undefined;
  const n = u32(d, v);
  let a = v + CDP_ADDR_COUNT_LEN;
  for (let i = 0; i < n && i < CDP_MAX_TLVS; i++) {
    const [len, addr] = cdpAddress(d, a, end);
    if (len < 0) break;
    if (addr !== undefined) return addr.addr;
    a += len;
  }
  return undefined;
}

/** Reads the CDP packet at `[off, end)` (needs its header). */
export function cdpPacket(d: Uint8Array, off: number, end: number): CdpPacket {
  const p: CdpPacket = {
    version: d[off + CDP_VERSION_AT],
    ttl: d[off + CDP_TTL_AT],
    checksum: u16(d, off + CDP_CHECKSUM_AT),
  };
  let t = off + CDP_HLEN;
  for (let n = 0; n < CDP_MAX_TLVS && t + CDP_TLV_HLEN <= end; n++) {
    const type = u16(d, t + CDP_TLV_TYPE_AT), len = u16(d, t + CDP_TLV_LEN_AT);
    if (len < CDP_TLV_HLEN || t + len > end) break;
    const v = t + CDP_TLV_HLEN, vl = len - CDP_TLV_HLEN;
    t += len;
    if (type === CDP_DEVICE_ID) p.deviceId ??= text(d, v, vl);
    else if (type === CDP_ADDRESS && p.address === undefined) {
      p.address = firstAddress(d, v, v + vl);
    } else if (type === CDP_PORT_ID) p.portId ??= text(d, v, vl);
    else if (type === CDP_CAPABILITIES && vl === 4) p.caps ??= u32(d, v);
    else if (type === CDP_VERSION) p.softwareVersion ??= text(d, v, vl);
    else if (type === CDP_PLATFORM) p.platform ??= text(d, v, vl);
    else if (type === CDP_VTP_DOMAIN) p.vtpDomain ??= text(d, v, vl);
    else if (type === CDP_NATIVE_VLAN && vl === 2) p.nativeVlan ??= u16(d, v);
    else if (type === CDP_DUPLEX && vl === 1) p.duplex ??= d[v];
    else if (type === CDP_SYSTEM_NAME) p.sysName ??= text(d, v, vl);
    else if (type === CDP_MGMT_ADDRESS && p.mgmtAddress === undefined) {
      p.mgmtAddress = firstAddress(d, v, v + vl);
    }
  }
  return p;
}
