/**
 * NDJSON records: one JSON object per frame, keys as `json_schema.md` describes. The line is
 * written as UTF-8 straight into an output buffer from the frame bytes, with no string built in
 * between; its text is exactly `JSON.stringify(toJsonRecord(rec))`.
 */

import { NS_PER_SEC, type PacketRecord, secondStart } from "../packet/packet.ts";
import { arpPacket } from "../decode/arp.ts";
import { ipv6String, u16, u32 } from "../decode/bytes.ts";
import { type DnsMessage, dnsMessage } from "../decode/dns.ts";
import {
  dissect,
  Dissection,
  LAYER_ARP,
  LAYER_DNS,
  LAYER_ETHERNET,
  LAYER_GRE,
  LAYER_ICMP,
  LAYER_ICMPV6,
  LAYER_IGMP,
  LAYER_IPV4,
  LAYER_IPV6,
  LAYER_IPV6_EXT,
  LAYER_LLC,
  LAYER_NAMES,
  LAYER_PAYLOAD,
  LAYER_TCP,
  LAYER_UDP,
  LAYER_VLAN,
} from "../decode/frame.ts";
import { greHeader } from "../decode/gre.ts";
import { type IcmpMessage, icmpMessage, type IcmpQuoted } from "../decode/icmp.ts";
import { type IgmpMessage, igmpMessage } from "../decode/igmp.ts";
import { type Icmpv6Message, icmpv6Message, type Icmpv6Quoted } from "../decode/icmpv6.ts";
import { IP_OFFMASK } from "../decode/ipv4.ts";
import { IPPROTO_FRAGMENT } from "../decode/numbers.ts";
import { llcHeader } from "../decode/llc.ts";
import { TCP_MIN_HLEN, tcpOptionLength } from "../decode/tcp.ts";
import {
  TCPOPT_EOL,
  TCPOPT_MAXSEG,
  TCPOPT_NOP,
  TCPOPT_SACK,
  TCPOPT_SACK_PERMITTED,
  TCPOPT_TIMESTAMP,
  TCPOPT_WINDOW,
} from "../decode/numbers.ts";
import { isoNanos, toJsonRecord } from "./json_record.ts";

export { isoNanos, toJsonRecord };

const QUOTE = 0x22, ZERO = 0x30;
// Lookup tables for writing several characters with one little-endian store. A store may write
// up to 3 bytes past what it means to; the next write covers them, and every room check counts
// them, so nothing lands past the end of the buffer.
/** Two decimal digits, `00` to `99`. */
const PAIRS = new Uint16Array(100);
/** A byte as two hex digits and a colon (`ab:`). */
const HEX_COLON = new Uint32Array(256);
/** A byte in decimal and a dot (`255.`), and how many digits that is. */
const DEC_DOT = new Uint32Array(256);
const DEC_LEN = new Uint8Array(256);
/** A byte as two hex digits. */
const HEX2 = new Uint16Array(256);
for (let i = 0; i < 100; i++) PAIRS[i] = (ZERO + ((i / 10) | 0)) | (ZERO + (i % 10)) << 8;
for (let i = 0; i < 256; i++) {
  const h = i.toString(16).padStart(2, "0");
  HEX2[i] = h.charCodeAt(0) | h.charCodeAt(1) << 8;
  HEX_COLON[i] = HEX2[i] | 0x3a << 16;
  const dec = String(i) + ".";
  DEC_LEN[i] = dec.length - 1;
  for (let c = 0; c < dec.length; c++) DEC_DOT[i] |= dec.charCodeAt(c) << (8 * c);
}

/** A constant piece of a line: its bytes as little-endian 32-bit words, the last one padded. */
interface Piece {
  readonly words: Uint32Array;
  readonly length: number;
}

function piece(ascii: string): Piece {
  const b = new Uint8Array(Math.ceil(ascii.length / 4) * 4);
  for (let i = 0; i < ascii.length; i++) b[i] = ascii.charCodeAt(i);
  return { words: new Uint32Array(b.buffer), length: ascii.length };
}

