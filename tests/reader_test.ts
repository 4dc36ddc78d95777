import assert from "node:assert/strict";
import { readCapture } from "../src/format/reader.ts";
import { CaptureWriter } from "../src/format/writer.ts";
import { CaptureFileError } from "../src/format/errors.ts";
import type { PacketRecord } from "../src/packet/packet.ts";

const READER = new URL("../src/format/reader.ts", import.meta.url).href;

function frame(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set([2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 0x88, 0xb5].slice(0, size));
  for (let i = 14; i < size; i++) out[i] = (i * 31 + seed) & 255;
  return out;
}

function rec(i: number, size: number, iface = "eth0"): PacketRecord {
  const data = frame(size, i);
  return {
    ts: 1_600_000_000_000_000_000n + BigInt(i) * 333n,
    iface,
    ifindex: 0,
    len: data.length,
    caplen: data.length,
    direction: "unknown",
    data,
  };
}

const SIZES = [60, 9000, 61, 1514, 64, 3, 200, 70000, 100];

async function writeSample(path: string, format: "pcap" | "pcapng"): Promise<PacketRecord[]> {
  const recs = SIZES.map((s, i) => rec(i, s, i % 2 ? "b" : "a"));
  const w = await CaptureWriter.open(path, { format, precision: "nano", snaplen: 65535 });
  for (const r of recs) w.write(r);
  w.close();
  return recs;
}

function check(got: PacketRecord[], recs: PacketRecord[], format: "pcap" | "pcapng") {
  assert.equal(got.length, recs.length);
  got.forEach((g, i) => {
    const caplen = Math.min(recs[i].data.length, 65535);
    assert.deepEqual(g.data, recs[i].data.subarray(0, caplen), `record ${i}`);
    assert.equal(g.caplen, caplen);
    assert.equal(g.len, recs[i].data.length);
    assert.equal(g.ts, recs[i].ts);
    assert.equal(g.iface, format === "pcapng" ? recs[i].iface : "");
  });
}

/** A stream that hands out the bytes in chunks of the given sizes, cycling. */
function chunkedStream(bytes: Uint8Array, sizes: number[]): ReadableStream<Uint8Array> {
  let off = 0;
  let k = 0;
  return new ReadableStream({
    pull(ctrl) {
      if (off >= bytes.length) return ctrl.close();
      const n = sizes[k++ % sizes.length];
      ctrl.enqueue(bytes.slice(off, off + n));
      off += n;
    },
  });
}

for (const format of ["pcap", "pcapng"] as const) {
  Deno.test(`${format}: path, open file, file stream and odd-sized chunks all read the same`, async () => {
    const dir = await Deno.makeTempDir();
    const path = `${dir}/s.${format}`;
    const recs = await writeSample(path, format);
    const bytes = await Deno.readFile(path);

    const sources: [string, () => Promise<Parameters<typeof readCapture>[0]>, number?][] = [
      ["path", () => Promise.resolve(path)],
      ["path, 64-byte chunks", () => Promise.resolve(path), 64],
      ["FsFile", () => Deno.open(path)],
      ["file.readable", async () => (await Deno.open(path)).readable],
      ["1..7-byte stream chunks", () => Promise.resolve(chunkedStream(bytes, [1, 7, 3, 2, 5])), 64],
      ["big stream chunks", () => Promise.resolve(chunkedStream(bytes, [100_000]))],
    ];
    for (const [label, make, chunkSize] of sources) {
      const src = await make();
      const reader = readCapture(src, { copy: true, chunkSize });
      const got: PacketRecord[] = [];
      for await (const r of reader) got.push(r);
      assert.equal(reader.format, format, label);
      assert.equal(reader.truncated, false, label);
      check(got, recs, format);
      if (src instanceof Deno.FsFile) src.close();
    }
    await Deno.remove(dir, { recursive: true });
  });
}

