/** DNS messages (RFC 1035), names with compression pointers. */

import { hwString, ipv4String, ipv6String, u16, u32 } from "./bytes.ts";
import * as ipv4Module from "./ipv4.ts";
import * as ipv6Module from "./ipv6.ts";
import * as numbersModule from "./numbers.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const { IPV4_ALEN } = ipv4Module;
const { IPV6_ALEN } = ipv6Module;
const { T_A, T_AAAA, T_CNAME, T_DNAME, T_MX, T_NS, T_PTR, T_SRV, T_TXT } = numbersModule;

export { dnsTypeName } from "./numbers.ts";

/** Octets of the length prefix of DNS over TCP (RFC 1035 4.2.2). */
export const DNS_TCP_PREFIX = 2;
/** Offset of the transaction id. */
export const DNS_ID_AT = 0;
/** Offset of the flags word (QR, opcode, AA, TC, RD, RA, AD, CD, rcode). */
export const DNS_FLAGS_AT = 2;
/** Offset of the question count. */
export const DNS_QDCOUNT_AT = 4;
/** Offset of the answer count. */
export const DNS_ANCOUNT_AT = 6;
/** Offset of the authority count. */
export const DNS_NSCOUNT_AT = 8;
/** Offset of the additional count. */
export const DNS_ARCOUNT_AT = 10;
/** Octets in the DNS header. */
export const DNS_HLEN = 12;
/** Flags: response. */
export const DNS_QR = 0x8000;
/** Flags: shift of the response bit. */
export const DNS_QR_SHIFT = 15;
/** Flags: shift of the opcode. */
export const DNS_OPCODE_SHIFT = 11;
/** Flags: the opcode, once shifted. */
export const DNS_OPCODE_MASK = 0xf;
/** Flags: authoritative answer. */
export const DNS_AA = 0x0400;
/** Flags: truncated. */
export const DNS_TC = 0x0200;
/** Flags: recursion desired. */
export const DNS_RD = 0x0100;
/** Flags: recursion available. */
export const DNS_RA = 0x0080;
/** Flags: reserved (Z). */
export const DNS_Z = 0x0040;
/** Flags: authentic data (DNSSEC). */
export const DNS_AD = 0x0020;
/** Flags: checking disabled (DNSSEC). */
export const DNS_CD = 0x0010;
/** Flags: the bits between opcode and rcode that NDJSON reports as `flags`. */
export const DNS_FLAG_BITS = 0x07f0;
/** Flags: the response code. */
export const DNS_RCODE_MASK = 0xf;
/** Question: offset of the type after the name. */
export const DNS_Q_TYPE_AT = 0;
/** Question: offset of the class after the name. */
export const DNS_Q_CLASS_AT = 2;
/** Question: octets after the name. */
export const DNS_Q_LEN = 4;
/** Resource record: offset of the type after the owner name. */
export const DNS_RR_TYPE_AT = 0;
/** Resource record: offset of the class after the owner name. */
export const DNS_RR_CLASS_AT = 2;
/** Resource record: offset of the time to live after the owner name. */
export const DNS_RR_TTL_AT = 4;
/** Resource record: offset of the data length after the owner name. */
export const DNS_RR_RDLEN_AT = 8;
/** Resource record: octets between the owner name and the data. */
export const DNS_RR_HLEN = 10;
/** MX data: the exchange name follows the 2-octet preference. */
export const DNS_MX_NAME_AT = 2;
/** SRV data: offset of the weight (priority at 0). */
export const DNS_SRV_WEIGHT_AT = 2;
/** SRV data: offset of the port. */
export const DNS_SRV_PORT_AT = 4;
/** SRV data: the target name follows priority, weight and port. */
export const DNS_SRV_NAME_AT = 6;
/** Label length octets whose top two bits are set are compression pointers. */
export const DNS_POINTER = 0xc0;
/** Most compression pointers followed in one name before giving up. */
export const DNS_MAX_POINTERS = 64;

/** The opcode of a flags word. */
export function dnsOpcode(flags: number): number {
  return (flags >> DNS_OPCODE_SHIFT) & DNS_OPCODE_MASK;
}

/** One question. */
export interface DnsQuestion {
  /**
   * Name ending in "." ("." for the root); label bytes other than "!" to "~", and dots or
   * backslashes inside a label, appear as `\DDD` (three decimal digits).
   */
  name: string;
  /** Query type (T_*: 1 A, 28 AAAA, 12 PTR...; 255 ANY). */
  type: number;
  /**
   * The 16-bit class field as sent: 1 (C_IN) for Internet; mDNS's unicast-response top bit is not
   * masked off.
   */
  class: number;
}