/** Turns a table of ASCII literals into pieces, once. */
function literals<T extends Record<string, string>>(t: T): { readonly [k in keyof T]: Piece } {
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, piece(v)])) as {
    [k in keyof T]: Piece;
  };
}

/** The constant pieces of a line: keys with their punctuation, in order of use. */
const K = literals({
  ts: '{"ts":"',
  iface: '","iface":',
  len: ',"len":',
  caplen: ',"caplen":',
  dir: ',"dir":',
  truncated: ',"truncated":"',
  quote: '"',
  malformed: ',"malformed":"',
  close: "}",
  inner: ',"inner":{',
  comma: ",",
  ethSrc: '"eth":{"src":',
  dst: ',"dst":',
  type: ',"type":',
  vlan: '"vlan":[',
  closeArray: "]",
  llcDsap: '"llc":{"dsap":',
  ssap: ',"ssap":',
  ctrl: ',"ctrl":',
  snapOui: ',"snap":{"oui":',
  arpOp: '"arp":{"op":',
  sha: ',"sha":',
  spa: ',"spa":',
  tha: ',"tha":',
  tpa: ',"tpa":',
  ipv4Src: '"ipv4":{"src":',
  proto: ',"proto":',
  ttl: ',"ttl":',
  id: ',"id":',
  flags: ',"flags":',
  frag: ',"frag":',
  tos: ',"tos":',
  hlen: ',"hlen":',
  ipv6Src: '"ipv6":{"src":"',
  ipv6Dst: '","dst":"',
  ipv6Next: '","next":',
  hlim: ',"hlim":',
  flow: ',"flow":',
  tc: ',"tc":',
  plen: ',"plen":',
  ext: ',"ext":[',
  extProto: '],"proto":',
  tcpSport: '"tcp":{"sport":',
  dport: ',"dport":',
  seq: ',"seq":',
  ack: ',"ack":',
  win: ',"win":',
  options: ',"options":[',
  closeArrayObject: "]}",
  udpSport: '"udp":{"sport":',
  icmp: '"icmp":',
  igmp: '"igmp":',
  icmpv6: '"icmpv6":',
  greFlags: '"gre":{"flags":',
  version: ',"version":',
  key: ',"key":',
  dns: '"dns":',
  payloadOffset: '"payload":{"offset":',
  objTpid: '{"tpid":',
  pcp: ',"pcp":',
  dei: ',"dei":',
  fragOffset: ',"frag":{"offset":',
  moreTrue: ',"more":true,"id":',
  moreFalse: ',"more":false,"id":',
  optBad: '{"kind":"bad"}',
  optEol: '{"kind":"eol"}',
  optNop: '{"kind":"nop"}',
  optMss: '{"kind":"mss","value":',
  optWscale: '{"kind":"wscale","value":',
  optSackOk: '{"kind":"sackOK"}',
  optSack: '{"kind":"sack","blocks":[',
  commaOpenArray: ",[",
  openArray: "[",
  optTs: '{"kind":"ts","val":',
  ecr: ',"ecr":',
  optKind: '{"kind":',
  dataHex: ',"data":"',
  quoteClose: '"}',
  objSrc: '{"src":',
  objType: '{"type":',
  code: ',"code":',
  quoted: ',"quoted":',
  maxResp: ',"maxResp":',
  objId: '{"id":',
  qr: ',"qr":',
  opcode: ',"opcode":',
  rcode: ',"rcode":',
  questions: ',"questions":[',
  commaObjName: ',{"name":',
  objName: '{"name":',
  class: ',"class":',
  answers: '],"answers":[',
  data: ',"data":',
  sport: ',"sport":',
  mtu: ',"mtu":',
  gateway: ',"gateway":',
  pointer: ',"pointer":',
  target: ',"target":',
  naFlags: ',"naFlags":',
  hopLimit: ',"hopLimit":',
  raFlags: ',"raFlags":',
  lifetime: ',"lifetime":',
  group: ',"group":',
  records: ',"records":',
  sources: ',"sources":',
});
const LAYER_NAME_PIECES = LAYER_NAMES.map(piece);

