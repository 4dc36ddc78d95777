/** What the event loop needs from one capture socket, whatever its read path. */
import type { PacketRecord } from "../packet/packet.ts";

/** Receives frames; returns false to stop the capture. The record is reused for the next frame. */
export type Emit = (rec: PacketRecord) => boolean | void;

/**
 * A frame table: what a ring source hands a {@link FrameSink} for a run of frames, one row of
 * {@link FRAME_ROW} words per frame (a Uint32Array, no object per frame). Columns:
 */
/** Offset of the frame in the ring (tags already put back). */
export const FRAME_START = 0;
/** Bytes captured (cut to the snap length). */
export const FRAME_CAPLEN = 1;
/** Length on the wire. */
export const FRAME_LEN = 2;
/** Timestamp: seconds and nanoseconds. */
export const FRAME_SEC = 3;
export const FRAME_NSEC = 4;
/** `sll_pkttype`: the frame's direction. */
export const FRAME_PKTTYPE = 5;
/**
 * Bytes right before the frame that the sink may overwrite until `release()`: the ring's own
 * header of the frame, already read.
 */
export const FRAME_ROOM = 6;
/** Words per row. */
export const FRAME_ROW = 8;
/** Rows in the table a ring source fills before handing it over. */
export const FRAME_TABLE_ROWS = 1024;

/**
 * Takes frames straight from a packet ring, without building a PacketRecord: the zero-copy
 * path to a file. `ringAddr + start` is the frame's native address, valid until `release()`.
 */
export interface FrameSink {
  /**
   * `count` frames of the ring `view` of one interface, described by the rows of `table` (see
   * {@link FRAME_ROW}). Returns false to stop the capture (the frames after the one that
   * ended it are not taken).
   */
  frames(
    view: DataView,
    ringAddr: number,
    table: Uint32Array,
    count: number,
    ifindex: number,
  ): boolean;
  /** The frames handed over so far are about to go back to the kernel: finish with them. */
  release(): void;
  /** A frame from a read path without a ring (the record is reused after the call). */
  record(rec: PacketRecord): boolean;
}

/** Kernel counters for one socket, accumulated over its lifetime. */
export interface SourceStats {
  /** Frames that passed the socket filter (PACKET_STATISTICS tp_packets). */
  received: number;
  /** Frames dropped because the socket buffer or ring was full (tp_drops). */
  dropped: number;
  /**
   * Times the ring froze: every block was full, so frames were dropped until one came back
   * (TPACKET_V3 tp_freeze_q_cnt; always 0 on the recvmsg path).
   */
  freezes: number;
}

/** Counters at zero. */
export function zeroStats(): SourceStats {
  return { received: 0, dropped: 0, freezes: 0 };
}

/** Adds `b` to `a`. */
export function addStats(a: SourceStats, b: SourceStats): SourceStats {
  return {
    received: a.received + b.received,
    dropped: a.dropped + b.dropped,
    freezes: a.freezes + b.freezes,
  };
}

/** One capture socket on one interface. */
export interface CaptureSource {
  readonly fd: number;
  readonly iface: string;
  readonly ifindex: number;
  /** What its frames start with (LINKTYPE_*, src/packet/linktype.ts). */
  readonly linkType: number;
  /** "ring" (TPACKET_V3 mmap) or "recvmsg". */
  readonly path: "ring" | "recvmsg";
  /**
   * Hands up to `budget` queued frames to `emit`. Returns how many were handed over, or -1
   * when `emit` asked to stop. Throws a SysError when the socket fails (interface gone).
   */
  drain(emit: Emit, budget: number): number;
  /** When set, frames go to this sink instead of `emit` (ring sockets; others use `record`). */
  sink?: FrameSink;
  /** Counters so far (reads and accumulates PACKET_STATISTICS). */
  stats(): SourceStats;
  close(): void;
}
