/**
 * BSD loopback headers (LINKTYPE_NULL, LINKTYPE_LOOP): one 4-octet address family, in the
 * writer's byte order for NULL and in network order for LOOP. The family numbers are in
 * numbers.ts (BSD_AFNUM_*).
 *
 * @module
 */

/** Octets in the header (NULL_HDRLEN). */
export const NULL_HDR_LEN = 4;
/** Offset of the address family, 4 octets. */
export const NULL_FAMILY_AT = 0;
