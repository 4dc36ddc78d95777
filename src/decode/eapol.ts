/**
 * IEEE 802.1X EAPOL (EtherType 0x888e) and the EAP packet it carries (RFC 3748).
 *
 * @module
 */

import { latin1, u16 } from "./bytes.ts";
import { EAP_REQUEST, EAP_RESPONSE, EAP_TYPE_IDENTITY, EAPOL_EAP } from "./numbers.ts";

/** Offset of the EAPOL protocol version. */
export const EAPOL_VERSION_AT = 0;
/** Offset of the EAPOL packet type. */
export const EAPOL_TYPE_AT = 1;
/** Offset of the EAPOL body length. */
export const EAPOL_LEN_AT = 2;
/** Octets of the EAPOL header. */
export const EAPOL_HLEN = 4;
/** EAP: offset of the code. */
export const EAP_CODE_AT = 0;
/** EAP: offset of the identifier. */
export const EAP_ID_AT = 1;
/** EAP: offset of the length (header included). */
export const EAP_LEN_AT = 2;
/** Octets of the EAP header. */
export const EAP_HLEN = 4;
/** EAP request/response: offset of the type. */
export const EAP_TYPE_AT = 4;
/** EAP request/response: offset of the type data. */
export const EAP_DATA_AT = 5;
/** EAP-TLS/TTLS/FAST: the length-included flag. */
export const EAP_TLS_L_BIT = 0x80;
/** EAP-TTLS/FAST: the version bits of the flags. */
export const EAP_TLS_VERSION_MASK = 0x07;
/** EAP-TLS/TTLS/FAST: offset of the TLS message length (with the L bit). */
export const EAP_TLS_LEN_AT = 6;
/** EAP-TLS/TTLS/FAST: octets up to the end of the TLS message length. */
export const EAP_TLS_LEN_END = 10;

/** A decoded EAPOL frame. */
export interface EapolFrame {
  version: number;
  /** 0 EAP packet, 1 start, 2 logoff, 3 key, 4 ASF alert. */
  type: number;
  /** Body length. */
  len: number;
  /** The EAP packet of an EAP-packet frame, when its header was captured. */
  eap?: { code: number; id: number; len: number; type?: number; identity?: string };
}

/** Reads the EAPOL frame at `[off, end)` (needs its 4-byte header). */
export function eapolFrame(d: Uint8Array, off: number, end: number): EapolFrame {
  const f: EapolFrame = {
    version: d[off + EAPOL_VERSION_AT],
    type: d[off + EAPOL_TYPE_AT],
    len: u16(d, off + EAPOL_LEN_AT),
  };
  const e = off + EAPOL_HLEN;
  if (f.type !== EAPOL_EAP || f.len < EAP_HLEN || e + EAP_HLEN > end) return f;
  const code = d[e + EAP_CODE_AT], len = u16(d, e + EAP_LEN_AT);
  f.eap = { code, id: d[e + EAP_ID_AT], len };
  if ((code === EAP_REQUEST || code === EAP_RESPONSE) && len > EAP_HLEN && e + EAP_DATA_AT <= end) {
    f.eap.type = d[e + EAP_TYPE_AT];
    if (f.eap.type === EAP_TYPE_IDENTITY) {
      f.eap.identity = latin1(d, e + EAP_DATA_AT, Math.min(end, e + len));
    }
  }
  return f;
}
