import assert from "node:assert/strict";
import { LineWriter, type SyncSink } from "../src/cli/output.ts";
import { RawcapError } from "../src/errors.ts";

/** A sink that keeps what it is given, taking at most `chunk` bytes per write. */
class Collect implements SyncSink {
  readonly writes: number[] = [];
  #parts: Uint8Array[] = [];
  constructor(readonly chunk = Infinity) {}
  writeSync(p: Uint8Array): number {
    const n = Math.min(p.length, this.chunk);
    this.#parts.push(p.slice(0, n));
    this.writes.push(n);
    return n;
  }
  get text(): string {
    return new TextDecoder().decode(new Uint8Array(this.#parts.flatMap((p) => [...p])));
  }
}

const enc = new TextEncoder();
/** Encodes `s` as one line's bytes, as encodeJson does: -1 when it does not fit. */
const encodeString = (s: string, buf: Uint8Array, at: number): number => {
  const b = enc.encode(s);
  if (at + b.length > buf.length) return -1;
  buf.set(b, at);
  return at + b.length;
};

Deno.test("LineWriter: encoded and text lines come out in order, whole, in few writes", () => {
  const sink = new Collect(1000);
  const w = new LineWriter(sink, 256);
  const want: string[] = [];
  for (let i = 0; i < 300; i++) {
    const s = `line ${i} ${"x".repeat(i % 37)} \u00e9`;
    want.push(s);
    if (i % 3 === 0) w.line(s);
    else assert.ok(w.encoded(encodeString, s));
  }
  w.flush();
  assert.equal(sink.text, want.map((s) => s + "\n").join(""));
  assert.ok(sink.writes.length < 300 / 2, `${sink.writes.length} writes`);
  w.flush();
  assert.equal(sink.text, want.map((s) => s + "\n").join(""), "a second flush adds nothing");
});

Deno.test("LineWriter: a line too long for the buffer is refused whole, the rest kept", () => {
  const sink = new Collect();
  const w = new LineWriter(sink, 64);
  assert.ok(w.encoded(encodeString, "short"));
  assert.equal(w.encoded(encodeString, "y".repeat(64)), false);
  w.line("y".repeat(200));
  assert.ok(w.encoded(encodeString, "z".repeat(63)));
  w.flush();
  assert.equal(sink.text, `short\n${"y".repeat(200)}\n${"z".repeat(63)}\n`);
});

Deno.test("LineWriter: a reader gone (EPIPE) closes it quietly; other errors are one line", () => {
  let calls = 0;
  const gone = new LineWriter({
    writeSync() {
      calls++;
      throw new Deno.errors.BrokenPipe("gone");
    },
  }, 64);
  gone.line("a");
  gone.flush();
  assert.equal(gone.closed, true);
  assert.ok(gone.encoded(encodeString, "b"));
  gone.flush();
  assert.equal(calls, 1);
  const full = new LineWriter({
    writeSync(): number {
      throw new Deno.errors.Interrupted("no space");
    },
  }, 64);
  full.line("a");
  // An expected error (the CLI prints it in one line), with the I/O error as its cause.
  assert.throws(
    () => full.flush(),
    (e) =>
      e instanceof RawcapError && e.message === "stdout: write failed: no space" &&
      e.cause instanceof Deno.errors.Interrupted,
  );
});

Deno.test("LineWriter: muted writes nothing, discard drops what was collected", () => {
  const sink = new Collect();
  const w = new LineWriter(sink, 64);
  w.line("kept");
  w.flush();
  w.muted = true;
  for (let i = 0; i < 50; i++) {
    w.line(`dropped ${i}`);
    assert.ok(w.encoded(encodeString, `dropped too ${i}`));
  }
  w.discard();
  w.muted = false;
  w.line("after");
  w.flush();
  assert.equal(sink.text, "kept\nafter\n");
});
