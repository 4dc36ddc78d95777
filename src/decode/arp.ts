/** ARP (RFC 826) packets of any hardware/protocol address size. */

import { hwString, ipv4String, u16 } from "./bytes.ts";
import { ETH_P_IP } from "./ethernet.ts";

/** Octets in the fixed ARP header (struct arphdr). */
export const ARP_HLEN = 8;
/** ARP operation: request. */
export const ARPOP_REQUEST = 1;
/** ARP operation: reply. */
export const ARPOP_REPLY = 2;
/** ARP operation: RARP request. */
export const ARPOP_RREQUEST = 3;
/** ARP operation: RARP reply. */
export const ARPOP_RREPLY = 4;

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
  const len = ARP_HLEN + 2 * (d[off + 4] + d[off + 5]);
  return off + len > end ? -1 : len;
}

function protoAddr(d: Uint8Array, off: number, ptype: number, plen: number): string {
  return ptype === ETH_P_IP && plen === 4 ? ipv4String(d, off) : hwString(d, off, plen);
}

/** Reads the ARP packet at `off`; call only after `arpLength` succeeded. */
export function arpPacket(d: Uint8Array, off: number): ArpPacket {
  const hlen = d[off + 4], plen = d[off + 5], ptype = u16(d, off + 2);
  const sha = off + ARP_HLEN, spa = sha + hlen, tha = spa + plen, tpa = tha + hlen;
  return {
    htype: u16(d, off),
    ptype,
    op: u16(d, off + 6),
    sha: hwString(d, sha, hlen),
    spa: protoAddr(d, spa, ptype, plen),
    tha: hwString(d, tha, hlen),
    tpa: protoAddr(d, tpa, ptype, plen),
  };
}
