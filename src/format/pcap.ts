/**
 * The classic libpcap file format: a 24-byte file header, then records of a 16-byte header
 * followed by the captured bytes. Encoders write into caller-owned buffers so the hot path
 * allocates nothing per packet; a zero-copy writer can emit record headers itself and point
 * an iovec at the frame.
 */

import { NS_PER_SEC, type PacketRecord } from "../packet/packet.ts";
import { LINKTYPE_ETHERNET } from "../packet/linktype.ts";

/** Magic for microsecond timestamps, as written in the file's byte order. */
export const PCAP_MAGIC_MICRO = 0xa1b2c3d4;
/** Magic for nanosecond timestamps. */
export const PCAP_MAGIC_NANO = 0xa1b23c4d;
/** File format version written by libpcap. */
export const PCAP_VERSION_MAJOR = 2;
/** File format minor version written by libpcap. */
export const PCAP_VERSION_MINOR = 4;
/** Length of the file header. */
export const PCAP_FILE_HEADER_LEN = 24;
/** Length of a per-record header. */
export const PCAP_RECORD_HEADER_LEN = 16;
/** LINKTYPE_ETHERNET (DLT_EN10MB), kept with the other link types in packet/linktype.ts. */
export { LINKTYPE_ETHERNET };
/** libpcap's MAXIMUM_SNAPLEN: the largest capture length a reader accepts by default. */
export const PCAP_MAX_SNAPLEN = 262144;

/** Nanoseconds in a microsecond, the resolution of "micro" files. */
const NS_PER_US = 1000;

/** Timestamp resolution of a pcap file. */
export type TimestampPrecision = "micro" | "nano";

/** The fields of a pcap file header. */
export interface PcapFileHeader {
  /** True when the file's multi-byte fields are little-endian. */
  littleEndian: boolean;
  precision: TimestampPrecision;
  versionMajor: number;
  versionMinor: number;
  snaplen: number;
  /** Link type (lower 16 bits of the header's link-type field). */
  linktype: number;
}

/** Encodes a little-endian pcap file header. */
export function encodePcapHeader(
  snaplen: number,
  precision: TimestampPrecision,
  linktype: number = LINKTYPE_ETHERNET,
): Uint8Array {
  const out = new Uint8Array(PCAP_FILE_HEADER_LEN);
  const view = new DataView(out.buffer);
  view.setUint32(0, precision === "nano" ? PCAP_MAGIC_NANO : PCAP_MAGIC_MICRO, true);
  view.setUint16(4, PCAP_VERSION_MAJOR, true);
  view.setUint16(6, PCAP_VERSION_MINOR, true);
  view.setInt32(8, 0, true);
  view.setUint32(12, 0, true);
  view.setUint32(16, snaplen, true);
  view.setUint32(20, linktype, true);
  return out;
}

/**
 * Writes a little-endian record header at `off` in `view`; returns the offset just after it.
 * The time is `sec` seconds and `nsec` nanoseconds since the epoch, cut to microseconds unless
 * `nano`. Every pcap writer goes through here: the buffered writer, the zero-copy ring writer
 * and the benchmark's file generator.
 */
export function writePcapRecordHeader(
  view: DataView,
  off: number,
  sec: number,
  nsec: number,
  caplen: number,
  len: number,
  nano: boolean,
): number {
  view.setUint32(off, sec >>> 0, true);
  // Two stores, not one of `nano ? a : b`: optimized code stores a value that may be either an
  // integer or a float through a call, ~7 ns per record on the ring path.
  if (nano) view.setUint32(off + 4, nsec, true);
  else view.setUint32(off + 4, Math.floor(nsec / NS_PER_US), true);
  view.setUint32(off + 8, caplen, true);
  view.setUint32(off + 12, len, true);
  return off + PCAP_RECORD_HEADER_LEN;
}

