/**
 * File to file without records: `rawcap -r in -w out [expression]` moves each frame from the
 * reader's chunk buffer to the writer's buffer with no PacketRecord, no decode, no bigint and
 * no string per frame. A filter runs on the frame in place (a compiled BPF program,
 * `jitFilterAt`).
 *
 * - pcap to pcap of the same precision and byte order: a record whose header needs no change
 *   (captured length within the snaplen, original length at least the captured one, fraction
 *   below one second) is copied as it is, and consecutive kept records are copied as one run.
 * - Anything else (other precision or byte order, pcapng on either side, records to cut to the
 *   snaplen) writes the record header or block from numbers and copies the frame bytes.
 *   Timestamps are converted in 32-bit halves for the usual resolutions (pcap's, and pcapng's
 *   10^-6 and 10^-9 without an offset); other pcapng resolutions go through the reader's own
 *   conversion and the writer's own encoders, so the result is the same either way.
 *
 * The output is byte for byte what reading records and writing them with `CaptureWriter.write`
 * gives (tests/copy_test.ts checks it), including pcapng Interface Description Blocks (one per
 * interface name, before its first packet) and Interface Statistics Blocks at the end.
 *
 * @module
 */

import { NS_PER_SEC_NUMBER } from "../packet/packet.ts";
import type { CaptureReader, RecordScanner } from "./reader.ts";
import type { CaptureWriter } from "./writer.ts";
import {
  encodePcapRecordHeader,
  LINKTYPE_ETHERNET,
  PCAP_RECORD_HEADER_LEN,
  type PcapFileHeader,
  writePcapRecordHeader,
} from "./pcap.ts";
import {
  BT_SPB,
  directionToEpbFlags,
  encodeEpbHeader,
  encodeEpbTrailer,
  encodeIdb,
  encodeIsb,
  EPB_HEADER_LEN,
  epbFlagsToDirection,
  epbLength,
  type PacketFields,
  type PcapngInterface,
  type PcapngSection,
  writeEpbHeaderTicks,
} from "./pcapng.ts";

/**
 * A filter over a frame in place: `caplen` bytes at `at` in `buf`; a result above 0 keeps the
 * frame. A compiled BPF program (`CompiledFilter.runAt`) has this shape.
 */
export type FrameFilter = (
  buf: Uint8Array,
  at: number,
  caplen: number,
  wirelen: number,
  aux: Record<string, never>,
) => number;

/** Options for {@link copyCapture}. */
export interface CopyOptions {
  /**
   * Keep only the frames the filter for their link type accepts (LINKTYPE_*; asked again when
   * the link type changes, as it may between the interfaces of a pcapng file).
   */
  filterFor?: (linkType: number) => FrameFilter;
  /** Stop after this many frames written (0 or absent: no limit). */
  count?: number;
}

/** File frames carry their tags inline: no ancillary data. */
const NO_AUX: Record<string, never> = Object.freeze({});
/** Longest run of records copied in one piece. */
const RUN_MAX = 256 * 1024;
/** Frames up to this size are copied byte by byte (cheaper than a subarray for the set). */
const SMALL_COPY = 96;
const TWO32 = 0x100000000;

function copyBytes(dst: Uint8Array, to: number, src: Uint8Array, from: number, n: number) {
  if (n <= SMALL_COPY) { for (let i = 0; i < n; i++) dst[to + i] = src[from + i]; }
  else dst.set(src.subarray(from, from + n), to);
}

/** An output interface (pcapng), by name as the writer keys them. */
interface OutInterface {
  name: string;
  /** First and last timestamps written, nanoseconds as high and low 32-bit words. */
  firstHi: number;
  firstLo: number;
  lastHi: number;
  lastLo: number;
}

/**
 * Moves records from a {@link CaptureReader} (as its {@link RecordScanner}) into a
 * {@link CaptureWriter} opened without rotation. Call {@link finish} before closing the writer.
 */
