import assert from "node:assert/strict";
import {
  encodePcapHeader,
  encodePcapRecordHeader,
  parsePcapHeader,
  PCAP_MAGIC_MICRO,
  PCAP_MAGIC_NANO,
  PCAP_RECORD_HEADER_LEN,
  PcapEncoder,
  pcapTimestampNs,
} from "../src/format/pcap.ts";
import { CaptureWriter } from "../src/format/writer.ts";
import { readCapture } from "../src/format/reader.ts";
import { CaptureFileError } from "../src/format/errors.ts";
import type { PacketRecord } from "../src/packet/packet.ts";
import { hasTool } from "./helpers/tools.ts";

const HAVE_TSHARK = hasTool("tshark");
const HAVE_TCPDUMP = hasTool("tcpdump");
const HAVE_EDITCAP = hasTool("editcap");
const HAVE_CAPINFOS = hasTool("capinfos");
if (!HAVE_TSHARK) console.log("tshark missing: oracle tests ignored");
if (!HAVE_TCPDUMP) console.log("tcpdump missing: tcpdump tests ignored");
if (!HAVE_EDITCAP || !HAVE_CAPINFOS) console.log("editcap/capinfos missing: their tests ignored");

/** Ethernet [+ tags] + IPv4 + UDP + payload. tags: [tpid, vid] outermost first. */
function frame(payloadLen: number, tags: [number, number][] = [], seed = 0): Uint8Array {
  const tagBytes = tags.flatMap((
    [tpid, vid],
  ) => [tpid >> 8, tpid & 255, (vid >> 8) & 15, vid & 255]);
  const ipLen = 20 + 8 + payloadLen;
  const out = new Uint8Array(14 + tagBytes.length + ipLen);
  out.set([2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2]);
  out.set(tagBytes, 12);
  let o = 12 + tagBytes.length;
  out.set([0x08, 0x00], o);
  o += 2;
  out.set(
    [0x45, 0, ipLen >> 8, ipLen & 255, 0, 1, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2],
    o,
  );
  o += 20;
  const udpLen = 8 + payloadLen;
  out.set([0x30, 0x39, 0x00, 0x35 + 1, udpLen >> 8, udpLen & 255, 0, 0], o);
  o += 8;
  for (let i = 0; i < payloadLen; i++) out[o + i] = (i + seed) & 255;
  return out;
}

