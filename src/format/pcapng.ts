/**
 * The pcapng file format: blocks of (type, total length, body, total length).
 *
 * Writing: one Section Header Block, one Interface Description Block per interface
 * (if_name, if_tsresol = 9, snaplen, link type), Enhanced Packet Blocks, and on close one
 * Interface Statistics Block per interface. Encoders write into caller-owned buffers. An EPB is
 * written in two pieces, header and trailer, around the frame bytes: the buffered writer puts
 * the frame in between, the zero-copy ring writer points an iovec at the frame in the ring.
 * An EPB carries epb_flags (direction and reception type) exactly when the direction is known.
 *
 * Reading: `PcapngSection` decodes whole blocks handed to it by a framing reader.
 */

import {
  type Direction,
  NS_PER_SEC,
  NS_PER_SEC_NUMBER,
  type PacketRecord,
} from "../packet/packet.ts";
import { CaptureFileError } from "./errors.ts";
import { isSupportedLinkType, LINKTYPE_ETHERNET } from "../packet/linktype.ts";

/** Section Header Block type; the same in both byte orders. */
export const BT_SHB = 0x0a0d0d0a;
/** Interface Description Block type. */
export const BT_IDB = 0x00000001;
/** Packet Block type (obsolete). */
export const BT_PB = 0x00000002;
/** Simple Packet Block type. */
export const BT_SPB = 0x00000003;
/** Interface Statistics Block type. */
export const BT_ISB = 0x00000005;
/** Enhanced Packet Block type. */
export const BT_EPB = 0x00000006;
/** Byte-order magic, as written in the section's byte order. */
export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

/** opt_endofopt. */
export const OPT_ENDOFOPT = 0;
/** shb_userappl. */
export const OPT_SHB_USERAPPL = 4;
/** if_name. */
export const OPT_IF_NAME = 2;
/** if_tsresol. */
export const OPT_IF_TSRESOL = 9;
/** if_tsoffset. */
export const OPT_IF_TSOFFSET = 14;
/** epb_flags (also pack_flags in the obsolete Packet Block). */
export const OPT_EPB_FLAGS = 2;
/** isb_starttime. */
export const OPT_ISB_STARTTIME = 2;
/** isb_endtime. */
export const OPT_ISB_ENDTIME = 3;
/** isb_ifrecv. */
export const OPT_ISB_IFRECV = 4;
/** isb_ifdrop. */
export const OPT_ISB_IFDROP = 5;

/** Bytes before the packet data in an EPB: type, length, interface id, ts high/low, caplen, len. */
export const EPB_HEADER_LEN = 28;
/** if_tsresol value this writer uses: 10^-9 s. */
export const TSRESOL_NANO = 9;

const EPB_DIR_INBOUND = 1;
const EPB_DIR_OUTBOUND = 2;
const EPB_RX_UNICAST = 1;
const EPB_RX_MULTICAST = 2;
const EPB_RX_BROADCAST = 3;
const EPB_RX_PROMISCUOUS = 4;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Rounds up to a multiple of 4, the pcapng alignment. */
export function pad4(n: number): number {
  return (n + 3) & ~3;
}

/**
 * The epb_flags value for a direction: "out" is outbound; the other known directions are
 * inbound with the matching reception type; "unknown" gives undefined (no flags option).
 */
export function directionToEpbFlags(direction: Direction): number | undefined {
  switch (direction) {
    case "out":
      return EPB_DIR_OUTBOUND;
    case "host":
      return EPB_DIR_INBOUND | (EPB_RX_UNICAST << 2);
    case "multicast":
      return EPB_DIR_INBOUND | (EPB_RX_MULTICAST << 2);
    case "broadcast":
      return EPB_DIR_INBOUND | (EPB_RX_BROADCAST << 2);
    case "otherhost":
      return EPB_DIR_INBOUND | (EPB_RX_PROMISCUOUS << 2);
    default:
      return undefined;
  }
}

/**
 * The direction an epb_flags value describes. Outbound is "out"; inbound maps its reception
 * type (unicast "host", multicast, broadcast, promiscuous "otherhost"), and inbound with an
 * unspecified reception type is "host". No direction bits gives "unknown".
 */
export function epbFlagsToDirection(flags: number): Direction {
  const dir = flags & 3;
  if (dir === EPB_DIR_OUTBOUND) return "out";
  if (dir !== EPB_DIR_INBOUND) return "unknown";
  switch ((flags >>> 2) & 7) {
    case EPB_RX_MULTICAST:
      return "multicast";
    case EPB_RX_BROADCAST:
      return "broadcast";
    case EPB_RX_PROMISCUOUS:
      return "otherhost";
    default:
      return "host";
  }
}