const scratch = new Dissection();
const encoder = new TextEncoder();
const decoder = new TextDecoder();

// The cursor: bytes go to out[pos, limit); `full` is set once something did not fit, and the
// line is then given up (encodeJson returns -1).
let out: Uint8Array = new Uint8Array(0), pos = 0, limit = 0, full = false;
let view = new DataView(out.buffer);

/**
 * Writes the NDJSON line of one frame (without the newline) into `buf` from `at`. Returns the
 * index after it, or -1 when it does not fit before the end of `buf` (what was written past
 * `at` is then garbage). Never throws for any frame bytes.
 *
 * @example
 * ```ts
 * import { encodeJson, readCapture } from "jsr:@rawcap/rawcap";
 * const buf = new Uint8Array(1 << 16);
 * for await (const p of readCapture("dump.pcap")) {
 *   const end = encodeJson(p, buf, 0);
 *   if (end < 0 || end === buf.length) continue; // a line longer than buf: use formatJson
 *   buf[end] = 0x0a;
 *   Deno.stdout.writeSync(buf.subarray(0, end + 1));
 * }
 * ```
 */
export function encodeJson(rec: PacketRecord, buf: Uint8Array, at: number): number {
  if (buf !== out) {
    out = buf;
    view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  pos = at;
  limit = buf.length;
  full = false;
  const d = rec.data;
  const ds = dissect(d, scratch);
  put(K.ts);
  timestamp(rec.ts);
  ks(K.iface, rec.iface);
  kn(K.len, rec.len);
  kn(K.caplen, rec.caplen);
  if (rec.direction !== "unknown") {
    ks(K.dir, rec.direction);
  }
  let direct: boolean;
  try {
    direct = layers(d, ds);
  } catch {
    direct = false;
  }
  if (direct) {
    if (ds.truncated) {
      put(K.truncated);
      put(LAYER_NAME_PIECES[ds.truncated]);
      put(K.quote);
    }
    if (ds.malformed) {
      put(K.malformed);
      put(LAYER_NAME_PIECES[ds.malformed]);
      put(K.quote);
    }
    put(K.close);
  } else {
    // Layouts the direct writer does not reproduce (a key twice on one level, a decoder
    // error) go through the object tree, so the two stay the same text.
    pos = at;
    full = false;
    utf8(JSON.stringify(toJsonRecord(rec)));
  }
  return full ? -1 : pos;
}

let lineBuf = new Uint8Array(4096);

/**
 * One NDJSON line (no trailing newline) for one frame: what {@link encodeJson} writes, as a
 * string; the same text as `JSON.stringify(packet)`.
 *
 * @example
 * ```ts
 * import { formatJson, readCapture } from "jsr:@rawcap/rawcap";
 * for await (const p of readCapture("dump.pcap")) console.log(formatJson(p));
 * ```
 */
export function formatJson(rec: PacketRecord): string {
  for (;;) {
    const end = encodeJson(rec, lineBuf, 0);
    if (end >= 0) return decoder.decode(lineBuf.subarray(0, end));
    lineBuf = new Uint8Array(lineBuf.length * 2);
  }
}

/** Writes `s`, which must be ASCII (a string made at run time; constants are in `K`). */
function ascii(s: string): void {
  const n = s.length;
  if (pos + n > limit) {
    full = true;
    return;
  }
  const o = out, p = pos;
  for (let i = 0; i < n; i++) o[p + i] = s.charCodeAt(i);
  pos = p + n;
}

/** Writes a constant piece. */
function put(k: Piece): void {
  const w = k.words, n = w.length, p = pos;
  if (p + 4 * n > limit) {
    full = true;
    return;
  }
  for (let i = 0; i < n; i++) view.setUint32(p + 4 * i, w[i], true);
  pos = p + k.length;
}

/** Writes any string as UTF-8. */
function utf8(s: string): void {
  const r = encoder.encodeInto(s, out.subarray(pos, limit));
  if (r.read < s.length) full = true;
  pos += r.written;
}

/** No key: `kn(NONE, n)` writes just the number. */
const NONE = piece("");

/** Writes `k` at `p` (the caller checked the room); returns the index after it. */
function copy(p: number, k: Piece): number {
  const w = k.words, n = w.length;
  for (let i = 0; i < n; i++) view.setUint32(p + 4 * i, w[i], true);
  return p + k.length;
}

/** Writes the key `k` and the number `n` as JSON.stringify writes it. */
function kn(k: Piece, n: number): void {
  if (n >>> 0 !== n) {
    put(k);
    ascii(JSON.stringify(n));
    return;
  }
  if (pos + 4 * k.words.length + 12 > limit) {
    full = true;
    return;
  }
  const p = copy(pos, k);
  if (n < 10) {
    out[p] = ZERO + n;
    pos = p + 1;
    return;
  }
  if (n < 100) {
    view.setUint16(p, PAIRS[n], true);
    pos = p + 2;
    return;
  }
  let e = p +
    (n < 1000
      ? 3
      : n < 10000
      ? 4
      : n < 100000
      ? 5
      : n < 1000000
      ? 6
      : n < 10000000
      ? 7
      : n < 100000000
      ? 8
      : n < 1000000000
      ? 9
      : 10);
  pos = e;
  while (n >= 100) {
    const q = (n / 100) >>> 0;
    e -= 2;
    view.setUint16(e, PAIRS[n - q * 100], true);
    n = q;
  }
  if (n >= 10) view.setUint16(e - 2, PAIRS[n], true);
  else out[e - 1] = ZERO + n;
}

/** Writes the key `k` and `s` as a JSON string literal, escaped as JSON.stringify escapes it. */
function ks(k: Piece, s: string): void {
  const n = s.length;
  if (pos + 4 * k.words.length + n + 2 > limit) {
    full = true;
    return;
  }
  const o = out;
  let p = copy(pos, k);
  o[p++] = QUOTE;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === QUOTE || c === 0x5c || c >= 0x80) {
      put(k);
      utf8(JSON.stringify(s));
      return;
    }
    o[p++] = c;
  }
  o[p++] = QUOTE;
  pos = p;
}

