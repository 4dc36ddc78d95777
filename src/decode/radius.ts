/** RADIUS (RFC 2865, 2866): the header and the attributes. */
import { u16 } from "./bytes.ts";

/** Offset of the code. */
export const RADIUS_CODE_AT = 0;
/** Offset of the identifier. */
export const RADIUS_ID_AT = 1;
/** Offset of the length. */
export const RADIUS_LEN_AT = 2;
/** Offset of the authenticator. */
export const RADIUS_AUTH_AT = 4;
/** Octets of the authenticator. */
export const RADIUS_AUTH_LEN = 16;
/** The header, in octets; the attributes follow. */
export const RADIUS_HLEN = 20;
/** Attribute: offset of the type. */
export const RADIUS_ATTR_TYPE_AT = 0;
/** Attribute: offset of the length (type and length included). */
export const RADIUS_ATTR_LEN_AT = 1;
/** Attribute: the type and length octets before the value. */
export const RADIUS_ATTR_HLEN = 2;
/** Most attributes decoded from one message (a message holds at most 4096 octets). */
export const RADIUS_MAX_ATTRS = 2048;
/** Highest tunnel tag: a first value octet up to this is a tag. */
export const RADIUS_TAG_MAX = 0x1f;
/** The value bits of a tagged 32-bit attribute. */
export const RADIUS_TAGNUM_MASK = 0xffffff;
/** Smallest RADIUS message the walker records. */
export const RADIUS_MINLEN = 1;

/** A decoded RADIUS message. */
export interface RadiusMessage {
  /** Code (1 Access-Request...). */
  code: number;
  /** Identifier (when the header was captured; so are the rest). */
  id?: number;
  /** Length field. */
  length?: number;
  /** The attributes' types, in order, as far as they were captured. */
  attributes: { type: number }[];
}

/** Reads the RADIUS message at `[off, end)` (needs 1 octet). */
export function radiusMessage(d: Uint8Array, off: number, end: number): RadiusMessage {
  const m: RadiusMessage = { code: d[off + RADIUS_CODE_AT], attributes: [] };
  if (off + RADIUS_HLEN > end) return m;
  m.id = d[off + RADIUS_ID_AT];
  m.length = u16(d, off + RADIUS_LEN_AT);
  const stop = Math.min(end, off + Math.max(m.length, RADIUS_HLEN));
  let at = off + RADIUS_HLEN;
  for (let n = 0; n < RADIUS_MAX_ATTRS && at + RADIUS_ATTR_HLEN <= stop; n++) {
    const len = d[at + RADIUS_ATTR_LEN_AT];
    if (len < RADIUS_ATTR_HLEN || at + len > stop) break;
    m.attributes.push({ type: d[at + RADIUS_ATTR_TYPE_AT] });
    at += len;
  }
  return m;
}
