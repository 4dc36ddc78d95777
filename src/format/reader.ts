/**
 * Streaming reader for capture files: detects pcap (either byte order, micro or nano
 * magic) or pcapng (any number of sections and interfaces, either byte order) from the
 * first bytes and yields `PacketRecord`s while reading in chunks, so memory stays flat.
 *
 * Zero-copy by default: each record's `data` is a view into the reader's chunk buffer and is
 * valid only until the iterator is advanced. Keep a record longer by copying it
 * (`rec.data.slice()`), or pass `{ copy: true }` to get records that own their bytes.
 *
 * A file cut off mid-record is not an error: every whole record is yielded, then iteration
 * ends and `reader.truncated` is true with a one-line `reader.warning`.
 */

import type { PacketRecord } from "../packet/packet.ts";
import { isSupportedLinkType } from "../packet/linktype.ts";
import { CaptureFileError } from "./errors.ts";
import { denoPermission } from "../errors.ts";
import {
  parsePcapHeader,
  PCAP_FILE_HEADER_LEN,
  PCAP_MAX_SNAPLEN,
  PCAP_RECORD_HEADER_LEN,
  type PcapFileHeader,
  pcapTimestampNs,
  type TimestampPrecision,
} from "./pcap.ts";
import { BT_EPB, BT_PB, BT_SHB, BT_SPB, BYTE_ORDER_MAGIC, PcapngSection } from "./pcapng.ts";

/** Where to read a capture from: a path ("-" for stdin), a byte stream, or an open file. */
export type CaptureSource = string | ReadableStream<Uint8Array> | Deno.FsFile;

/** Options for `readCapture`. */
export interface CaptureReaderOptions {
  /** Name used in error messages; defaults to the path, "-" or "<stream>". */
  name?: string;
  /** Yield records whose `data` is a private copy instead of a view into the chunk buffer. */
  copy?: boolean;
  /** Initial chunk buffer size in bytes (grows for blocks larger than it). Default 1 MiB. */
  chunkSize?: number;
}

/** Detected file format. */
export type CaptureFormat = "pcap" | "pcapng";

/** Largest pcapng block accepted, as libpcap's limit (16 MiB). */
export const PCAPNG_MAX_BLOCK_LEN = 16 * 1024 * 1024;

const DEFAULT_CHUNK = 1 << 20;
/** Most records in one batch (see `CaptureReader.batches`). */
const BATCH_MAX = 4096;
const MIN_BLOCK_LEN = 12;
const MIN_SHB_LEN = 28;

type ReadFn = (into: Uint8Array) => Promise<number | null>;

/** A window over a byte stream: `ensure(n)` makes n bytes available at `start`. */
class ByteWindow {
  buf: Uint8Array;
  view: DataView;
  start = 0;
  end = 0;
  /** File offset of buf[0]. */
  base = 0;
  eof = false;
  readonly #read: ReadFn;

  constructor(read: ReadFn, size: number) {
    this.#read = read;
    this.buf = new Uint8Array(size);
    this.view = new DataView(this.buf.buffer);
  }

  get offset(): number {
    return this.base + this.start;
  }

  get available(): number {
    return this.end - this.start;
  }

  /** Reads until `n` bytes are available from `start`; false if the stream ends first. */
  async ensure(n: number): Promise<boolean> {
    while (this.end - this.start < n) {
      if (this.eof) return false;
      if (this.buf.length - this.start < n) this.#makeRoom(n);
      const got = await this.#read(this.buf.subarray(this.end));
      if (got === null) this.eof = true;
      else this.end += got;
    }
    return true;
  }

  skip(n: number): void {
    this.start += n;
  }

  #makeRoom(n: number): void {
    if (n > this.buf.length) {
      const bigger = new Uint8Array(Math.max(n, this.buf.length * 2));
      bigger.set(this.buf.subarray(this.start, this.end));
      this.buf = bigger;
      this.view = new DataView(bigger.buffer);
    } else {
      this.buf.copyWithin(0, this.start, this.end);
    }
    this.base += this.start;
    this.end -= this.start;
    this.start = 0;
  }
}

