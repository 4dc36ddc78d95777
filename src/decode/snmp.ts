/** SNMP v1/v2c (RFC 1157, 3416) in BER (X.690): the message, its PDU and variable bindings. */
import { latin1 } from "./bytes.ts";
import { SNMP_GETBULKREQ, SNMP_TRAP } from "./numbers.ts";

/** BER identifier: class bits. */
export const BER_CLASS_MASK = 0xc0;
/** BER identifier: class shift. */
export const BER_CLASS_SHIFT = 6;
/** BER identifier: constructed bit. */
export const BER_CONSTRUCTED = 0x20;
/** BER identifier: tag number bits. */
export const BER_ID_MASK = 0x1f;
/** BER tag number: the tag continues in the following octets. */
export const BER_ID_EXT = 0x1f;
/** BER: the high bit (long length form, more tag octets, a negative integer). */
export const BER_BIT8 = 0x80;
/** BER class: universal. */
export const BER_UNIVERSAL = 0;
/** BER class: application. */
export const BER_APPLICATION = 1;
/** BER class: context. */
export const BER_CONTEXT = 2;
/** Universal tag: INTEGER. */
export const BER_INTEGER = 2;
/** Universal tag: OCTET STRING. */
export const BER_STRING = 4;
/** Universal tag: NULL. */
export const BER_NULL = 5;
/** Universal tag: OBJECT IDENTIFIER. */
export const BER_OID = 6;
/** Universal tag: SEQUENCE. */
export const BER_SEQUENCE = 16;
/** Application tag: IpAddress. */
export const SNMP_IPADDR = 0;
/** Application tag: Counter32. */
export const SNMP_COUNTER = 1;
/** Application tag: Gauge32. */
export const SNMP_GAUGE = 2;
/** Application tag: TimeTicks. */
export const SNMP_TIMETICKS = 3;
/** Application tag: Opaque. */
export const SNMP_OPAQUE = 4;
/** Application tag: Counter64. */
export const SNMP_COUNTER64 = 6;
/** Sub-identifiers per arc of the first OID octet. */
export const OID_MUX = 40;
/** Smallest SNMP message the walker records. */
export const SNMP_MINLEN = 1;

/**
 * One BER element, as {@link berRead} leaves it: identifier parts, where its content starts and
 * its length, and how many octets header and content take. Reused: read it before the next call.
 */
export const ber = {
  /** Class (BER_UNIVERSAL...). */
  cls: 0,
  /** Constructed. */
  constructed: false,
  /** Tag number. */
  id: 0,
  /** Offset of the content. */
  at: 0,
  /** Content length. */
  len: 0,
  /** Header plus content, in octets. */
  size: 0,
};

/** The class of the element {@link berRead} read last. */
export function berCls(): number {
  return ber.cls;
}

/** Its tag number. */
export function berId(): number {
  return ber.id;
}

/** Whether it is constructed. */
export function berConstructed(): boolean {
  return ber.constructed;
}

/** Why {@link berRead} failed. */
export const BER_NOTHING = -1;
/** The tag runs past the element. */
export const BER_BAD_TAG = -2;
/** No length octet. */
export const BER_NO_LEN = -3;
/** The long length runs past the element. */
export const BER_BAD_LONGLEN = -4;
/** The content is longer than what is left. */
export const BER_TOO_LONG = -5;
/** The captured bytes end in the content. */
export const BER_CUT = -6;
/** The captured bytes end in the identifier or length octets. */
export const BER_CUT_HEADER = -7;

/**
 * Reads the BER element at `off` of the `len` octets left (`cap`: end of the captured bytes)
 * into {@link ber}: 0, or a BER_* failure. Allocates nothing.
 */
export function berRead(d: Uint8Array, off: number, len: number, cap: number): number {
  if (len < 1) return BER_NOTHING;
  if (off >= cap) return BER_CUT_HEADER;
  const t = d[off];
  ber.cls = (t & BER_CLASS_MASK) >> BER_CLASS_SHIFT;
  ber.constructed = (t & BER_CONSTRUCTED) !== 0;
  let id = t & BER_ID_MASK, p = off + 1;
  len--;
  if (id === BER_ID_EXT) {
    id = 0;
    for (let n = 0; n < 4; n++) {
      if (len < 1) return BER_BAD_TAG;
      if (p >= cap) return BER_CUT_HEADER;
      const b = d[p++];
      len--;
      id = (id << 7) | (b & ~BER_BIT8 & 0xff);
      if ((b & BER_BIT8) === 0) break;
    }
  }
  ber.id = id;
  if (len < 1) return BER_NO_LEN;
  if (p >= cap) return BER_CUT_HEADER;
  let alen = d[p++];
  len--;
  if (alen & BER_BIT8) {
    let n = alen & ~BER_BIT8 & 0xff;
    if (len < n) return BER_BAD_LONGLEN;
    if (p + n > cap) return BER_CUT_HEADER;
    alen = 0;
    for (; n > 0; n--, len--) alen = alen * 256 + d[p++];
  }
  if (len < alen) {
    ber.len = alen;
    ber.size = len;
    return BER_TOO_LONG;
  }
  if (p + alen > cap) return BER_CUT;
  ber.at = p;
  ber.len = alen;
  ber.size = p - off + alen;
  return 0;
}

