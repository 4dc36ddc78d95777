/** UDP header (RFC 768). */

import { u16 } from "./bytes.ts";

/** Octets in a UDP header. */
export const UDP_HLEN = 8;
/** Well-known port of DNS (NAMESERVER_PORT). */
export const DNS_PORT = 53;

/** A decoded UDP header. */
export interface UdpHeader {
  /** Source port (0 when the sender expects no reply). */
  sport: number;
  /** Destination port, 0-65535; 53 here or in `sport` makes the payload decode as DNS. */
  dport: number;
  /** Length field, header included. */
  len: number;
  /** Checksum field as sent, not verified; 0 means the sender computed none (IPv4 only). */
  checksum: number;
}

/** Reads the UDP header at `off` (needs 8 bytes). */
export function udpHeader(d: Uint8Array, off: number): UdpHeader {
  return {
    sport: u16(d, off),
    dport: u16(d, off + 2),
    len: u16(d, off + 4),
    checksum: u16(d, off + 6),
  };
}