/** Octets of the epb_flags option with the end of options after it. */
export const EPB_FLAGS_OPTION_LEN = 12;

/** Total length of an EPB carrying `caplen` bytes, with or without an epb_flags option. */
export function epbLength(caplen: number, withFlags: boolean): number {
  return EPB_HEADER_LEN + pad4(caplen) + (withFlags ? EPB_FLAGS_OPTION_LEN : 0) + 4;
}

/**
 * Writes the 28 bytes of an EPB before the packet data (little-endian, timestamps in the
 * units of an if_tsresol = 9 interface, i.e. nanoseconds); returns the offset of the data.
 * The time is `sec` seconds and `nsec` nanoseconds since the epoch. Every pcapng writer goes
 * through here (and {@link encodeEpbTrailer}): the buffered writer and the zero-copy one.
 */
export function writeEpbHeader(
  view: DataView,
  off: number,
  totalLen: number,
  interfaceId: number,
  sec: number,
  nsec: number,
  caplen: number,
  len: number,
): number {
  // sec * 1e9 + nsec as two 32-bit halves without BigInt: sec = a * 2^16 + b, and
  // a * 1e9 * 2^16 + (b * 1e9 + nsec) is q1 * 2^32 + s.
  const a = Math.floor(sec / 0x10000), b = sec & 0xffff;
  const p1 = a * NS_PER_SEC_NUMBER, p0 = b * NS_PER_SEC_NUMBER + nsec;
  const q1 = Math.floor(p1 / 0x10000), r1 = p1 - q1 * 0x10000;
  const s = r1 * 0x10000 + p0;
  const hi = (q1 + Math.floor(s / 0x1_0000_0000)) >>> 0;
  return writeEpbHeaderTicks(view, off, totalLen, interfaceId, hi, s >>> 0, caplen, len);
}

/**
 * {@link writeEpbHeader} with the timestamp already in the interface's ticks, as its high and
 * low 32 bits (a copy keeps a pcapng block's own).
 */
export function writeEpbHeaderTicks(
  view: DataView,
  off: number,
  totalLen: number,
  interfaceId: number,
  tsHigh: number,
  tsLow: number,
  caplen: number,
  len: number,
): number {
  view.setUint32(off, BT_EPB, true);
  view.setUint32(off + 4, totalLen, true);
  view.setUint32(off + 8, interfaceId, true);
  view.setUint32(off + 12, tsHigh, true);
  view.setUint32(off + 16, tsLow, true);
  view.setUint32(off + 20, caplen, true);
  view.setUint32(off + 24, len, true);
  return off + EPB_HEADER_LEN;
}

/** {@link writeEpbHeader} for a nanosecond timestamp. */
export function encodeEpbHeader(
  view: DataView,
  off: number,
  totalLen: number,
  interfaceId: number,
  tsNs: bigint,
  caplen: number,
  len: number,
): number {
  const sec = Number(tsNs / NS_PER_SEC), nsec = Number(tsNs % NS_PER_SEC);
  return writeEpbHeader(view, off, totalLen, interfaceId, sec, nsec, caplen, len);
}

/**
 * Writes what follows the packet data of an EPB: zero padding to 4 bytes, the epb_flags
 * option when `flags` is given, and the trailing total length. `off` is the offset just
 * after the data; returns the offset just after the block.
 */
export function encodeEpbTrailer(
  view: DataView,
  off: number,
  caplen: number,
  totalLen: number,
  flags?: number,
): number {
  for (let i = caplen; i < pad4(caplen); i++) view.setUint8(off++, 0);
  if (flags !== undefined) {
    view.setUint16(off, OPT_EPB_FLAGS, true);
    view.setUint16(off + 2, 4, true);
    view.setUint32(off + 4, flags, true);
    view.setUint32(off + 8, OPT_ENDOFOPT, true);
    off += EPB_FLAGS_OPTION_LEN;
  }
  view.setUint32(off, totalLen, true);
  return off + 4;
}

/** One option to encode: a code and its raw value. */
interface RawOption {
  code: number;
  value: Uint8Array;
}

function u64Option(code: number, value: bigint): RawOption {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt.asUintN(64, value), true);
  return { code, value: bytes };
}

