/**
 * LLDP (IEEE 802.1AB), EtherType 0x88cc: a list of TLVs, each a 7-bit type and a 9-bit length
 * then the value, ending with the End TLV.
 *
 * @module
 */

import { ipv4String, ipv6String, latin1, macString, u16 } from "./bytes.ts";
import {
  AFNUM_802,
  AFNUM_INET,
  AFNUM_INET6,
  LLDP_8021_PVID,
  LLDP_8021_VLAN_NAME,
  LLDP_8023_MACPHY,
  LLDP_8023_MDIPOWER,
  LLDP_8023_MTU,
  LLDP_CHASSIS_ID_TLV,
  LLDP_CHASSIS_MAC,
  LLDP_CHASSIS_NETWORK,
  LLDP_END_TLV,
  LLDP_MGMT_ADDR_TLV,
  LLDP_PORT_DESCR_TLV,
  LLDP_PORT_ID_TLV,
  LLDP_PORT_MAC,
  LLDP_PORT_NETWORK,
  LLDP_PRIVATE_TLV,
  LLDP_SYSTEM_CAP_TLV,
  LLDP_SYSTEM_DESCR_TLV,
  LLDP_SYSTEM_NAME_TLV,
  LLDP_TTL_TLV,
  OUI_IEEE_8021,
  OUI_IEEE_8023,
} from "./numbers.ts";

/** Octets of a TLV header. */
export const LLDP_TLV_HLEN = 2;
/** Shift of the type in the TLV header. */
export const LLDP_TYPE_SHIFT = 9;
/** The length bits of the TLV header. */
export const LLDP_LEN_MASK = 0x1ff;
/** At most this many TLVs are read from one LLDPDU. */
export const LLDP_MAX_TLVS = 256;
/** Chassis and port id values: offset of the subtype. */
export const LLDP_SUBTYPE_AT = 0;
/** Chassis and port id values: offset of the id. */
export const LLDP_ID_AT = 1;
/** Octets of an IPv4, IPv6 or MAC address. */
export const LLDP_IPV4_LEN = 4;
/** See {@link LLDP_IPV4_LEN}. */
export const LLDP_IPV6_LEN = 16;
/** See {@link LLDP_IPV4_LEN}. */
export const LLDP_MAC_LEN = 6;
/** Network address: offset of the address family, then the address. */
export const LLDP_AF_AT = 0;
/** Network address: offset of the address. */
export const LLDP_ADDR_AT = 1;
/** Time to live value length. */
export const LLDP_TTL_LEN = 2;
/** System capabilities: offset of the enabled capabilities (the supported ones come first). */
export const LLDP_CAP_ENABLED_AT = 2;
/** System capabilities value length. */
export const LLDP_CAP_LEN = 4;
/** Management address: offset of the address string length (family and address). */
export const LLDP_MGMT_LEN_AT = 0;
/** Management address: offset of the address string. */
export const LLDP_MGMT_ADDR_AT = 1;
/** Management address: octets of the interface numbering subtype and number. */
export const LLDP_INTF_NUM_LEN = 5;
/** Management address: offset of the interface number after its subtype. */
export const LLDP_INTF_NUM_AT = 1;
/** Organization specific: octets of the OUI. */
export const LLDP_OUI_LEN = 3;
/** Organization specific: offset of the subtype. */
export const LLDP_ORG_SUBTYPE_AT = 3;
/** Organization specific: smallest value (OUI and subtype). */
export const LLDP_ORG_MINLEN = 4;
/** 802.1 port VLAN id: offset of the VLAN id. */
export const LLDP_PVID_AT = 4;
/** 802.1 port VLAN id: value length. */
export const LLDP_PVID_LEN = 6;
/** 802.1 port and protocol VLAN id: offset of the flags. */
export const LLDP_PPVID_FLAGS_AT = 4;
/** 802.1 port and protocol VLAN id: offset of the VLAN id. */
export const LLDP_PPVID_AT = 5;
/** 802.1 port and protocol VLAN id: value length. */
export const LLDP_PPVID_LEN = 7;
/** 802.1 VLAN name: offset of the VLAN id. */
export const LLDP_VNAME_VID_AT = 4;
/** 802.1 VLAN name: offset of the name length. */
export const LLDP_VNAME_LEN_AT = 6;
/** 802.1 VLAN name: offset of the name. */
export const LLDP_VNAME_AT = 7;
/** 802.1 protocol identity: offset of its length. */
export const LLDP_PROTO_ID_LEN_AT = 4;
/** 802.1 protocol identity: offset of the identity. */
export const LLDP_PROTO_ID_AT = 5;
/** 802.3 MAC/PHY: offset of the autonegotiation flags. */
export const LLDP_AUTONEG_AT = 4;
/** 802.3 MAC/PHY: offset of the PMD autonegotiation capabilities. */
export const LLDP_PMD_AT = 5;
/** 802.3 MAC/PHY: offset of the MAU type. */
export const LLDP_MAU_AT = 7;
/** 802.3 MAC/PHY: value length. */
export const LLDP_MACPHY_LEN = 9;
/** 802.3 power via MDI: offsets of the support flags, the pair and the class. */
export const LLDP_MDI_FLAGS_AT = 4;
/** See {@link LLDP_MDI_FLAGS_AT}. */
export const LLDP_MDI_PAIR_AT = 5;
/** See {@link LLDP_MDI_FLAGS_AT}. */
export const LLDP_MDI_CLASS_AT = 6;
/** 802.3 power via MDI: value length. */
export const LLDP_MDI_LEN = 7;
/** 802.3 link aggregation: offset of the status. */
export const LLDP_AGGR_STATUS_AT = 4;
/** 802.3 link aggregation: offset of the port id. */
export const LLDP_AGGR_PORT_AT = 5;
/** 802.3 link aggregation: value length. */
export const LLDP_AGGR_LEN = 9;
/** 802.3 maximum frame size: offset. */
export const LLDP_MTU_AT = 4;
/** 802.3 maximum frame size: value length. */
export const LLDP_MTU_LEN = 6;

