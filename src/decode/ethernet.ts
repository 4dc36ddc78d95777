/** Ethernet II / IEEE 802.3 MAC header. */

import { macString, u16 } from "./bytes.ts";

/** Octets in an Ethernet header (ETH_HLEN). */
export const ETH_HLEN = 14;
/** Largest 802.3 length field (ETH_DATA_LEN); larger values are EtherTypes. */
export const ETH_DATA_LEN = 1500;
/** EtherType: IPv4. */
export const ETH_P_IP = 0x0800;
/** EtherType: ARP. */
export const ETH_P_ARP = 0x0806;
/** EtherType: reverse ARP. */
export const ETH_P_RARP = 0x8035;
/** EtherType: IPv6. */
export const ETH_P_IPV6 = 0x86dd;
/** EtherType: transparent Ethernet bridging (Ethernet inside GRE). */
export const ETH_P_TEB = 0x6558;

/** The fixed part of an Ethernet frame. */
export interface EthernetHeader {
  /** Destination MAC address, `aa:bb:cc:dd:ee:ff` in lowercase. */
  dst: string;
  /** Source MAC address, in the same form. */
  src: string;
  /** EtherType, or the 802.3 length when <= 1500. */
  type: number;
}

/** Reads the Ethernet header at `off` (needs 14 bytes). */
export function ethernetHeader(d: Uint8Array, off = 0): EthernetHeader {
  return { dst: macString(d, off), src: macString(d, off + 6), type: u16(d, off + 12) };
}

const ETHERTYPE_NAMES: Record<number, string> = {
  0x0800: "IPv4",
  0x0806: "ARP",
  0x8035: "Reverse ARP",
  0x86dd: "IPv6",
  0x8100: "802.1Q",
  0x88a8: "802.1Q-QinQ",
  0x9100: "802.1Q-9100",
  0x88cc: "LLDP",
  0x8847: "MPLS unicast",
  0x8848: "MPLS multicast",
  0x888e: "EAPOL",
  0x8863: "PPPoE D",
  0x8864: "PPPoE S",
  0x6558: "TEB",
};

/** tcpdump's name for an EtherType, "Unknown" when it has none. */
export function ethertypeName(type: number): string {
  return ETHERTYPE_NAMES[type] ?? "Unknown";
}
