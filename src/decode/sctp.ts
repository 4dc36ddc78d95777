/**
 * SCTP (RFC 9260): the common header (ports, verification tag, checksum) and the chunks that
 * follow it (type, flags, length; DATA, INIT, INIT ACK and SACK fields).
 */

import { u16, u32 } from "./bytes.ts";
import { SCTP_INIT, SCTP_INIT_ACK } from "./numbers.ts";

/** Offset of the source port. */
export const SCTP_SPORT_AT = 0;
/** Offset of the destination port. */
export const SCTP_DPORT_AT = 2;
/** Offset of the verification tag. */
export const SCTP_VTAG_AT = 4;
/** Offset of the CRC32c checksum. */
export const SCTP_SUM_AT = 8;
/** Octets of the common header. */
export const SCTP_HLEN = 12;
/** Offset of a chunk's type, from the chunk's start. */
export const SCTP_CHUNK_TYPE_AT = 0;
/** Offset of a chunk's flags. */
export const SCTP_CHUNK_FLAGS_AT = 1;
/** Offset of a chunk's length (header included, padding not). */
export const SCTP_CHUNK_LEN_AT = 2;
/** Octets of a chunk header. */
export const SCTP_CHUNK_HLEN = 4;
/** Chunks are padded to this many octets. */
export const SCTP_CHUNK_ALIGN = 4;
/** DATA: offset of the TSN, from the chunk's start. */
export const SCTP_DATA_TSN_AT = 4;
/** DATA: offset of the stream id. */
export const SCTP_DATA_SID_AT = 8;
/** DATA: offset of the stream sequence number. */
export const SCTP_DATA_SSEQ_AT = 10;
/** DATA: offset of the payload protocol id. */
export const SCTP_DATA_PPID_AT = 12;
/** DATA: octets of the chunk header and its fields. */
export const SCTP_DATA_HLEN = 16;
/** INIT and INIT ACK: offset of the initiate tag. */
export const SCTP_INIT_TAG_AT = 4;
/** INIT and INIT ACK: offset of the advertised receiver window. */
export const SCTP_INIT_RWND_AT = 8;
/** INIT and INIT ACK: offset of the number of outbound streams. */
export const SCTP_INIT_OS_AT = 12;
/** INIT and INIT ACK: offset of the maximum inbound streams. */
export const SCTP_INIT_MIS_AT = 14;
/** INIT and INIT ACK: offset of the initial TSN. */
export const SCTP_INIT_TSN_AT = 16;
/** INIT and INIT ACK: octets of the chunk header and its fixed fields. */
export const SCTP_INIT_HLEN = 20;
/** SACK: offset of the cumulative TSN ack. */
export const SCTP_SACK_CUM_AT = 4;
/** SACK: offset of the advertised receiver window. */
export const SCTP_SACK_RWND_AT = 8;
/** SACK: offset of the number of gap ack blocks. */
export const SCTP_SACK_GAPS_AT = 12;
/** SACK: offset of the number of duplicate TSNs. */
export const SCTP_SACK_DUPS_AT = 14;
/** SACK: octets of the chunk header and its fixed fields; gap blocks, then duplicates, follow. */
export const SCTP_SACK_HLEN = 16;
/** SACK gap ack block: offset of its start (from the cumulative TSN ack). */
export const SCTP_GAP_START_AT = 0;
/** SACK gap ack block: offset of its end. */
export const SCTP_GAP_END_AT = 2;
/** Octets of a SACK gap ack block. */
export const SCTP_GAP_LEN = 4;
/** Octets of a SACK duplicate TSN. */
export const SCTP_DUP_LEN = 4;

/** One chunk's header. */
export interface SctpChunk {
  /** Chunk type (0 DATA, 1 INIT, 2 INIT ACK, 3 SACK, ...). */
  type: number;
  /** Chunk flags. */
  flags: number;
  /** Length field (header included, padding not). */
  len: number;
}

/** A decoded SCTP packet: its common header, its chunks' headers, an INIT's initiate tag. */
export interface SctpPacket {
  sport: number;
  dport: number;
  /** Verification tag. */
  tag: number;
  /** The chunks whose header was captured, in order. */
  chunks: SctpChunk[];
  /** Initiate tag of the first INIT or INIT ACK chunk. */
  initTag?: number;
}

/** Octets a chunk of length field `len` takes, with its padding. */
export function sctpChunkSpan(len: number): number {
  return (len + SCTP_CHUNK_ALIGN - 1) & ~(SCTP_CHUNK_ALIGN - 1);
}

/**
 * Reads the SCTP packet at `[off, end)` (needs the 12-octet header). The chunk walk stops at a
 * chunk shorter than its header or cut short, so it ends within `(end - off) / 4` steps.
 */
export function sctpPacket(d: Uint8Array, off: number, end: number): SctpPacket {
  const p: SctpPacket = {
    sport: u16(d, off + SCTP_SPORT_AT),
    dport: u16(d, off + SCTP_DPORT_AT),
    tag: u32(d, off + SCTP_VTAG_AT),
    chunks: [],
  };
  for (let i = off + SCTP_HLEN; i + SCTP_CHUNK_HLEN <= end;) {
    const type = d[i + SCTP_CHUNK_TYPE_AT], len = u16(d, i + SCTP_CHUNK_LEN_AT);
    p.chunks.push({ type, flags: d[i + SCTP_CHUNK_FLAGS_AT], len });
    const init = type === SCTP_INIT || type === SCTP_INIT_ACK;
    if (init && p.initTag === undefined && i + SCTP_INIT_HLEN <= end) {
      p.initTag = u32(d, i + SCTP_INIT_TAG_AT);
    }
    if (len < SCTP_CHUNK_HLEN) break;
    i += sctpChunkSpan(len);
  }
  return p;
}
