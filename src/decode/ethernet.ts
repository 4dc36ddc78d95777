/** Ethernet II / IEEE 802.3 MAC header. */

import { macString, u16 } from "./bytes.ts";
import { ETH_ALEN, ETH_DST_AT, ETH_HLEN, ETH_SRC_AT, ETH_TYPE_AT } from "../packet/ethernet.ts";
import { ethertypeName } from "./numbers.ts";

export { ETH_ALEN, ETH_DST_AT, ETH_HLEN, ETH_SRC_AT, ETH_TYPE_AT, ethertypeName };
/** Largest 802.3 length field (ETH_DATA_LEN); larger values are EtherTypes. */
export const ETH_DATA_LEN = 1500;

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
  return {
    dst: macString(d, off + ETH_DST_AT),
    src: macString(d, off + ETH_SRC_AT),
    type: u16(d, off + ETH_TYPE_AT),
  };
}
