/** Buffered text output to a file descriptor-like sink: large writes, flushed on demand. */

/** Something `writeSync` can go to (Deno.stdout, Deno.stderr, a Deno.FsFile). */
export interface SyncSink {
  writeSync(p: Uint8Array): number;
}

/** Collects lines in one buffer and writes them in large chunks. */
export class LineWriter {
  readonly #buf: Uint8Array;
  readonly #enc = new TextEncoder();
  #used = 0;
  /** Set when the reader went away (EPIPE): further output is dropped. */
  closed = false;

  constructor(readonly sink: SyncSink, size = 1 << 16) {
    this.#buf = new Uint8Array(size);
  }

  /** Appends `line` and a newline. */
  line(line: string) {
    this.text(line);
    this.text("\n");
  }

  /** Appends `s` as it is. */
  text(s: string) {
    if (this.closed) return;
    // Worst case 3 bytes per UTF-16 unit.
    if (this.#used + s.length * 3 > this.#buf.length) {
      this.flush();
      if (s.length * 3 > this.#buf.length) {
        this.#writeAll(this.#enc.encode(s));
        return;
      }
    }
    this.#used += this.#enc.encodeInto(s, this.#buf.subarray(this.#used)).written;
  }

  /** Writes out everything buffered. */
  flush() {
    if (this.#used === 0) return;
    const n = this.#used;
    this.#used = 0;
    this.#writeAll(this.#buf.subarray(0, n));
  }

  #writeAll(p: Uint8Array) {
    if (this.closed) return;
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