function osReason(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/ \(os error \d+\).*$/s, "");
}

interface OpenedSource {
  read: ReadFn;
  close: () => void;
}

async function openSource(source: CaptureSource, name: string): Promise<OpenedSource> {
  if (source === "-") {
    return { read: (into) => Deno.stdin.read(into), close: () => {} };
  }
  if (typeof source === "string") {
    let file: Deno.FsFile;
    try {
      file = await Deno.open(source, { read: true });
    } catch (err) {
      const denied = denoPermission(err, name);
      if (denied !== err) throw denied;
      throw new CaptureFileError("open", name, `cannot open: ${osReason(err)}`, undefined, {
        cause: err,
      });
    }
    if (file.statSync().isDirectory) {
      file.close();
      throw new CaptureFileError("open", name, "cannot read: is a directory");
    }
    return { read: (into) => file.read(into), close: () => file.close() };
  }
  if (source instanceof ReadableStream) {
    const reader = source.getReader();
    let pending: Uint8Array | undefined;
    return {
      read: async (into) => {
        while (!pending || pending.length === 0) {
          const { value, done } = await reader.read();
          if (done) return null;
          pending = value;
        }
        const n = Math.min(into.length, pending.length);
        into.set(pending.subarray(0, n));
        pending = pending.subarray(n);
        return n;
      },
      close: () => reader.releaseLock(),
    };
  }
  const file = source;
  return { read: (into) => file.read(into), close: () => {} };
}

/**
 * What {@link CaptureReader.scan} hands each record to: the record in place in the reader's
 * chunk buffer, with nothing built for it. Bytes handed over stay put until `release`.
 */
/**
 * pcap before 2.3 (and DG/UX's 543.0) wrote a record's original length before its captured
 * length; 2.3 files exist both ways. 2: always swapped; 1: swapped when caplen > len; 0: never.
 */
function lengthsSwapped(hdr: PcapFileHeader): 0 | 1 | 2 {
  const { versionMajor: major, versionMinor: minor } = hdr;
  return major === 543 || minor < 3 ? 2 : minor === 3 ? 1 : 0;
}

/** The captured length of the record header at `at`, whatever order its lengths are in. */
function recordCaplen(view: DataView, at: number, le: boolean, swapped: 0 | 1 | 2): number {
  const a = view.getUint32(at + 8, le);
  if (swapped === 0) return a;
  const b = view.getUint32(at + 12, le);
  return swapped === 2 || a > b ? b : a;
}

/** Puts a swapped record header's lengths in 2.4 order, in place, once it is handed over. */
function unswapLengths(view: DataView, at: number, le: boolean, swapped: 1 | 2): void {
  const a = view.getUint32(at + 8, le);
  const b = view.getUint32(at + 12, le);
  if (swapped === 2 || a > b) {
    view.setUint32(at + 8, b, le);
    view.setUint32(at + 12, a, le);
  }
}

export interface RecordScanner {
  /** pcap: the file header, before the first record. */
  pcapHeader(header: PcapFileHeader): void;
  /**
   * One pcap record: its 16-byte header at `at` in `buf` (in the file's byte order), then
   * `caplen` bytes of frame. `view` spans `buf`. Returns false to stop reading.
   */
  pcapRecord(buf: Uint8Array, view: DataView, at: number, caplen: number): boolean;
  /**
   * One pcapng packet block (EPB, PB or SPB) of `total` bytes at `at`, read with `section`
   * (byte order, interfaces, `packetFields`); `offset` is the block's offset in the file.
   * Returns false to stop reading.
   */
  pcapngPacket(
    buf: Uint8Array,
    view: DataView,
    at: number,
    total: number,
    offset: number,
    section: PcapngSection,
  ): boolean;
  /** The buffer is about to be refilled: bytes handed over so far are about to move. */
  release(): void;
}