/** Writes the key `k` and the 6 bytes at `off` as a quoted `aa:bb:cc:dd:ee:ff`. */
function kmac(k: Piece, d: Uint8Array, off: number): void {
  if (pos + 4 * k.words.length + 22 > limit) {
    full = true;
    return;
  }
  let p = copy(pos, k);
  out[p++] = QUOTE;
  for (let i = 0; i < 6; i++, p += 3) view.setUint32(p, HEX_COLON[d[off + i]], true);
  out[p - 1] = QUOTE;
  pos = p;
}

/** Writes the key `k` and the 4 bytes at `off` as a quoted dotted quad. */
function kip4(k: Piece, d: Uint8Array, off: number): void {
  if (pos + 4 * k.words.length + 20 > limit) {
    full = true;
    return;
  }
  let p = copy(pos, k);
  out[p++] = QUOTE;
  for (let i = 0; i < 4; i++) {
    const b = d[off + i];
    view.setUint32(p, DEC_DOT[b], true);
    p += DEC_LEN[b] + 1;
  }
  out[p - 1] = QUOTE;
  pos = p;
}

let tsStart = 1n, tsEnd = 0n, tsPrefix = NONE;

/** Writes `2026-11-26T23:25:47.123456789Z` (unquoted) for a nanosecond timestamp. */
function timestamp(ts: bigint): void {
  if (ts < tsStart || ts >= tsEnd) {
    tsStart = secondStart(ts);
    tsEnd = tsStart + NS_PER_SEC;
    const whole = isoNanos(tsStart);
    tsPrefix = piece(whole.slice(0, whole.length - 10));
  }
  if (pos + 4 * tsPrefix.words.length + 10 > limit) {
    full = true;
    return;
  }
  const p = copy(pos, tsPrefix);
  let ns = Number(ts - tsStart);
  for (let e = p + 9; e > p + 1; e -= 2) {
    const q = (ns / 100) | 0;
    view.setUint16(e - 2, PAIRS[ns - q * 100], true);
    ns = q;
  }
  out[p] = ZERO + ns;
  out[p + 9] = 0x5a; // "Z"
  pos = p + 10;
}

