/**
 * NDJSON records: one JSON object per frame, the keys json_schema.ts lists. The line is written
 * as UTF-8 straight into an output buffer from the frame bytes, with no string built in between;
 * its text is exactly `JSON.stringify(toJsonRecord(rec))`, which walks the same schema.
 */

import { NS_PER_SEC, type PacketRecord, secondStart } from "../packet/packet.ts";
import { ipv6String, u16, u32 } from "../decode/bytes.ts";
import { dissect, Dissection, LAYER_IPV6_EXT, LAYER_NAMES } from "../decode/frame.ts";
import * as frameModule from "../decode/frame.ts";
import * as numbersModule from "../decode/numbers.ts";
import { DNS_HLEN, dnsName, dnsRecordData, dnsRecordEnd } from "../decode/dns.ts";
import { tcpDataOffset, tcpOptionLength } from "../decode/tcp.ts";
import * as tcpModule from "../decode/tcp.ts";
import * as schema from "./json_schema.ts";
import type { JsonField, JsonLayer } from "./json_schema.ts";
import { isoNanos, toJsonRecord } from "./json_record.ts";
import { LINKTYPE_ETHERNET } from "../packet/linktype.ts";

export { isoNanos, toJsonRecord };

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const { LAYER_ETHERNET, LAYER_IPV4, LAYER_IPV6 } = frameModule;
const {
  IPPROTO_FRAGMENT,
  TCPOPT_EOL,
  TCPOPT_MAXSEG,
  TCPOPT_NOP,
  TCPOPT_SACK,
  TCPOPT_SACK_PERMITTED,
  TCPOPT_TIMESTAMP,
  TCPOPT_WINDOW,
} = numbersModule;
const { TCP_MIN_HLEN, TCPOLEN_SACK_BLOCK, TCPOPT_DATA_AT, TCPOPT_SACK_RIGHT_AT, TCPOPT_TS_ECR_AT } =
  tcpModule;
const {
  F_ARR,
  F_BOOL,
  F_DNS_ANSWERS,
  F_DNS_DATA,
  F_DNS_NAME,
  F_DNS_QUESTIONS,
  F_EXT_FRAG,
  F_EXT_PROTO,
  F_EXT_TYPES,
  F_IPV4,
  F_IPV6,
  F_LENGTH,
  F_MAC,
  F_NUM,
  F_OBJ,
  F_PREV_TYPE,
  F_START,
  F_STR,
  F_TCP_OPTIONS,
  F_U16,
  F_U32,
  F_U8,
} = schema;

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

/** The constant pieces of a line besides the schema's keys. */
const K = literals({
  ts: '{"' + schema.ENVELOPE[0] + '":"',
  iface: '","' + schema.ENVELOPE[1] + '":',
  len: ',"' + schema.ENVELOPE[2] + '":',
  caplen: ',"' + schema.ENVELOPE[3] + '":',
  dir: ',"' + schema.ENVELOPE[4] + '":',
  link: ',"' + schema.ENVELOPE[5] + '":',
  truncated: ',"' + schema.TRAILER[0] + '":"',
  malformed: ',"' + schema.TRAILER[1] + '":"',
  inner: ',"' + schema.INNER_KEY + '":{',
  quote: '"',
  close: "}",
  comma: ",",
  closeArray: "]",
  closeArrayObject: "]}",
  true: "true",
  false: "false",
  // The TCP option objects (json_schema.md lists them).
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
});
const LAYER_NAME_PIECES = LAYER_NAMES.map(piece);

// ---- the schema, with its keys as pieces ------------------------------------------------------

/**
 * A schema field flattened for the writer, with its key as a piece: `,"name":`, opening its
 * object or array if it has one.
 */
interface EncField {
  readonly name: string;
  readonly kind: number;
  readonly at: number;
  readonly shift: number;
  readonly mask: number;
  readonly scale: number;
  /** Header numbers taken whole: no shift, mask or scale. */
  readonly whole: boolean;
  /** `,"name":` (when not first in its object). */
  readonly key: Piece;
  /** Objects and arrays of objects: their fields. */
  readonly fields: readonly EncField[];
  /** Arrays of objects: what opens the first element, and the others. */
  readonly elem: Piece;
  readonly elemComma: Piece;
  /** Objects: the compiled writer of their first fields, and how many it writes. */
  readonly write: FieldsWriter;
  readonly written: number;
}

