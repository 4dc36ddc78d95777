/**
 * Buffered text output: lines are joined into one string and encoded once per chunk, then
 * written in large writes.
 */

/** Something `writeSync` can go to (Deno.stdout, Deno.stderr, a Deno.FsFile). */
export interface SyncSink {
  writeSync(p: Uint8Array): number;
}

/** Characters collected before they are encoded and written. */
const CHUNK_CHARS = 1 << 15;

/** Collects lines and writes them in large chunks. */
export class LineWriter {
  readonly #buf: Uint8Array;
  readonly #enc = new TextEncoder();
  #pending = "";
  /** Set when the reader went away (EPIPE): further output is dropped. */
  closed = false;

  constructor(readonly sink: SyncSink, size = 1 << 17) {
    this.#buf = new Uint8Array(size);
  }

  /** Appends `line` and a newline. */
  line(line: string) {
    this.#pending += line + "\n";
    if (this.#pending.length >= CHUNK_CHARS) this.flush();
  }

  /** Appends `s` as it is. */
  text(s: string) {
    this.#pending += s;
    if (this.#pending.length >= CHUNK_CHARS) this.flush();
  }

  /** Writes out everything collected. */
  flush() {
    const s = this.#pending;
    if (s.length === 0) return;
    this.#pending = "";
    if (this.closed) return;
    // Worst case 3 bytes per UTF-16 unit; larger text is encoded on its own.
    if (s.length * 3 > this.#buf.length) {
      this.#writeAll(this.#enc.encode(s));
      return;
    }
    const n = this.#enc.encodeInto(s, this.#buf).written;
    this.#writeAll(this.#buf.subarray(0, n));
  }

  #writeAll(p: Uint8Array) {
    try {
      let off = 0;
      while (off < p.length) off += this.sink.writeSync(p.subarray(off));
    } catch (e) {
      if (e instanceof Deno.errors.BrokenPipe) {
        this.closed = true;
        return;
      }
      throw e;
    }
  }
}