/**
 * The layer keys of one frame (each with its leading comma, `inner` objects closed); false
 * when a key would repeat on one level.
 */
function layers(d: Uint8Array, ds: Dissection): boolean {
  let depth = 0, seen = 0, first = false;
  for (let i = 0; i < ds.count; i++) {
    const kind = ds.kind[i], off = ds.start[i], end = ds.end[i];
    if (
      (kind === LAYER_ETHERNET && i > 0) ||
      ((kind === LAYER_IPV4 || kind === LAYER_IPV6) && seen & (1 << LAYER_IPV4 | 1 << LAYER_IPV6))
    ) {
      put(K.inner);
      depth++;
      seen = 0;
      first = true;
    }
    if (seen & (1 << kind)) return false;
    seen |= 1 << kind;
    if (first) first = false;
    else put(K.comma);
    switch (kind) {
      case LAYER_ETHERNET:
        kmac(K.ethSrc, d, off + 6);
        kmac(K.dst, d, off);
        kn(K.type, u16(d, off + 12));
        put(K.close);
        break;
      case LAYER_VLAN:
        put(K.vlan);
        vlan(d, off);
        while (i + 1 < ds.count && ds.kind[i + 1] === LAYER_VLAN) {
          put(K.comma);
          vlan(d, ds.start[++i]);
        }
        put(K.closeArray);
        break;
      case LAYER_LLC: {
        const h = llcHeader(d, off);
        kn(K.llcDsap, h.dsap);
        kn(K.ssap, h.ssap);
        kn(K.ctrl, h.ctrl);
        if (h.snap) {
          kn(K.snapOui, h.snap.oui);
          kn(K.type, h.snap.type);
          put(K.close);
        }
        put(K.close);
        break;
      }
      case LAYER_ARP: {
        const a = arpPacket(d, off);
        kn(K.arpOp, a.op);
        ks(K.sha, a.sha);
        ks(K.spa, a.spa);
        ks(K.tha, a.tha);
        ks(K.tpa, a.tpa);
        put(K.close);
        break;
      }
      case LAYER_IPV4: {
        const fo = u16(d, off + 6);
        kip4(K.ipv4Src, d, off + 12);
        kip4(K.dst, d, off + 16);
        kn(K.proto, d[off + 9]);
        kn(K.ttl, d[off + 8]);
        kn(K.id, u16(d, off + 4));
        kn(K.flags, fo >> 13);
        kn(K.frag, (fo & IP_OFFMASK) * 8);
        kn(K.len, u16(d, off + 2));
        kn(K.tos, d[off + 1]);
        kn(K.hlen, (d[off] & 0x0f) * 4);
        put(K.close);
        break;
      }
      case LAYER_IPV6: {
        const w = u32(d, off);
        put(K.ipv6Src);
        ascii(ipv6String(d, off + 8));
        put(K.ipv6Dst);
        ascii(ipv6String(d, off + 24));
        kn(K.ipv6Next, d[off + 6]);
        kn(K.hlim, d[off + 7]);
        kn(K.flow, w & 0xfffff);
        kn(K.tc, (w >>> 20) & 0xff);
        kn(K.plen, u16(d, off + 4));
        if (i + 1 < ds.count && ds.kind[i + 1] === LAYER_IPV6_EXT) {
          let frag = -1;
          put(K.ext);
          for (let e = 0; i + 1 < ds.count && ds.kind[i + 1] === LAYER_IPV6_EXT; i++, e++) {
            const type = ds.aux[i + 1];
            kn(e ? K.comma : NONE, type);
            if (type === IPPROTO_FRAGMENT) frag = ds.start[i + 1];
          }
          kn(K.extProto, ds.next[i]);
          if (frag >= 0) fragment(d, frag);
        }
        put(K.close);
        break;
      }
      case LAYER_TCP:
        kn(K.tcpSport, u16(d, off));
        kn(K.dport, u16(d, off + 2));
        kn(K.seq, u32(d, off + 4));
        kn(K.ack, u32(d, off + 8));
        kn(K.flags, d[off + 13]);
        kn(K.win, u16(d, off + 14));
        put(K.options);
        tcpOptions(d, off + TCP_MIN_HLEN, off + (d[off + 12] >> 4) * 4);
        put(K.closeArrayObject);
        break;
      case LAYER_UDP:
        kn(K.udpSport, u16(d, off));
        kn(K.dport, u16(d, off + 2));
        kn(K.len, u16(d, off + 4));
        put(K.close);
        break;
      case LAYER_ICMP:
        put(K.icmp);
        icmp(icmpMessage(d, off, end));
        break;
      case LAYER_IGMP:
        put(K.igmp);
        igmp(igmpMessage(d, off, end, ds.aux[i]));
        break;
      case LAYER_ICMPV6:
        put(K.icmpv6);
        icmpv6(icmpv6Message(d, off, end));
        break;
      case LAYER_GRE: {
        const g = greHeader(d, off);
        kn(K.greFlags, g.flags);
        kn(K.version, g.version);
        kn(K.proto, g.proto);
        if (g.key !== undefined) {
          kn(K.key, g.key);
        }
        if (g.seq !== undefined) {
          kn(K.seq, g.seq);
        }
        put(K.close);
        break;
      }
      case LAYER_DNS:
        put(K.dns);
        dns(dnsMessage(d, off, end, 1));
        break;
      case LAYER_PAYLOAD:
        kn(K.payloadOffset, off);
        kn(K.len, end - off);
        put(K.close);
        break;
      default:
        return false;
    }
  }
  for (; depth > 0; depth--) put(K.close);
  return true;
}