/** {@link writePcapRecordHeader} for a nanosecond timestamp. */
export function encodePcapRecordHeader(
  view: DataView,
  off: number,
  tsNs: bigint,
  caplen: number,
  len: number,
  precision: TimestampPrecision,
): number {
  const sec = Number(tsNs / NS_PER_SEC), nsec = Number(tsNs % NS_PER_SEC);
  return writePcapRecordHeader(view, off, sec, nsec, caplen, len, precision === "nano");
}

/**
 * Parses a pcap file header from its first 24 bytes.
 * Returns null when the magic is not a pcap magic in either byte order.
 */
export function parsePcapHeader(bytes: Uint8Array): PcapFileHeader | null {
  if (bytes.length < 4) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magicLe = view.getUint32(0, true);
  const magicBe = view.getUint32(0, false);
  let littleEndian: boolean;
  let precision: TimestampPrecision;
  if (magicLe === PCAP_MAGIC_MICRO || magicLe === PCAP_MAGIC_NANO) {
    littleEndian = true;
    precision = magicLe === PCAP_MAGIC_NANO ? "nano" : "micro";
  } else if (magicBe === PCAP_MAGIC_MICRO || magicBe === PCAP_MAGIC_NANO) {
    littleEndian = false;
    precision = magicBe === PCAP_MAGIC_NANO ? "nano" : "micro";
  } else {
    return null;
  }
  if (bytes.length < PCAP_FILE_HEADER_LEN) {
    return { littleEndian, precision, versionMajor: 0, versionMinor: 0, snaplen: 0, linktype: -1 };
  }
  return {
    littleEndian,
    precision,
    versionMajor: view.getUint16(4, littleEndian),
    versionMinor: view.getUint16(6, littleEndian),
    snaplen: view.getUint32(16, littleEndian),
    linktype: view.getUint32(20, littleEndian) & 0xffff,
  };
}

/** Turns a record header's seconds and fraction into nanoseconds since the epoch. */
export function pcapTimestampNs(sec: number, frac: number, precision: TimestampPrecision): bigint {
  // Microseconds since the epoch stay exact as a number (< 2^53): one BigInt operation, not three.
  if (precision !== "nano") return BigInt(sec * 1e6 + frac) * US_NS;
  return BigInt(sec) * NS_PER_SEC + BigInt(frac);
}

/** Nanoseconds in a microsecond, as a BigInt. */
const US_NS = 1000n;

/** Encodes whole pcap records (header + frame bytes) into a caller's buffer. */
export class PcapEncoder {
  readonly snaplen: number;
  readonly precision: TimestampPrecision;
  /** The one link type of the file (LINKTYPE_*), written in its header. */
  linktype: number;

  constructor(
    snaplen: number,
    precision: TimestampPrecision,
    linktype: number = LINKTYPE_ETHERNET,
  ) {
    this.snaplen = snaplen;
    this.precision = precision;
    this.linktype = linktype;
  }

  /** The file header that starts every file. */
  fileHeader(): Uint8Array {
    return encodePcapHeader(this.snaplen, this.precision, this.linktype);
  }

  /** Bytes `encode` will write for `rec`. */
  sizeOf(rec: PacketRecord): number {
    return PCAP_RECORD_HEADER_LEN + Math.min(rec.data.length, this.snaplen);
  }

  /** Writes `rec` at `off`, truncated to the snaplen; returns the offset after it. */
  encode(buf: Uint8Array, view: DataView, off: number, rec: PacketRecord): number {
    const caplen = Math.min(rec.data.length, this.snaplen);
    const len = Math.max(rec.len, rec.data.length);
    const at = encodePcapRecordHeader(view, off, rec.ts, caplen, len, this.precision);
    buf.set(caplen === rec.data.length ? rec.data : rec.data.subarray(0, caplen), at);
    return at + caplen;
  }

  /** pcap has no trailer. */
  fileTrailer(): Uint8Array {
    return new Uint8Array(0);
  }
}