/** A schema layer with its opening pieces. */
interface EncLayer {
  readonly l: JsonLayer;
  /** `"key":{"first":` (or `"key":[{"first":` for arrays), and the same after a comma. */
  readonly open: Piece;
  readonly openComma: Piece;
  /** Array layers: `,{"first":`, the next element. */
  readonly elemComma: Piece;
  readonly fields: readonly EncField[];
  /** The compiled writer of its first fields (see {@link compileFields}), and how many. */
  readonly write: FieldsWriter;
  readonly written: number;
}

/**
 * A compiled writer of the first fields of an object: the layer (or record) at `[off, end)`,
 * `src` its decoded form, layer `i` of `ds`; the first field after the piece `first`.
 */
type FieldsWriter = (
  first: Piece,
  d: Uint8Array,
  off: number,
  end: number,
  src: unknown,
  ds: Dissection,
  i: number,
) => void;

/** The text of a field's key, with what opens its value (`{` and its first key, or `[`). */
function keyText(f: JsonField, first: boolean): string {
  const key = (first ? "" : ",") + JSON.stringify(f.name) + ":";
  switch (f.kind) {
    case F_OBJ:
    case F_EXT_FRAG:
      return key + "{" + firstKey(f.fields);
    case F_ARR:
    case F_TCP_OPTIONS:
    case F_EXT_TYPES:
    case F_DNS_QUESTIONS:
    case F_DNS_ANSWERS:
      return key + "[";
    default:
      return key;
  }
}

/** The key of an object's first field, which is never left out. */
function firstKey(fields: readonly JsonField[]): string {
  if (fields[0].optional) throw new TypeError(`${fields[0].name}: a first field is always there`);
  return keyText(fields[0], true);
}

function encField(f: JsonField): EncField {
  const elem = f.fields.length > 0 ? "{" + firstKey(f.fields) : "";
  const fields = f.fields.map(encField), compiled = compileFields(fields);
  return {
    name: f.name,
    kind: f.kind,
    at: f.at,
    shift: f.shift,
    mask: f.mask,
    scale: f.scale,
    whole: f.shift === 0 && f.mask === 0xffffffff && f.scale === 1,
    key: piece(keyText(f, false)),
    fields,
    elem: piece(elem),
    elemComma: piece("," + elem),
    write: compiled.write,
    written: compiled.count,
  };
}

/** The field kinds a compiled writer writes; the others go through {@link writeFields}. */
const COMPILED_KINDS = [
  F_PREV_TYPE,
  F_U8,
  F_U16,
  F_U32,
  F_MAC,
  F_IPV4,
  F_IPV6,
  F_START,
  F_LENGTH,
  F_TCP_OPTIONS,
  F_DNS_QUESTIONS,
  F_DNS_ANSWERS,
  F_DNS_NAME,
  F_DNS_DATA,
];

/** What the compiled writers call, by the names they call them. */
const COMPILED_SCOPE = {
  kn,
  kmac,
  kip4,
  ks,
  put,
  u16,
  u32,
  ipv6String,
  tcpOptions,
  tcpDataOffset,
  writeRecords,
  dnsRecordData,
  closeArray: K.closeArray,
};

/**
 * Compiles the fields an object starts with (header numbers and addresses, the layer's range,
 * TCP options, DNS sections and records) into one function, offsets and masks as literals: what
 * the schema says, written as a hand-made encoder would. Dispatching on each field's kind at run
 * time cost ~5 ns a field, over a tenth of a TCP line. The source is made only from the schema
 * (numbers, and indexes into its fields), never from frame data. Returns the writer and how many
 * fields it writes; the rest (decoded objects' properties, IPv6 extension headers) are
 * interpreted by {@link writeFields}.
 */