function vlan(d: Uint8Array, tciOff: number): void {
  const tci = u16(d, tciOff);
  kn(K.objTpid, u16(d, tciOff - 2));
  kn(K.id, tci & 0x0fff);
  kn(K.pcp, tci >> 13);
  kn(K.dei, (tci >> 12) & 1);
  put(K.close);
}

function fragment(d: Uint8Array, off: number): void {
  const fo = u16(d, off + 2);
  kn(K.fragOffset, fo & 0xfff8);
  put((fo & 1) === 1 ? K.moreTrue : K.moreFalse);
  kn(NONE, u32(d, off + 4));
  put(K.close);
}

/** The options in `[off, end)` as the JSON elements `tcpOptions` gives. */
function tcpOptions(d: Uint8Array, off: number, end: number): void {
  for (let i = off; i < end;) {
    if (i > off) put(K.comma);
    const len = tcpOptionLength(d, i, end);
    if (len < 0) return put(K.optBad);
    const kind = d[i];
    if (kind === TCPOPT_EOL) return put(K.optEol);
    if (kind === TCPOPT_NOP) put(K.optNop);
    else if (kind === TCPOPT_MAXSEG) {
      kn(K.optMss, u16(d, i + 2));
      put(K.close);
    } else if (kind === TCPOPT_WINDOW) {
      kn(K.optWscale, d[i + 2]);
      put(K.close);
    } else if (kind === TCPOPT_SACK_PERMITTED) put(K.optSackOk);
    else if (kind === TCPOPT_SACK) {
      put(K.optSack);
      for (let b = i + 2; b < i + len; b += 8) {
        put(b > i + 2 ? K.commaOpenArray : K.openArray);
        kn(NONE, u32(d, b));
        kn(K.comma, u32(d, b + 4));
        put(K.closeArray);
      }
      put(K.closeArrayObject);
    } else if (kind === TCPOPT_TIMESTAMP) {
      kn(K.optTs, u32(d, i + 2));
      kn(K.ecr, u32(d, i + 6));
      put(K.close);
    } else {
      kn(K.optKind, kind);
      put(K.dataHex);
      for (let b = i + 2; b < i + len; b++) hexByte(d[b]);
      put(K.quoteClose);
    }
    i += len;
  }
}

