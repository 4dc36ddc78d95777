/**
 * The record every layer above capture consumes: one frame, as it was on the wire.
 *
 * Tags the kernel stripped (VLAN offload) have already been put back into `data`,
 * so decoders, filters and file writers see the same bytes libpcap would give them.
 */

/** Nanoseconds in a second: record timestamps count nanoseconds since the Unix epoch. */
export const NS_PER_SEC = 1_000_000_000n;
/** {@link NS_PER_SEC} as a number, for arithmetic without BigInt. */
export const NS_PER_SEC_NUMBER = 1e9;

/** The start of the second `ts` (nanoseconds) falls in, rounded down, also before 1970. */
export function secondStart(ts: bigint): bigint {
  let sec = ts / NS_PER_SEC;
  if (ts < 0n && sec * NS_PER_SEC !== ts) sec -= 1n;
  return sec * NS_PER_SEC;
}

/** Where a frame was going, from `sll_pkttype` (tcpdump's `-Q` direction is derived from it). */
export type Direction = "host" | "broadcast" | "multicast" | "otherhost" | "out" | "unknown";

/** One 802.1Q / 802.1ad tag. */
export interface VlanTag {
  /** Tag protocol identifier: 0x8100 (802.1Q), 0x88a8 (802.1ad), 0x9100. */
  tpid: number;
  /** VLAN id, 0..4095. */
  id: number;
  /** Priority code point, 0..7. */
  pcp: number;
  /** Drop eligible indicator, 0 or 1. */
  dei: number;
}

/** One captured frame. */
export interface PacketRecord {
  /** Capture time, nanoseconds since the Unix epoch. */
  ts: bigint;
  /** Interface name, "" when unknown (e.g. a pcap file). */
  iface: string;
  /** Interface index (live capture) or interface id (pcapng); 0 when unknown. */
  ifindex: number;
  /** Original length of the frame on the wire, including tags put back. */
  len: number;
  /** Bytes captured; equals `data.length`. */
  caplen: number;
  /** Direction, where known. */
  direction: Direction;
  /**
   * The frame bytes, starting at the link-layer header: the Ethernet destination address
   * unless `linkType` says otherwise.
   */
  data: Uint8Array;
  /**
   * What `data` starts with, as a LINKTYPE_* number (src/packet/linktype.ts): Ethernet (1)
   * when absent. Files keep theirs (`tcpdump -i any` writes LINUX_SLL2); a live interface
   * without Ethernet framing (tun, WireGuard) captures as RAW (101).
   */
  linkType?: number;
}
