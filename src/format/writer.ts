/**
 * Buffered capture file writer: pcap or pcapng, to a file or stdout ("-"), with optional
 * tcpdump-style rotation.
 *
 * Records are encoded (header + frame bytes) straight into one preallocated buffer, which is
 * written out in large writes when it fills, at least once a second by an unref'd timer,
 * and on `flush()` / `close()`. Writes are synchronous and loop over short writes. A failed
 * write leaves the file holding exactly the whole records written before the failure
 * (a partly written record is truncated away) and throws `CaptureFileError`; the writer is
 * then unusable.
 *
 * Rotation never truncates a file this writer has written, except in a -C -W cycle (bounded
 * disk use is what -W asks for): a new name equal to the file being written keeps that file
 * (-G with a name coarser than the period), and a name written earlier in the run is
 * appended to (pcap: records; pcapng: a new section). tcpdump overwrites in both cases.
 */

import type { PacketRecord } from "../packet/packet.ts";
import { CaptureFileError } from "./errors.ts";
import { denoPermission, PermissionDenied, type RawcapError } from "../errors.ts";
import { LINKTYPE_ETHERNET, linkTypeLabel } from "../packet/linktype.ts";
import { PCAP_MAX_SNAPLEN, PcapEncoder, type TimestampPrecision } from "./pcap.ts";
import { type InterfaceStats, PcapngEncoder } from "./pcapng.ts";
import { type RotateOptions, RotationPolicy } from "./rotate.ts";

export type { InterfaceStats };

/** Output file format. */
export type WriteFormat = "pcap" | "pcapng";

/** Options for `CaptureWriter.open`. */
export interface CaptureWriterOptions {
  /** Default "pcap". */
  format?: WriteFormat;
  /** Bytes kept per frame; longer frames are cut and keep their original length. Default 262144. */
  snaplen?: number;
  /** pcap timestamp resolution; pcapng always records nanoseconds. Default "micro". */
  precision?: TimestampPrecision;
  /** tcpdump -C / -G / -W. Not allowed with "-". */
  rotate?: RotateOptions;
  /** Size of the output buffer. Default 1 MiB. */
  bufferSize?: number;
  /** Longest time buffered records wait before being written, in ms; 0 disables. Default 1000. */
  flushIntervalMs?: number;
  /** Called with the name of each file a rotation has finished and closed (tcpdump -z). */
  onRotated?: (file: string) => void;
  /**
   * What the frames start with (LINKTYPE_*, src/packet/linktype.ts). pcap: the file's one link
   * type; by default the first record's (Ethernet for a file without records). pcapng: the
   * link type of interfaces declared with `addInterface`; records always say their own.
   */
  linkType?: number;
}

/** What the writer needs from a format: whole records into a caller's buffer. */
export interface RecordEncoder {
  fileHeader(): Uint8Array;
  sizeOf(rec: PacketRecord): number;
  encode(buf: Uint8Array, view: DataView, off: number, rec: PacketRecord): number;
  fileTrailer(stats?: InterfaceStats): Uint8Array;
}

interface Sink {
  write(bytes: Uint8Array): number;
  truncate?(len: number): void;
  /** Whether `path` names this very file (same device and inode). */
  isAt?(path: string): boolean;
  close(): void;
}

const DEFAULT_BUFFER = 1 << 20;
const DEFAULT_FLUSH_MS = 1000;
const MIN_RECORD = 16;

function osReason(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/ \(os error \d+\).*$/s, "");
}

function fileSink(file: Deno.FsFile): Sink {
  return {
    write: (bytes) => file.writeSync(bytes),
    truncate: (len) => file.truncateSync(len),
    isAt: (path) => {
      const open = file.statSync();
      try {
        const named = Deno.statSync(path);
        return named.dev === open.dev && named.ino === open.ino;
      } catch (e) {
        if (e instanceof Deno.errors.NotFound) return false;
        throw e;
      }
    },
    close: () => file.close(),
  };
}

const stdoutSink: Sink = {
  write: (bytes) => Deno.stdout.writeSync(bytes),
  close: () => {},
};

function openError(name: string, err: unknown): RawcapError {
  const denied = denoPermission(err, name);
  if (denied instanceof PermissionDenied) return denied;
  return new CaptureFileError(
    "open",
    name,
    `cannot open for writing: ${osReason(err)}`,
    undefined,
    {
      cause: err,
    },
  );
}

