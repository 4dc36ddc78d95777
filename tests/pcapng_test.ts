import assert from "node:assert/strict";
import {
  directionToEpbFlags,
  encodeEpbHeader,
  encodeEpbTrailer,
  epbFlagsToDirection,
  epbLength,
  tsresolToNs,
} from "../src/format/pcapng.ts";
import { CaptureWriter } from "../src/format/writer.ts";
import { readCapture } from "../src/format/reader.ts";
import { CaptureFileError } from "../src/format/errors.ts";
import type { Direction, PacketRecord } from "../src/packet/packet.ts";
import { hasTool } from "./helpers/tools.ts";

const HAVE_TSHARK = hasTool("tshark");
const HAVE_WIRESHARK_TOOLS = HAVE_TSHARK && hasTool("editcap") && hasTool("capinfos");
const HAVE_TCPDUMP = hasTool("tcpdump");
if (!HAVE_TSHARK) console.log("tshark missing: oracle tests ignored");
if (!HAVE_WIRESHARK_TOOLS) console.log("editcap/capinfos missing: their tests ignored");
if (!HAVE_TCPDUMP) console.log("tcpdump missing: tcpdump tests ignored");

/** Ethernet [+ tags] + IPv4 + UDP + payload; tags are [tpid, vid], outermost first. */
function frame(payloadLen: number, tags: [number, number][] = [], seed = 0): Uint8Array {
  const tagBytes = tags.flatMap((
    [tpid, vid],
  ) => [tpid >> 8, tpid & 255, (vid >> 8) & 15, vid & 255]);
  const ipLen = 28 + payloadLen;
  const out = new Uint8Array(14 + tagBytes.length + ipLen);
  out.set([2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2]);
  out.set(tagBytes, 12);
  let o = 12 + tagBytes.length;
  out.set([0x08, 0x00, 0x45, 0, ipLen >> 8, ipLen & 255, 0, 1, 0, 0, 64, 17, 0, 0], o);
  out.set([
    10,
    0,
    0,
    1,
    10,
    0,
    0,
    2,
    0x30,
    0x39,
    0,
    53,
    (8 + payloadLen) >> 8,
    (8 + payloadLen) & 255,
    0,
    0,
  ], o + 14);
  o += 30;
  for (let i = 0; i < payloadLen; i++) out[o + i] = (i * 7 + seed) & 255;
  return out;
}

function rec(
  ts: bigint,
  data: Uint8Array,
  iface = "",
  direction: Direction = "unknown",
): PacketRecord {
  return { ts, iface, ifindex: 0, len: data.length, caplen: data.length, direction, data };
}

async function run(
  cmd: string,
  args: string[],
): Promise<{ code: number; out: string; err: string }> {
  const o = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  const dec = new TextDecoder();
  return { code: o.code, out: dec.decode(o.stdout), err: dec.decode(o.stderr) };
}

async function tsharkFields(file: string, fields: string[]): Promise<string[][]> {
  const args = ["-r", file, "-T", "fields", "-E", "separator=/t"];
  for (const f of fields) args.push("-e", f);
  const r = await run("tshark", args);
  assert.equal(r.code, 0, r.err);
  return r.out.split("\n").filter((l) => l !== "").map((l) => l.split("\t"));
}

function epochToNs(s: string): bigint {
  const [sec, frac = ""] = s.split(".");
  return BigInt(sec) * 1_000_000_000n + BigInt(frac.padEnd(9, "0").slice(0, 9));
}

async function collect(path: string): Promise<PacketRecord[]> {
  const out: PacketRecord[] = [];
  for await (const r of readCapture(path, { copy: true })) out.push(r);
  return out;
}

const T0 = 1_700_000_000_123_456_789n;

function twoInterfaceRecords(): PacketRecord[] {
  return [
    rec(T0, frame(10), "eth0", "host"),
    rec(T0 + 7n, frame(20, [[0x8100, 100]], 1), "wlan0", "out"),
    rec(T0 + 1_000_000_001n, frame(30, [[0x88a8, 200]], 2), "eth0", "broadcast"),
    rec(T0 + 2_000_000_003n, frame(300, [[0x88a8, 300], [0x8100, 42]], 3), "wlan0", "unknown"),
    rec(T0 + 3_000_000_005n, frame(40, [], 4), "eth0", "multicast"),
  ];
}