Deno.test("each() hands over the records iterating yields, with the same truncation", async () => {
  const dir = await Deno.makeTempDir();
  for (const format of ["pcap", "pcapng"] as const) {
    const path = `${dir}/e.${format}`;
    const recs = await writeSample(path, format);
    const bytes = await Deno.readFile(path);
    for (const chunkSize of [undefined, 64]) {
      const got: PacketRecord[] = [];
      const reader = readCapture(path, { copy: true, chunkSize });
      await reader.each((r) => got.push(r) > 0);
      assert.equal(reader.truncated, false);
      check(got, recs, format);
    }
    // Stops when told to.
    let n = 0;
    await readCapture(path).each(() => ++n < 3);
    assert.equal(n, 3);
    // Cut short: the whole records, then the same flag and warning as iterating.
    const cut = bytes.subarray(0, bytes.length - 50);
    const iterated = readCapture(chunkedStream(cut, [333]), { name: "c" });
    let want = 0;
    for await (const _ of iterated) want++;
    const taken = readCapture(chunkedStream(cut, [333]), { name: "c" });
    let have = 0;
    await taken.each(() => ++have > 0);
    assert.equal(have, want);
    assert.equal(taken.truncated, true);
    assert.equal(taken.warning, iterated.warning);
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("records are views into the chunk buffer unless copy is asked for", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/v.pcap`;
  await writeSample(path, "pcap");
  const views: Uint8Array[] = [];
  for await (const r of readCapture(path, { chunkSize: 1 << 20 })) views.push(r.data);
  assert.ok(views.slice(1).every((v) => v.buffer === views[0].buffer), "one shared buffer");
  const copies: Uint8Array[] = [];
  for await (const r of readCapture(path, { copy: true })) copies.push(r.data);
  assert.ok(copies.every((c) => c.byteOffset === 0 && c.buffer.byteLength === c.length));
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a reader iterates once; breaking early closes the file", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/o.pcapng`;
  await writeSample(path, "pcapng");
  const reader = readCapture(path);
  for await (const _ of reader) break;
  assert.throws(
    () => reader[Symbol.asyncIterator](),
    (e: unknown) => e instanceof CaptureFileError && /only be iterated once/.test(e.message),
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("'-' reads the capture from stdin", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/in.pcapng`;
  const recs = await writeSample(path, "pcapng");
  const script = `${dir}/stdin.ts`;
  await Deno.writeTextFile(
    script,
    `import { readCapture } from "${READER}";
const reader = readCapture("-");
const out = [];
for await (const r of reader) out.push(r.iface + ":" + r.caplen);
console.log(JSON.stringify({ out, format: reader.format, truncated: reader.truncated }));
`,
  );
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", script], // reading stdin needs no permission
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const file = await Deno.open(path);
  await file.readable.pipeTo(child.stdin);
  const o = await child.output();
  assert.equal(o.code, 0, new TextDecoder().decode(o.stderr));
  const res = JSON.parse(new TextDecoder().decode(o.stdout));
  assert.equal(res.format, "pcapng");
  assert.equal(res.truncated, false);
  assert.deepEqual(res.out, recs.map((r) => `${r.iface}:${Math.min(r.data.length, 65535)}`));
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a truncated stream ends with the flag and a one-line warning naming the source", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/t.pcapng`;
  await writeSample(path, "pcapng");
  const bytes = await Deno.readFile(path);
  const reader = readCapture(chunkedStream(bytes.subarray(0, bytes.length - 200), [333]), {
    name: "capture.pcapng",
  });
  let n = 0;
  for await (const _ of reader) n++;
  assert.equal(n, SIZES.length - 1);
  assert.equal(reader.truncated, true);
  assert.match(
    reader.warning!,
    /^capture\.pcapng: truncated capture file: block cut off after \d+ bytes at offset \d+$/,
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("reading a 64 MB capture keeps memory flat", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/big.pcap`;
  const w = await CaptureWriter.open(path, { snaplen: 65535 });
  const data = frame(1500, 1);
  const r: PacketRecord = { ...rec(0, 1500), data };
  const count = 64 * 1024 * 1024 / (16 + 1500) | 0;
  for (let i = 0; i < count; i++) {
    r.ts = BigInt(i);
    w.write(r);
  }
  w.close();
  const before = Deno.memoryUsage().rss;
  let n = 0;
  let bytes = 0;
  let peak = before;
  for await (const x of readCapture(path)) {
    n++;
    bytes += x.caplen;
    if ((n & 1023) === 0) peak = Math.max(peak, Deno.memoryUsage().rss);
  }
  assert.equal(n, count);
  assert.equal(bytes, count * 1500);
  assert.ok(peak - before < 32 * 1024 * 1024, `rss grew by ${(peak - before) >> 20} MiB`);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("batches: every record, a read buffer at a time; the ones before an error come first", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/b.pcap`;
    const w = await CaptureWriter.open(path, { format: "pcap" });
    const frame = (i: number) => Uint8Array.from({ length: 60 + (i % 7) }, (_, j) => (i + j) & 255);
    for (let i = 0; i < 5000; i++) {
      w.write({
        ts: BigInt(i) * 1000n,
        iface: "",
        ifindex: 0,
        len: 60 + (i % 7),
        caplen: 60 + (i % 7),
        direction: "unknown",
        data: frame(i),
      });
    }
    w.close();
    // A small buffer: many batches, records across buffer refills, none lost or repeated.
    const sizes: number[] = [];
    let n = 0;
    for await (const batch of readCapture(path, { chunkSize: 4096 }).batches()) {
      sizes.push(batch.length);
      for (const rec of batch) assert.deepEqual(rec.data, frame(n++));
    }
    assert.equal(n, 5000);
    assert.ok(sizes.length > 50 && Math.max(...sizes) < 100, `batches ${sizes.length}`);
    // A corrupt length after 3,000 records: all 3,000 come out, then the error.
    const bytes = await Deno.readFile(path);
    let at = 24;
    for (let i = 0; i < 3000; i++) at += 16 + new DataView(bytes.buffer).getUint32(at + 8, true);
    new DataView(bytes.buffer).setUint32(at + 8, 0x7fffffff, true);
    await Deno.writeFile(path, bytes);
    let seen = 0;
    await assert.rejects(async () => {
      for await (const batch of readCapture(path).batches()) seen += batch.length;
    }, (e: unknown) => e instanceof CaptureFileError && e.kind === "corrupt");
    assert.equal(seen, 3000);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
