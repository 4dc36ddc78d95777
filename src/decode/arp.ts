/** ARP (RFC 826) packets of any hardware/protocol address size. */

import { hwString, ipv4String, u16 } from "./bytes.ts";
import { ETH_ALEN } from "./ethernet.ts";
import { ETH_P_IP } from "./numbers.ts";

/** Offset of the hardware type. */
export const ARP_HRD_AT = 0;
/** Offset of the protocol type (an EtherType). */
export const ARP_PRO_AT = 2;
/** Offset of the hardware address length. */
export const ARP_HLN_AT = 4;
/** Offset of the protocol address length. */
export const ARP_PLN_AT = 5;
/** Offset of the operation. */
export const ARP_OP_AT = 6;
/** Octets in the fixed ARP header (struct arphdr); the addresses follow. */
export const ARP_HLEN = 8;
/** Octets in an IPv4 address, ARP's usual protocol address. */
export const ARP_IPV4_LEN = 4;
/** Offsets of the addresses in Ethernet/IPv4 ARP: sender hardware address. */
export const ARP_SHA_AT = ARP_HLEN;
/** Sender protocol address, in Ethernet/IPv4 ARP. */
export const ARP_SPA_AT = ARP_SHA_AT + ETH_ALEN;
/** Target hardware address, in Ethernet/IPv4 ARP. */
export const ARP_THA_AT = ARP_SPA_AT + ARP_IPV4_LEN;
/** Target protocol address, in Ethernet/IPv4 ARP. */
export const ARP_TPA_AT = ARP_THA_AT + ETH_ALEN;

/** A decoded ARP packet; IPv4 protocol addresses as dotted quads, others as hex. */
export interface ArpPacket {
  /** Hardware type (1 for Ethernet). */
  htype: number;
  /** Protocol type, an EtherType (0x0800 for IPv4). */
  ptype: number;
  /** Operation (ARPOP_*): 1 request, 2 reply, 3 RARP request, 4 RARP reply. */
  op: number;
  /** Sender hardware address: colon-separated lowercase hex of the header's hardware length. */
  sha: string;
  /** Sender protocol address: a dotted quad for IPv4 with 4-byte addresses, else as `sha`. */
  spa: string;
  /** Target hardware address, in the form of `sha` (all zeros in most requests). */
  tha: string;
  /** Target protocol address, in the form of `spa`. */
  tpa: string;
}

/** Octets of the ARP packet at `off`, or -1 when `end` cuts it short. */
export function arpLength(d: Uint8Array, off: number, end: number): number {
  if (off + ARP_HLEN > end) return -1;
  const len = ARP_HLEN + 2 * (d[off + ARP_HLN_AT] + d[off + ARP_PLN_AT]);
  return off + len > end ? -1 : len;
}

function protoAddr(d: Uint8Array, off: number, ptype: number, plen: number): string {
  return ptype === ETH_P_IP && plen === ARP_IPV4_LEN ? ipv4String(d, off) : hwString(d, off, plen);
}

/** Reads the ARP packet at `off`; call only after `arpLength` succeeded. */
export function arpPacket(d: Uint8Array, off: number): ArpPacket {
  const hlen = d[off + ARP_HLN_AT], plen = d[off + ARP_PLN_AT], ptype = u16(d, off + ARP_PRO_AT);
  const sha = off + ARP_HLEN, spa = sha + hlen, tha = spa + plen, tpa = tha + hlen;
  return {
    htype: u16(d, off + ARP_HRD_AT),
    ptype,
    op: u16(d, off + ARP_OP_AT),
    sha: hwString(d, sha, hlen),
    spa: protoAddr(d, spa, ptype, plen),
    tha: hwString(d, tha, hlen),
    tpa: protoAddr(d, tpa, ptype, plen),
  };
}