export class RecordCopier implements RecordScanner {
  readonly #w: CaptureWriter;
  readonly #ng: boolean;
  readonly #nanoOut: boolean;
  readonly #snaplen: number;
  readonly #filterFor: ((linkType: number) => FrameFilter) | undefined;
  #filter: FrameFilter | undefined;
  /** The link type #filter was made for (-1: none yet). */
  #filterType = -1;
  readonly #count: number;
  #packets = 0;
  // pcap input
  #le = true;
  #nanoIn = false;
  /** Records whose header is already what the writer would write are copied whole. */
  #verbatim = false;
  #fracMax = 0;
  // The run of whole records waiting to be copied in one piece.
  #runBuf: Uint8Array | undefined;
  #runStart = 0;
  #runEnd = -1;
  #runRecords = 0;
  // A timestamp in nanoseconds, as 32-bit halves (set by the conversions below).
  #hi = 0;
  #lo = 0;
  // pcapng output: interfaces in id order, ids by name; pcapng input: out ids by input index.
  readonly #outs: OutInterface[] = [];
  readonly #ids = new Map<string, number>();
  #inIfaces: PcapngInterface[] | undefined;
  #inToOut: number[] = [];
  #pcapId = -1;
  /** pcap input: the file's link type. */
  #inLinkType = LINKTYPE_ETHERNET;
  /** pcap output: the link type the writer was told (-1 before the first frame). */
  #linkType = -1;
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

  constructor(writer: CaptureWriter, options: CopyOptions = {}) {
    this.#w = writer;
    this.#ng = writer.format === "pcapng";
    this.#nanoOut = writer.precision === "nano";
    this.#snaplen = writer.snaplen;
    this.#filterFor = options.filterFor;
    this.#count = options.count ?? 0;
  }

  /** Frames written. */
  get packets(): number {
    return this.#packets;
  }