/** Type of the TLV at `t`. */
export function lldpTlvType(d: Uint8Array, t: number): number {
  return u16(d, t) >> LLDP_TYPE_SHIFT;
}

/** Value length of the TLV at `t`. */
export function lldpTlvLength(d: Uint8Array, t: number): number {
  return u16(d, t) & LLDP_LEN_MASK;
}

/**
 * Octets of the LLDPDU at `off` up to its End TLV (or a TLV of length 0, or LLDP_MAX_TLVS
 * TLVs), -1 when `end` cuts a TLV short.
 */
export function lldpLength(d: Uint8Array, off: number, end: number): number {
  let t = off;
  for (let n = 0; n < LLDP_MAX_TLVS; n++) {
    if (t + LLDP_TLV_HLEN > end) return -1;
    const type = lldpTlvType(d, t), len = lldpTlvLength(d, t);
    t += LLDP_TLV_HLEN;
    if (type === LLDP_END_TLV || len === 0) return t - off;
    if (t + len > end) return -1;
    t += len;
  }
  return t - off;
}

/** A network address of `len` octets at `at` (family, address); undefined when too short. */
export function lldpNetworkAddress(d: Uint8Array, at: number, len: number): string | undefined {
  if (len < 1) return undefined;
  const af = d[at + LLDP_AF_AT], a = at + LLDP_ADDR_AT;
  if (af === AFNUM_INET) return len - 1 < LLDP_IPV4_LEN ? undefined : ipv4String(d, a);
  if (af === AFNUM_INET6) return len - 1 < LLDP_IPV6_LEN ? undefined : ipv6String(d, a);
  if (af === AFNUM_802) return len - 1 < LLDP_MAC_LEN ? undefined : macString(d, a);
  return undefined;
}

/** `len` octets at `at` as text, stopping at a NUL (non-ASCII bytes as Latin-1). */
export function lldpText(d: Uint8Array, at: number, len: number): string {
  let i = 0;
  while (i < len && d[at + i] !== 0) i++;
  return latin1(d, at, at + i);
}

/** A decoded LLDPDU: the TLVs it has, each once (the first one of its type). */
export interface LldpPdu {
  /** TLVs read, the End TLV included. */
  tlvs: number;
  /** Chassis id subtype and id: a MAC, an address, or text. */
  chassisSubtype?: number;
  chassisId?: string;
  /** Port id subtype and id, as the chassis id. */
  portSubtype?: number;
  portId?: string;
  /** Time to live, seconds. */
  ttl?: number;
  portDesc?: string;
  sysName?: string;
  sysDesc?: string;
  /** Supported and enabled capability bits. */
  caps?: number;
  capsEnabled?: number;
  /** First management address. */
  mgmtAddr?: string;
  /** IEEE 802.1 port VLAN id. */
  pvid?: number;
  /** IEEE 802.1 VLAN names. */
  vlans?: { id: number; name: string }[];
  /** IEEE 802.3 MAC/PHY: autonegotiation flags, PMD capabilities, MAU type. */
  autoneg?: number;
  pmd?: number;
  mau?: number;
  /** IEEE 802.3 power via MDI support flags. */
  mdiPower?: number;
  /** IEEE 802.3 maximum frame size. */
  mtu?: number;
}

