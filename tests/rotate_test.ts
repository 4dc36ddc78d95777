import assert from "node:assert/strict";
import { numberedFileName, RotationPolicy, strftime, suffixWidth } from "../src/format/rotate.ts";
import { CaptureWriter } from "../src/format/writer.ts";
import { readCapture } from "../src/format/reader.ts";
import type { PacketRecord } from "../src/packet/packet.ts";
import { hasTool } from "./helpers/tools.ts";

const HAVE_TSHARK = hasTool("tshark");
const HAVE_DATE = hasTool("date");
if (!HAVE_TSHARK) console.log("tshark missing: oracle tests ignored");
if (!HAVE_DATE) console.log("date missing: strftime oracle tests ignored");

async function run(
  cmd: string,
  args: string[],
): Promise<{ code: number; out: string; err: string }> {
  const o = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  const dec = new TextDecoder();
  return { code: o.code, out: dec.decode(o.stdout), err: dec.decode(o.stderr) };
}

/** The `date` command's rendering of `fmt` at `sec` seconds since the epoch. */
async function dateFormat(sec: number, fmt: string): Promise<string> {
  const r = await run("date", ["-d", `@${sec}`, `+${fmt}`]);
  assert.equal(r.code, 0, r.err);
  return r.out.replace(/\n$/, "");
}

async function tsharkRows(path: string, fields: string[]): Promise<string[][]> {
  const args = ["-r", path, "-T", "fields", "-E", "separator=/t"];
  for (const f of fields) args.push("-e", f);
  const r = await run("tshark", args);
  assert.equal(r.code, 0, r.err);
  return r.out.split("\n").filter((l) => l !== "").map((l) => l.split("\t"));
}

const SEC = 1_000_000_000n;
const T0 = 1_700_000_000n * SEC;

function rec(i: number, ts: bigint, size = 1000, iface = ""): PacketRecord {
  const data = new Uint8Array(size);
  data.set([2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 0x88, 0xb5]);
  new DataView(data.buffer).setUint32(14, i);
  return { ts, iface, ifindex: 0, len: size, caplen: size, direction: "unknown", data };
}

function idOf(r: PacketRecord): number {
  return new DataView(r.data.buffer, r.data.byteOffset).getUint32(14);
}

async function ids(path: string): Promise<number[]> {
  const out: number[] = [];
  const reader = readCapture(path);
  for await (const r of reader) out.push(idOf(r));
  assert.equal(reader.truncated, false);
  return out;
}

async function listDir(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) names.push(e.name);
  return names.sort();
}

Deno.test({
  name: "strftime expands fields like the date command (local time)",
  ignore: !HAVE_DATE,
  async fn() {
    const fmt = "%Y-%m-%d %H:%M:%S|%y|%j|%e|%s|%a|%b|%F|%T|%%|%Q";
    for (const sec of [0, 1_700_000_000, 1_709_251_199, 1_735_689_600, 951_782_400]) {
      assert.equal(strftime(fmt, new Date(sec * 1000)), await dateFormat(sec, fmt), `at ${sec}`);
    }
  },
});

Deno.test("-W width and numbered names follow tcpdump's MakeFilename", () => {
  assert.deepEqual([1, 2, 10, 11, 100, 101].map(suffixWidth), [0, 1, 1, 2, 2, 3]);
  assert.equal(numberedFileName("f.pcap", 0, 0), "f.pcap");
  assert.equal(numberedFileName("f.pcap", 3, 0), "f.pcap3");
  assert.equal(numberedFileName("f.pcap", 0, 1), "f.pcap0");
  assert.equal(numberedFileName("f.pcap", 7, 2), "f.pcap07");
});

Deno.test("policy: -C rotates only once the file is larger than the limit", () => {
  const p = new RotationPolicy("out", { fileSizeMB: 1 });
  assert.equal(p.first(), "out");
  assert.equal(p.next(1_000_000, 0n), undefined);
  assert.equal(p.next(1_000_001, 0n), "out1");
  assert.equal(p.next(5, 0n), undefined);
  assert.equal(p.next(2_000_000, 0n), "out2");
  const w = new RotationPolicy("out", { fileSizeMB: 1, maxFiles: 3 });
  assert.deepEqual([w.first(), ...[1, 2, 3, 4].map(() => w.next(2e6, 0n))], [
    "out0",
    "out1",
    "out2",
    "out0",
    "out1",
  ]);
});

