/** What the event loop needs from one capture socket, whatever its read path. */
import type { PacketRecord } from "../packet/packet.ts";

/** Receives frames; returns false to stop the capture. The record is reused for the next frame. */
export type Emit = (rec: PacketRecord) => boolean | void;

/**
 * Takes frames straight from a packet ring, without building a PacketRecord: the zero-copy
 * path to a file. `ringAddr + start` is the frame's native address, valid until `release()`.
 */
export interface FrameSink {
  /**
   * One frame at bytes `start .. start+caplen` of the ring `view` (tags already put back). The
   * `room` bytes before it (the ring's frame header, already read) are the sink's to overwrite
   * until `release()`. Returns false to stop the capture.
   */
  frame(
    view: DataView,
    ringAddr: number,
    start: number,
    caplen: number,
    len: number,
    sec: number,
    nsec: number,
    pkttype: number,
    ifindex: number,
    room: number,
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
