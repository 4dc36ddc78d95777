/**
 * The Ethernet header's layout. Capture needs it to put stripped VLAN tags back, and capture
 * sits below the decoders, so it lives here; src/decode/ethernet.ts re-exports it.
 */

/** Octets in a MAC address (ETH_ALEN). */
export const ETH_ALEN = 6;
/** Offset of the destination address. */
export const ETH_DST_AT = 0;
/** Offset of the source address. */
export const ETH_SRC_AT = ETH_ALEN;
/** Offset of the EtherType (or 802.3 length): after the two addresses. */
export const ETH_TYPE_AT = 2 * ETH_ALEN;
/** Octets in an Ethernet header (ETH_HLEN). */
export const ETH_HLEN = ETH_TYPE_AT + 2;