Deno.test("policy: -G with -C restarts the -C count in each time slice; -W stops -G", () => {
  const p = new RotationPolicy("x-%s-", { seconds: 10, fileSizeMB: 1, maxFiles: 2 });
  assert.equal(p.first(T0), "x-1700000000-0");
  assert.equal(p.next(10, T0 + 5n * SEC), undefined);
  assert.equal(p.next(2e6, T0 + 6n * SEC), "x-1700000000-1");
  assert.equal(p.next(2e6, T0 + 7n * SEC), "x-1700000000-0");
  assert.equal(p.next(2e6, T0 + 15n * SEC), "x-1700000015-0");
  assert.equal(p.next(2e6, T0 + 40n * SEC), null);
});

Deno.test({
  name: "-C: new file after the size limit, named file, file1, file2..., each readable",
  ignore: !HAVE_TSHARK,
  async fn() {
    const dir = await Deno.makeTempDir();
    const base = `${dir}/out.pcap`;
    const w = await CaptureWriter.open(base, { rotate: { fileSizeMB: 0.01 } });
    for (let i = 0; i < 95; i++) w.write(rec(i, T0 + BigInt(i)));
    w.close();
    const expected = ["out.pcap", ...Array.from({ length: 9 }, (_, i) => `out.pcap${i + 1}`)];
    assert.deepEqual(await listDir(dir), [...expected].sort());
    assert.deepEqual(w.files, expected.map((n) => `${dir}/${n}`));
    let next = 0;
    for (const name of expected) {
      const path = `${dir}/${name}`;
      const want = Array.from({ length: Math.min(10, 95 - next) }, (_, k) => next + k);
      assert.deepEqual(await ids(path), want, name);
      assert.equal((await tsharkRows(path, ["frame.number"])).length, want.length, name);
      const size = (await Deno.stat(path)).size;
      assert.ok(size - 1016 <= 10_000, `${name} is ${size} bytes`);
      next += want.length;
    }
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test("-C with -W: names cycle file0..fileN-1, keeping the newest records", async () => {
  const dir = await Deno.makeTempDir();
  const base = `${dir}/ring.pcap`;
  const w = await CaptureWriter.open(base, { rotate: { fileSizeMB: 0.01, maxFiles: 3 } });
  for (let i = 0; i < 100; i++) w.write(rec(i, T0 + BigInt(i)));
  w.close();
  assert.deepEqual(await listDir(dir), ["ring.pcap0", "ring.pcap1", "ring.pcap2"]);
  assert.equal(w.files.length, 10);
  assert.deepEqual(await ids(`${base}0`), Array.from({ length: 10 }, (_, k) => 90 + k));
  assert.deepEqual(await ids(`${base}2`), Array.from({ length: 10 }, (_, k) => 80 + k));
  assert.deepEqual(await ids(`${base}1`), Array.from({ length: 10 }, (_, k) => 70 + k));
  await Deno.remove(dir, { recursive: true });
});

const G_TIMES = [0n, SEC / 2n, 1_900_000_000n, 2n * SEC, 3n * SEC, 4_500_000_000n, 9n * SEC];

Deno.test({
  name: "-G: new file per time slice, strftime name from the slice's start, each readable",
  ignore: !HAVE_TSHARK || !HAVE_DATE,
  async fn() {
    const dir = await Deno.makeTempDir();
    const template = `${dir}/cap-%Y%m%d-%H%M%S.pcapng`;
    const opened = Math.floor(Date.now() / 1000);
    const w = await CaptureWriter.open(template, { format: "pcapng", rotate: { seconds: 2 } });
    G_TIMES.forEach((t, i) => w.write(rec(i, T0 + t, 100, i % 2 ? "b" : "a")));
    w.close();
    assert.equal(w.files.length, 4);
    const firstChoices = [
      await dateFormat(opened, template),
      await dateFormat(opened + 1, template),
    ];
    assert.ok(firstChoices.includes(w.files[0]), `${w.files[0]} not in ${firstChoices}`);
    const later = [];
    for (const s of [1_700_000_002, 1_700_000_004, 1_700_000_009]) {
      later.push(await dateFormat(s, template));
    }
    assert.deepEqual(w.files.slice(1), later);
    const groups = [[0, 1, 2], [3, 4], [5], [6]];
    for (let f = 0; f < 4; f++) {
      assert.deepEqual(await ids(w.files[f]), groups[f], w.files[f]);
      const rows = await tsharkRows(w.files[f], ["frame.interface_name"]);
      assert.deepEqual(rows.map((r) => r[0]), groups[f].map((i) => (i % 2 ? "b" : "a")));
    }
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test("-G with -W: stops after N files, write() then returns false", async () => {
  const dir = await Deno.makeTempDir();
  const template = `${dir}/g-%s.pcap`;
  const w = await CaptureWriter.open(template, { rotate: { seconds: 2, maxFiles: 2 } });
  const accepted = G_TIMES.map((t, i) => w.write(rec(i, T0 + t)));
  assert.deepEqual(accepted, [true, true, true, true, true, false, false]);
  assert.equal(w.finished, true);
  w.close();
  assert.equal(w.files.length, 2);
  assert.equal(w.files[1], `${dir}/g-1700000002.pcap`);
  assert.deepEqual(await ids(w.files[0]), [0, 1, 2]);
  assert.deepEqual(await ids(w.files[1]), [3, 4]);
  assert.equal((await listDir(dir)).length, 2);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a rotation that cannot open its next file fails once, clearly, and stays failed", async () => {
  const dir = await Deno.makeTempDir();
  const sub = `${dir}/gone`;
  await Deno.mkdir(sub);
  const w = await CaptureWriter.open(`${sub}/out.pcap`, { rotate: { fileSizeMB: 0.001 } });
  w.write(rec(0, T0));
  w.flush();
  await Deno.remove(sub, { recursive: true });
  let err: unknown;
  try {
    for (let i = 1; i < 10; i++) w.write(rec(i, T0));
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof Error && err.name === "CaptureFileError", String(err));
  assert.match(err.message, new RegExp(`^${sub}/out.pcap1: cannot open for writing: No such file`));
  assert.throws(() => w.write(rec(11, T0)), (e: unknown) => e === err);
  w.close();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("policy: -G measures each slice from its own start, not from the first slice", () => {
  // Guards `#sliceStart = tsNs` at each -G rotation: without it every record after the first
  // slice would start a new file.
  const p = new RotationPolicy("g-%s", { seconds: 10 });
  assert.equal(p.first(T0), "g-1700000000");
  assert.equal(p.next(0, T0), undefined);
  assert.equal(p.next(0, T0 + 9_999_999_999n), undefined); // one nanosecond short of a slice
  assert.equal(p.next(0, T0 + 10n * SEC), "g-1700000010");
  assert.equal(p.next(0, T0 + 11n * SEC), undefined);
  assert.equal(p.next(0, T0 + 19_999_999_999n), undefined);
  assert.equal(p.next(0, T0 + 20n * SEC), "g-1700000020");
});

Deno.test("policy: -C with -W 1 keeps rewriting one file; -W 0 is no limit", () => {
  // Guards `maxFiles > 0` and the -W wrap at exactly N files: -W 1 is a limit of one file.
  const one = new RotationPolicy("c", { fileSizeMB: 1, maxFiles: 1 });
  assert.deepEqual([one.first(), one.next(2e6, 0n), one.next(2e6, 0n)], ["c", "c", "c"]);
  const none = new RotationPolicy("c", { fileSizeMB: 1, maxFiles: 0 });
  assert.deepEqual([none.first(), none.next(2e6, 0n), none.next(2e6, 0n)], ["c", "c1", "c2"]);
  // -G with -W 1: one slice, then the end.
  const g = new RotationPolicy("g", { seconds: 1, maxFiles: 1 });
  g.first(T0);
  assert.equal(g.next(0, T0), undefined);
  assert.equal(g.next(0, T0 + SEC), null);
});

Deno.test("policy: first() starts over (a reopened capture counts its files again)", () => {
  // Guards the resets in first(): count, slices and the slice start.
  const p = new RotationPolicy("r-%s-", { seconds: 10, fileSizeMB: 1, maxFiles: 2 });
  p.first(T0);
  p.next(0, T0);
  assert.equal(p.next(2e6, T0 + SEC), "r-1700000000-1");
  assert.equal(p.next(0, T0 + 10n * SEC), "r-1700000010-0");
  assert.equal(p.first(T0 + 100n * SEC), "r-1700000100-0");
  assert.equal(p.next(0, T0 + 100n * SEC), undefined); // the slice starts again here
  assert.equal(p.next(0, T0 + 105n * SEC), undefined);
  assert.equal(p.next(2e6, T0 + 106n * SEC), "r-1700000100-1");
  assert.equal(p.next(0, T0 + 110n * SEC), "r-1700000110-0"); // a second slice is allowed again
  const c = new RotationPolicy("c", { fileSizeMB: 1 });
  assert.deepEqual([c.first(), c.next(2e6, 0n), c.first(), c.next(2e6, 0n)], [
    "c",
    "c1",
    "c",
    "c1",
  ]);
});
