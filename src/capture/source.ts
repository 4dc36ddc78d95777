/** What the event loop needs from one capture socket, whatever its read path. */
import type { PacketRecord } from "../packet/packet.ts";

/** Receives frames; returns false to stop the capture. The record is reused for the next frame. */
export type Emit = (rec: PacketRecord) => boolean | void;

/** Kernel counters for one socket, accumulated over its lifetime. */
export interface SourceStats {
  /** Frames that passed the socket filter (PACKET_STATISTICS tp_packets). */
  received: number;
  /** Frames dropped because the socket buffer or ring was full (tp_drops). */
  dropped: number;
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
  /** Counters so far (reads and accumulates PACKET_STATISTICS). */
  stats(): SourceStats;
  close(): void;
}