  pcapHeader(header: PcapFileHeader): void {
    if (!this.#ng) this.#w.useLinkType(header.linktype);
    this.#inLinkType = header.linktype;
    this.#pickFilter(header.linktype);
    this.#le = header.littleEndian;
    this.#nanoIn = header.precision === "nano";
    this.#verbatim = !this.#ng && this.#le && this.#nanoIn === this.#nanoOut;
    this.#fracMax = this.#nanoIn ? NS_PER_SEC_NUMBER : 1_000_000;
  }

  pcapRecord(buf: Uint8Array, view: DataView, at: number, caplen: number): boolean {
    const le = this.#le;
    const len = view.getUint32(at + 12, le);
    const data = at + PCAP_RECORD_HEADER_LEN;
    if (this.#filter !== undefined && !(this.#filter(buf, data, caplen, len, NO_AUX) > 0)) {
      return true;
    }
    if (
      this.#verbatim && caplen <= this.#snaplen && len >= caplen &&
      view.getUint32(at + 4, le) < this.#fracMax
    ) {
      if (at !== this.#runEnd || buf !== this.#runBuf) {
        this.release();
        this.#runBuf = buf;
        this.#runStart = at;
      }
      this.#runEnd = data + caplen;
      this.#runRecords++;
      if (this.#runEnd - this.#runStart >= RUN_MAX) this.release();
    } else {
      this.release();
      const sec = view.getUint32(at, le);
      const frac = view.getUint32(at + 4, le);
      const fracNs = this.#nanoIn ? frac : frac * 1000;
      if (this.#ng) {
        this.#nsWords(sec, fracNs);
        // a pcap names no interface
        if (this.#pcapId === -1) this.#pcapId = this.#outId("", this.#inLinkType);
        this.#epb(this.#pcapId, buf, data, caplen, len, undefined);
      } else {
        const carry = Math.floor(fracNs / NS_PER_SEC_NUMBER);
        this.#pcap(sec + carry, fracNs - carry * NS_PER_SEC_NUMBER, buf, data, caplen, len);
      }
    }
    return ++this.#packets !== this.#count;
  }

  pcapngPacket(
    buf: Uint8Array,
    view: DataView,
    at: number,
    total: number,
    offset: number,
    section: PcapngSection,
  ): boolean {
    const f = section.packetFields(view, at, total, offset, this.#fields);
    const { caplen, len, data } = f;
    const iface = section.interfaces[f.iface];
    if (!this.#ng && iface.linktype !== this.#linkType) {
      this.#w.useLinkType(iface.linktype);
      this.#linkType = iface.linktype;
    }
    if (iface.linktype !== this.#filterType) this.#pickFilter(iface.linktype);
    if (this.#filter !== undefined && !(this.#filter(buf, data, caplen, len, NO_AUX) > 0)) {
      return true;
    }
    const spb = f.block === BT_SPB;
    const fast = iface.tsoffset === 0n && (iface.tsresol === 9 || iface.tsresol === 6);
    if (this.#ng) {
      const id = this.#inId(section, f.iface);
      const flags = f.flags === -1 ? undefined : directionToEpbFlags(epbFlagsToDirection(f.flags));
      if (spb) this.#hi = this.#lo = 0;
      else if (!fast) {
        this.#epb(id, buf, data, caplen, len, flags, iface.toNs(this.#ticks(f)));
        return ++this.#packets !== this.#count;
      } else if (iface.tsresol === 9) {
        this.#hi = f.tsHigh;
        this.#lo = f.tsLow;
      } else {
        const lo = f.tsLow * 1000;
        const carry = Math.floor(lo / TWO32);
        this.#lo = lo - carry * TWO32;
        this.#hi = (f.tsHigh * 1000 + carry) >>> 0;
      }
      this.#epb(id, buf, data, caplen, len, flags);
    } else if (spb) {
      this.#pcap(0, 0, buf, data, caplen, len);
    } else if (fast) {
      const unit = iface.tsresol === 9 ? NS_PER_SEC_NUMBER : 1_000_000;
      const sec = this.#divide(f.tsHigh, f.tsLow, unit);
      this.#pcap(sec, this.#lo * (NS_PER_SEC_NUMBER / unit), buf, data, caplen, len);
    } else {
      this.#pcap(0, 0, buf, data, caplen, len, iface.toNs(this.#ticks(f)));
    }
    return ++this.#packets !== this.#count;
  }

  /** Picks the filter for frames of `linkType`. */
  #pickFilter(linkType: number): void {
    this.#filterType = linkType;
    this.#filter = this.#filterFor?.(linkType);
  }

  /** Copies the pending run of whole records (before the reader's buffer changes). */
  release(): void {
    if (this.#runRecords === 0) return;
    const n = this.#runEnd - this.#runStart;
    const off = this.#w.reserve(n);
    this.#w.buffer.set(this.#runBuf!.subarray(this.#runStart, this.#runEnd), off);
    this.#w.commit(off + n, this.#runRecords);
    this.#runRecords = 0;
    this.#runEnd = -1;
    this.#runBuf = undefined;
  }

  /**
   * Ends the copy: pending records, and for pcapng an Interface Statistics Block per
   * interface (first and last packet times), as the writer's own trailer would.
   */
  finish(nowNs: bigint = BigInt(Date.now()) * 1_000_000n): void {
    this.release();
    if (!this.#ng || this.#outs.length === 0) return;
    const word = (hi: number, lo: number) => (BigInt(hi) << 32n) | BigInt(lo);
    for (const [id, o] of this.#outs.entries()) {
      const isb = encodeIsb(id, nowNs, {
        starttime: word(o.firstHi, o.firstLo),
        endtime: word(o.lastHi, o.lastLo),
      });
      const off = this.#w.reserve(isb.length);
      this.#w.buffer.set(isb, off);
      this.#w.commit(off + isb.length, 0);
    }
  }

  #ticks(f: PacketFields): bigint {
    return (BigInt(f.tsHigh) << 32n) | BigInt(f.tsLow);
  }

  /** Sets #hi/#lo to sec * 10^9 + fracNs (sec < 2^32, fracNs < 2^42), exactly. */
  #nsWords(sec: number, fracNs: number): void {
    const sh = Math.floor(sec / 65536), sl = sec - sh * 65536;
    const y = sh * NS_PER_SEC_NUMBER; // < 2^46: times 2^16, split into its high part and 16 low bits
    const yLow = y % 65536;
    const lo = yLow * 65536 + sl * NS_PER_SEC_NUMBER + fracNs; // < 2^48
    const carry = Math.floor(lo / TWO32);
    this.#lo = lo - carry * TWO32;
    this.#hi = ((y - yLow) / 65536 + carry) >>> 0;
  }

  /**
   * (hi * 2^32 + lo) / unit (unit <= 10^9) by long division in 16-bit digits, every step
   * exact in a double: returns the quotient, leaves the remainder in #lo.
   */
  #divide(hi: number, lo: number, unit: number): number {
    let cur = hi >>> 16;
    let d = Math.floor(cur / unit);
    let q = d;
    cur = (cur - d * unit) * 65536 + (hi & 0xffff); // remainder < unit < 2^30: cur < 2^46
    d = Math.floor(cur / unit);
    q = q * 65536 + d;
    cur = (cur - d * unit) * 65536 + (lo >>> 16);
    d = Math.floor(cur / unit);
    q = q * 65536 + d;
    cur = (cur - d * unit) * 65536 + (lo & 0xffff);
    d = Math.floor(cur / unit);
    this.#lo = cur - d * unit;
    return q * 65536 + d;
  }

  /** The output interface id for the input section's interface `index`. */
  #inId(section: PcapngSection, index: number): number {
    if (section.interfaces !== this.#inIfaces) {
      this.#inIfaces = section.interfaces;
      this.#inToOut = [];
    }
    const iface = section.interfaces[index];
    return this.#inToOut[index] ??= this.#outId(iface.name, iface.linktype);
  }

  /**
   * The output interface id for `name` with `linktype`, writing its IDB when it is new (keyed
   * as the writer's encoder keys them).
   */
  #outId(name: string, linktype: number): number {
    const key = linktype === LINKTYPE_ETHERNET ? name : `${name}\0${linktype}`;
    let id = this.#ids.get(key);
    if (id !== undefined) return id;
    id = this.#outs.length;
    this.#ids.set(key, id);
    this.#outs.push({ name, firstHi: -1, firstLo: 0, lastHi: 0, lastLo: 0 });
    const idb = encodeIdb(name, this.#snaplen, linktype);
    const off = this.#w.reserve(idb.length);
    this.#w.buffer.set(idb, off);
    this.#w.commit(off + idb.length, 0);
    return id;
  }

  /** A pcap record: header from (sec, fracNs), or from `tsNs` by the writer's encoder. */
  #pcap(
    sec: number,
    fracNs: number,
    buf: Uint8Array,
    data: number,
    caplen: number,
    len: number,
    tsNs?: bigint,
  ): void {
    const cap = Math.min(caplen, this.#snaplen);
    const wire = Math.max(len, caplen);
    const w = this.#w;
    const off = w.reserve(PCAP_RECORD_HEADER_LEN + cap);
    const out = w.buffer, view = w.view;
    if (tsNs !== undefined) {
      encodePcapRecordHeader(view, off, tsNs, cap, wire, this.#nanoOut ? "nano" : "micro");
    } else {
      writePcapRecordHeader(view, off, sec, fracNs, cap, wire, this.#nanoOut);
    }
    copyBytes(out, off + PCAP_RECORD_HEADER_LEN, buf, data, cap);
    w.commit(off + PCAP_RECORD_HEADER_LEN + cap, 1);
  }

  /** An Enhanced Packet Block: timestamp from #hi/#lo, or from `tsNs` by the encoder. */
  #epb(
    id: number,
    buf: Uint8Array,
    data: number,
    caplen: number,
    len: number,
    flags: number | undefined,
    tsNs?: bigint,
  ): void {
    const cap = Math.min(caplen, this.#snaplen);
    const wire = Math.max(len, caplen);
    const total = epbLength(cap, flags !== undefined);
    const w = this.#w;
    const off = w.reserve(total);
    const out = w.buffer, view = w.view;
    if (tsNs !== undefined) {
      encodeEpbHeader(view, off, total, id, tsNs, cap, wire);
      this.#hi = Number(tsNs >> 32n) >>> 0;
      this.#lo = Number(BigInt.asUintN(32, tsNs));
    } else {
      writeEpbHeaderTicks(view, off, total, id, this.#hi, this.#lo, cap, wire);
    }
    copyBytes(out, off + EPB_HEADER_LEN, buf, data, cap);
    const end = encodeEpbTrailer(view, off + EPB_HEADER_LEN + cap, cap, total, flags);
    w.commit(end, 1);
    const o = this.#outs[id];
    if (o.firstHi === -1) {
      o.firstHi = this.#hi;
      o.firstLo = this.#lo;
    }
    o.lastHi = this.#hi;
    o.lastLo = this.#lo;
  }
}

/**
 * Copies the records `reader` holds into `writer` (opened without rotation), keeping those
 * `options.filter` accepts, up to `options.count`; returns how many were written. Errors are
 * the reader's and the writer's; records before an error are in the writer. Close the writer
 * afterwards as usual.
 */
export async function copyCapture(
  reader: CaptureReader,
  writer: CaptureWriter,
  options: CopyOptions = {},
): Promise<number> {
  const copier = new RecordCopier(writer, options);
  try {
    await reader.scan(copier);
  } finally {
    copier.finish();
  }
  return copier.packets;
}