/** The record of the pcap record whose header is at `at` (lengths in 2.4 order). */
function pcapPacket(
  buf: Uint8Array,
  view: DataView,
  at: number,
  caplen: number,
  len: number,
  hdr: PcapFileHeader,
): PacketRecord {
  const le = hdr.littleEndian;
  return {
    ts: pcapTimestampNs(view.getUint32(at, le), view.getUint32(at + 4, le), hdr.precision),
    iface: "",
    ifindex: 0,
    len,
    caplen,
    direction: "unknown",
    // The constructor, not subarray: no species lookup, about half the cost.
    data: new Uint8Array(buf.buffer, buf.byteOffset + at + PCAP_RECORD_HEADER_LEN, caplen),
    linkType: hdr.linktype,
  };
}

/** Builds the records {@link CaptureReader.each} hands over, as iterating builds them. */
class RecordTaker implements RecordScanner {
  #hdr: PcapFileHeader | undefined;

  constructor(readonly take: (rec: PacketRecord) => boolean, readonly copy: boolean) {}

  pcapHeader(header: PcapFileHeader): void {
    this.#hdr = header;
  }

  pcapRecord(buf: Uint8Array, view: DataView, at: number, caplen: number): boolean {
    const len = view.getUint32(at + 12, this.#hdr!.littleEndian);
    return this.#hand(pcapPacket(buf, view, at, caplen, len, this.#hdr!));
  }

  pcapngPacket(
    buf: Uint8Array,
    view: DataView,
    at: number,
    total: number,
    offset: number,
    section: PcapngSection,
  ): boolean {
    const rec = section.decode(buf, view, at, total, offset);
    return rec ? this.#hand(rec) : true;
  }

  release(): void {}

  #hand(rec: PacketRecord): boolean {
    if (this.copy) rec.data = rec.data.slice();
    return this.take(rec);
  }
}

/**
 * An async iterable of the records in one capture file. Iterate it once; afterwards
 * `truncated` / `warning` tell whether the file ended mid-record.
 */
export class CaptureReader implements AsyncIterable<PacketRecord> {
  /** Name used in messages. */
  readonly name: string;
  /** Detected format, set once the first bytes have been read. */
  format: CaptureFormat | undefined;
  /** pcap: the file header. */
  pcapHeader: PcapFileHeader | undefined;
  /**
   * The link type (LINKTYPE_*) of the file (pcap) or of its first interface (pcapng), once
   * read; records say their own (`rec.linkType`), which a pcapng file may vary.
   */
  linkType: number | undefined;
  /** True when the file ended inside a header or record. */
  truncated = false;
  /** One-line description of the truncation, when `truncated`. */
  warning: string | undefined;

  readonly #source: CaptureSource;
  readonly #copy: boolean;
  readonly #chunk: number;
  #used = false;

  constructor(source: CaptureSource, options: CaptureReaderOptions = {}) {
    this.#source = source;
    this.name = options.name ??
      (typeof source === "string"
        ? source
        : source instanceof ReadableStream
        ? "<stream>"
        : "<file>");
    this.#copy = options.copy ?? false;
    this.#chunk = options.chunkSize ?? DEFAULT_CHUNK;
  }

  /** pcap: the timestamp precision of the file. */
  get precision(): TimestampPrecision | undefined {
    return this.pcapHeader?.precision;
  }

  [Symbol.asyncIterator](): AsyncIterator<PacketRecord> {
    this.#use();
    return this.#records();
  }

