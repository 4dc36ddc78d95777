/** PIM (RFC 7761) version 2 over IP protocol 103: the common header and Hello options. */
import { u16, u32 } from "./bytes.ts";
import {
  PIM_HELLO_DR_PRIORITY,
  PIM_HELLO_GENID,
  PIM_HELLO_HOLDTIME,
  PIMV2_TYPE_HELLO,
} from "./numbers.ts";

/** Offset of the version (high nibble) and type (low nibble). */
export const PIM_VT_AT = 0;
/** Offset of the reserved octet (its low nibble: RFC 2117's address length). */
export const PIM_RSV_AT = 1;
/** Offset of the checksum. */
export const PIM_CKSUM_AT = 2;
/** The common header, in octets. */
export const PIM_HLEN = 4;
/** Version shift in the first octet. */
export const PIM_VERSION_SHIFT = 4;
/** Type mask in the first octet. */
export const PIM_TYPE_MASK = 0x0f;
/** RFC 2117 address length mask in the reserved octet. */
export const PIM_ADDRLEN_MASK = 0x0f;
/** The version this decoder reads past the first octet. */
export const PIM_VERSION_2 = 2;
/** Register: octets of the flags word before the encapsulated packet. */
export const PIM_REGISTER_FLAGS_LEN = 4;
/** Hello option: offset of its type. */
export const PIM_OPT_TYPE_AT = 0;
/** Hello option: offset of its length. */
export const PIM_OPT_LEN_AT = 2;
/** Hello option header, in octets. */
export const PIM_OPT_HLEN = 4;
/** LAN prune delay: the T bit of its first word. */
export const PIM_LPD_T_BIT = 0x8000;
/** LAN prune delay: offset of the override interval. */
export const PIM_LPD_OVERRIDE_AT = 2;
/** State refresh capability: offset of the interval. */
export const PIM_REFRESH_INTERVAL_AT = 1;
/** State refresh capability: offset of the reserved word. */
export const PIM_REFRESH_RESERVED_AT = 2;
/** Hold time ("infinite" when all ones). */
export const PIM_HOLDTIME_INFINITE = 0xffff;
/** An encoded address: offset of its family (then its encoding type). */
export const PIM_EA_FAMILY_AT = 0;
/** An encoded address: offset of its encoding type (0: native). */
export const PIM_EA_ENCODING_AT = 1;
/** An encoded address's family and encoding type, in octets. */
export const PIM_EA_HLEN = 2;
/** A group or source address (after family and encoding): offset of its flags octet. */
export const PIM_EA_FLAGS_AT = 0;
/** A group or source address: offset of its mask length. */
export const PIM_EA_MASK_LEN_AT = 1;
/** A group or source address: offset of the address. */
export const PIM_EA_ADDR_AT = 2;
/** Source address flag: sparse (S). */
export const PIM_SRC_S = 0x04;
/** Source address flag: wildcard (W). */
export const PIM_SRC_W = 0x02;
/** Source address flag: RPT (R). */
export const PIM_SRC_R = 0x01;
/** Source address flags tcpdump prints as a number. */
export const PIM_SRC_RESERVED = 0xf8;
/** Join/Prune: octets of the reserved, group count and hold time word (and of the counts). */
export const PIM_JP_HLEN = 4;
/** Join/Prune: offset of the group count in that word. */
export const PIM_JP_NGROUP_AT = 1;
/** Join/Prune: offset of the hold time in that word. */
export const PIM_JP_HOLDTIME_AT = 2;
/** Join/Prune: offset of the pruned-source count after the joined-source count. */
export const PIM_JP_NPRUNE_AT = 2;
/** Assert: octets of the preference and metric. */
export const PIM_ASSERT_LEN = 8;
/** Assert: the RPT bit of the preference word. */
export const PIM_ASSERT_RPT = 0x80000000;
/** Assert: offset of the metric. */
export const PIM_ASSERT_METRIC_AT = 4;
/** Bootstrap: offset of the hash mask length (after the 16-bit fragment tag). */
export const PIM_BSR_HASHLEN_AT = 2;
/** Bootstrap: offset of the BSR priority after the hash mask length. */
export const PIM_BSR_PRIO_AT = 1;
/** Bootstrap group: offset of the fragment RP count after the RP count. */
export const PIM_BSR_FRPCNT_AT = 1;
/** Bootstrap group: octets of the RP counts and reserved field. */
export const PIM_BSR_GROUP_LEN = 4;
/** Bootstrap RP: offset of its priority after its 16-bit hold time. */
export const PIM_BSR_RP_PRIO_AT = 2;
/** Bootstrap RP: octets of hold time, priority and reserved. */
export const PIM_BSR_RP_LEN = 4;
/** Candidate-RP-Advertisement: offset of the priority after the prefix count. */
export const PIM_CRP_PRIO_AT = 1;
/** Candidate-RP-Advertisement: offset of the hold time. */
export const PIM_CRP_HOLDTIME_AT = 2;
/** Candidate-RP-Advertisement: octets before the RP address. */
export const PIM_CRP_HLEN = 4;
/** Octets of an IPv4 address. */
export const PIM_IPV4_LEN = 4;
/** Octets of an IPv6 address. */
export const PIM_IPV6_LEN = 16;
/** Octets needed before the layer is recorded. */
export const PIM_MINLEN = 1;
/** At most this many Hello options are decoded. */
export const PIM_MAX_OPTIONS = 64;

/** A decoded PIM message. */
export interface PimMessage {
  /** PIM version (2; others carried as they are). */
  version: number;
  /** Message type (0 Hello, 1 Register, 2 Register-Stop, 3 Join/Prune, 5 Assert...). */
  type: number;
  /** The checksum, when the 4-octet header was captured. */
  checksum?: number;
  /** Hello: the option types captured whole, in order. */
  options?: number[];
  /** Hello: the hold time option, seconds. */
  holdTime?: number;
  /** Hello: the DR priority option. */
  drPriority?: number;
  /** Hello: the generation id option. */
  genId?: number;
}

/** Reads the PIM message at `off` up to `end` (needs 1 octet). */
export function pimMessage(d: Uint8Array, off: number, end: number): PimMessage {
  const m: PimMessage = {
    version: d[off + PIM_VT_AT] >> PIM_VERSION_SHIFT,
    type: d[off + PIM_VT_AT] & PIM_TYPE_MASK,
  };
  if (off + PIM_HLEN > end) return m;
  m.checksum = u16(d, off + PIM_CKSUM_AT);
  if (m.version !== PIM_VERSION_2 || m.type !== PIMV2_TYPE_HELLO) return m;
  m.options = [];
  let at = off + PIM_HLEN;
  for (let n = 0; n < PIM_MAX_OPTIONS && at + PIM_OPT_HLEN <= end; n++) {
    const type = u16(d, at + PIM_OPT_TYPE_AT), len = u16(d, at + PIM_OPT_LEN_AT);
    const v = at + PIM_OPT_HLEN;
    if (v + len > end) break;
    m.options.push(type);
    if (type === PIM_HELLO_HOLDTIME && len === 2) m.holdTime = u16(d, v);
    if (type === PIM_HELLO_DR_PRIORITY && len === 4) m.drPriority = u32(d, v);
    if (type === PIM_HELLO_GENID && len === 4) m.genId = u32(d, v);
    at = v + len;
  }
  return m;
}