/** One resource record; `data` is text for known types and hex otherwise. */
export interface DnsRecord {
  /** Owner name, in the same form as {@link DnsQuestion.name}. */
  name: string;
  /** Record type (T_*); 41 is the EDNS OPT pseudo-record. */
  type: number;
  /** The 16-bit class field as sent (1 Internet; for OPT, the sender's UDP payload size). */
  class: number;
  /** Time to live in seconds, unsigned 32-bit (for OPT, the extended rcode, version and flags). */
  ttl: number;
  /**
   * RDATA as text: A/AAAA an address, NS/CNAME/PTR/DNAME a name, MX "preference name",
   * SRV "priority weight port target", TXT its strings joined by spaces; any other type
   * (SOA and OPT included, or A/AAAA of the wrong length) lowercase hex without separators.
   */
  data: string;
}

/** A decoded DNS message; sections stop early when the message is cut short. */
export interface DnsMessage {
  /** Transaction ID, copied by the server into its response to match it to the query. */
  id: number;
  /** 0 query, 1 response. */
  qr: number;
  /** Kind of query (header bits 11-14): 0 standard query, 2 server status, 4 notify, 5 update. */
  opcode: number;
  /**
   * Response code (low 4 header bits): 0 no error, 1 format error, 2 server failure,
   * 3 NXDOMAIN, 5 refused.
   */
  rcode: number;
  /**
   * The flag bits of the second header word (AA 0x400, TC 0x200, RD 0x100, RA 0x80, AD 0x20,
   * CD 0x10).
   */
  flags: number;
  /**
   * Question count from the header (QDCOUNT); `questions` holds fewer when the message is cut
   * short.
   */
  qdcount: number;
  /** Answer count from the header (ANCOUNT). */
  ancount: number;
  /** Authority record count from the header (NSCOUNT). */
  nscount: number;
  /** Additional record count from the header (ARCOUNT), EDNS OPT included. */
  arcount: number;
  /** The question section in order, up to the first question cut short. */
  questions: DnsQuestion[];
  /** The answer section; empty when the questions were already cut short. */
  answers: DnsRecord[];
  /** The authority section (NS and SOA records of the zone). */
  authority: DnsRecord[];
  /** The additional section (glue addresses, the EDNS OPT record). */
  additional: DnsRecord[];
}

/** Offset just past the (possibly compressed) name at `off`, or -1 when cut short or malformed. */
export function dnsSkipName(d: Uint8Array, off: number, end: number): number {
  let i = off;
  while (i < end) {
    const len = d[i];
    if (len === 0) return i + 1;
    if ((len & DNS_POINTER) === DNS_POINTER) return i + 2 <= end ? i + 2 : -1;
    if (len & DNS_POINTER) return -1;
    i += len + 1;
  }
  return -1;
}

/** True when every counted question and record of the message at `off` fits before `end`. */
export function dnsFits(d: Uint8Array, off: number, end: number): boolean {
  if (off + DNS_HLEN > end) return false;
  let i = off + DNS_HLEN;
  const qd = u16(d, off + DNS_QDCOUNT_AT);
  const rr = u16(d, off + DNS_ANCOUNT_AT) + u16(d, off + DNS_NSCOUNT_AT) +
    u16(d, off + DNS_ARCOUNT_AT);
  for (let n = 0; n < qd; n++) {
    i = dnsSkipName(d, i, end);
    if (i < 0 || i + DNS_Q_LEN > end) return false;
    i += DNS_Q_LEN;
  }
  for (let n = 0; n < rr; n++) {
    i = dnsSkipName(d, i, end);
    if (i < 0 || i + DNS_RR_HLEN > end) return false;
    i += DNS_RR_HLEN + u16(d, i + DNS_RR_RDLEN_AT);
    if (i > end) return false;
  }
  return true;
}

/** Result of reading a name: its text (ending in ".") and the offset after it, -1 if malformed. */
export interface DnsName {
  name: string;
  next: number;
}

const TEXT = new TextDecoder();

function label(d: Uint8Array, off: number, len: number): string {
  let plain = true;
  for (let i = off; i < off + len && plain; i++) {
    const c = d[i];
    plain = c > 0x20 && c < 0x7f && c !== 0x2e && c !== 0x5c;
  }
  // The common case, a label of plain characters, in one call.
  if (plain) {
    return String.fromCharCode.apply(null, d.subarray(off, off + len) as unknown as number[]);
  }
  let s = "";
  for (let i = off; i < off + len; i++) {
    const c = d[i];
    s += c > 0x20 && c < 0x7f && c !== 0x2e && c !== 0x5c
      ? String.fromCharCode(c)
      : "\\" + c.toString().padStart(3, "0");
  }
  return s;
}

/** Reads the name at `off` of the message starting at `msg`, following compression pointers. */
export function dnsName(d: Uint8Array, msg: number, off: number, end: number): DnsName {
  let name = "", i = off, next = -1, hops = 0;
  while (i < end) {
    const len = d[i];
    if (len === 0) {
      if (next < 0) next = i + 1;
      return { name: name === "" ? "." : name, next };
    }
    if ((len & DNS_POINTER) === DNS_POINTER) {
      if (i + 2 > end || ++hops > DNS_MAX_POINTERS) break;
      if (next < 0) next = i + 2;
      i = msg + (((len & ~DNS_POINTER) << 8) | d[i + 1]);
      continue;
    }
    if (len & DNS_POINTER || i + 1 + len > end || name.length > 1024) break;
    name += label(d, i + 1, len) + ".";
    i += len + 1;
  }
  return { name: name === "" ? "." : name, next: -1 };
}