function compileFields(fields: readonly EncField[]): { write: FieldsWriter; count: number } {
  const lines = ["let rec = -1;"];
  let n = 0;
  for (; n < fields.length && COMPILED_KINDS.includes(fields[n].kind); n++) {
    const f = fields[n], key = n === 0 ? "first" : `k${n}`, at = `off + ${f.at}`;
    const value = (raw: string) =>
      f.whole ? raw : `((((${raw}) >>> ${f.shift}) & ${f.mask}) >>> 0) * ${f.scale}`;
    switch (f.kind) {
      case F_U8:
        lines.push(`kn(${key}, ${value(`d[${at}]`)});`);
        break;
      case F_U16:
        lines.push(`kn(${key}, ${value(`u16(d, ${at})`)});`);
        break;
      case F_U32:
        lines.push(`kn(${key}, ${value(`u32(d, ${at})`)});`);
        break;
      case F_MAC:
        lines.push(`kmac(${key}, d, ${at});`);
        break;
      case F_IPV4:
        lines.push(`kip4(${key}, d, ${at});`);
        break;
      case F_IPV6:
        lines.push(`ks(${key}, ipv6String(d, ${at}));`);
        break;
      case F_START:
        lines.push(`kn(${key}, off);`);
        break;
      case F_PREV_TYPE:
        lines.push(`kn(${key}, ds.next[i - 1]);`);
        break;
      case F_LENGTH:
        lines.push(`kn(${key}, end - off);`);
        break;
      case F_TCP_OPTIONS:
        lines.push(
          `put(${key});`,
          `tcpOptions(d, off + ${TCP_MIN_HLEN}, off + tcpDataOffset(d, off));`,
          `put(closeArray);`,
        );
        break;
      case F_DNS_QUESTIONS:
        lines.push(
          `rec = writeRecords(f${n}, ${key}, d, off, end, off + ${DNS_HLEN}, ds, i);`,
        );
        break;
      case F_DNS_ANSWERS:
        lines.push(`rec = writeRecords(f${n}, ${key}, d, off, end, rec, ds, i);`);
        break;
      case F_DNS_NAME:
        lines.push(`ks(${key}, src);`);
        break;
      case F_DNS_DATA:
        lines.push(`ks(${key}, dnsRecordData(d, ds.start[i], off, end));`);
        break;
    }
  }
  // The keys, and the fields DNS sections recurse into, as constants of the writer's scope.
  let consts = "";
  for (let k = 0; k < n; k++) {
    consts += `const f${k} = fields[${k}]` + (k > 0 ? `, k${k} = f${k}.key;\n` : ";\n");
  }
  const names = Object.keys(COMPILED_SCOPE);
  const make = new Function(
    ...names,
    "fields",
    `"use strict";\n${consts}return function write(first, d, off, end, src, ds, i) {\n` +
      `${lines.join("\n")}\n};`,
  );
  return { write: make(...Object.values(COMPILED_SCOPE), fields), count: n };
}

const ENC_BY_KIND: readonly (EncLayer | undefined)[] = schema.LAYER_BY_KIND.map((l) => {
  if (l === undefined) return undefined;
  const open = JSON.stringify(l.key) + ":" + (l.array ? "[{" : "{") + firstKey(l.fields);
  const fields = l.fields.map(encField), compiled = compileFields(fields);
  return {
    l,
    open: piece(open),
    openComma: piece("," + open),
    elemComma: piece(",{" + firstKey(l.fields)),
    fields,
    write: compiled.write,
    written: compiled.count,
  };
});

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
  const lt = rec.linkType ?? LINKTYPE_ETHERNET;
  const ds = dissect(d, scratch, lt);
  put(K.ts);
  timestamp(rec.ts);
  ks(K.iface, rec.iface);
  kn(K.len, rec.len);
  kn(K.caplen, rec.caplen);
  if (rec.direction !== "unknown") {
    ks(K.dir, rec.direction);
  }
  // Link types without Ethernet (issue 13d).
  if (lt !== LINKTYPE_ETHERNET) ks(K.link, schema.linkKeyValue(lt)!);
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
 * The layer kinds one level of a record has written: `seenAt[kind] === level` (a level number
 * that only grows, so nothing is cleared per frame and any kind up to 255 fits).
 */
const seenAt = new Uint32Array(256);
let levels = 0;

/** A new level: no kind written yet. */
function newLevel(): number {
  if (levels === 0xffff_ffff) seenAt.fill(0), levels = 0;
  return ++levels;
}

/**
 * The layer keys of one frame (each with its leading comma, `inner` objects closed); false
 * when a key would repeat on one level.
 */
function layers(d: Uint8Array, ds: Dissection): boolean {
  let depth = 0, level = newLevel(), first = false;
  for (let i = 0; i < ds.count; i++) {
    const kind = ds.kind[i];
    // IPv6 extension headers are written with their IPv6 header.
    if (kind === LAYER_IPV6_EXT) continue;
    // A tunnel's packet goes one level down: a second Ethernet or IP header starts it.
    if (
      (kind === LAYER_ETHERNET && i > 0) ||
      ((kind === LAYER_IPV4 || kind === LAYER_IPV6) &&
        (seenAt[LAYER_IPV4] === level || seenAt[LAYER_IPV6] === level))
    ) {
      put(K.inner);
      depth++;
      level = newLevel();
      first = true;
    }
    const e = ENC_BY_KIND[kind];
    if (e === undefined || seenAt[kind] === level) return false;
    seenAt[kind] = level;
    writeLayer(e, first ? e.open : e.openComma, d, ds, i);
    first = false;
    if (e.l.array) {
      for (; i + 1 < ds.count && ds.kind[i + 1] === kind; i++) {
        writeLayer(e, e.elemComma, d, ds, i + 1);
      }
      put(K.closeArray);
    }
  }
  for (; depth > 0; depth--) put(K.close);
  return true;
}

