/** OSPFv2 (RFC 2328): the common header and the hello packet. */
import { ipv4String, u16, u32 } from "./bytes.ts";
import { OSPF_TYPE_HELLO } from "./numbers.ts";

/** Offset of the version. */
export const OSPF_VERSION_AT = 0;
/** Offset of the packet type. */
export const OSPF_TYPE_AT = 1;
/** Offset of the packet length. */
export const OSPF_LEN_AT = 2;
/** Offset of the router id. */
export const OSPF_ROUTER_AT = 4;
/** Offset of the area id. */
export const OSPF_AREA_AT = 8;
/** Offset of the authentication type. */
export const OSPF_AUTHTYPE_AT = 14;
/** Offset of the authentication data. */
export const OSPF_AUTHDATA_AT = 16;
/** Octets of the authentication data. */
export const OSPF_AUTHDATA_LEN = 8;
/** Cryptographic authentication: offset of the key id. */
export const OSPF_MD5_KEYID_AT = 18;
/** Cryptographic authentication: offset of the digest length. */
export const OSPF_MD5_LEN_AT = 19;
/** Cryptographic authentication: offset of the sequence number. */
export const OSPF_MD5_SEQ_AT = 20;
/** Cryptographic authentication: the digest after the packet, in octets. */
export const OSPF_MD5_DIGEST_LEN = 16;
/** The common header, in octets. */
export const OSPF_HLEN = 24;
/** Octets tcpdump needs before it prints the first line. */
export const OSPF_FIRST_LINE = 16;
/** Hello: offset of the network mask (from the start of the packet). */
export const OSPF_HELLO_MASK_AT = 24;
/** Hello: offset of the hello interval. */
export const OSPF_HELLO_INT_AT = 28;
/** Hello: offset of the options. */
export const OSPF_HELLO_OPTIONS_AT = 30;
/** Hello: offset of the router priority. */
export const OSPF_HELLO_PRIO_AT = 31;
/** Hello: offset of the dead interval. */
export const OSPF_HELLO_DEAD_AT = 32;
/** Hello: offset of the designated router. */
export const OSPF_HELLO_DR_AT = 36;
/** Hello: offset of the backup designated router. */
export const OSPF_HELLO_BDR_AT = 40;
/** Hello: offset of the neighbor list. */
export const OSPF_HELLO_NEIGHBORS_AT = 44;
/** Database description: offset of the interface MTU. */
export const OSPF_DD_MTU_AT = 24;
/** Database description: offset of the options. */
export const OSPF_DD_OPTIONS_AT = 26;
/** Database description: offset of the flags. */
export const OSPF_DD_FLAGS_AT = 27;
/** Database description: offset of the sequence number. */
export const OSPF_DD_SEQ_AT = 28;
/** Database description: offset of the first LSA header. */
export const OSPF_DD_LSA_AT = 32;
/** Link-state update: offset of the LSA count. */
export const OSPF_LSU_COUNT_AT = 24;
/** LSA header: offset of the age. */
export const LSA_AGE_AT = 0;
/** LSA header: offset of the options. */
export const LSA_OPTIONS_AT = 2;
/** LSA header: offset of the type. */
export const LSA_TYPE_AT = 3;
/** LSA header: offset of the link-state id (opaque LSAs: the opaque type, then the id). */
export const LSA_ID_AT = 4;
/** LSA header: offset of the advertising router. */
export const LSA_ROUTER_AT = 8;
/** LSA header: offset of the sequence number. */
export const LSA_SEQ_AT = 12;
/** LSA header: offset of the length. */
export const LSA_LEN_AT = 18;
/** LSA header, in octets. */
export const LSA_HLEN = 20;
/** Opaque LSA id: its bits after the opaque type. */
export const LSA_OPAQUE_ID_MASK = 0xffffff;
/** Link-state request entry: offset of the 32-bit type. */
export const LSR_TYPE_AT = 0;
/** Link-state request entry: offset of the link-state id. */
export const LSR_ID_AT = 4;
/** Link-state request entry: offset of the advertising router. */
export const LSR_ROUTER_AT = 8;
/** Link-state request entry, in octets. */
export const LSR_LEN = 12;
/** Most LSA headers or requests printed from one packet. */
export const OSPF_MAX_ITEMS = 4096;
/** Smallest OSPF packet the walker records. */
export const OSPF_MINLEN = 2;

/** A decoded OSPFv2 hello. */
export interface OspfHello {
  /** Network mask. */
  mask: string;
  /** Hello interval, seconds. */
  interval: number;
  /** Router priority. */
  priority: number;
  /** Router dead interval, seconds. */
  deadInterval: number;
  /** Designated router. */
  dr: string;
  /** Backup designated router. */
  bdr: string;
}

/** A decoded OSPF header (and hello). */
export interface OspfPacket {
  /** Version. */
  version: number;
  /** Packet type (1 hello...). */
  type: number;
  /** Packet length field (this and the rest: with the whole 24-octet header). */
  length?: number;
  /** Router id. */
  routerId?: string;
  /** Area id. */
  area?: string;
  /** Authentication type. */
  authType?: number;
  /** Hello fields (hello packets whose fields were captured). */
  hello?: OspfHello;
}

/** Reads the OSPF packet at `[off, end)` (needs 2 octets). */
export function ospfPacket(d: Uint8Array, off: number, end: number): OspfPacket {
  const p: OspfPacket = { version: d[off + OSPF_VERSION_AT], type: d[off + OSPF_TYPE_AT] };
  if (off + OSPF_HLEN > end) return p;
  p.length = u16(d, off + OSPF_LEN_AT);
  p.routerId = ipv4String(d, off + OSPF_ROUTER_AT);
  p.area = ipv4String(d, off + OSPF_AREA_AT);
  p.authType = u16(d, off + OSPF_AUTHTYPE_AT);
  if (p.type === OSPF_TYPE_HELLO && off + OSPF_HELLO_NEIGHBORS_AT <= end) {
    p.hello = {
      mask: ipv4String(d, off + OSPF_HELLO_MASK_AT),
      interval: u16(d, off + OSPF_HELLO_INT_AT),
      priority: d[off + OSPF_HELLO_PRIO_AT],
      deadInterval: u32(d, off + OSPF_HELLO_DEAD_AT),
      dr: ipv4String(d, off + OSPF_HELLO_DR_AT),
      bdr: ipv4String(d, off + OSPF_HELLO_BDR_AT),
    };
  }
  return p;
}
