/**
 * TLS (RFC 8446, 5246) over TCP port 443: the record header and, for a ClientHello, the offered
 * version and the server name indication (RFC 6066) extension.
 */
import { u16 } from "./bytes.ts";
import {
  TLS_CLIENT_HELLO,
  TLS_EXT_SERVER_NAME,
  TLS_HANDSHAKE,
  TLS_SNI_HOST_NAME,
} from "./numbers.ts";

/** Offset of the record's content type. */
export const TLS_TYPE_AT = 0;
/** Offset of the record's version. */
export const TLS_VERSION_AT = 1;
/** Offset of the record's length. */
export const TLS_LEN_AT = 3;
/** The record header, in octets. */
export const TLS_HLEN = 5;
/** Offset (in the record) of the handshake message type. */
export const TLS_HS_TYPE_AT = 5;
/** Offset (in the record) of the ClientHello's client_version. */
export const TLS_HELLO_VERSION_AT = 9;
/** Offset (in the record) of the ClientHello's session id length, after the 32-octet random. */
export const TLS_HELLO_SID_AT = 43;
/** Octets of a 16-bit length prefix. */
export const TLS_LEN16 = 2;
/** An extension's header: type and length. */
export const TLS_EXT_HLEN = 4;
/** The SNI extension: list length, name type, name length before the name. */
export const TLS_SNI_HLEN = 5;
/** Offset (in the SNI extension data) of the name type. */
export const TLS_SNI_TYPE_AT = 2;
/** Offset (in the SNI extension data) of the name length. */
export const TLS_SNI_LEN_AT = 3;
/** Most extensions read. */
export const TLS_MAX_EXTENSIONS = 256;

/** A decoded TLS record (the segment's first). */
export interface TlsRecord {
  /** The record's version field (0x0301 TLS 1.0 ... 0x0303 TLS 1.2). */
  version: number;
  /** ClientHello: the client_version field. */
  helloVersion?: number;
  /** ClientHello: the host name of its server_name extension. */
  sni?: string;
}

/** True when the captured bytes at `off` start a TLS handshake record header. */
export function isTlsHandshake(d: Uint8Array, off: number, end: number): boolean {
  return off + TLS_HLEN <= Math.min(end, d.length) && d[off + TLS_TYPE_AT] === TLS_HANDSHAKE;
}

/** The record at `off` (see `isTlsHandshake`), with what a captured ClientHello offers. */
export function tlsRecord(d: Uint8Array, off: number, end: number): TlsRecord {
  const stop = Math.min(end, d.length);
  const out: TlsRecord = { version: u16(d, off + TLS_VERSION_AT) };
  if (off + TLS_HELLO_VERSION_AT + TLS_LEN16 > stop) return out;
  if (d[off + TLS_HS_TYPE_AT] !== TLS_CLIENT_HELLO) return out;
  out.helloVersion = u16(d, off + TLS_HELLO_VERSION_AT);
  // Session id, cipher suites, compression methods, then the extensions.
  let p = off + TLS_HELLO_SID_AT;
  if (p + 1 > stop) return out;
  p += 1 + d[p];
  if (p + TLS_LEN16 > stop) return out;
  p += TLS_LEN16 + u16(d, p);
  if (p + 1 > stop) return out;
  p += 1 + d[p];
  if (p + TLS_LEN16 > stop) return out;
  const extEnd = Math.min(stop, p + TLS_LEN16 + u16(d, p));
  p += TLS_LEN16;
  for (let n = 0; n < TLS_MAX_EXTENSIONS && p + TLS_EXT_HLEN <= extEnd; n++) {
    const type = u16(d, p), len = u16(d, p + TLS_LEN16), data = p + TLS_EXT_HLEN;
    if (data + len > extEnd) return out;
    if (type === TLS_EXT_SERVER_NAME && len >= TLS_SNI_HLEN) {
      const nlen = u16(d, data + TLS_SNI_LEN_AT);
      if (
        d[data + TLS_SNI_TYPE_AT] !== TLS_SNI_HOST_NAME || data + TLS_SNI_HLEN + nlen > data + len
      ) {
        return out;
      }
      let sni = "";
      for (let i = data + TLS_SNI_HLEN; i < data + TLS_SNI_HLEN + nlen; i++) {
        sni += String.fromCharCode(d[i]);
      }
      out.sni = sni;
      return out;
    }
    p = data + len;
  }
  return out;
}