function timestampOption(code: number, tsNs: bigint): RawOption {
  const bytes = new Uint8Array(8);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, Number(tsNs >> 32n) >>> 0, true);
  view.setUint32(4, Number(BigInt.asUintN(32, tsNs)), true);
  return { code, value: bytes };
}

/** Builds a little-endian block from its type, fixed body and options. */
function encodeBlock(type: number, body: Uint8Array, options: RawOption[]): Uint8Array {
  let optLen = 0;
  for (const o of options) optLen += 4 + pad4(o.value.length);
  if (options.length > 0) optLen += 4;
  const total = 8 + body.length + optLen + 4;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, total, true);
  out.set(body, 8);
  let off = 8 + body.length;
  for (const o of options) {
    view.setUint16(off, o.code, true);
    view.setUint16(off + 2, o.value.length, true);
    out.set(o.value, off + 4);
    off += 4 + pad4(o.value.length);
  }
  if (options.length > 0) off += 4;
  view.setUint32(off, total, true);
  return out;
}

/** Encodes a Section Header Block (version 1.0, section length unknown). */
export function encodeShb(userAppl = "rawcap"): Uint8Array {
  const body = new Uint8Array(16);
  const view = new DataView(body.buffer);
  view.setUint32(0, BYTE_ORDER_MAGIC, true);
  view.setUint16(4, 1, true);
  view.setUint16(6, 0, true);
  view.setBigInt64(8, -1n, true);
  const options = userAppl ? [{ code: OPT_SHB_USERAPPL, value: encoder.encode(userAppl) }] : [];
  return encodeBlock(BT_SHB, body, options);
}

/** Encodes an Interface Description Block; `name` "" omits if_name. */
export function encodeIdb(
  name: string,
  snaplen: number,
  linktype: number = LINKTYPE_ETHERNET,
  tsresol: number = TSRESOL_NANO,
): Uint8Array {
  const body = new Uint8Array(8);
  const view = new DataView(body.buffer);
  view.setUint16(0, linktype, true);
  view.setUint32(4, snaplen, true);
  const options: RawOption[] = [];
  if (name) options.push({ code: OPT_IF_NAME, value: encoder.encode(name) });
  options.push({ code: OPT_IF_TSRESOL, value: Uint8Array.of(tsresol) });
  return encodeBlock(BT_IDB, body, options);
}

/** Counters and times for an Interface Statistics Block. */
export interface IsbFields {
  starttime?: bigint;
  endtime?: bigint;
  ifrecv?: bigint | number;
  ifdrop?: bigint | number;
}

/** Encodes an Interface Statistics Block; times are nanoseconds (if_tsresol = 9). */
export function encodeIsb(interfaceId: number, tsNs: bigint, fields: IsbFields): Uint8Array {
  const body = new Uint8Array(12);
  const view = new DataView(body.buffer);
  view.setUint32(0, interfaceId, true);
  view.setUint32(4, Number(tsNs >> 32n) >>> 0, true);
  view.setUint32(8, Number(BigInt.asUintN(32, tsNs)), true);
  const options: RawOption[] = [];
  if (fields.starttime !== undefined) {
    options.push(timestampOption(OPT_ISB_STARTTIME, fields.starttime));
  }
  if (fields.endtime !== undefined) options.push(timestampOption(OPT_ISB_ENDTIME, fields.endtime));
  if (fields.ifrecv !== undefined) {
    options.push(u64Option(OPT_ISB_IFRECV, BigInt(fields.ifrecv)));
  }
  if (fields.ifdrop !== undefined) {
    options.push(u64Option(OPT_ISB_IFDROP, BigInt(fields.ifdrop)));
  }
  return encodeBlock(BT_ISB, body, options);
}

/** Per-interface counters handed to `close`, keyed by interface name. */
export type InterfaceStats = Map<string, { received: number | bigint; dropped: number | bigint }>;

interface WriterInterface {
  id: number;
  name: string;
  linktype: number;
  idb: Uint8Array;
  first: bigint | undefined;
  last: bigint | undefined;
}

/**
 * Encodes pcapng blocks for a writer. Interfaces get ids in the order they are first seen
 * (by name and link type: one IDB describes one link type); their IDBs go into the stream
 * just before the first block that needs them, and every new file (see `fileHeader`) repeats
 * all of them so ids stay stable across rotation.
 */
export class PcapngEncoder {
  readonly snaplen: number;
  /** The link type of interfaces declared without one (records say their own). */
  linktype: number;
  readonly #byName = new Map<string, WriterInterface>();
  readonly #list: WriterInterface[] = [];
  #unannounced: WriterInterface[] = [];
  #started = false;

