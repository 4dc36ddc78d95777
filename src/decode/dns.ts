/** DNS messages (RFC 1035), names with compression pointers. */

import { hwString, ipv4String, ipv6String, u16, u32 } from "./bytes.ts";

/** Octets in the DNS header. */
export const DNS_HLEN = 12;
/** Most compression pointers followed in one name before giving up. */
export const DNS_MAX_POINTERS = 64;
/** Resource record types (T_*) decoded into text. */
export const T_A = 1;
/** Name server. */
export const T_NS = 2;
/** Canonical name. */
export const T_CNAME = 5;
/** Start of authority. */
export const T_SOA = 6;
/** Domain name pointer. */
export const T_PTR = 12;
/** Mail exchange. */
export const T_MX = 15;
/** Text strings. */
export const T_TXT = 16;
/** IPv6 address. */
export const T_AAAA = 28;
/** Service location. */
export const T_SRV = 33;
/** Delegation name. */
export const T_DNAME = 39;
/** Internet class. */
export const C_IN = 1;

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
    if ((len & 0xc0) === 0xc0) return i + 2 <= end ? i + 2 : -1;
    if (len & 0xc0) return -1;
    i += len + 1;
  }
  return -1;
}

/** True when every counted question and record of the message at `off` fits before `end`. */
export function dnsFits(d: Uint8Array, off: number, end: number): boolean {
  if (off + DNS_HLEN > end) return false;
  let i = off + DNS_HLEN;
  const qd = u16(d, off + 4);
  const rr = u16(d, off + 6) + u16(d, off + 8) + u16(d, off + 10);
  for (let n = 0; n < qd; n++) {
    i = dnsSkipName(d, i, end);
    if (i < 0 || i + 4 > end) return false;
    i += 4;
  }
  for (let n = 0; n < rr; n++) {
    i = dnsSkipName(d, i, end);
    if (i < 0 || i + 10 > end) return false;
    i += 10 + u16(d, i + 8);
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
    if ((len & 0xc0) === 0xc0) {
      if (i + 2 > end || ++hops > DNS_MAX_POINTERS) break;
      if (next < 0) next = i + 2;
      i = msg + (((len & 0x3f) << 8) | d[i + 1]);
      continue;
    }
    if (len & 0xc0 || i + 1 + len > end || name.length > 1024) break;
    name += label(d, i + 1, len) + ".";
    i += len + 1;
  }
  return { name: name === "" ? "." : name, next: -1 };
}

function rdata(d: Uint8Array, msg: number, type: number, off: number, len: number, end: number) {
  const stop = off + len;
  if (type === T_A && len === 4) return ipv4String(d, off);
  if (type === T_AAAA && len === 16) return ipv6String(d, off);
  if (type === T_CNAME || type === T_NS || type === T_PTR || type === T_DNAME) {
    return dnsName(d, msg, off, end).name;
  }
  if (type === T_MX && len >= 3) return u16(d, off) + " " + dnsName(d, msg, off + 2, end).name;
  if (type === T_SRV && len >= 7) {
    return u16(d, off) + " " + u16(d, off + 2) + " " + u16(d, off + 4) + " " +
      dnsName(d, msg, off + 6, end).name;
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
  const w = u16(d, off + 2);
  const m: DnsMessage = {
    id: u16(d, off),
    qr: w >> 15,
    opcode: (w >> 11) & 0xf,
    rcode: w & 0xf,
    flags: w & 0x07f0,
    qdcount: u16(d, off + 4),
    ancount: u16(d, off + 6),
    nscount: u16(d, off + 8),
    arcount: u16(d, off + 10),
    questions: [],
    answers: [],
    authority: [],
    additional: [],
  };
  let i = off + DNS_HLEN;
  for (let n = 0; n < m.qdcount; n++) {
    const nm = dnsName(d, off, i, end);
    if (nm.next < 0 || nm.next + 4 > end) return m;
    m.questions.push({ name: nm.name, type: u16(d, nm.next), class: u16(d, nm.next + 2) });
    i = nm.next + 4;
  }
  const lists = [m.answers, m.authority, m.additional];
  const counts = [m.ancount, m.nscount, m.arcount];
  for (let s = 0; s < Math.min(sections, 3); s++) {
    for (let n = 0; n < counts[s]; n++) {
      const nm = dnsName(d, off, i, end);
      const r = nm.next;
      if (r < 0 || r + 10 > end) return m;
      const type = u16(d, r), len = u16(d, r + 8);
      if (r + 10 + len > end) return m;
      lists[s].push({
        name: nm.name,
        type,
        class: u16(d, r + 2),
        ttl: u32(d, r + 4),
        data: rdata(d, off, type, r + 10, len, end),
      });
      i = r + 10 + len;
    }
  }
  return m;
}

const TYPE_NAMES: Record<number, string> = {
  1: "A",
  2: "NS",
  5: "CNAME",
  6: "SOA",
  12: "PTR",
  13: "HINFO",
  15: "MX",
  16: "TXT",
  28: "AAAA",
  29: "LOC",
  33: "SRV",
  35: "NAPTR",
  39: "DNAME",
  41: "OPT",
  43: "DS",
  46: "RRSIG",
  47: "NSEC",
  48: "DNSKEY",
  50: "NSEC3",
  251: "IXFR",
  252: "AXFR",
  255: "ANY",
  257: "CAA",
};

/** tcpdump's name for a record type (`Type99` when unknown). */
export function dnsTypeName(type: number): string {
  return TYPE_NAMES[type] ?? "Type" + type;
}