function hexByte(b: number): void {
  if (pos + 2 > limit) {
    full = true;
    return;
  }
  view.setUint16(pos, HEX2[b], true);
  pos += 2;
}

/** Writes `,"key":n` when `n` is defined. */
function optNum(key: Piece, n: number | undefined): void {
  if (n !== undefined) kn(key, n);
}

/** Writes `,"key":"s"` when `s` is defined. */
function optStr(key: Piece, s: string | undefined): void {
  if (s !== undefined) ks(key, s);
}

function quoted(qt: IcmpQuoted | Icmpv6Quoted): void {
  ks(K.objSrc, qt.src);
  ks(K.dst, qt.dst);
  kn(K.proto, qt.proto);
  optNum(K.sport, qt.sport);
  optNum(K.dport, qt.dport);
  put(K.close);
}

function icmp(m: IcmpMessage): void {
  kn(K.objType, m.type);
  kn(K.code, m.code);
  optNum(K.id, m.id);
  optNum(K.seq, m.seq);
  optNum(K.mtu, m.mtu);
  optStr(K.gateway, m.gateway);
  optNum(K.pointer, m.pointer);
  if (m.quoted) {
    put(K.quoted);
    quoted(m.quoted);
  }
  put(K.close);
}

function icmpv6(m: Icmpv6Message): void {
  kn(K.objType, m.type);
  kn(K.code, m.code);
  optNum(K.id, m.id);
  optNum(K.seq, m.seq);
  optNum(K.mtu, m.mtu);
  optNum(K.pointer, m.pointer);
  optStr(K.target, m.target);
  optNum(K.naFlags, m.naFlags);
  optNum(K.hopLimit, m.hopLimit);
  optNum(K.raFlags, m.raFlags);
  optNum(K.lifetime, m.lifetime);
  if (m.quoted) {
    put(K.quoted);
    quoted(m.quoted);
  }
  put(K.close);
}

function igmp(m: IgmpMessage): void {
  kn(K.objType, m.type);
  kn(K.version, m.version);
  kn(K.maxResp, m.maxResp);
  optStr(K.group, m.group);
  optNum(K.records, m.records);
  optNum(K.sources, m.sources);
  put(K.close);
}

function dns(m: DnsMessage): void {
  kn(K.objId, m.id);
  kn(K.qr, m.qr);
  kn(K.opcode, m.opcode);
  kn(K.rcode, m.rcode);
  kn(K.flags, m.flags);
  put(K.questions);
  for (let n = 0; n < m.questions.length; n++) {
    const x = m.questions[n];
    put(n ? K.commaObjName : K.objName);
    ks(NONE, x.name);
    kn(K.type, x.type);
    kn(K.class, x.class);
    put(K.close);
  }
  put(K.answers);
  for (let n = 0; n < m.answers.length; n++) {
    const a = m.answers[n];
    put(n ? K.commaObjName : K.objName);
    ks(NONE, a.name);
    kn(K.type, a.type);
    kn(K.class, a.class);
    kn(K.ttl, a.ttl);
    ks(K.data, a.data);
    put(K.close);
  }
  put(K.closeArrayObject);
}