/** True for the record types whose data is one domain name (NS, CNAME, PTR, DNAME). */
export function dnsIsNameType(type: number): boolean {
  return type === T_CNAME || type === T_NS || type === T_PTR || type === T_DNAME;
}

/**
 * Where the question (`question` true) or resource record whose owner name ends at `r` ends,
 * or -1 when `end` cuts it short.
 */
export function dnsRecordEnd(d: Uint8Array, r: number, end: number, question: boolean): number {
  if (r < 0) return -1;
  if (question) return r + DNS_Q_LEN <= end ? r + DNS_Q_LEN : -1;
  if (r + DNS_RR_HLEN > end) return -1;
  const e = r + DNS_RR_HLEN + u16(d, r + DNS_RR_RDLEN_AT);
  return e <= end ? e : -1;
}

/**
 * The data of the resource record whose owner name ends at `r`, in the message at `msg`, as
 * text (see {@link DnsRecord.data}); call only after {@link dnsRecordEnd} succeeded.
 */
export function dnsRecordData(d: Uint8Array, msg: number, r: number, end: number): string {
  const type = u16(d, r + DNS_RR_TYPE_AT), len = u16(d, r + DNS_RR_RDLEN_AT);
  return rdata(d, msg, type, r + DNS_RR_HLEN, len, end);
}

function rdata(d: Uint8Array, msg: number, type: number, off: number, len: number, end: number) {
  const stop = off + len;
  if (type === T_A && len === IPV4_ALEN) return ipv4String(d, off);
  if (type === T_AAAA && len === IPV6_ALEN) return ipv6String(d, off);
  if (dnsIsNameType(type)) return dnsName(d, msg, off, end).name;
  if (type === T_MX && len > DNS_MX_NAME_AT) {
    return u16(d, off) + " " + dnsName(d, msg, off + DNS_MX_NAME_AT, end).name;
  }
  if (type === T_SRV && len > DNS_SRV_NAME_AT) {
    return u16(d, off) + " " + u16(d, off + DNS_SRV_WEIGHT_AT) + " " +
      u16(d, off + DNS_SRV_PORT_AT) + " " + dnsName(d, msg, off + DNS_SRV_NAME_AT, end).name;
  }
  if (type === T_TXT) {
    const parts: string[] = [];
    for (let i = off; i < stop && i + 1 + d[i] <= stop; i += 1 + d[i]) {
      parts.push(TEXT.decode(d.subarray(i + 1, i + 1 + d[i])));
    }
    return parts.join(" ");
  }
  return hwString(d, off, len).replaceAll(":", "");
}

/**
 * Reads the DNS message at `off` up to `end` (needs 12 bytes). `sections` limits how many
 * record sections are decoded (1: answers only, as NDJSON prints; default 3: answers,
 * authority and additional); the counts are always read.
 */
export function dnsMessage(d: Uint8Array, off: number, end: number, sections = 3): DnsMessage {
  const w = u16(d, off + DNS_FLAGS_AT);
  const m: DnsMessage = {
    id: u16(d, off + DNS_ID_AT),
    qr: (w & DNS_QR) >>> DNS_QR_SHIFT,
    opcode: dnsOpcode(w),
    rcode: w & DNS_RCODE_MASK,
    flags: w & DNS_FLAG_BITS,
    qdcount: u16(d, off + DNS_QDCOUNT_AT),
    ancount: u16(d, off + DNS_ANCOUNT_AT),
    nscount: u16(d, off + DNS_NSCOUNT_AT),
    arcount: u16(d, off + DNS_ARCOUNT_AT),
    questions: [],
    answers: [],
    authority: [],
    additional: [],
  };
  let i = off + DNS_HLEN;
  for (let n = 0; n < m.qdcount; n++) {
    const nm = dnsName(d, off, i, end);
    const q = nm.next, next = dnsRecordEnd(d, q, end, true);
    if (next < 0) return m;
    m.questions.push({
      name: nm.name,
      type: u16(d, q + DNS_Q_TYPE_AT),
      class: u16(d, q + DNS_Q_CLASS_AT),
    });
    i = next;
  }
  const lists = [m.answers, m.authority, m.additional];
  const counts = [m.ancount, m.nscount, m.arcount];
  for (let s = 0; s < Math.min(sections, 3); s++) {
    for (let n = 0; n < counts[s]; n++) {
      const nm = dnsName(d, off, i, end);
      const r = nm.next, next = dnsRecordEnd(d, r, end, false);
      if (next < 0) return m;
      lists[s].push({
        name: nm.name,
        type: u16(d, r + DNS_RR_TYPE_AT),
        class: u16(d, r + DNS_RR_CLASS_AT),
        ttl: u32(d, r + DNS_RR_TTL_AT),
        data: dnsRecordData(d, off, r, end),
      });
      i = next;
    }
  }
  return m;
}