function writeError(name: string, err: unknown): CaptureFileError {
  const code = (err as { code?: string })?.code;
  if (err instanceof Deno.errors.BrokenPipe || code === "EPIPE") {
    return new CaptureFileError(
      "broken-pipe",
      name,
      "write failed: broken pipe (reader went away)",
      undefined,
      {
        cause: err,
      },
    );
  }
  const reason = osReason(err);
  const kind = code === "ENOSPC" || /no space left/i.test(reason) ? "no-space" : "write";
  return new CaptureFileError(kind, name, `write failed: ${reason}`, undefined, { cause: err });
}

/** Opens `name` for writing: truncated, or (`append`) kept, with its size. */
function openFileSync(name: string, append = false): { sink: Sink; size: number } {
  try {
    const file = Deno.openSync(name, { write: true, create: true, truncate: !append, append });
    return { sink: fileSink(file), size: append ? file.statSync().size : 0 };
  } catch (err) {
    throw openError(name, err);
  }
}

/**
 * Writes packet records to a capture file. Close it when done: `close()`, or let `using` /
 * `await using` do it at the end of the block.
 *
 * @example
 * ```ts
 * import { readCapture, writeCapture } from "jsr:@rawcap/rawcap";
 * await using out = await writeCapture("udp.pcapng");
 * for await (const p of readCapture("cap.pcap")) if (p.udp) out.write(p);
 * ```
 */
export class CaptureWriter implements Disposable, AsyncDisposable {
  /** Output format. */
  readonly format: WriteFormat;
  /** Snapshot length written in headers and applied to frames. */
  readonly snaplen: number;
  /** pcap timestamp resolution. */
  readonly precision: TimestampPrecision;
  /** Every file name opened so far, in order (with -C -W, names repeat). */
  readonly files: string[] = [];

  readonly #encoder: (PcapEncoder | PcapngEncoder) & RecordEncoder;
  /** pcap: the header waits for the first record, which names the file's link type. */
  #headerPending: boolean;
  readonly #rotation: RotationPolicy | undefined;
  #sink: Sink;
  #name: string;
  #buf: Uint8Array;
  #view: DataView;
  #used = 0;
  /** Buffer offsets where whole records end. */
  #ends: Uint32Array;
  #nEnds = 0;
  /** Bytes of the current file already written out. */
  #fileBytes = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  #failure: CaptureFileError | undefined;
  #closed = false;
  #finished = false;
  #packets = 0;
  readonly #onRotated: ((file: string) => void) | undefined;

