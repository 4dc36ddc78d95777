/** Direction of a frame from `sll_pkttype`. */
import type { Direction } from "./packet.ts";

/** `sll_pkttype`: to this host. */
export const PACKET_HOST = 0;
/** `sll_pkttype`: to all hosts (link broadcast). */
export const PACKET_BROADCAST = 1;
/** `sll_pkttype`: to a group (link multicast). */
export const PACKET_MULTICAST = 2;
/** `sll_pkttype`: to another host (seen in promiscuous mode). */
export const PACKET_OTHERHOST = 3;
/** `sll_pkttype`: sent by this host. */
export const PACKET_OUTGOING = 4;

const BY_PKTTYPE: readonly Direction[] = (() => {
  const t: Direction[] = [];
  t[PACKET_HOST] = "host";
  t[PACKET_BROADCAST] = "broadcast";
  t[PACKET_MULTICAST] = "multicast";
  t[PACKET_OTHERHOST] = "otherhost";
  t[PACKET_OUTGOING] = "out";
  return t;
})();

/** Maps a `sll_pkttype` value (PACKET_HOST..PACKET_OUTGOING) to a {@link Direction}. */
export function directionOf(pkttype: number): Direction {
  return BY_PKTTYPE[pkttype] ?? "unknown";
}

/** The `sll_pkttype` of a {@link Direction}; `PACKET_HOST` (0) when unknown. */
export function pkttypeOf(d: Direction): number {
  const t = BY_PKTTYPE.indexOf(d);
  return t < 0 ? PACKET_HOST : t;
}