/** Writes layer `i` as the object of `e`, opened by the piece `open`. */
function writeLayer(e: EncLayer, open: Piece, d: Uint8Array, ds: Dissection, i: number): void {
  const off = ds.start[i], end = ds.end[i], fields = e.fields, n = e.written;
  const src = e.l.decode?.(d, off, end, ds.aux[i]);
  e.write(open, d, off, end, src, ds, i);
  if (n < fields.length) writeFields(fields, n, open, d, off, end, src, ds, i);
  put(K.close);
}

/**
 * Writes `fields` of the layer at `[off, end)` (layer `i`; `src` its decoded object), the first
 * one after the piece `first`; an optional field that is not there is left out, key and all.
 * Plain values are written here; the rest by {@link writeStructure}.
 */
function writeFields(
  fields: readonly EncField[],
  from: number,
  first: Piece,
  d: Uint8Array,
  off: number,
  end: number,
  src: unknown,
  ds: Dissection,
  i: number,
): void {
  /** DNS: where the next record starts, -1 once one was cut short. */
  let rec = -1;
  const key0 = from === 0 ? first : fields[from].key;
  for (let n = writeHeader(fields, from, key0, d, off, end); n < fields.length; n++) {
    const f = fields[n], key = n === 0 ? first : f.key, at = off + f.at;
    switch (f.kind) {
      case F_U8:
      case F_U16:
      case F_U32:
      case F_MAC:
      case F_IPV4:
      case F_START:
      case F_LENGTH:
        // Header fields after one of another kind (IPv6's after its addresses).
        n = writeHeader(fields, n, key, d, off, end) - 1;
        break;
      case F_TCP_OPTIONS:
        put(key);
        tcpOptions(d, off + TCP_MIN_HLEN, off + tcpDataOffset(d, off));
        put(K.closeArray);
        break;
      case F_IPV6:
        ks(key, ipv6String(d, at));
        break;
      case F_PREV_TYPE:
        kn(key, ds.next[i - 1]);
        break;
      case F_NUM: {
        const v = (src as Record<string, number | undefined>)[f.name];
        if (v !== undefined) kn(key, v);
        break;
      }
      case F_STR: {
        const v = (src as Record<string, string | undefined>)[f.name];
        if (v !== undefined) ks(key, v);
        break;
      }
      case F_DNS_NAME:
        ks(key, src as string);
        break;
      case F_DNS_QUESTIONS:
        rec = writeRecords(f, key, d, off, end, off + DNS_HLEN, ds, i);
        break;
      case F_DNS_ANSWERS:
        rec = writeRecords(f, key, d, off, end, rec, ds, i);
        break;
      default:
        writeStructure(f, key, d, off, end, src, ds, i);
    }
  }
}

/**
 * Writes the header fields (numbers and addresses) of `fields` from index `from` on, the first
 * after the piece `key`, up to one of another kind; returns that one's index. Most layers are
 * only these, and this loop is the hot path of NDJSON.
 */
function writeHeader(
  fields: readonly EncField[],
  from: number,
  key: Piece,
  d: Uint8Array,
  off: number,
  end: number,
): number {
  let n = from;
  for (; n < fields.length; n++) {
    const f = fields[n], at = off + f.at;
    if (n > from) key = f.key;
    const kind = f.kind;
    if (kind === F_U16) {
      const v = u16(d, at);
      kn(key, f.whole ? v : ((v >>> f.shift) & f.mask) * f.scale);
    } else if (kind === F_U8) {
      kn(key, f.whole ? d[at] : (((d[at] >>> f.shift) & f.mask) >>> 0) * f.scale);
    } else if (kind === F_U32) {
      const v = u32(d, at);
      kn(key, f.whole ? v : (((v >>> f.shift) & f.mask) >>> 0) * f.scale);
    } else if (kind === F_IPV4) kip4(key, d, at);
    else if (kind === F_MAC) kmac(key, d, at);
    else if (kind === F_START) kn(key, off);
    else if (kind === F_LENGTH) kn(key, end - off);
    else break;
  }
  return n;
}

