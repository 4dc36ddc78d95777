/**
 * IPsec headers: ESP (RFC 4303: SPI and sequence number, then ciphertext) and AH (RFC 4302:
 * next header, length, SPI, sequence number, ICV, then the protected protocol). In IPv6 the
 * walker treats AH as an extension header; these are its fields.
 */

import { u32 } from "./bytes.ts";
import { AH_SEQ_AT, AH_SPI_AT, ipv6ExtSize } from "./ipv6.ts";
import { IPPROTO_AH } from "./numbers.ts";

export { AH_SEQ_AT, AH_SPI_AT };
/** Offset of the ESP security parameters index. */
export const ESP_SPI_AT = 0;
/** Offset of the ESP sequence number. */
export const ESP_SEQ_AT = 4;
/** Octets of the ESP header rawcap reads. */
export const ESP_HLEN = 8;
/** Offset of AH's next header. */
export const AH_NEXT_AT = 0;
/** Offset of AH's payload length (in 4-octet words, minus 2). */
export const AH_LEN_AT = 1;
/** Offset of AH's integrity check value. */
export const AH_ICV_AT = 12;
/** Octets of AH without an ICV. */
export const AH_MIN_LEN = 12;
/** A UDP payload starting with four zero octets on port 4500 is IKE, not ESP. */
export const NON_ESP_MARKER_LEN = 4;

/** A decoded ESP header. */
export interface EspHeader {
  /** Security parameters index. */
  spi: number;
  /** Sequence number. */
  seq: number;
}

/** A decoded AH header. */
export interface AhHeader {
  /** The protected protocol. */
  next: number;
  /** Payload length field (4-octet words, minus 2). */
  len: number;
  /** Security parameters index. */
  spi: number;
  /** Sequence number. */
  seq: number;
  /** Integrity check value, in hex. */
  icv: string;
}

/** Octets of the AH header at `off`, from its length field. */
export function ahLength(d: Uint8Array, off: number): number {
  return ipv6ExtSize(d, off, IPPROTO_AH);
}

/** Octets of the AH header at `off`, or -1 when `end` cuts it short or it is too short. */
export function ahHeaderLength(d: Uint8Array, off: number, end: number): number {
  if (off + AH_MIN_LEN > end) return -1;
  const len = ahLength(d, off);
  return len < AH_MIN_LEN || off + len > end ? -1 : len;
}

/** Reads the ESP header at `off` (needs 8 bytes). */
export function espHeader(d: Uint8Array, off: number): EspHeader {
  return { spi: u32(d, off + ESP_SPI_AT), seq: u32(d, off + ESP_SEQ_AT) };
}

/** The ICV of the AH header at `off`, in lowercase hex (bounded by `end`). */
export function ahIcv(d: Uint8Array, off: number, end: number): string {
  let s = "";
  const stop = Math.min(end, off + ahLength(d, off));
  for (let i = off + AH_ICV_AT; i < stop; i++) s += (d[i] < 16 ? "0" : "") + d[i].toString(16);
  return s;
}

/** Reads the AH header at `off` (call after `ahHeaderLength` succeeded). */
export function ahHeader(d: Uint8Array, off: number, end: number): AhHeader {
  return {
    next: d[off + AH_NEXT_AT],
    len: d[off + AH_LEN_AT],
    spi: u32(d, off + AH_SPI_AT),
    seq: u32(d, off + AH_SEQ_AT),
    icv: ahIcv(d, off, end),
  };
}
