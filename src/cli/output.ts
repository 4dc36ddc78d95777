/**
 * Buffered line output. Text lines are joined into one string and encoded once per chunk;
 * lines made as bytes (NDJSON) are written straight into the buffer. Either way the buffer
 * goes out in large writes.
 */
import { RawcapError } from "../errors.ts";

/** Something `writeSync` can go to (Deno.stdout, Deno.stderr, a Deno.FsFile). */
export interface SyncSink {
  writeSync(p: Uint8Array): number;
}

/** Writes one line's bytes into `buf` from `at`; the index after them, or -1 if they did not fit. */
export type LineEncoder<T> = (arg: T, buf: Uint8Array, at: number) => number;

/**
 * Characters collected before they are encoded. Small: the pending text is a rope of every
 * piece its lines were built from, and the young-generation GC copies whatever of it is alive;
 * at 32K characters that rope cost ~0.15 s of scavenging per 500,000 `-v -e` lines, at 4K
 * almost nothing, while the encoder is still called only once per ~20 lines.
 */
const CHUNK_CHARS = 1 << 12;

/** Collects lines and writes them in large chunks. */
export class LineWriter {
  readonly #buf: Uint8Array;
  /** The buffer less its last byte, so a newline always fits after an encoded line. */
  readonly #lines: Uint8Array;
  /** Bytes of `#buf` waiting to be written. */
  #used = 0;
  readonly #enc = new TextEncoder();
  #pending = "";
  /** Set when the reader went away (EPIPE): further output is dropped. */
  closed = false;
  /** While set, nothing is written (lines collected meanwhile are dropped by `discard`). */
  muted = false;

  /** `name` says where the lines go in the one-line error a failed write gives. */
  constructor(readonly sink: SyncSink, size = 1 << 17, readonly name = "stdout") {
    this.#buf = new Uint8Array(size);
    this.#lines = this.#buf.subarray(0, size - 1);
  }

  /** Appends `line` and a newline. */
  line(line: string) {
    this.#pending += line + "\n";
    if (this.#pending.length >= CHUNK_CHARS) this.#settle();
  }

  /** Appends `s` as it is. */
  text(s: string) {
    this.#pending += s;
    if (this.#pending.length >= CHUNK_CHARS) this.#settle();
  }

  /**
   * Appends the line `encode(arg, ...)` writes, and a newline. False when the line does not
   * fit even in the empty buffer (nothing is appended then).
   */
  encoded<T>(encode: LineEncoder<T>, arg: T): boolean {
    if (this.#pending !== "") this.#settle();
    let end = encode(arg, this.#lines, this.#used);
    if (end < 0) {
      this.#writeOut();
      end = encode(arg, this.#lines, 0);
      if (end < 0) return false;
    }
    this.#buf[end] = 0x0a;
    this.#used = end + 1;
    if (this.#used >= this.#buf.length >> 1) this.#writeOut();
    return true;
  }

  /** Writes out everything collected. */
  flush() {
    this.#settle();
    this.#writeOut();
  }

  /** Moves the pending text into the byte buffer (or straight out when it is large). */
  #settle() {
    const s = this.#pending;
    if (s.length === 0) return;
    this.#pending = "";
    // Worst case 3 bytes per UTF-16 unit.
    if (s.length * 3 > this.#buf.length - this.#used) this.#writeOut();
    if (s.length * 3 > this.#buf.length) {
      this.#writeAll(this.#enc.encode(s));
      return;
    }
    this.#used += this.#enc.encodeInto(s, this.#buf.subarray(this.#used)).written;
  }

  #writeOut() {
    const n = this.#used;
    this.#used = 0;
    if (n > 0) this.#writeAll(this.#buf.subarray(0, n));
  }

  /** Drops what is collected and not yet written. */
  discard() {
    this.#pending = "";
    this.#used = 0;
  }

  #writeAll(p: Uint8Array) {
    if (this.closed || this.muted) return;
    try {
      let off = 0;
      while (off < p.length) off += this.sink.writeSync(p.subarray(off));
    } catch (e) {
      if (e instanceof Deno.errors.BrokenPipe) {
        this.closed = true;
        return;
      }
      // A full disk behind stdout, an I/O error: one line, not a stack trace. What was
      // collected is dropped so that closing does not try again.
      this.closed = true;
      const why = (e as Error).message.replace(/ \(os error \d+\).*$/s, "");
      throw new RawcapError(`${this.name}: write failed: ${why}`, 1, { cause: e });
    }
  }
}