function rec(ts: bigint, data: Uint8Array): PacketRecord {
  return {
    ts,
    iface: "",
    ifindex: 0,
    len: data.length,
    caplen: data.length,
    direction: "unknown",
    data,
  };
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

/** A mix of plain, 802.1Q, 802.1ad and QinQ frames, with distinct timestamps. */
function sampleRecords(): PacketRecord[] {
  return [
    rec(T0, frame(10)),
    rec(T0 + 1n, frame(20, [[0x8100, 100]], 1)),
    rec(T0 + 1_000_000_001n, frame(30, [[0x88a8, 200]], 2)),
    rec(T0 + 2_999_999_999n, frame(40, [[0x88a8, 300], [0x8100, 42]], 3)),
    rec(T0 + 5_000_000_000n, frame(200, [], 4)),
  ];
}

Deno.test("pcap header and record header encoders lay out libpcap's fields", () => {
  const h = encodePcapHeader(1234, "nano");
  const v = new DataView(h.buffer);
  assert.equal(v.getUint32(0, true), PCAP_MAGIC_NANO);
  assert.equal(v.getUint16(4, true), 2);
  assert.equal(v.getUint16(6, true), 4);
  assert.equal(v.getUint32(16, true), 1234);
  assert.equal(v.getUint32(20, true), 1);
  assert.equal(
    new DataView(encodePcapHeader(9, "micro").buffer).getUint32(0, true),
    PCAP_MAGIC_MICRO,
  );
  const parsed = parsePcapHeader(h)!;
  assert.equal(parsed.precision, "nano");
  assert.equal(parsed.snaplen, 1234);

  const buf = new DataView(new ArrayBuffer(40));
  const end = encodePcapRecordHeader(buf, 8, 1_700_000_000_987_654_321n, 60, 1514, "micro");
  assert.equal(end, 8 + PCAP_RECORD_HEADER_LEN);
  assert.equal(buf.getUint32(8, true), 1_700_000_000);
  assert.equal(buf.getUint32(12, true), 987_654);
  assert.equal(buf.getUint32(16, true), 60);
  assert.equal(buf.getUint32(20, true), 1514);
  encodePcapRecordHeader(buf, 0, 1_700_000_000_987_654_321n, 1, 2, "nano");
  assert.equal(buf.getUint32(4, true), 987_654_321);
});

for (const precision of ["micro", "nano"] as const) {
  Deno.test({
    name: `pcap ${precision}: tshark reads frames, VLAN tags, timestamps and truncation`,
    ignore: !HAVE_TSHARK,
    async fn() {
      const dir = await Deno.makeTempDir();
      const path = `${dir}/out.pcap`;
      const recs = sampleRecords();
      const w = await CaptureWriter.open(path, { format: "pcap", precision, snaplen: 100 });
      for (const r of recs) w.write(r);
      w.close();

      const rows = await tsharkFields(path, [
        "frame.time_epoch",
        "frame.len",
        "frame.cap_len",
        "eth.type",
        "vlan.id",
        "vlan.etype",
        "ieee8021ad.id",
      ]);
      assert.equal(rows.length, recs.length);
      const unit = precision === "nano" ? 1n : 1000n;
      rows.forEach((row, i) => {
        assert.equal(epochToNs(row[0]), recs[i].ts / unit * unit, `frame ${i} time`);
        assert.equal(Number(row[1]), recs[i].data.length);
        assert.equal(Number(row[2]), Math.min(recs[i].data.length, 100));
      });
      assert.deepEqual(rows.map((r) => r[3]), ["0x0800", "0x8100", "0x88a8", "0x88a8", "0x0800"]);
      assert.deepEqual(rows.map((r) => r[4]), ["", "100", "", "42", ""]);
      assert.deepEqual(rows.map((r) => r[5]), ["", "0x0800", "", "0x0800", ""]);
      assert.deepEqual(rows.map((r) => r[6]), ["", "", "200", "300", ""]);

      const td = await run("tcpdump", ["-r", path, "-nn", "-e"]);
      if (HAVE_TCPDUMP) {
        assert.equal(td.code, 0, td.err);
        assert.equal(td.out.trim().split("\n").length, recs.length);
        assert.match(td.out, /vlan 300.*vlan 42/);
      }
      if (HAVE_CAPINFOS) {
        const ci = await run("capinfos", ["-M", path]);
        assert.equal(ci.code, 0, ci.err);
        assert.match(ci.out, new RegExp(`Number of packets:\\s+${recs.length}\\b`));
        assert.match(ci.out, /Packet size limit:\s+file hdr: 100 bytes/);
        const want = precision === "nano" ? "nanoseconds" : "microseconds";
        assert.match(ci.out, new RegExp(`File timestamp precision:\\s+${want}`));
      }
      await Deno.remove(dir, { recursive: true });
    },
  });
}

Deno.test({
  name: "pcap files written by editcap (micro, nano) and tcpdump read back frame for frame",
  ignore: !HAVE_EDITCAP || !HAVE_TCPDUMP,
  async fn() {
    const dir = await Deno.makeTempDir();
    const recs = sampleRecords();
    const src = `${dir}/src.pcapng`;
    const w = await CaptureWriter.open(src, { format: "pcapng" });
    for (const r of recs) w.write(r);
    w.close();
    const cases: [string, string[], bigint][] = [
      ["editcap-micro.pcap", ["editcap", "-F", "pcap", src], 1000n],
      ["editcap-nano.pcap", ["editcap", "-F", "nsecpcap", src], 1n],
    ];
    for (const [name, [cmd, ...args], unit] of cases) {
      const out = `${dir}/${name}`;
      const r = await run(cmd, [...args, out]);
      assert.equal(r.code, 0, r.err);
      const got = await collect(out);
      assert.equal(got.length, recs.length, name);
      got.forEach((g, i) => {
        assert.deepEqual(g.data, recs[i].data, `${name} frame ${i} bytes`);
        assert.equal(g.ts, recs[i].ts / unit * unit, `${name} frame ${i} ts`);
        assert.equal(g.len, recs[i].data.length);
      });
    }
    const tdOut = `${dir}/tcpdump.pcap`;
    const td = await run("tcpdump", ["-r", `${dir}/editcap-micro.pcap`, "-w", tdOut]);
    assert.equal(td.code, 0, td.err);
    const got = await collect(tdOut);
    assert.deepEqual(got.map((g) => g.data), recs.map((r) => r.data));
    assert.deepEqual(got.map((g) => g.ts), recs.map((r) => r.ts / 1000n * 1000n));
    await Deno.remove(dir, { recursive: true });
  },
});

/** A big-endian pcap built by hand, field by field. */
function bigEndianPcap(nano: boolean, records: PacketRecord[], snaplen = 65535, linktype = 1) {
  const parts: number[] = [];
  const u32 = (n: number) => parts.push(n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
  const u16 = (n: number) => parts.push(n >>> 8, n & 255);
  u32(nano ? 0xa1b23c4d : 0xa1b2c3d4);
  u16(2);
  u16(4);
  u32(0);
  u32(0);
  u32(snaplen);
  u32(linktype);
  for (const r of records) {
    u32(Number(r.ts / 1_000_000_000n));
    const frac = Number(r.ts % 1_000_000_000n);
    u32(nano ? frac : Math.floor(frac / 1000));
    u32(r.data.length);
    u32(r.len);
    parts.push(...r.data);
  }
  return Uint8Array.from(parts);
}

Deno.test({
  name: "big-endian pcap (micro and nano) built by hand: rawcap agrees with tshark",
  ignore: !HAVE_TSHARK,
  async fn() {
    const dir = await Deno.makeTempDir();
    const recs = sampleRecords();
    for (const nano of [false, true]) {
      const path = `${dir}/be-${nano ? "nano" : "micro"}.pcap`;
      await Deno.writeFile(path, bigEndianPcap(nano, recs));
      const rows = await tsharkFields(path, ["frame.time_epoch", "frame.len"]);
      const got = await collect(path);
      assert.equal(got.length, rows.length);
      assert.equal(got.length, recs.length);
      got.forEach((g, i) => {
        assert.equal(g.ts, epochToNs(rows[i][0]), `frame ${i}`);
        assert.deepEqual(g.data, recs[i].data);
        assert.equal(g.len, Number(rows[i][1]));
      });
    }
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test("pcap of a link type rawcap does not read is refused with the link type named", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/wlan.pcap`;
  await Deno.writeFile(path, bigEndianPcap(false, sampleRecords(), 65535, 105));
  await assert.rejects(
    () => collect(path),
    (e: unknown) =>
      e instanceof CaptureFileError && e.kind === "linktype" &&
      e.message.includes("unsupported link type 105") && e.message.includes(path) &&
      !e.message.includes("\n"),
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("pcap cut at every byte: whole records come out, then the truncation flag", async () => {
  const dir = await Deno.makeTempDir();
  const full = `${dir}/full.pcap`;
  const recs = sampleRecords().slice(0, 4);
  const w = await CaptureWriter.open(full, { format: "pcap", precision: "nano" });
  for (const r of recs) w.write(r);
  w.close();
  const bytes = await Deno.readFile(full);
  const ends = [24];
  for (const r of recs) ends.push(ends[ends.length - 1] + 16 + r.data.length);
  assert.equal(ends[ends.length - 1], bytes.length);
  for (let cut = 4; cut <= bytes.length; cut++) {
    const path = `${dir}/cut.pcap`;
    await Deno.writeFile(path, bytes.subarray(0, cut));
    const reader = readCapture(path, { chunkSize: 64 });
    const got: Uint8Array[] = [];
    for await (const r of reader) got.push(r.data.slice());
    const whole = ends.filter((e) => e <= cut).length - 1;
    assert.equal(got.length, Math.max(whole, 0), `cut ${cut}`);
    got.forEach((d, i) => assert.deepEqual(d, recs[i].data));
    assert.equal(reader.truncated, !ends.includes(cut), `cut ${cut} flag`);
    if (reader.truncated) assert.match(reader.warning!, /truncated/);
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test({
  name: "pcap truncation: rawcap yields as many records as tshark before the cut",
  ignore: !HAVE_TSHARK,
  async fn() {
    const dir = await Deno.makeTempDir();
    const full = `${dir}/full.pcap`;
    const w = await CaptureWriter.open(full, { format: "pcap" });
    for (const r of sampleRecords()) w.write(r);
    w.close();
    const bytes = await Deno.readFile(full);
    for (const cut of [30, 100, 150, bytes.length - 1]) {
      const path = `${dir}/cut${cut}.pcap`;
      await Deno.writeFile(path, bytes.subarray(0, cut));
      const t = await run("tshark", ["-r", path, "-T", "fields", "-e", "frame.number"]);
      const tsharkCount = t.out.split("\n").filter((l) => l !== "").length;
      const reader = readCapture(path);
      let n = 0;
      for await (const _ of reader) n++;
      assert.equal(n, tsharkCount, `cut ${cut}`);
      assert.ok(reader.truncated);
    }
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test("garbage, empty and wrong-magic files fail with a clear one-line error", async () => {
  const dir = await Deno.makeTempDir();
  const cases: [string, Uint8Array, RegExp][] = [
    [
      "garbage.pcap",
      new TextEncoder().encode("hello, this is not a capture\n"),
      /not a capture file \(magic 0x68656c6c\) at offset 0/,
    ],
    ["empty.pcap", new Uint8Array(0), /empty file, not a capture file/],
    ["short.pcap", Uint8Array.of(0xd4, 0xc3), /file too short/],
  ];
  for (const [name, bytes, re] of cases) {
    const path = `${dir}/${name}`;
    await Deno.writeFile(path, bytes);
    await assert.rejects(() => collect(path), (e: unknown) => {
      assert.ok(e instanceof CaptureFileError);
      assert.equal(e.name, "CaptureFileError");
      assert.match(e.message, re);
      assert.ok(e.message.startsWith(path + ":"), e.message);
      return true;
    });
  }
  await assert.rejects(
    () => collect(`${dir}/missing.pcap`),
    (e: unknown) =>
      e instanceof CaptureFileError && e.kind === "open" && /No such file/.test(e.message),
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("pcap record with an impossible captured length is reported with its offset", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/corrupt.pcap`;
  const recs = sampleRecords().slice(0, 2);
  const bytes = bigEndianPcap(false, recs);
  const second = 24 + 16 + recs[0].data.length;
  new DataView(bytes.buffer).setUint32(second + 8, 0x7fffffff, false);
  await Deno.writeFile(path, bytes);
  const got: number[] = [];
  await assert.rejects(async () => {
    for await (const r of readCapture(path)) got.push(r.caplen);
  }, new RegExp(`corrupt record: captured length 2147483647 .* at offset ${second}$`));
  assert.deepEqual(got, [recs[0].data.length]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("pcap file header: libpcap's exact 24 bytes (thiszone and sigfigs zero)", () => {
  // Guards every field of encodePcapHeader, the reserved ones included.
  const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  assert.equal(
    hex(encodePcapHeader(65535, "micro")),
    "d4c3b2a1" + "0200" + "0400" + "00000000" + "00000000" + "ffff0000" + "01000000",
  );
  assert.equal(
    hex(encodePcapHeader(262144, "nano", 113)),
    "4d3cb2a1" + "0200" + "0400" + "00000000" + "00000000" + "00000400" + "71000000",
  );
});

Deno.test("parsePcapHeader: both byte orders and precisions, versions, FCS bits, short input", () => {
  // Guards the magic checks, the byte order used for every later field, and the short-header
  // and non-pcap answers.
  for (const le of [true, false]) {
    for (const nano of [false, true]) {
      const b = new Uint8Array(24);
      const v = new DataView(b.buffer);
      v.setUint32(0, nano ? PCAP_MAGIC_NANO : PCAP_MAGIC_MICRO, le);
      v.setUint16(4, 2, le);
      v.setUint16(6, 4, le);
      v.setUint32(16, 1500, le);
      v.setUint32(20, 0x1000_0001, le); // FCS length bits above the link type
      assert.deepEqual(parsePcapHeader(b), {
        littleEndian: le,
        precision: nano ? "nano" : "micro",
        versionMajor: 2,
        versionMinor: 4,
        snaplen: 1500,
        linktype: 1,
      }, `le ${le} nano ${nano}`);
      assert.deepEqual(parsePcapHeader(b.subarray(0, 23)), {
        littleEndian: le,
        precision: nano ? "nano" : "micro",
        versionMajor: 0,
        versionMinor: 0,
        snaplen: 0,
        linktype: -1,
      });
      assert.equal(parsePcapHeader(b.subarray(0, 4))?.littleEndian, le);
      assert.equal(parsePcapHeader(b.subarray(0, 3)), null);
    }
  }
  assert.equal(parsePcapHeader(Uint8Array.of(0x0a, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0)), null);
});

Deno.test("pcap timestamps: micro fractions scale by 1000, nano ones stay, both ways", () => {
  // Guards pcapTimestampNs and the floor (not rounding) of encodePcapRecordHeader's micro cut.
  assert.equal(pcapTimestampNs(1, 999_999, "micro"), 1_999_999_000n);
  assert.equal(pcapTimestampNs(0xffffffff, 999_999_999, "nano"), 4_294_967_295_999_999_999n);
  // Micro is computed as a number of microseconds first: exact at the top of both fields.
  assert.equal(pcapTimestampNs(0xffffffff, 0xffffffff, "micro"), 4_294_971_589_967_295_000n);
  const v = new DataView(new ArrayBuffer(16));
  for (const [ns, us] of [[999n, 0], [1_000n, 1], [999_999_999n, 999_999]] as const) {
    encodePcapRecordHeader(v, 0, 5_000_000_000n + ns, 1, 1, "micro");
    assert.deepEqual([v.getUint32(0, true), v.getUint32(4, true)], [5, us], `${ns} ns`);
  }
});

Deno.test("PcapEncoder cuts a frame to the snap length and writes nothing past its record", () => {
  // Guards encode()'s subarray when the frame is longer than the snap length, and the lengths
  // it records (caplen cut, len the larger of the wire and captured lengths).
  const enc = new PcapEncoder(40, "micro");
  const data = Uint8Array.from({ length: 100 }, (_, i) => i);
  const rec: PacketRecord = {
    ts: 0n,
    iface: "",
    ifindex: 0,
    len: 90, // shorter than the data: len is at least what was captured
    caplen: 100,
    direction: "unknown",
    data,
  };
  assert.equal(enc.sizeOf(rec), 16 + 40);
  const buf = new Uint8Array(enc.sizeOf(rec));
  assert.equal(enc.encode(buf, new DataView(buf.buffer), 0, rec), 56);
  const v = new DataView(buf.buffer);
  assert.deepEqual([v.getUint32(8, true), v.getUint32(12, true)], [40, 100]);
  assert.deepEqual([...buf.subarray(16)], [...data.subarray(0, 40)]);
});

Deno.test("pcap reader: a record may hold up to 262144 bytes whatever the header's snaplen", async () => {
  // Guards PCAP_MAX_SNAPLEN as the reader's limit: 262144 is read, 262145 is corrupt.
  const dir = await Deno.makeTempDir();
  try {
    for (const [caplen, ok] of [[262144, true], [262145, false]] as const) {
      const path = `${dir}/big.pcap`;
      const b = new Uint8Array(24 + 16 + caplen);
      b.set(encodePcapHeader(96, "micro"));
      const v = new DataView(b.buffer);
      v.setUint32(24 + 8, caplen, true);
      v.setUint32(24 + 12, caplen, true);
      await Deno.writeFile(path, b);
      const read = async () => {
        let n = 0;
        for await (const r of readCapture(path)) n += r.caplen;
        return n;
      };
      if (ok) assert.equal(await read(), caplen);
      else await assert.rejects(read, /captured length 262145 exceeds maximum 262144/);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