  private constructor(
    sink: Sink,
    name: string,
    options: CaptureWriterOptions,
    rotation: RotationPolicy | undefined,
  ) {
    this.format = options.format ?? "pcap";
    this.snaplen = options.snaplen && options.snaplen > 0 ? options.snaplen : PCAP_MAX_SNAPLEN;
    this.precision = options.precision ?? "micro";
    const linkType = options.linkType ?? LINKTYPE_ETHERNET;
    this.#encoder = this.format === "pcapng"
      ? new PcapngEncoder(this.snaplen, linkType)
      : new PcapEncoder(this.snaplen, this.precision, linkType);
    this.#headerPending = this.format === "pcap" && options.linkType === undefined;
    this.#rotation = rotation;
    this.#onRotated = options.onRotated;
    this.#sink = sink;
    this.#name = name;
    const size = Math.max(options.bufferSize ?? DEFAULT_BUFFER, 4096);
    this.#buf = new Uint8Array(size);
    this.#view = new DataView(this.#buf.buffer);
    this.#ends = new Uint32Array(Math.ceil(size / MIN_RECORD) + 2);
    this.files.push(name);
    if (!this.#headerPending) this.#append(this.#encoder.fileHeader());
    const interval = options.flushIntervalMs ?? DEFAULT_FLUSH_MS;
    if (interval > 0) {
      const timer = setInterval(() => this.#timedFlush(), interval);
      Deno.unrefTimer(timer);
      this.#timer = timer;
    }
  }

  /**
   * Opens `path` ("-" for stdout) for writing and writes the file header (buffered).
   * Throws `CaptureFileError` when the file cannot be created.
   */
  static async open(path: string, options: CaptureWriterOptions = {}): Promise<CaptureWriter> {
    const rotation = options.rotate ? new RotationPolicy(path, options.rotate) : undefined;
    if (path === "-") {
      if (rotation?.active) {
        throw new CaptureFileError("open", "-", "cannot rotate files when writing to stdout");
      }
      return new CaptureWriter(stdoutSink, "-", options, undefined);
    }
    const name = rotation?.active ? rotation.first() : path;
    let file: Deno.FsFile;
    try {
      file = await Deno.open(name, { write: true, create: true, truncate: true });
    } catch (err) {
      throw openError(name, err);
    }
    return new CaptureWriter(
      fileSink(file),
      name,
      options,
      rotation?.active ? rotation : undefined,
    );
  }

  /** Name of the file being written. */
  get path(): string {
    return this.#name;
  }

  /** Records accepted so far. */
  get packets(): number {
    return this.#packets;
  }

  /** True once -G with -W has written its last file; `write` then returns false. */
  get finished(): boolean {
    return this.#finished;
  }

  /** pcapng: declares an interface up front and returns its id; pcap: returns 0. */
  addInterface(name: string, linkType?: number): number {
    const e = this.#encoder;
    return e instanceof PcapngEncoder ? e.addInterface(name, linkType) : 0;
  }

  /** The link type of the file (pcap), or of interfaces declared without one (pcapng). */
  get linkType(): number {
    return this.#encoder.linktype;
  }

  /**
   * Says the frames about to come start with `linkType` (LINKTYPE_*). pcap: before the first
   * record it fixes the file's link type; afterwards another type throws `CaptureFileError`
   * (a pcap file holds one; pcapng holds any number). pcapng: the default for `addInterface`.
   */
  useLinkType(linkType: number): void {
    this.#usable();
    const e = this.#encoder;
    if (e instanceof PcapngEncoder) e.linktype = linkType;
    else if (this.#headerPending) this.#writeHeader(linkType);
    else if (e.linktype !== linkType) this.#mixed(linkType);
  }

  #writeHeader(linkType: number): void {
    this.#encoder.linktype = linkType;
    this.#headerPending = false;
    this.#append(this.#encoder.fileHeader());
  }

  #mixed(linkType: number): never {
    const detail = `a pcap file holds one link type: this one is ` +
      `${linkTypeLabel(this.#encoder.linktype)}, the packet is ${linkTypeLabel(linkType)}` +
      ` (write pcapng to keep both)`;
    throw new CaptureFileError("linktype", this.#name, detail);
  }

  /**
   * Buffers one record (cut to the snaplen). Returns false, without writing, once rotation
   * has finished (-G with -W). Throws `CaptureFileError` if writing out the buffer fails.
   */
  write(rec: PacketRecord): boolean {
    this.#usable();
    if (this.#finished) return false;
    if (this.format === "pcap") {
      const linkType = rec.linkType ?? LINKTYPE_ETHERNET;
      if (this.#headerPending) this.#writeHeader(linkType);
      else if (linkType !== this.#encoder.linktype) this.#mixed(linkType);
    }
    if (this.#rotation) {
      const next = this.#rotation.next(this.#fileBytes + this.#used, rec.ts);
      if (next === null) {
        this.#finishFile();
        this.#finished = true;
        this.#stopTimer();
        this.#onRotated?.(this.#name);
        return false;
      }
      if (next !== undefined) this.#rotate(next);
    }
    const size = this.#encoder.sizeOf(rec);
    this.#reserve(size);
    this.#used = this.#encoder.encode(this.#buf, this.#view, this.#used, rec);
    this.#ends[this.#nEnds++] = this.#used;
    this.#packets++;
    return true;
  }

  /**
   * For records encoded outside the writer (file-to-file copies, src/format/copy.ts): makes
   * room for `size` more bytes in {@link buffer} and returns the offset to write them at; then
   * {@link commit}. Not with rotation. Throws as `write` does once a write has failed.
   */
  reserve(size: number): number {
    this.#usable();
    if (this.#rotation) throw new RangeError("reserve() cannot be used with rotation");
    if (this.#headerPending) this.#writeHeader(LINKTYPE_ETHERNET);
    this.#reserve(size);
    return this.#used;
  }

  /** The buffer {@link reserve} makes room in (a new one after a record larger than it). */
  get buffer(): Uint8Array {
    return this.#buf;
  }

  /** A DataView over {@link buffer}. */
  get view(): DataView {
    return this.#view;
  }

  /** Marks the bytes up to `end` in {@link buffer} as written, ending `records` whole records. */
  commit(end: number, records: number): void {
    this.#used = end;
    this.#ends[this.#nEnds++] = end;
    this.#packets += records;
  }

  /**
   * After log rotation (SIGHUP): when the file's name still names the file being written
   * (same device and inode), keeps writing to it and returns false; when it names another
   * file or nothing, finishes the file and starts a new one under that name (true).
   */
  reopen(): boolean {
    this.#usable();
    if (this.#finished || !this.#sink.isAt || this.#sink.isAt(this.#name)) return false;
    this.#drain();
    this.#switchTo(this.#name, false);
    return true;
  }

  /** Writes out everything buffered. */
  flush(): void {
    this.#usable();
    if (this.#headerPending) this.#writeHeader(LINKTYPE_ETHERNET);
    this.#drain();
  }

  /**
   * Writes the file trailer (pcapng: an Interface Statistics Block per interface, with
   * `stats` counters for the interfaces named in it), flushes and closes the file.
   * Calling it again, or after a failure already thrown, does nothing.
   */
  close(stats?: InterfaceStats): void {
    if (this.#closed) return;
    this.#stopTimer();
    if (this.#failure || this.#finished) {
      this.#closed = true;
      this.#closeSink();
      return;
    }
    try {
      this.#finishFile(stats);
    } finally {
      this.#closed = true;
    }
  }

  /** {@link close}, for `using`. */
  [Symbol.dispose](): void {
    this.close();
  }

  /** {@link close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    this.close();
    return Promise.resolve();
  }

  #usable(): void {
    if (this.#failure) throw this.#failure;
    if (this.#closed) throw new CaptureFileError("closed", this.#name, "writer is closed");
  }

  #reserve(size: number): void {
    if (this.#used + size <= this.#buf.length) return;
    this.#drain();
    if (size > this.#buf.length) {
      this.#buf = new Uint8Array(size);
      this.#view = new DataView(this.#buf.buffer);
      this.#ends = new Uint32Array(Math.ceil(size / MIN_RECORD) + 2);
    }
  }

  #append(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.#reserve(bytes.length);
    this.#buf.set(bytes, this.#used);
    this.#used += bytes.length;
    this.#ends[this.#nEnds++] = this.#used;
  }

  #finishFile(stats?: InterfaceStats): void {
    if (this.#headerPending) this.#writeHeader(LINKTYPE_ETHERNET);
    this.#append(this.#encoder.fileTrailer(stats));
    this.#drain();
    this.#closeSink();
  }

  #closeSink(): void {
    try {
      this.#sink.close();
    } catch {
      // already closed or unusable; nothing left to release
    }
  }

  #rotate(next: string): void {
    const closed = this.#name;
    // The file being written is kept, and a name written earlier in this run is appended to,
    // unless -C -W cycles (see above).
    const cycling = this.#rotation?.sizeLimit !== undefined &&
      this.#rotation.maxFiles !== undefined;
    if (!cycling && next === closed) return;
    this.#switchTo(next, !cycling && this.files.includes(next));
    this.#onRotated?.(closed);
  }

  /** Finishes the current file and continues in `next` (truncated, or appended to). */
  #switchTo(next: string, append: boolean): void {
    this.#finishFile();
    let size: number;
    try {
      ({ sink: this.#sink, size } = openFileSync(next, append));
    } catch (err) {
      this.#failure = err as CaptureFileError;
      this.#stopTimer();
      throw err;
    }
    this.#name = next;
    this.#fileBytes = size;
    this.files.push(next);
    // pcap continues the records after its header; pcapng starts a new section.
    if (this.#headerPending) return; // the first record writes it
    const header = this.#encoder.fileHeader();
    if (size === 0 || this.format === "pcapng") this.#append(header);
  }

  #drain(): void {
    let off = 0;
    try {
      while (off < this.#used) off += this.#sink.write(this.#buf.subarray(off, this.#used));
    } catch (err) {
      this.#failure = writeError(this.#name, err);
      this.#keepWholeRecords(off);
      this.#stopTimer();
      this.#closeSink();
      throw this.#failure;
    }
    this.#fileBytes += this.#used;
    this.#used = 0;
    this.#nEnds = 0;
  }

  #keepWholeRecords(written: number): void {
    let keep = 0;
    for (let i = 0; i < this.#nEnds && this.#ends[i] <= written; i++) keep = this.#ends[i];
    if (keep < written && this.#sink.truncate) {
      try {
        this.#sink.truncate(this.#fileBytes + keep);
      } catch {
        // the error being reported already says the file is incomplete
      }
    }
    this.#used = 0;
    this.#nEnds = 0;
  }

  #timedFlush(): void {
    if (this.#failure || this.#closed || this.#used === 0) return;
    try {
      this.#drain();
    } catch {
      // kept in #failure and thrown by the next write, flush or close
    }
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