// ---- a hand-written pcapng builder, independent of the encoder under test ----

class Bytes {
  parts: number[] = [];
  constructor(readonly le: boolean) {}
  u8(n: number) {
    this.parts.push(n & 255);
  }
  u16(n: number) {
    if (this.le) this.parts.push(n & 255, n >>> 8);
    else this.parts.push(n >>> 8, n & 255);
  }
  u32(n: number) {
    const b = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
    this.parts.push(...(this.le ? b.reverse() : b));
  }
  raw(b: ArrayLike<number>) {
    this.parts.push(...Array.from(b));
  }
  pad() {
    while (this.parts.length % 4) this.parts.push(0);
  }
}

type Opt = [number, (b: Bytes) => void];

function block(le: boolean, type: number, body: (b: Bytes) => void, opts: Opt[] = []): number[] {
  const b = new Bytes(le);
  body(b);
  b.pad();
  for (const [code, value] of opts) {
    const v = new Bytes(le);
    value(v);
    b.u16(code);
    b.u16(v.parts.length);
    b.raw(v.parts);
    b.pad();
  }
  if (opts.length) b.u32(0);
  const out = new Bytes(le);
  out.u32(type);
  out.u32(b.parts.length + 12);
  out.raw(b.parts);
  out.u32(b.parts.length + 12);
  return out.parts;
}

const shb = (le: boolean) =>
  block(le, 0x0a0d0d0a, (b) => {
    b.u32(0x1a2b3c4d);
    b.u16(1);
    b.u16(0);
    b.u32(0xffffffff);
    b.u32(0xffffffff);
  });
const idb = (
  le: boolean,
  name: string | null,
  tsresol: number | null,
  linktype = 1,
  snaplen = 0,
) => {
  const opts: Opt[] = [];
  if (name !== null) opts.push([2, (v) => v.raw(new TextEncoder().encode(name))]);
  if (tsresol !== null) opts.push([9, (v) => v.u8(tsresol)]);
  return block(le, 1, (b) => {
    b.u16(linktype);
    b.u16(0);
    b.u32(snaplen);
  }, opts);
};
const epb = (le: boolean, ifid: number, ticks: bigint, data: Uint8Array, flags?: number) =>
  block(le, 6, (b) => {
    b.u32(ifid);
    b.u32(Number(ticks >> 32n));
    b.u32(Number(ticks & 0xffffffffn));
    b.u32(data.length);
    b.u32(data.length + 4);
    b.raw(data);
  }, flags === undefined ? [] : [[2, (v) => v.u32(flags)]]);
const spb = (le: boolean, data: Uint8Array, origlen: number) =>
  block(le, 3, (b) => {
    b.u32(origlen);
    b.raw(data);
  });
const opb = (le: boolean, ifid: number, ticks: bigint, data: Uint8Array, flags: number) =>
  block(le, 2, (b) => {
    b.u16(ifid);
    b.u16(0);
    b.u32(Number(ticks >> 32n));
    b.u32(Number(ticks & 0xffffffffn));
    b.u32(data.length);
    b.u32(data.length);
    b.raw(data);
  }, [[2, (v) => v.u32(flags)]]);

/** Walks the blocks of a little-endian pcapng file: [type, body view]. */
function walkBlocks(bytes: Uint8Array): [number, DataView][] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: [number, DataView][] = [];
  for (let off = 0; off < bytes.length;) {
    const len = v.getUint32(off + 4, true);
    out.push([v.getUint32(off, true), new DataView(bytes.buffer, bytes.byteOffset + off, len)]);
    off += len;
  }
  return out;
}

function isbOptions(block: DataView): Map<number, bigint> {
  const opts = new Map<number, bigint>();
  for (let off = 20; off < block.byteLength - 4;) {
    const code = block.getUint16(off, true);
    const len = block.getUint16(off + 2, true);
    if (code === 0) break;
    const hi = BigInt(block.getUint32(off + 4, true));
    const lo = BigInt(block.getUint32(off + 8, true));
    opts.set(code, code <= 3 ? (hi << 32n) | lo : (lo << 32n) | hi);
    off += 4 + ((len + 3) & ~3);
  }
  return opts;
}