  /**
   * Reads the file handing each record, in place, to `scanner` instead of yielding records
   * (file-to-file copies: no object per frame). Same errors and truncation as iterating; the
   * reader is used up either way.
   */
  async scan(scanner: RecordScanner): Promise<void> {
    this.#use();
    const src = await openSource(this.#source, this.name);
    try {
      const w = new ByteWindow(src.read, Math.max(this.#chunk, 64));
      if ((await this.#detect(w)) === "pcapng") await this.#scanPcapng(w, scanner);
      else await this.#scanPcap(w, scanner);
    } finally {
      scanner.release();
      src.close();
    }
  }

  /**
   * Hands each record to `take`, synchronously, until it returns false: the records iterating
   * yields, with the same errors and truncation, but no await per record (the CLI's `-r`).
   * Without `copy`, a record's `data` is valid only during its call.
   */
  each(take: (rec: PacketRecord) => boolean): Promise<void> {
    return this.scan(new RecordTaker(take, this.#copy));
  }

  #use(): void {
    if (this.#used) {
      throw new CaptureFileError("closed", this.name, "capture reader can only be iterated once");
    }
    this.#used = true;
  }

  async *#records(): AsyncGenerator<PacketRecord> {
    for await (const batch of this.#batches()) yield* batch;
  }

  /**
   * The records a batch at a time: every record whole in the read buffer, handed over before
   * the buffer is read into again. The records of a batch are views valid until the next
   * batch is asked for (with `copy`, their own bytes): one promise per buffer instead of one
   * per record. The array is reused from batch to batch. Iterate it or the reader, not both.
   */
  batches(): AsyncIterable<PacketRecord[]> {
    this.#use();
    return { [Symbol.asyncIterator]: () => this.#batches() };
  }

  async *#batches(): AsyncGenerator<PacketRecord[]> {
    const src = await openSource(this.#source, this.name);
    try {
      const w = new ByteWindow(src.read, Math.max(this.#chunk, 64));
      const batch: PacketRecord[] = [];
      const parts = (await this.#detect(w)) === "pcapng"
        ? this.#pcapng(w, batch)
        : this.#pcap(w, batch);
      try {
        yield* parts;
      } catch (e) {
        // The whole records read before an error are handed over first.
        if (batch.length > 0) yield batch;
        throw e;
      }
    } finally {
      src.close();
    }
  }

  /** Reads the first bytes and tells the format (setting `format`), or throws. */
  async #detect(w: ByteWindow): Promise<CaptureFormat> {
    await w.ensure(4);
    if (w.available < 4) {
      const what = w.available === 0 ? "empty file" : "file too short";
      throw new CaptureFileError("format", this.name, `${what}, not a capture file`, 0);
    }
    if (w.view.getUint32(w.start, true) === BT_SHB) return this.format = "pcapng";
    if (parsePcapHeader(w.buf.subarray(w.start, w.start + 4))) return this.format = "pcap";
    const magic = w.view.getUint32(w.start, false).toString(16).padStart(8, "0");
    throw new CaptureFileError("format", this.name, `not a capture file (magic 0x${magic})`, 0);
  }

  /** pcap: reads and checks the file header (setting `pcapHeader`); undefined when cut off. */
  async #pcapFileHeader(w: ByteWindow): Promise<PcapFileHeader | undefined> {
    if (!(await w.ensure(PCAP_FILE_HEADER_LEN))) {
      this.#truncate(w, "file header");
      return undefined;
    }
    const hdr = parsePcapHeader(w.buf.subarray(w.start, w.start + PCAP_FILE_HEADER_LEN))!;
    this.pcapHeader = hdr;
    this.linkType = hdr.linktype;
    if (!isSupportedLinkType(hdr.linktype)) {
      const detail = `unsupported link type ${hdr.linktype}`;
      throw new CaptureFileError("linktype", this.name, detail, 20);
    }
    // libpcap reads versions 2.0 to 2.4 (and DG/UX's 543.0); see lengthsSwapped.
    const { versionMajor: major, versionMinor: minor } = hdr;
    if (major < 2) throw new CaptureFileError("format", this.name, "archaic pcap format", 4);
    if (!((major === 2 && minor <= 4) || (major === 543 && minor === 0))) {
      const detail = `unsupported pcap version ${major}.${minor}`;
      throw new CaptureFileError("format", this.name, detail, 4);
    }
    w.skip(PCAP_FILE_HEADER_LEN);
    return hdr;
  }

  #corruptCaplen(w: ByteWindow, caplen: number, maxCaplen: number): CaptureFileError {
    return new CaptureFileError(
      "corrupt",
      this.name,
      `corrupt record: captured length ${caplen} exceeds maximum ${maxCaplen}`,
      w.offset,
    );
  }

  /**
   * pcapng: checks the header of the block at `w.start` (at least 12 bytes there), following
   * a Section Header Block's byte order into `section`; returns the block's total length.
   */
  #blockHeader(w: ByteWindow, section: PcapngSection, first: boolean): number {
    const at = w.start;
    const type = w.view.getUint32(at, section.littleEndian);
    if (type === BT_SHB) {
      const bom = w.view.getUint32(at + 8, true);
      if (bom === BYTE_ORDER_MAGIC) section.littleEndian = true;
      else if (w.view.getUint32(at + 8, false) === BYTE_ORDER_MAGIC) section.littleEndian = false;
      else {
        const detail = first
          ? "not a capture file (bad pcapng byte-order magic)"
          : "bad byte-order magic";
        throw new CaptureFileError(first ? "format" : "corrupt", this.name, detail, w.offset + 8);
      }
    }
    const total = w.view.getUint32(at + 4, section.littleEndian);
    const min = type === BT_SHB ? MIN_SHB_LEN : MIN_BLOCK_LEN;
    if (total < min || total % 4 !== 0 || total > PCAPNG_MAX_BLOCK_LEN) {
      throw new CaptureFileError("corrupt", this.name, `corrupt block length ${total}`, w.offset);
    }
    return total;
  }

  /** pcapng: checks the trailing length of the whole block of `total` bytes at `w.start`. */
  #blockTrailer(w: ByteWindow, section: PcapngSection, total: number): void {
    const trailer = w.view.getUint32(w.start + total - 4, section.littleEndian);
    if (trailer !== total) {
      throw new CaptureFileError(
        "corrupt",
        this.name,
        `corrupt block: trailing length ${trailer} does not match leading length ${total}`,
        w.offset,
      );
    }
  }

  async #scanPcap(w: ByteWindow, scanner: RecordScanner): Promise<void> {
    const hdr = await this.#pcapFileHeader(w);
    if (!hdr) return;
    scanner.pcapHeader(hdr);
    const le = hdr.littleEndian;
    const maxCaplen = Math.max(hdr.snaplen, PCAP_MAX_SNAPLEN);
    const swapped = lengthsSwapped(hdr);
    while (true) {
      // Every whole record in the window, without an await.
      const buf = w.buf, view = w.view, end = w.end;
      let at = w.start;
      while (at + PCAP_RECORD_HEADER_LEN <= end) {
        const caplen = recordCaplen(view, at, le, swapped);
        const next = at + PCAP_RECORD_HEADER_LEN + caplen;
        if (caplen > maxCaplen || next > end) break;
        if (swapped !== 0) unswapLengths(view, at, le, swapped);
        w.start = next;
        if (!scanner.pcapRecord(buf, view, at, caplen)) return;
        at = next;
      }
      w.start = at;
      scanner.release();
      if (w.available < PCAP_RECORD_HEADER_LEN && !(await w.ensure(PCAP_RECORD_HEADER_LEN))) {
        if (w.available > 0) this.#truncate(w, "record header");
        return;
      }
      const caplen = recordCaplen(w.view, w.start, le, swapped);
      if (caplen > maxCaplen) throw this.#corruptCaplen(w, caplen, maxCaplen);
      if (!(await w.ensure(PCAP_RECORD_HEADER_LEN + caplen))) {
        this.#truncate(w, "record");
        return;
      }
    }
  }

  async #scanPcapng(w: ByteWindow, scanner: RecordScanner): Promise<void> {
    const section = new PcapngSection(this.name);
    let first = true;
    while (true) {
      if (w.available < MIN_BLOCK_LEN) {
        scanner.release();
        if (!(await w.ensure(MIN_BLOCK_LEN))) {
          if (w.available > 0) this.#truncate(w, "block header");
          return;
        }
      }
      const total = this.#blockHeader(w, section, first);
      first = false;
      if (w.available < total) {
        scanner.release();
        if (!(await w.ensure(total))) {
          this.#truncate(w, "block");
          return;
        }
      }
      this.#blockTrailer(w, section, total);
      const s = w.start, offset = w.offset;
      w.skip(total);
      const type = w.view.getUint32(s, section.littleEndian);
      if (type === BT_EPB || type === BT_PB || type === BT_SPB) {
        if (!scanner.pcapngPacket(w.buf, w.view, s, total, offset, section)) return;
      } else {
        section.decode(w.buf, w.view, s, total, offset);
        this.linkType ??= section.interfaces[0]?.linktype;
      }
    }
  }

  #truncate(w: ByteWindow, what: string): void {
    this.truncated = true;
    this.warning = `${this.name}: truncated capture file: ${what} cut off after ${w.available}` +
      ` bytes at offset ${w.offset}`;
  }

  #record(rec: PacketRecord): PacketRecord {
    if (this.#copy) rec.data = rec.data.slice();
    return rec;
  }

  /**
   * pcap, a batch at a time: the records whole in the buffer are collected into `batch`
   * without a promise each, and the batch is handed over before the buffer is read into again
   * (which moves its bytes) or the file ends; after an error, {@link #batches} hands over what
   * it holds.
   */
  async *#pcap(w: ByteWindow, batch: PacketRecord[]): AsyncGenerator<PacketRecord[]> {
    const hdr = await this.#pcapFileHeader(w);
    if (!hdr) return;
    const swapped = lengthsSwapped(hdr);
    const le = hdr.littleEndian;
    const maxCaplen = Math.max(hdr.snaplen, PCAP_MAX_SNAPLEN);
    while (true) {
      if (w.available < PCAP_RECORD_HEADER_LEN || batch.length === BATCH_MAX) {
        if (batch.length > 0) yield batch;
        batch.length = 0;
        if (w.available < PCAP_RECORD_HEADER_LEN && !(await w.ensure(PCAP_RECORD_HEADER_LEN))) {
          if (w.available > 0) this.#truncate(w, "record header");
          return;
        }
      }
      const at = w.start;
      let caplen = w.view.getUint32(at + 8, le);
      let len = w.view.getUint32(at + 12, le);
      if (swapped === 2 || (swapped === 1 && caplen > len)) [caplen, len] = [len, caplen];
      if (caplen > maxCaplen) throw this.#corruptCaplen(w, caplen, maxCaplen);
      const size = PCAP_RECORD_HEADER_LEN + caplen;
      if (w.available < size) {
        if (batch.length > 0) yield batch;
        batch.length = 0;
        if (!(await w.ensure(size))) {
          this.#truncate(w, "record");
          return;
        }
      }
      batch.push(this.#record(pcapPacket(w.buf, w.view, w.start, caplen, len, hdr)));
      w.skip(size);
    }
  }

  /** pcapng, a batch at a time, as {@link #pcap}. */
  async *#pcapng(w: ByteWindow, batch: PacketRecord[]): AsyncGenerator<PacketRecord[]> {
    const section = new PcapngSection(this.name);
    let first = true;
    while (true) {
      if (w.available < MIN_BLOCK_LEN || batch.length === BATCH_MAX) {
        if (batch.length > 0) yield batch;
        batch.length = 0;
        if (w.available < MIN_BLOCK_LEN && !(await w.ensure(MIN_BLOCK_LEN))) {
          if (w.available > 0) this.#truncate(w, "block header");
          return;
        }
      }
      const total = this.#blockHeader(w, section, first);
      first = false;
      if (w.available < total) {
        if (batch.length > 0) yield batch;
        batch.length = 0;
        if (!(await w.ensure(total))) {
          this.#truncate(w, "block");
          return;
        }
      }
      const s = w.start;
      this.#blockTrailer(w, section, total);
      const offset = w.offset;
      w.skip(total);
      const rec = section.decode(w.buf, w.view, s, total, offset);
      this.linkType ??= section.interfaces[0]?.linktype;
      if (rec) batch.push(this.#record(rec));
    }
  }
}

/**
 * Reads a pcap or pcapng capture as a stream of records. Errors (cannot open, not a capture
 * file, unsupported link type, corrupt lengths) throw `CaptureFileError` during iteration;
 * truncation does not throw, see `CaptureReader.truncated`.
 *
 * ```ts
 * const reader = readCapture("in.pcapng");
 * for await (const rec of reader) console.log(rec.iface, rec.caplen);
 * if (reader.truncated) console.error(reader.warning);
 * ```
 */
export function readCapture(source: CaptureSource, options?: CaptureReaderOptions): CaptureReader {
  return new CaptureReader(source, options);
}
