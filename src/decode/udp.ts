/** UDP header (RFC 768). */

import { u16 } from "./bytes.ts";

/** Offset of the source port. */
export const UDP_SPORT_AT = 0;
/** Offset of the destination port. */
export const UDP_DPORT_AT = 2;
/** Offset of the length (header included). */
export const UDP_LEN_AT = 4;
/** Offset of the checksum. */
export const UDP_SUM_AT = 6;
/** Octets in a UDP header. */
export const UDP_HLEN = 8;

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
    sport: u16(d, off + UDP_SPORT_AT),
    dport: u16(d, off + UDP_DPORT_AT),
    len: u16(d, off + UDP_LEN_AT),
    checksum: u16(d, off + UDP_SUM_AT),
  };
}