// ---- tests ----

Deno.test("EPB header and trailer encoders frame the data for a zero-copy writer", () => {
  const data = frame(3);
  const total = epbLength(data.length, true);
  assert.equal(total % 4, 0);
  const buf = new Uint8Array(total);
  const view = new DataView(buf.buffer);
  const at = encodeEpbHeader(view, 0, total, 3, T0, data.length, 1500);
  buf.set(data, at);
  const end = encodeEpbTrailer(view, at + data.length, data.length, total, 0x1);
  assert.equal(end, total);
  assert.equal(view.getUint32(0, true), 6);
  assert.equal(view.getUint32(4, true), total);
  assert.equal(view.getUint32(total - 4, true), total);
  assert.equal(view.getUint32(8, true), 3);
  assert.equal((BigInt(view.getUint32(12, true)) << 32n) | BigInt(view.getUint32(16, true)), T0);
  assert.equal(view.getUint32(24, true), 1500);
  assert.equal(epbLength(data.length, false), total - 12);
});

Deno.test("direction <-> epb_flags mapping round-trips every known direction", () => {
  for (const d of ["host", "broadcast", "multicast", "otherhost", "out"] as const) {
    assert.equal(epbFlagsToDirection(directionToEpbFlags(d)!), d);
  }
  assert.equal(directionToEpbFlags("unknown"), undefined);
  assert.equal(epbFlagsToDirection(0), "unknown");
  assert.equal(epbFlagsToDirection(1), "host");
});

Deno.test("if_tsresol: powers of 10 and of 2, and if_tsoffset", () => {
  assert.equal(tsresolToNs(6)(1_500_000n), 1_500_000_000n);
  assert.equal(tsresolToNs(9)(12345n), 12345n);
  assert.equal(tsresolToNs(12)(12_345_678n), 12_345n);
  assert.equal(tsresolToNs(0x80 | 10)(1024n * 3n + 512n), 3_500_000_000n);
  assert.equal(tsresolToNs(0, 10n)(1n), 11_000_000_000n);
});

