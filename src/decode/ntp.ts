/** NTP (RFC 5905): the time message header. */
import { u16, u32 } from "./bytes.ts";
import { NTP_MODE_BROADCAST } from "./numbers.ts";

/** Offset of the leap indicator (2 bits), version (3) and mode (3). */
export const NTP_STATUS_AT = 0;
/** Offset of the stratum. */
export const NTP_STRATUM_AT = 1;
/** Offset of the poll interval (log2 seconds, signed). */
export const NTP_POLL_AT = 2;
/** Offset of the precision (log2 seconds, signed). */
export const NTP_PRECISION_AT = 3;
/** Offset of the root delay (16.16 fixed point). */
export const NTP_ROOT_DELAY_AT = 4;
/** Offset of the root dispersion (16.16 fixed point). */
export const NTP_ROOT_DISP_AT = 8;
/** Offset of the reference id. */
export const NTP_REFID_AT = 12;
/** Offset of the reference timestamp (64-bit: seconds, then fraction). */
export const NTP_REF_TS_AT = 16;
/** Offset of the originator timestamp. */
export const NTP_ORIG_TS_AT = 24;
/** Offset of the receive timestamp. */
export const NTP_RECV_TS_AT = 32;
/** Offset of the transmit timestamp. */
export const NTP_XMIT_TS_AT = 40;
/** A timestamp: offset of its fraction. */
export const NTP_TS_FRAC_AT = 4;
/** Octets of a timestamp. */
export const NTP_TS_LEN = 8;
/** A short (16.16) value: offset of its fraction. */
export const NTP_SFIX_FRAC_AT = 2;
/** The time message without key id and digest, in octets. */
export const NTP_HLEN = 48;
/** Offset of the key id when there is one. */
export const NTP_KEYID_AT = 48;
/** Offset of the message digest after the key id. */
export const NTP_DIGEST_AT = 52;
/** Octets of a key id. */
export const NTP_KEYID_LEN = 4;
/** Octets of an MD5 digest. */
export const NTP_MD5_LEN = 16;
/** Octets of a SHA-1 digest. */
export const NTP_SHA1_LEN = 20;
/** Leap indicator bits of the status octet. */
export const NTP_LEAP_MASK = 0xc0;
/** Shift of the leap indicator. */
export const NTP_LEAP_SHIFT = 6;
/** Shift of the version. */
export const NTP_VERSION_SHIFT = 3;
/** Mask of the version after its shift. */
export const NTP_VERSION_MASK = 0x07;
/** Mask of the mode. */
export const NTP_MODE_MASK = 0x07;
/** Control message: offset of the response, error and more bits and the opcode. */
export const NTP_CTL_OP_AT = 1;
/** Control message: response bit. */
export const NTP_CTL_RESPONSE = 0x80;
/** Control message: error bit. */
export const NTP_CTL_ERROR = 0x40;
/** Control message: more bit. */
export const NTP_CTL_MORE = 0x20;
/** Control message: opcode bits. */
export const NTP_CTL_OPCODE_MASK = 0x1f;
/** Control message: offset of the sequence number. */
export const NTP_CTL_SEQ_AT = 2;
/** Control message: offset of the status. */
export const NTP_CTL_STATUS_AT = 4;
/** Control message: offset of the association id. */
export const NTP_CTL_ASSOC_AT = 6;
/** Control message: offset of the data offset. */
export const NTP_CTL_OFFSET_AT = 8;
/** Control message: offset of the data count. */
export const NTP_CTL_COUNT_AT = 10;
/** Control message header, in octets. */
export const NTP_CTL_HLEN = 12;
/** Smallest NTP message the walker records (the status octet). */
export const NTP_MINLEN = 1;

/** A decoded NTP header (the fields past the status are there only when captured). */
export interface NtpHeader {
  /** Leap indicator, 0-3. */
  leap: number;
  /** Version. */
  version: number;
  /** Mode (3 client, 4 server...). */
  mode: number;
  /** Stratum. */
  stratum?: number;
  /** Poll interval, log2 seconds. */
  poll?: number;
  /** Precision, log2 seconds. */
  precision?: number;
  /** Root delay, the 32-bit 16.16 fixed-point field (1/65536 s). */
  rootDelay?: number;
  /** Root dispersion, likewise. */
  rootDispersion?: number;
  /** Reference id as a number. */
  refId?: number;
}

/** A signed octet. */
function s8(v: number): number {
  return (v << 24) >> 24;
}

/** A 16.16 fixed-point value at `off`, in seconds. */
export function ntpShort(d: Uint8Array, off: number): number {
  return u16(d, off) + u16(d, off + NTP_SFIX_FRAC_AT) / 65536;
}

/** Reads the NTP header at `off`, as far as `end` allows (needs 1 octet). */
export function ntpHeader(d: Uint8Array, off: number, end: number): NtpHeader {
  const st = d[off + NTP_STATUS_AT];
  const h: NtpHeader = {
    leap: st >> NTP_LEAP_SHIFT,
    version: (st >> NTP_VERSION_SHIFT) & NTP_VERSION_MASK,
    mode: st & NTP_MODE_MASK,
  };
  if (off + NTP_HLEN > end || h.mode > NTP_MODE_BROADCAST) return h;
  h.stratum = d[off + NTP_STRATUM_AT];
  h.poll = s8(d[off + NTP_POLL_AT]);
  h.precision = s8(d[off + NTP_PRECISION_AT]);
  h.rootDelay = u32(d, off + NTP_ROOT_DELAY_AT);
  h.rootDispersion = u32(d, off + NTP_ROOT_DISP_AT);
  h.refId = u32(d, off + NTP_REFID_AT);
  return h;
}