function id(d: Uint8Array, v: number, len: number, mac: number, net: number): string {
  const st = d[v + LLDP_SUBTYPE_AT], at = v + LLDP_ID_AT;
  if (st === mac && len - 1 >= LLDP_MAC_LEN) return macString(d, at);
  if (st === net) return lldpNetworkAddress(d, at, len - 1) ?? "";
  return lldpText(d, at, len - 1);
}

/** Reads the LLDPDU at `[off, end)`; TLVs cut short or too short for their type are left out. */
export function lldpPdu(d: Uint8Array, off: number, end: number): LldpPdu {
  const p: LldpPdu = { tlvs: 0 };
  let t = off;
  for (let n = 0; n < LLDP_MAX_TLVS && t + LLDP_TLV_HLEN <= end; n++) {
    const type = lldpTlvType(d, t), len = lldpTlvLength(d, t), v = t + LLDP_TLV_HLEN;
    if (v + len > end) break;
    p.tlvs++;
    if (type === LLDP_END_TLV || len === 0) break;
    t = v + len;
    if (type === LLDP_CHASSIS_ID_TLV && p.chassisId === undefined && len >= 2) {
      p.chassisSubtype = d[v + LLDP_SUBTYPE_AT];
      p.chassisId = id(d, v, len, LLDP_CHASSIS_MAC, LLDP_CHASSIS_NETWORK);
    } else if (type === LLDP_PORT_ID_TLV && p.portId === undefined && len >= 2) {
      p.portSubtype = d[v + LLDP_SUBTYPE_AT];
      p.portId = id(d, v, len, LLDP_PORT_MAC, LLDP_PORT_NETWORK);
    } else if (type === LLDP_TTL_TLV && len >= LLDP_TTL_LEN) p.ttl ??= u16(d, v);
    else if (type === LLDP_PORT_DESCR_TLV) p.portDesc ??= lldpText(d, v, len);
    else if (type === LLDP_SYSTEM_NAME_TLV) p.sysName ??= lldpText(d, v, len);
    else if (type === LLDP_SYSTEM_DESCR_TLV) p.sysDesc ??= lldpText(d, v, len);
    else if (type === LLDP_SYSTEM_CAP_TLV && len >= LLDP_CAP_LEN && p.caps === undefined) {
      p.caps = u16(d, v);
      p.capsEnabled = u16(d, v + LLDP_CAP_ENABLED_AT);
    } else if (type === LLDP_MGMT_ADDR_TLV && p.mgmtAddr === undefined && len >= 1) {
      const alen = d[v + LLDP_MGMT_LEN_AT];
      if (alen + 1 <= len) p.mgmtAddr = lldpNetworkAddress(d, v + LLDP_MGMT_ADDR_AT, alen);
    } else if (type === LLDP_PRIVATE_TLV && len >= LLDP_ORG_MINLEN) org(p, d, v, len);
  }
  return p;
}

/** The OUI of the organization specific TLV value at `v`. */
export function lldpOui(d: Uint8Array, v: number): number {
  return (d[v] << 16) | u16(d, v + 1);
}

function org(p: LldpPdu, d: Uint8Array, v: number, len: number): void {
  const oui = lldpOui(d, v), sub = d[v + LLDP_ORG_SUBTYPE_AT];
  if (oui === OUI_IEEE_8021) {
    if (sub === LLDP_8021_PVID && len >= LLDP_PVID_LEN) p.pvid ??= u16(d, v + LLDP_PVID_AT);
    else if (sub === LLDP_8021_VLAN_NAME && len > LLDP_VNAME_LEN_AT) {
      const n = d[v + LLDP_VNAME_LEN_AT];
      if (LLDP_VNAME_AT + n <= len) {
        (p.vlans ??= []).push({
          id: u16(d, v + LLDP_VNAME_VID_AT),
          name: lldpText(d, v + LLDP_VNAME_AT, n),
        });
      }
    }
  } else if (oui === OUI_IEEE_8023) {
    if (sub === LLDP_8023_MACPHY && len >= LLDP_MACPHY_LEN && p.mau === undefined) {
      p.autoneg = d[v + LLDP_AUTONEG_AT];
      p.pmd = u16(d, v + LLDP_PMD_AT);
      p.mau = u16(d, v + LLDP_MAU_AT);
    } else if (sub === LLDP_8023_MDIPOWER && len >= LLDP_MDI_LEN) {
      p.mdiPower ??= d[v + LLDP_MDI_FLAGS_AT];
    } else if (sub === LLDP_8023_MTU && len >= LLDP_MTU_LEN) p.mtu ??= u16(d, v + LLDP_MTU_AT);
  }
}