/** The fields of {@link writeFields} that are not plain values. */
function writeStructure(
  f: EncField,
  key: Piece,
  d: Uint8Array,
  off: number,
  end: number,
  src: unknown,
  ds: Dissection,
  i: number,
): void {
  switch (f.kind) {
    case F_BOOL:
      put(key);
      put((u16(d, off + f.at) & f.mask) !== 0 ? K.true : K.false);
      return;
    case F_DNS_DATA:
      return ks(key, dnsRecordData(d, ds.start[i], off, end));
    case F_OBJ: {
      const v = (src as Record<string, unknown>)[f.name];
      if (v === undefined) return;
      put(key);
      writeFields(f.fields, 0, NONE, d, off, end, v, ds, i);
      return put(K.close);
    }
    case F_ARR: {
      const a = (src as Record<string, unknown[] | undefined>)[f.name];
      if (a === undefined) return;
      put(key);
      for (let e = 0; e < a.length; e++) {
        put(e ? f.elemComma : f.elem);
        writeFields(f.fields, 0, NONE, d, off, end, a[e], ds, i);
        put(K.close);
      }
      return put(K.closeArray);
    }
    case F_EXT_TYPES:
      if (i + 1 < ds.count && ds.kind[i + 1] === LAYER_IPV6_EXT) {
        put(key);
        for (let x = i + 1; x < ds.count && ds.kind[x] === LAYER_IPV6_EXT; x++) {
          kn(x > i + 1 ? K.comma : NONE, ds.aux[x]);
        }
        put(K.closeArray);
      }
      return;
    case F_EXT_PROTO: {
      let x = i + 1;
      while (x < ds.count && ds.kind[x] === LAYER_IPV6_EXT) x++;
      if (x > i + 1) kn(key, ds.next[x - 1]);
      return;
    }
    case F_EXT_FRAG: {
      let frag = -1;
      for (let x = i + 1; x < ds.count && ds.kind[x] === LAYER_IPV6_EXT; x++) {
        if (ds.aux[x] === IPPROTO_FRAGMENT) frag = ds.start[x];
      }
      if (frag < 0) return;
      put(key);
      writeFields(f.fields, 0, NONE, d, frag, end, undefined, ds, i);
      return put(K.close);
    }
  }
}

/**
 * Writes a DNS section (`f`: questions or answers) of the message at `off`, its records from
 * `rec` (-1: none, an earlier one was cut short); returns where the next section starts, or -1.
 */
function writeRecords(
  f: EncField,
  key: Piece,
  d: Uint8Array,
  off: number,
  end: number,
  rec: number,
  ds: Dissection,
  i: number,
): number {
  const question = f.kind === F_DNS_QUESTIONS;
  put(key);
  const count = u16(d, off + f.at);
  for (let k = 0; k < count && rec >= 0; k++) {
    const nm = dnsName(d, off, rec, end);
    rec = dnsRecordEnd(d, nm.next, end, question);
    if (rec < 0) break;
    put(k ? f.elemComma : f.elem);
    f.write(NONE, d, nm.next, end, nm.name, ds, i);
    if (f.written < f.fields.length) {
      writeFields(f.fields, f.written, NONE, d, nm.next, end, nm.name, ds, i);
    }
    put(K.close);
  }
  put(K.closeArray);
  return rec;
}

/** The options in `[off, end)` as the JSON elements `tcpOptions` gives. */
function tcpOptions(d: Uint8Array, off: number, end: number): void {
  for (let i = off; i < end;) {
    if (i > off) put(K.comma);
    const len = tcpOptionLength(d, i, end);
    if (len < 0) return put(K.optBad);
    const kind = d[i], data = i + TCPOPT_DATA_AT;
    if (kind === TCPOPT_EOL) return put(K.optEol);
    if (kind === TCPOPT_NOP) put(K.optNop);
    else if (kind === TCPOPT_MAXSEG) {
      kn(K.optMss, u16(d, data));
      put(K.close);
    } else if (kind === TCPOPT_WINDOW) {
      kn(K.optWscale, d[data]);
      put(K.close);
    } else if (kind === TCPOPT_SACK_PERMITTED) put(K.optSackOk);
    else if (kind === TCPOPT_SACK) {
      put(K.optSack);
      for (let b = data; b < i + len; b += TCPOLEN_SACK_BLOCK) {
        put(b > data ? K.commaOpenArray : K.openArray);
        kn(NONE, u32(d, b));
        kn(K.comma, u32(d, b + TCPOPT_SACK_RIGHT_AT));
        put(K.closeArray);
      }
      put(K.closeArrayObject);
    } else if (kind === TCPOPT_TIMESTAMP) {
      kn(K.optTs, u32(d, data));
      kn(K.ecr, u32(d, i + TCPOPT_TS_ECR_AT));
      put(K.close);
    } else {
      kn(K.optKind, kind);
      put(K.dataHex);
      for (let b = data; b < i + len; b++) hexByte(d[b]);
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