  constructor(snaplen: number, linktype: number = LINKTYPE_ETHERNET) {
    this.snaplen = snaplen;
    this.linktype = linktype;
  }

  /** The interface id for `name` with `linktype`, registering it (and queueing its IDB) when new. */
  addInterface(name: string, linktype: number = this.linktype): number {
    const key = linktype === LINKTYPE_ETHERNET ? name : `${name}\0${linktype}`;
    const known = this.#byName.get(key);
    if (known) return known.id;
    const iface: WriterInterface = {
      id: this.#list.length,
      name,
      linktype,
      idb: encodeIdb(name, this.snaplen, linktype),
      first: undefined,
      last: undefined,
    };
    this.#byName.set(key, iface);
    this.#list.push(iface);
    if (this.#started) this.#unannounced.push(iface);
    return iface.id;
  }

  /** Interface names in id order. */
  get interfaces(): string[] {
    return this.#list.map((i) => i.name);
  }

  /** SHB plus an IDB for every known interface; starts a new file's per-file times. */
  fileHeader(): Uint8Array {
    this.#started = true;
    this.#unannounced = [];
    const parts = [encodeShb(), ...this.#list.map((i) => i.idb)];
    for (const i of this.#list) i.first = i.last = undefined;
    return concat(parts);
  }

  /** Bytes `encode` will write for `rec`, including IDBs that must come first. */
  sizeOf(rec: PacketRecord): number {
    this.addInterface(rec.iface, rec.linkType ?? LINKTYPE_ETHERNET);
    let n = epbLength(Math.min(rec.data.length, this.snaplen), rec.direction !== "unknown");
    for (const i of this.#unannounced) n += i.idb.length;
    return n;
  }

  /** Writes pending IDBs and the EPB for `rec` at `off`; returns the offset after them. */
  encode(buf: Uint8Array, view: DataView, off: number, rec: PacketRecord): number {
    const id = this.addInterface(rec.iface, rec.linkType ?? LINKTYPE_ETHERNET);
    off = this.#writeUnannounced(buf, off);
    const caplen = Math.min(rec.data.length, this.snaplen);
    const len = Math.max(rec.len, rec.data.length);
    const flags = directionToEpbFlags(rec.direction);
    const total = epbLength(caplen, flags !== undefined);
    const at = encodeEpbHeader(view, off, total, id, rec.ts, caplen, len);
    buf.set(caplen === rec.data.length ? rec.data : rec.data.subarray(0, caplen), at);
    const iface = this.#list[id];
    if (iface.first === undefined) iface.first = rec.ts;
    iface.last = rec.ts;
    return encodeEpbTrailer(view, at + caplen, caplen, total, flags);
  }

  /**
   * An ISB per interface: isb_starttime/endtime when the file holds packets from it, and
   * isb_ifrecv/isb_ifdrop when `stats` has an entry for its name. Interfaces only named in
   * `stats` get an IDB first.
   */
  fileTrailer(stats?: InterfaceStats, nowNs: bigint = BigInt(Date.now()) * 1_000_000n): Uint8Array {
    if (stats) {
      for (const name of stats.keys()) {
        if (!this.#list.some((i) => i.name === name)) this.addInterface(name);
      }
    }
    const parts: Uint8Array[] = this.#unannounced.map((i) => i.idb);
    this.#unannounced = [];
    for (const i of this.#list) {
      const s = stats?.get(i.name);
      parts.push(encodeIsb(i.id, nowNs, {
        starttime: i.first,
        endtime: i.last,
        ifrecv: s?.received,
        ifdrop: s?.dropped,
      }));
    }
    return concat(parts);
  }

  #writeUnannounced(buf: Uint8Array, off: number): number {
    for (const i of this.#unannounced) {
      buf.set(i.idb, off);
      off += i.idb.length;
    }
    this.#unannounced = [];
    return off;
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  n = 0;
  for (const p of parts) {
    out.set(p, n);
    n += p.length;
  }
  return out;
}

/** An interface described by an IDB, as a reader sees it. */
export interface PcapngInterface {
  /** if_name, "" when absent. */
  name: string;
  linktype: number;
  snaplen: number;
  /** Converts a timestamp in this interface's units to nanoseconds since the epoch. */
  toNs: (ticks: bigint) => bigint;
  /** if_tsresol (6 when absent). */
  tsresol: number;
  /** if_tsoffset, seconds (0 when absent). */
  tsoffset: bigint;
}

/**
 * A packet block's fields as {@link PcapngSection.packetFields} finds them, without building a
 * record (one object, reused from block to block).
 */
export interface PacketFields {
  /** BT_EPB, BT_PB or BT_SPB. */
  block: number;
  /** Index of the interface in the section. */
  iface: number;
  /** Timestamp in the interface's units: high and low 32 bits (0 in a Simple Packet Block). */
  tsHigh: number;
  tsLow: number;
  /** Bytes of the frame in the block. */
  caplen: number;
  /** Original length on the wire. */
  len: number;
  /** Offset of the frame's first byte in the buffer. */
  data: number;
  /** The epb_flags (pack_flags) option, or -1 when the block has none. */
  flags: number;
}

/** Builds the tick -> nanosecond conversion for an if_tsresol value and if_tsoffset seconds. */
export function tsresolToNs(tsresol: number, offsetSec: bigint = 0n): (ticks: bigint) => bigint {
  const offset = offsetSec * NS_PER_SEC;
  const exp = tsresol & 0x7f;
  if (tsresol & 0x80) {
    const shift = BigInt(exp);
    return (t) => ((t * NS_PER_SEC) >> shift) + offset;
  }
  if (exp <= 9) {
    const mul = 10n ** BigInt(9 - exp);
    return (t) => t * mul + offset;
  }
  const div = 10n ** BigInt(exp - 9);
  return (t) => t / div + offset;
}

/**
 * The state of one pcapng section while reading: byte order and interfaces.
 * `decode` takes one whole block (header to trailing length) and returns a packet for packet
 * blocks, or null for blocks that carry none. Returned `data` is a view into the buffer.
 */
export class PcapngSection {
  littleEndian = true;
  interfaces: PcapngInterface[] = [];
  readonly #file: string;
  readonly #fields: PacketFields = {
    block: 0,
    iface: 0,
    tsHigh: 0,
    tsLow: 0,
    caplen: 0,
    len: 0,
    data: 0,
    flags: -1,
  };

  constructor(file: string) {
    this.#file = file;
  }

  /**
   * Decodes the block of `total` bytes at `start` in `buf` (`view` spans the same bytes as
   * `buf`, index for index); `offset` is the block's offset in the file, for messages.
   */
  decode(
    buf: Uint8Array,
    view: DataView,
    start: number,
    total: number,
    offset: number,
  ): PacketRecord | null {
    switch (view.getUint32(start, this.littleEndian)) {
      case BT_SHB:
        this.#section(view, start, offset);
        return null;
      case BT_IDB:
        this.#interface(view, start, total, offset);
        return null;
      case BT_EPB:
      case BT_PB:
      case BT_SPB:
        return this.#packet(buf, view, start, total, offset);
      default:
        return null;
    }
  }

  #section(view: DataView, b: number, offset: number): void {
    this.littleEndian = view.getUint32(b + 8, true) === BYTE_ORDER_MAGIC;
    const major = view.getUint16(b + 12, this.littleEndian);
    if (major !== 1) {
      const minor = view.getUint16(b + 14, this.littleEndian);
      const detail = `unsupported pcapng version ${major}.${minor}`;
      throw new CaptureFileError("format", this.#file, detail, offset);
    }
    this.interfaces = [];
  }

  #interface(view: DataView, b: number, total: number, offset: number): void {
    const le = this.littleEndian;
    if (total < 20) this.#corrupt("interface description block too short", offset);
    const linktype = view.getUint16(b + 8, le);
    if (!isSupportedLinkType(linktype)) {
      const detail = `unsupported link type ${linktype}`;
      throw new CaptureFileError("linktype", this.#file, detail, offset);
    }
    const snaplen = view.getUint32(b + 12, le);
    let name = "";
    let tsresol = -1;
    let tsoffset = 0n;
    // Options are checked as libpcap checks them: one that overruns the block, an if_tsresol
    // of another length than 1, repeated, or finer than a 64-bit count can hold, an
    // if_tsoffset of another length than 8, reject the file rather than give wrong times.
    const end = b + total - 4;
    for (let off = b + 16; off < end;) {
      if (off + 4 > end) {
        this.#corrupt("interface description block: option header overruns the block", offset);
      }
      const code = view.getUint16(off, le);
      const len = view.getUint16(off + 2, le);
      const at = off + 4;
      if (at + pad4(len) > end) {
        this.#corrupt(
          `interface description block: option ${code} of length ${len} overruns the block`,
          offset,
        );
      }
      if (code === OPT_ENDOFOPT) break;
      if (code === OPT_IF_NAME) {
        name = decoder.decode(new Uint8Array(view.buffer, view.byteOffset + at, len));
        name = name.replace(/\0+$/, "");
      } else if (code === OPT_IF_TSRESOL) {
        if (len !== 1) this.#corrupt(`if_tsresol option with length ${len} != 1`, offset);
        if (tsresol !== -1) this.#corrupt("more than one if_tsresol option", offset);
        tsresol = view.getUint8(at);
        const binary = (tsresol & 0x80) !== 0, exp = tsresol & 0x7f;
        if (exp > (binary ? 63 : 19)) {
          const unit = binary ? `2^-${exp}` : `10^-${exp}`;
          this.#corrupt(`if_tsresol resolution ${unit} is finer than 64 bits can count`, offset);
        }
      } else if (code === OPT_IF_TSOFFSET) {
        if (len !== 8) this.#corrupt(`if_tsoffset option with length ${len} != 8`, offset);
        tsoffset = view.getBigInt64(at, le);
      }
      off = at + pad4(len);
    }
    if (tsresol === -1) tsresol = 6;
    this.interfaces.push({
      name,
      linktype,
      snaplen,
      toNs: tsresolToNs(tsresol, tsoffset),
      tsresol,
      tsoffset,
    });
  }

  #iface(id: number, offset: number): PcapngInterface {
    const iface = this.interfaces[id];
    if (!iface) this.#corrupt(`packet for undeclared interface ${id}`, offset);
    return iface;
  }

  /**
   * Reads the fields of the packet block (EPB, PB or SPB) of `total` bytes at `b` into `out`,
   * checking them as `decode` does (CaptureFileError for a corrupt block); returns `out`.
   */
  packetFields(view: DataView, b: number, total: number, offset: number, out: PacketFields) {
    const le = this.littleEndian;
    const block = view.getUint32(b, le);
    out.block = block;
    out.flags = -1;
    if (block === BT_SPB) {
      if (total < 16) this.#corrupt("simple packet block too short", offset);
      const iface = this.#iface(0, offset);
      const len = view.getUint32(b + 8, le);
      let caplen = Math.min(len, total - 16);
      if (iface.snaplen > 0) caplen = Math.min(caplen, iface.snaplen);
      out.iface = 0;
      out.tsHigh = out.tsLow = 0;
      out.caplen = caplen;
      out.len = len;
      out.data = b + 12;
      return out;
    }
    if (total < EPB_HEADER_LEN + 4) this.#corrupt("packet block too short", offset);
    const id = block === BT_PB ? view.getUint16(b + 8, le) : view.getUint32(b + 8, le);
    this.#iface(id, offset);
    const caplen = view.getUint32(b + 20, le);
    if (EPB_HEADER_LEN + caplen > total - 4) {
      this.#corrupt(`captured length ${caplen} exceeds block length ${total}`, offset);
    }
    const end = b + total - 4;
    for (let at = b + EPB_HEADER_LEN + pad4(caplen); at + 4 <= end;) {
      const code = view.getUint16(at, le);
      const optLen = view.getUint16(at + 2, le);
      if (code === OPT_ENDOFOPT || at + 4 + optLen > end) break;
      if (code === OPT_EPB_FLAGS && optLen >= 4) out.flags = view.getUint32(at + 4, le);
      at += 4 + pad4(optLen);
    }
    out.iface = id;
    out.tsHigh = view.getUint32(b + 12, le);
    out.tsLow = view.getUint32(b + 16, le);
    out.caplen = caplen;
    out.len = view.getUint32(b + 24, le);
    out.data = b + EPB_HEADER_LEN;
    return out;
  }

  #packet(buf: Uint8Array, view: DataView, b: number, total: number, offset: number) {
    const f = this.packetFields(view, b, total, offset, this.#fields);
    const iface = this.interfaces[f.iface];
    return {
      ts: f.block === BT_SPB ? 0n : iface.toNs((BigInt(f.tsHigh) << 32n) | BigInt(f.tsLow)),
      iface: iface.name,
      ifindex: f.iface,
      len: f.len,
      caplen: f.caplen,
      direction: f.flags === -1 ? "unknown" : epbFlagsToDirection(f.flags),
      data: buf.subarray(f.data, f.data + f.caplen),
      linkType: iface.linktype,
    } satisfies PacketRecord;
  }

  #corrupt(detail: string, offset: number): never {
    throw new CaptureFileError("corrupt", this.#file, detail, offset);
  }
}