Deno.test({
  name: "pcapng with two interfaces: tshark sees names, times, VLANs, flags, snaplen",
  ignore: !HAVE_TSHARK,
  async fn() {
    const dir = await Deno.makeTempDir();
    const path = `${dir}/two.pcapng`;
    const recs = twoInterfaceRecords();
    const w = await CaptureWriter.open(path, { format: "pcapng", snaplen: 128 });
    for (const r of recs) w.write(r);
    w.close(new Map([["eth0", { received: 1000, dropped: 7 }]]));

    const rows = await tsharkFields(path, [
      "frame.interface_name",
      "frame.time_epoch",
      "frame.len",
      "frame.cap_len",
      "frame.packet_flags_direction",
      "eth.type",
      "vlan.id",
      "ieee8021ad.id",
    ]);
    assert.equal(rows.length, recs.length);
    rows.forEach((row, i) => {
      assert.equal(row[0], recs[i].iface);
      assert.equal(epochToNs(row[1]), recs[i].ts);
      assert.equal(Number(row[2]), recs[i].data.length);
      assert.equal(Number(row[3]), Math.min(128, recs[i].data.length));
    });
    assert.deepEqual(rows.map((r) => r[4]), [
      "0x00000001",
      "0x00000002",
      "0x00000001",
      "",
      "0x00000001",
    ]);
    assert.deepEqual(rows.map((r) => r[5]), ["0x0800", "0x8100", "0x88a8", "0x88a8", "0x0800"]);
    assert.deepEqual(rows.map((r) => r[6]), ["", "100", "", "42", ""]);
    assert.deepEqual(rows.map((r) => r[7]), ["", "", "200", "300", ""]);

    if (HAVE_TCPDUMP) {
      const td = await run("tcpdump", ["-r", path, "-nn"]);
      assert.equal(td.code, 0, td.err);
      assert.equal(td.out.trim().split("\n").length, recs.length);
    }
    if (HAVE_WIRESHARK_TOOLS) {
      const ci = await run("capinfos", ["-I", path]);
      assert.equal(ci.code, 0, ci.err);
      assert.match(ci.out, /Number of interfaces in file: 2/);
      assert.match(ci.out, /Name = eth0[\s\S]*Number of stat entries = 1[\s\S]*Name = wlan0/);
      assert.equal(ci.out.match(/Number of stat entries = 1/g)?.length, 2);
    }

    const blocks = walkBlocks(await Deno.readFile(path));
    const isbs = blocks.filter(([t]) => t === 5).map(([, v]) => v);
    assert.equal(isbs.length, 2);
    const eth0 = isbOptions(isbs.find((v) => v.getUint32(8, true) === 0)!);
    assert.equal(eth0.get(2), recs[0].ts);
    assert.equal(eth0.get(3), recs[4].ts);
    assert.equal(eth0.get(4), 1000n);
    assert.equal(eth0.get(5), 7n);
    const wlan0 = isbOptions(isbs.find((v) => v.getUint32(8, true) === 1)!);
    assert.equal(wlan0.get(2), recs[1].ts);
    assert.equal(wlan0.get(3), recs[3].ts);
    assert.equal(wlan0.has(4), false);

    const back = await collect(path);
    assert.deepEqual(back.map((b) => [b.iface, b.ifindex, b.direction]), [
      ["eth0", 0, "host"],
      ["wlan0", 1, "out"],
      ["eth0", 0, "broadcast"],
      ["wlan0", 1, "unknown"],
      ["eth0", 0, "multicast"],
    ]);
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test({
  name: "pcapng addInterface declares interfaces up front, ids in declaration order",
  ignore: !HAVE_WIRESHARK_TOOLS,
  async fn() {
    const dir = await Deno.makeTempDir();
    const path = `${dir}/ifs.pcapng`;
    const w = await CaptureWriter.open(path, { format: "pcapng" });
    assert.equal(w.addInterface("a"), 0);
    assert.equal(w.addInterface("b"), 1);
    assert.equal(w.addInterface("a"), 0);
    w.write(rec(T0, frame(5), "b"));
    w.write(rec(T0 + 1n, frame(5), "c"));
    w.close();
    const ci = await run("capinfos", ["-I", path]);
    assert.match(ci.out, /Number of interfaces in file: 3/);
    const rows = await tsharkFields(path, ["frame.interface_id", "frame.interface_name"]);
    assert.deepEqual(rows, [["1", "b"], ["2", "c"]]);
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test({
  name: "pcapng written by editcap, tshark and read through tcpdump comes back frame for frame",
  ignore: !HAVE_WIRESHARK_TOOLS || !HAVE_TCPDUMP,
  async fn() {
    const dir = await Deno.makeTempDir();
    const recs = twoInterfaceRecords();
    const pcap = `${dir}/src.pcap`;
    const w = await CaptureWriter.open(pcap, { format: "pcap", precision: "nano" });
    for (const r of recs) w.write(r);
    w.close();
    const editcapOut = `${dir}/editcap.pcapng`;
    let r = await run("editcap", ["-F", "pcapng", pcap, editcapOut]);
    assert.equal(r.code, 0, r.err);
    const tsharkOut = `${dir}/tshark.pcapng`;
    r = await run("tshark", ["-r", pcap, "-F", "pcapng", "-w", tsharkOut]);
    assert.equal(r.code, 0, r.err);
    for (const file of [editcapOut, tsharkOut]) {
      const got = await collect(file);
      assert.equal(got.length, recs.length, file);
      got.forEach((g, i) => {
        assert.deepEqual(g.data, recs[i].data, `${file} frame ${i}`);
        assert.equal(g.ts, recs[i].ts, `${file} frame ${i} ts`);
        assert.equal(g.ifindex, 0);
      });
    }
    const ours = `${dir}/ours.pcapng`;
    const w2 = await CaptureWriter.open(ours, { format: "pcapng" });
    for (const rr of recs) w2.write(rr);
    w2.close();
    const tdOut = `${dir}/tcpdump.pcap`;
    r = await run("tcpdump", ["-r", ours, "-w", tdOut]);
    assert.equal(r.code, 0, r.err);
    const got = await collect(tdOut);
    assert.deepEqual(got.map((g) => g.data), recs.map((x) => x.data));
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test({
  name: "hand-built pcapng: both byte orders, two sections, SPB, OPB, unknown blocks, tsresol",
  ignore: !HAVE_TSHARK,
  async fn() {
    const dir = await Deno.makeTempDir();
    const path = `${dir}/mixed.pcapng`;
    const f = [
      frame(10, [], 1),
      frame(11, [], 2),
      frame(12, [], 3),
      frame(13, [], 4),
      frame(14, [], 5),
    ];
    const bytes = Uint8Array.from([
      ...shb(false),
      ...idb(false, "wan0", null, 1, 40),
      ...epb(false, 0, 1_700_000_000_654_321n, f[0], 0x1 | (3 << 2)),
      ...block(false, 0x0bad, (b) => b.u32(0xdeadbeef)),
      ...spb(false, f[1].subarray(0, 40), f[1].length),
      ...shb(true),
      ...idb(true, null, 9),
      ...idb(true, "p2", 0x80 | 20),
      ...epb(true, 1, 1_700_000_001n * 1048576n + 524288n, f[2]),
      ...opb(true, 1, 1_700_000_002n * 1048576n + 3n * 2048n, f[3], 0x2),
      ...epb(true, 0, 1_700_000_003_000_000_042n, f[4], 0x1),
    ]);
    await Deno.writeFile(path, bytes);
    // tshark 4.0 lists the unknown block as an empty frame and names interfaces of later
    // sections by their first-section ids: compare packets only, and names in section 1.
    const rows =
      (await tsharkFields(path, ["frame.time_epoch", "frame.interface_name", "frame.cap_len"]))
        .filter((r) => r[2] !== "0");
    const got = await collect(path);
    assert.equal(rows.length, 5);
    assert.equal(got.length, 5);
    assert.deepEqual(got.map((g) => g.iface), ["wan0", "wan0", "p2", "p2", ""]);
    assert.deepEqual(got.map((g) => g.ifindex), [0, 0, 1, 1, 0]);
    assert.deepEqual(got.map((g) => g.direction), [
      "broadcast",
      "unknown",
      "unknown",
      "out",
      "host",
    ]);
    assert.deepEqual(got.map((g) => g.caplen), rows.map((r) => Number(r[2])));
    assert.deepEqual(got.slice(0, 2).map((g) => g.iface), rows.slice(0, 2).map((r) => r[1]));
    assert.deepEqual(got[1].data, f[1].subarray(0, 40));
    assert.equal(got[1].len, f[1].length);
    for (const i of [0, 2, 3, 4]) {
      assert.equal(got[i].ts, epochToNs(rows[i][0]), `frame ${i} ts`);
      assert.deepEqual(got[i].data, f[i]);
    }
    assert.equal(got[0].ts, 1_700_000_000_654_321_000n);
    assert.equal(got[2].ts, 1_700_000_001_500_000_000n);
    assert.equal(got[4].ts, 1_700_000_003_000_000_042n);
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test("pcapng cut every 4 bytes: whole blocks come out, then the truncation flag", async () => {
  const dir = await Deno.makeTempDir();
  const full = `${dir}/full.pcapng`;
  const recs = twoInterfaceRecords();
  const w = await CaptureWriter.open(full, { format: "pcapng" });
  for (const r of recs) w.write(r);
  w.close();
  const bytes = await Deno.readFile(full);
  const blocks = walkBlocks(bytes);
  const ends: number[] = [];
  const packetEnds: number[] = [];
  let off = 0;
  for (const [type, v] of blocks) {
    off += v.byteLength;
    ends.push(off);
    if (type === 6) packetEnds.push(off);
  }
  for (let cut = 4; cut <= bytes.length; cut += 4) {
    const path = `${dir}/cut.pcapng`;
    await Deno.writeFile(path, bytes.subarray(0, cut));
    const reader = readCapture(path, { chunkSize: 64 });
    const got: Uint8Array[] = [];
    for await (const r of reader) got.push(r.data.slice());
    assert.equal(got.length, packetEnds.filter((e) => e <= cut).length, `cut ${cut}`);
    got.forEach((d, i) => assert.deepEqual(d, recs[i].data));
    assert.equal(reader.truncated, !ends.includes(cut), `cut ${cut}`);
  }
  await Deno.remove(dir, { recursive: true });
});

async function expectError(bytes: number[], re: RegExp, kind: string): Promise<number> {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/bad.pcapng`;
  await Deno.writeFile(path, Uint8Array.from(bytes));
  let n = 0;
  await assert.rejects(async () => {
    for await (const _ of readCapture(path)) n++;
  }, (e: unknown) => {
    assert.ok(e instanceof CaptureFileError, String(e));
    assert.equal(e.kind, kind);
    assert.match(e.message, re);
    assert.ok(e.message.startsWith(`${path}: `));
    assert.ok(!e.message.includes("\n"));
    return true;
  });
  await Deno.remove(dir, { recursive: true });
  return n;
}

Deno.test("pcapng corrupt block lengths are reported with the block's offset", async () => {
  const head = [...shb(true), ...idb(true, "x", 9)];
  const good = epb(true, 0, 1n, frame(4));
  const at = head.length + good.length;

  const odd = epb(true, 0, 2n, frame(5));
  odd[4] = 13;
  assert.equal(
    await expectError(
      [...head, ...good, ...odd],
      new RegExp(`corrupt block length 13 at offset ${at}$`),
      "corrupt",
    ),
    1,
  );

  const tiny = epb(true, 0, 2n, frame(5));
  tiny.splice(4, 4, 8, 0, 0, 0);
  await expectError(
    [...head, ...tiny],
    new RegExp(`corrupt block length 8 at offset ${head.length}$`),
    "corrupt",
  );

  const mismatch = epb(true, 0, 2n, frame(5));
  mismatch[mismatch.length - 4] += 4;
  await expectError(
    [...head, ...good, ...mismatch],
    new RegExp(`trailing length .* at offset ${at}$`),
    "corrupt",
  );

  const huge = epb(true, 0, 2n, frame(5));
  huge.splice(4, 4, 0, 0, 0, 0x40);
  await expectError([...head, ...huge], /corrupt block length 1073741824/, "corrupt");

  const caplen = epb(true, 0, 2n, frame(5));
  caplen[20] = 250;
  await expectError([...head, ...caplen], /captured length 250 exceeds block length/, "corrupt");
});

Deno.test("pcapng bad headers, link types and interface ids fail clearly", async () => {
  const badBom = shb(true);
  badBom.splice(8, 4, 1, 2, 3, 4);
  await expectError(
    badBom,
    /not a capture file \(bad pcapng byte-order magic\) at offset 8$/,
    "format",
  );
  const v2 = shb(true);
  v2[12] = 2;
  await expectError(v2, /unsupported pcapng version 2\.0 at offset 0$/, "format");
  await expectError(
    [...shb(true), ...idb(true, "w", 6, 105)],
    /unsupported link type 105/,
    "linktype",
  );
  await expectError(
    [...shb(true), ...idb(true, "w", 6), ...epb(true, 3, 1n, frame(1))],
    /undeclared interface 3/,
    "corrupt",
  );
});

Deno.test("close(stats) for an interface with no packets declares it before its ISB", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/idle.pcapng`;
  const w = await CaptureWriter.open(path, { format: "pcapng" });
  w.write(rec(T0, frame(8), "eth0", "host"));
  w.close(new Map([["idle0", { received: 0, dropped: 3n }]]));
  const blocks = walkBlocks(await Deno.readFile(path));
  assert.deepEqual(blocks.map(([t]) => t), [0x0a0d0d0a, 1, 6, 1, 5, 5]);
  const idleIsb = isbOptions(blocks[5][1]);
  assert.equal(blocks[5][1].getUint32(8, true), 1);
  assert.equal(idleIsb.get(5), 3n);
  assert.equal(idleIsb.get(4), 0n);
  assert.equal(idleIsb.has(2), false);
  const back = await collect(path);
  assert.equal(back.length, 1);
  if (HAVE_WIRESHARK_TOOLS) {
    const ci = await run("capinfos", ["-I", path]);
    assert.match(ci.out, /Number of interfaces in file: 2[\s\S]*Name = idle0/);
  }
  await Deno.remove(dir, { recursive: true });
});
