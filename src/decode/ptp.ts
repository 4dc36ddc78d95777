/** PTP (IEEE 1588-2008) version 2: the common message header, over Ethernet or UDP 319/320. */
import { u16, u32 } from "./bytes.ts";
import { PTP_VERSION_2 } from "./numbers.ts";

/** Offset of transportSpecific (high nibble) and messageType (low nibble). */
export const PTP_TYPE_AT = 0;
/** transportSpecific's bit tcpdump calls "v1 compat". */
export const PTP_V1_COMPAT = 0x10;
/** messageType's mask. */
export const PTP_TYPE_MASK = 0x0f;
/** Offset of versionPTP. */
export const PTP_VERSION_AT = 1;
/** Offset of messageLength. */
export const PTP_LENGTH_AT = 2;
/** Offset of domainNumber. */
export const PTP_DOMAIN_AT = 4;
/** Offset of the first reserved octet. */
export const PTP_RSVD1_AT = 5;
/** Offset of flagField. */
export const PTP_FLAGS_AT = 6;
/** Offset of correctionField (its high 48 bits are nanoseconds). */
export const PTP_CORRECTION_AT = 8;
/** Offset of correctionField's low 16 bits (sub-nanoseconds). */
export const PTP_SUBNS_AT = 14;
/** Offset of the second reserved field (4 octets). */
export const PTP_RSVD2_AT = 16;
/** Offset of sourcePortIdentity's clock identity (8 octets). */
export const PTP_CLOCK_ID_AT = 20;
/** Offset of sourcePortIdentity's port number. */
export const PTP_PORT_AT = 28;
/** Offset of sequenceId. */
export const PTP_SEQ_AT = 30;
/** Offset of controlField. */
export const PTP_CONTROL_AT = 32;
/** Offset of logMessageInterval. */
export const PTP_LOGINT_AT = 33;
/** The common header, in octets. */
export const PTP_HLEN = 34;
/** A timestamp: 48-bit seconds, then 32-bit nanoseconds. */
export const PTP_TS_NS_AT = 6;
/** Octets of a timestamp. */
export const PTP_TS_LEN = 10;
/** Octets of a clock identity. */
export const PTP_CLOCK_ID_LEN = 8;
/** Octets of a port identity (clock identity and port number). */
export const PTP_PORT_ID_LEN = 10;
/** Announce, after the origin timestamp: offsets of its fields. */
export const PTP_ANN_UTC_AT = 10;
/** Announce: offset of the reserved octet. */
export const PTP_ANN_RSVD_AT = 12;
/** Announce: grandmaster priority 1. */
export const PTP_ANN_PRIO1_AT = 13;
/** Announce: grandmaster clock class. */
export const PTP_ANN_CLASS_AT = 14;
/** Announce: grandmaster clock accuracy. */
export const PTP_ANN_ACC_AT = 15;
/** Announce: grandmaster clock variance (16 bits). */
export const PTP_ANN_VAR_AT = 16;
/** Announce: grandmaster priority 2. */
export const PTP_ANN_PRIO2_AT = 18;
/** Announce: grandmaster clock identity. */
export const PTP_ANN_GM_AT = 19;
/** Announce: steps removed (16 bits). */
export const PTP_ANN_STEPS_AT = 27;
/** Announce: time source. */
export const PTP_ANN_SOURCE_AT = 29;
/** Octets needed before the layer is recorded. */
export const PTP_MINLEN = 2;

/** A 48-bit big-endian number at `at`. */
export function u48(d: Uint8Array, at: number): number {
  return u16(d, at) * 0x100000000 + u32(d, at + 2);
}

/** Eight octets at `at` as lowercase hex without leading zeros (tcpdump's `0x%PRIx64`). */
export function hex64(d: Uint8Array, at: number): string {
  return ((BigInt(u32(d, at)) << 32n) | BigInt(u32(d, at + 4))).toString(16);
}

/** A decoded PTP header. */
export interface PtpHeader {
  /** versionPTP (the whole octet). */
  version: number;
  /** messageType (0 Sync, 1 Delay_Req, 8 Follow_Up, 9 Delay_Resp, 11 Announce...). */
  type: number;
  /** messageLength; this and the rest only for version 2 with the 34-octet header captured. */
  length?: number;
  /** domainNumber. */
  domain?: number;
  /** flagField. */
  flags?: number;
  /** sourcePortIdentity's clock identity, 16 hex digits. */
  clockId?: string;
  /** sourcePortIdentity's port number. */
  port?: number;
  /** sequenceId. */
  seq?: number;
  /** controlField. */
  control?: number;
  /** logMessageInterval (signed). */
  logInterval?: number;
}

/** Reads the PTP header at `off` (needs 2 octets; the rest when `end` allows). */
export function ptpHeader(d: Uint8Array, off: number, end: number): PtpHeader {
  const h: PtpHeader = {
    version: d[off + PTP_VERSION_AT],
    type: d[off + PTP_TYPE_AT] & PTP_TYPE_MASK,
  };
  if (h.version !== PTP_VERSION_2 || off + PTP_HLEN > end) return h;
  h.length = u16(d, off + PTP_LENGTH_AT);
  h.domain = d[off + PTP_DOMAIN_AT];
  h.flags = u16(d, off + PTP_FLAGS_AT);
  h.clockId = hex64(d, off + PTP_CLOCK_ID_AT).padStart(2 * PTP_CLOCK_ID_LEN, "0");
  h.port = u16(d, off + PTP_PORT_AT);
  h.seq = u16(d, off + PTP_SEQ_AT);
  h.control = d[off + PTP_CONTROL_AT];
  h.logInterval = (d[off + PTP_LOGINT_AT] << 24) >> 24;
  return h;
}