/** A BER INTEGER's value (32-bit, signed). */
export function berInt(d: Uint8Array, at: number, len: number): number {
  let v = len > 0 && d[at] & BER_BIT8 ? -1 : 0;
  for (let i = 0; i < len; i++) v = (v << 8) | d[at + i];
  return v;
}

/** An unsigned BER value (Counter32, Gauge32, TimeTicks). */
export function berUnsigned(d: Uint8Array, at: number, len: number): number {
  let v = 0;
  for (let i = 0; i < len; i++) v = ((v << 8) | d[at + i]) >>> 0;
  return v;
}

/** An OBJECT IDENTIFIER as dotted decimal (`1.3.6.1.2.1.1.1.0`). */
export function oidString(d: Uint8Array, at: number, len: number): string {
  let s = "", o = 0, first = true;
  for (let i = at; i < at + len; i++) {
    o = o * 128 + (d[i] & ~BER_BIT8 & 0xff);
    if (d[i] & BER_BIT8) continue;
    if (first) {
      first = false;
      const x = Math.min(Math.floor(o / OID_MUX), 2);
      s += x + ".";
      o -= x * OID_MUX;
      s += o;
    } else s += "." + o;
    o = 0;
  }
  return s;
}

/** A decoded SNMP v1/v2c message (the fields it could read). */
export interface SnmpMessage {
  /** Version field (0 v1, 1 v2c, 3 v3). */
  version: number;
  /** Community string. */
  community?: string;
  /** PDU type (SNMP_GETREQ...). */
  pdu?: number;
  /** Request id (not in v1 traps). */
  requestId?: number;
  /** Error status. */
  errorStatus?: number;
  /** Error index. */
  errorIndex?: number;
  /** Get-bulk: non-repeaters (in place of the error status). */
  nonRepeaters?: number;
  /** Get-bulk: max-repetitions (in place of the error index). */
  maxRepetitions?: number;
  /** The variable bindings' object names (empty when none could be read). */
  varbinds: { oid: string }[];
}

/** Reads the SNMP message at `[off, end)`; -1 for the version when it is not readable. */
export function snmpMessage(d: Uint8Array, off: number, end: number): SnmpMessage {
  const m: SnmpMessage = { version: -1, varbinds: [] };
  if (berRead(d, off, end - off, end) || berCls() !== BER_UNIVERSAL || berId() !== BER_SEQUENCE) {
    return m;
  }
  let p = ber.at, left = ber.len;
  if (berRead(d, p, left, end) || berId() !== BER_INTEGER) return m;
  m.version = berInt(d, ber.at, ber.len);
  if (m.version > 1) return m;
  p += ber.size, left -= ber.size;
  if (berRead(d, p, left, end) || berId() !== BER_STRING) return m;
  m.community = latin1(d, ber.at, ber.at + ber.len);
  p += ber.size, left -= ber.size;
  if (berRead(d, p, left, end) || berCls() !== BER_CONTEXT || !berConstructed()) return m;
  m.pdu = berId();
  p = ber.at, left = ber.len;
  const ints: number[] = [];
  const count = m.pdu === SNMP_TRAP ? 5 : 3;
  for (let n = 0; n < count; n++) {
    if (berRead(d, p, left, end)) return m;
    ints.push(berId() === BER_INTEGER ? berInt(d, ber.at, ber.len) : 0);
    p += ber.size, left -= ber.size;
  }
  if (m.pdu === SNMP_GETBULKREQ) [m.requestId, m.nonRepeaters, m.maxRepetitions] = ints;
  else if (m.pdu !== SNMP_TRAP) [m.requestId, m.errorStatus, m.errorIndex] = ints;
  if (berRead(d, p, left, end) || berId() !== BER_SEQUENCE) return m;
  p = ber.at, left = ber.len;
  while (left > 0 && berRead(d, p, left, end) === 0 && berId() === BER_SEQUENCE) {
    const next = p + ber.size, rest = left - ber.size;
    if (berRead(d, ber.at, ber.len, end) || berId() !== BER_OID) break;
    m.varbinds.push({ oid: oidString(d, ber.at, ber.len) });
    p = next, left = rest;
  }
  return m;
}
