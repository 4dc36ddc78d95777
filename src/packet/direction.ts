/** Direction of a frame from `sll_pkttype`. */
import type { Direction } from "./packet.ts";

const BY_PKTTYPE: readonly Direction[] = ["host", "broadcast", "multicast", "otherhost", "out"];

/** Maps a `sll_pkttype` value (PACKET_HOST..PACKET_OUTGOING) to a {@link Direction}. */
export function directionOf(pkttype: number): Direction {
  return BY_PKTTYPE[pkttype] ?? "unknown";
}

/** The `sll_pkttype` of a {@link Direction}; `PACKET_HOST` (0) when unknown. */
export function pkttypeOf(d: Direction): number {
  const t = BY_PKTTYPE.indexOf(d);
  return t < 0 ? 0 : t;
}

/** True when the frame was received (anything but outgoing). */
export function isInbound(d: Direction): boolean {
  return d !== "out";
}
