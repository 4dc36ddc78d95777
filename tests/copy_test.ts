/**
 * File to file (src/format/copy.ts): copying records from the read buffer to the write buffer
 * must give byte for byte the file that reading records and writing them gives, for pcap
 * (micro, nano, big-endian, odd headers) and pcapng (resolutions 10^-9, 10^-6 and others,
 * offsets, several interfaces and sections, directions, simple and obsolete packet blocks) in,
 * pcap (micro, nano) and pcapng out, with and without a filter, a snaplen, a count, and with
 * records split across the reader's chunks. Then the CLI, under the flags it ships with: the
 * fast path against the record path (`--print` takes it) and tshark reading the result.
 */

import { deepStrictEqual, equal, ok } from "node:assert/strict";
import { copyCapture } from "../src/format/copy.ts";
import { readCapture } from "../src/format/reader.ts";
import { CaptureWriter, type WriteFormat } from "../src/format/writer.ts";
import type { TimestampPrecision } from "../src/format/pcap.ts";
import { compileFilter } from "../src/filter/mod.ts";
import { samples } from "./helpers/frames.ts";
import { hasTool } from "./helpers/tools.ts";
import { PERMISSIONS, V8_FLAGS } from "../scripts/compile.ts";

/** mulberry32, seeded. */
function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

interface Frame {
  data: Uint8Array;
  len: number;
}

/** The sample frames (some snapped), a few large ones, and the benchmark's VLAN/UDP frame. */
function frames(): Frame[] {
  const out = samples().map((s) => ({ data: s.data, len: s.len ?? s.data.length }));
  const big = (n: number) => {
    const d = new Uint8Array(n);
    d.set(out[0].data);
    for (let i = out[0].data.length; i < n; i++) d[i] = i & 255;
    return { data: d, len: n };
  };
  out.push(big(1514), big(9000), big(70000));
  const vlanUdp = samples().find((s) => s.name === "udp4-vlan")!.data;
  for (let i = 0; i < 20; i++) out.push({ data: vlanUdp, len: vlanUdp.length });
  return out;
}
const FRAMES = frames();

// ---- building input files by hand, so that every header field can be odd ----

class Bytes {
  #parts: Uint8Array[] = [];
  constructor(readonly le: boolean) {}
  u8(...v: number[]) {
    this.#parts.push(Uint8Array.from(v));
  }
  u16(v: number) {
    const b = new Uint8Array(2);
    new DataView(b.buffer).setUint16(0, v, this.le);
    this.#parts.push(b);
  }
  u32(v: number) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v >>> 0, this.le);
    this.#parts.push(b);
  }
  u64(v: bigint) {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, v), this.le);
    this.#parts.push(b);
  }
  raw(b: Uint8Array) {
    this.#parts.push(b);
  }
  bytes(): Uint8Array {
    const n = this.#parts.reduce((a, p) => a + p.length, 0);
    const out = new Uint8Array(n);
    let at = 0;
    for (const p of this.#parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

/** A pcap file; odd records: a fraction of a second or more, a length below the caplen. */
function pcapFile(le: boolean, precision: TimestampPrecision, seed: number): Uint8Array {
  const r = rng(seed);
  const b = new Bytes(le);
  b.u32(precision === "nano" ? 0xa1b23c4d : 0xa1b2c3d4);
  b.u16(2), b.u16(4), b.u32(0), b.u32(0), b.u32(262144), b.u32(1);
  const unit = precision === "nano" ? 1e9 : 1e6;
  let sec = 1_700_000_000;
  FRAMES.forEach((f, i) => {
    sec += r(3);
    let frac = r(unit);
    if (i % 17 === 5) sec = r(0x100000000); // anywhere in the 32-bit range
    if (i % 23 === 7) frac = unit + r(1000); // not normalized: a carry into the seconds
    if (i === 11) frac = 0xffffffff;
    b.u32(sec), b.u32(frac), b.u32(f.data.length);
    b.u32(i % 29 === 3 ? f.data.length - 1 : f.len); // an original length below the caplen
    b.raw(f.data);
  });
  return b.bytes();
}

const pad4 = (n: number) => (n + 3) & ~3;

function block(b: Bytes, type: number, body: (x: Bytes) => void) {
  const x = new Bytes(b.le);
  body(x);
  const inner = x.bytes();
  b.u32(type), b.u32(12 + inner.length), b.raw(inner), b.u32(12 + inner.length);
}

function option(x: Bytes, code: number, value: Uint8Array) {
  x.u16(code),
    x.u16(value.length),
    x.raw(value),
    x.raw(new Uint8Array(pad4(value.length) - value.length));
}

interface NgInterface {
  name: string;
  tsresol?: number;
  tsoffset?: bigint;
}

/**
 * A pcapng file of one or more sections (each in its own byte order), interfaces with names,
 * resolutions and offsets, packets in EPBs with and without epb_flags (every direction),
 * obsolete Packet Blocks and a Simple Packet Block.
 */
function pcapngFile(sections: { le: boolean; ifaces: NgInterface[] }[], seed: number) {
  const r = rng(seed);
  const enc = new TextEncoder();
  const out: Uint8Array[] = [];
  let n = 0;
  for (const sec of sections) {
    const b = new Bytes(sec.le);
    block(b, 0x0a0d0d0a, (x) => {
      x.u32(0x1a2b3c4d), x.u16(1), x.u16(0), x.u64(-1n);
    });
    for (const i of sec.ifaces) {
      block(b, 1, (x) => {
        x.u16(1), x.u16(0), x.u32(0);
        if (i.name) option(x, 2, enc.encode(i.name));
        if (i.tsresol !== undefined) option(x, 9, Uint8Array.of(i.tsresol));
        if (i.tsoffset !== undefined) {
          const v = new Bytes(sec.le);
          v.u64(i.tsoffset);
          option(x, 14, v.bytes());
        }
        x.u32(0);
      });
    }
    let ticks = 1_700_000_000n * 1_000_000n;
    for (const f of FRAMES) {
      const id = r(sec.ifaces.length);
      ticks += BigInt(r(1_000_000_000));
      if (n % 13 === 4) ticks = BigInt(r(0x100000000)) << 32n | BigInt(r(0x100000000));
      const kind = n++ % 11;
      const hi = Number(ticks >> 32n), lo = Number(ticks & 0xffffffffn);
      if (kind === 9) {
        block(b, 2, (x) => { // obsolete Packet Block, with pack_flags
          x.u16(id), x.u16(0), x.u32(hi), x.u32(lo), x.u32(f.data.length), x.u32(f.len);
          x.raw(f.data), x.raw(new Uint8Array(pad4(f.data.length) - f.data.length));
          const flags = new Bytes(sec.le);
          flags.u32(1 | (4 << 2));
          option(x, 2, flags.bytes()), x.u32(0);
        });
        continue;
      }
      block(b, 6, (x) => {
        x.u32(id), x.u32(hi), x.u32(lo), x.u32(f.data.length), x.u32(f.len);
        x.raw(f.data), x.raw(new Uint8Array(pad4(f.data.length) - f.data.length));
        if (kind < 7) {
          const flags = new Bytes(sec.le);
          flags.u32([0, 1, 2, 1 | (1 << 2), 1 | (2 << 2), 1 | (3 << 2), 0x1234_0001][kind]);
          option(x, 1, enc.encode("a comment")); // an option before the flags
          option(x, 2, flags.bytes());
          x.u32(0);
        }
      });
    }
    if (sec.ifaces.length === 1) {
      const f = FRAMES[2];
      block(b, 3, (x) => { // Simple Packet Block
        x.u32(f.len), x.raw(f.data), x.raw(new Uint8Array(pad4(f.data.length) - f.data.length));
      });
    }
    block(b, 5, (x) => x.u32(0)); // an ISB in the input: not a packet
    out.push(b.bytes());
  }
  const all = new Bytes(true);
  for (const p of out) all.raw(p);
  return all.bytes();
}

const INPUTS: Record<string, Uint8Array> = {
  "pcap micro": pcapFile(true, "micro", 1),
  "pcap nano": pcapFile(true, "nano", 2),
  "pcap micro big-endian": pcapFile(false, "micro", 3),
  "pcap nano big-endian": pcapFile(false, "nano", 4),
  "pcapng 10^-9, two interfaces": pcapngFile([
    { le: true, ifaces: [{ name: "eth0", tsresol: 9 }, { name: "br0", tsresol: 9 }] },
  ], 5),
  "pcapng 10^-6 (default), SPB": pcapngFile([{ le: true, ifaces: [{ name: "" }] }], 6),
  "pcapng other resolutions and offsets, sections": pcapngFile([
    { le: true, ifaces: [{ name: "a", tsresol: 3 }, { name: "b", tsresol: 0x94 }] },
    { le: false, ifaces: [{ name: "b", tsresol: 9, tsoffset: 1000n }, { name: "c", tsresol: 6 }] },
    { le: true, ifaces: [{ name: "a", tsresol: 6, tsoffset: -5n }] },
  ], 7),
};

// ---- the two paths ----

interface Out {
  format: WriteFormat;
  precision: TimestampPrecision;
  snaplen?: number;
}
interface Job {
  expr?: string;
  vlanIds?: number[];
  count?: number;
  chunkSize?: number;
}

/** The record path, as the CLI's Consumer takes it: records read, filtered, written. */
async function viaRecords(input: string, output: string, o: Out, j: Job): Promise<number> {
  const w = await CaptureWriter.open(output, o);
  const f = j.expr !== undefined || j.vlanIds
    ? compileFilter(j.expr ?? "", { vlanIds: j.vlanIds, snaplen: o.snaplen })
    : undefined;
  let n = 0;
  try {
    for await (const rec of readCapture(input, { chunkSize: j.chunkSize })) {
      if (f && !f.matches(rec.data, rec.len)) continue;
      w.write(rec);
      if (++n === j.count) break;
    }
  } finally {
    w.close();
  }
  return n;
}

async function viaCopy(input: string, output: string, o: Out, j: Job): Promise<number> {
  const w = await CaptureWriter.open(output, o);
  const f = j.expr !== undefined || j.vlanIds
    ? compileFilter(j.expr ?? "", { vlanIds: j.vlanIds, snaplen: o.snaplen })
    : undefined;
  try {
    return await copyCapture(readCapture(input, { chunkSize: j.chunkSize }), w, {
      filterFor: f ? () => f.runAt : undefined,
      count: j.count,
    });
  } finally {
    w.close();
  }
}

/** The file with the time each Interface Statistics Block was written (wall clock) zeroed. */
function maskIsbTimes(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  const v = new DataView(out.buffer);
  if (v.getUint32(0, true) !== 0x0a0d0d0a) return out;
  for (let at = 0; at + 12 <= out.length;) {
    const type = v.getUint32(at, true), total = v.getUint32(at + 4, true);
    if (type === 5) out.fill(0, at + 12, at + 20);
    at += total;
  }
  return out;
}

const OUTS: Out[] = [
  { format: "pcap", precision: "micro" },
  { format: "pcap", precision: "nano" },
  { format: "pcapng", precision: "micro" },
  { format: "pcap", precision: "micro", snaplen: 100 },
  { format: "pcapng", precision: "micro", snaplen: 60 },
];
const JOBS: Job[] = [
  {},
  { expr: "vlan 100 and udp" },
  { expr: "tcp or icmp6 or greater 1000" },
  { vlanIds: [100] },
  { count: 7 },
  { expr: "ip", count: 5 },
  { chunkSize: 97 },
  { expr: "udp", chunkSize: 1000 },
];

Deno.test("copy: the same bytes as reading records and writing them, every input x output", async () => {
  const dir = await Deno.makeTempDir({ prefix: "rawcap-copy-" });
  try {
    let compared = 0;
    for (const [name, bytes] of Object.entries(INPUTS)) {
      const input = `${dir}/in`;
      await Deno.writeFile(input, bytes);
      for (const o of OUTS) {
        for (const j of JOBS) {
          const what = `${name} -> ${JSON.stringify(o)} ${JSON.stringify(j)}`;
          const nRec = await viaRecords(input, `${dir}/a`, o, j);
          const nCopy = await viaCopy(input, `${dir}/b`, o, j);
          equal(nCopy, nRec, what);
          const a = maskIsbTimes(await Deno.readFile(`${dir}/a`));
          const b = maskIsbTimes(await Deno.readFile(`${dir}/b`));
          ok(a.length > 24, what);
          if (a.length !== b.length || a.some((x, i) => x !== b[i])) {
            const i = a.findIndex((x, k) => x !== b[k]);
            throw new Error(
              `${what}: files differ at byte ${i} (lengths ${a.length}, ${b.length})`,
            );
          }
          compared++;
        }
      }
    }
    equal(compared, Object.keys(INPUTS).length * OUTS.length * JOBS.length);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("copy: a filter that keeps some frames keeps the same ones; -c stops at the count", async () => {
  const dir = await Deno.makeTempDir({ prefix: "rawcap-copy-" });
  try {
    await Deno.writeFile(`${dir}/in`, INPUTS["pcap micro"]);
    const o: Out = { format: "pcap", precision: "micro" };
    const all = await viaCopy(`${dir}/in`, `${dir}/b`, o, {});
    const some = await viaCopy(`${dir}/in`, `${dir}/b`, o, { expr: "vlan 100 and udp" });
    equal(all, FRAMES.length);
    ok(some > 20 && some < all, `${some} of ${all}`);
    equal(await viaCopy(`${dir}/in`, `${dir}/b`, o, { count: 3 }), 3);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

// ---- the CLI, as it ships ----

const MAIN = new URL("../main.ts", import.meta.url).pathname;

async function rawcap(args: string[]) {
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...PERMISSIONS, ...V8_FLAGS, MAIN, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const td = new TextDecoder();
  return { code: r.code, out: td.decode(r.stdout), err: td.decode(r.stderr) };
}

const hasTshark = hasTool("tshark");

Deno.test("copy CLI: -r -w gives the record path's file (--print takes it); tshark reads it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "rawcap-copy-" });
  try {
    await Deno.writeFile(`${dir}/micro.pcap`, INPUTS["pcap micro"]);
    await Deno.writeFile(`${dir}/nano.pcap`, INPUTS["pcap nano"]);
    await Deno.writeFile(`${dir}/in.pcapng`, INPUTS["pcapng 10^-9, two interfaces"]);
    const cases: [string, string, string[]][] = [
      ["micro.pcap", "out.pcap", []],
      ["micro.pcap", "out.pcap", ["vlan 100 and udp"]],
      ["micro.pcap", "out.pcap", ["-c", "9", "udp"]],
      ["nano.pcap", "out.pcap", ["--time-precision", "nano"]],
      ["nano.pcap", "out.pcap", ["--time-precision", "nano", "tcp"]],
      ["nano.pcap", "out.pcap", []],
      ["in.pcapng", "out.pcap", []],
      ["in.pcapng", "out.pcap", ["--vlan", "100"]],
      ["micro.pcap", "out.pcapng", []],
      ["micro.pcap", "out.pcapng", ["-c", "4", "-s", "64", "ip6 or arp"]],
      ["in.pcapng", "out.pcapng", ["icmp"]],
    ];
    for (const [input, output, extra] of cases) {
      const what = `-r ${input} -w ${output} ${extra.join(" ")}`;
      const fast = await rawcap(["-r", `${dir}/${input}`, "-w", `${dir}/a-${output}`, ...extra]);
      equal(fast.code, 0, `${what}: ${fast.err}`);
      equal(fast.out, "", what);
      const slow = await rawcap([
        "-r",
        `${dir}/${input}`,
        "-w",
        `${dir}/b-${output}`,
        "--print",
        ...extra,
      ]);
      equal(slow.code, 0, `${what} --print: ${slow.err}`);
      const a = maskIsbTimes(await Deno.readFile(`${dir}/a-${output}`));
      const b = maskIsbTimes(await Deno.readFile(`${dir}/b-${output}`));
      deepStrictEqual(a, b, what);
      const printed = slow.out.split("\n").filter(Boolean).length;
      if (hasTshark) {
        const t = await new Deno.Command("tshark", {
          args: ["-r", `${dir}/a-${output}`, "-T", "fields", "-e", "frame.cap_len"],
          stdout: "piped",
          stderr: "piped",
        }).output();
        equal(t.code, 0, `${what}: tshark: ${new TextDecoder().decode(t.stderr)}`);
        const caplens = new TextDecoder().decode(t.stdout).split("\n").filter(Boolean);
        equal(caplens.length, printed, `${what}: tshark reads every frame`);
      }
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("copy CLI: truncated and corrupt files end as on the record path", async () => {
  const dir = await Deno.makeTempDir({ prefix: "rawcap-copy-" });
  try {
    const whole = INPUTS["pcap micro"];
    await Deno.writeFile(`${dir}/cut.pcap`, whole.subarray(0, whole.length - 10));
    const bad = whole.slice();
    new DataView(bad.buffer).setUint32(24 + 16 + FRAMES[0].data.length + 8, 0x7fffffff, true);
    await Deno.writeFile(`${dir}/bad.pcap`, bad);
    await Deno.writeFile(
      `${dir}/cut.pcapng`,
      INPUTS["pcapng 10^-9, two interfaces"].subarray(0, 3000),
    );
    for (const input of ["cut.pcap", "bad.pcap", "cut.pcapng", "missing.pcap"]) {
      const fast = await rawcap(["-r", `${dir}/${input}`, "-w", `${dir}/a`, "udp"]);
      const slow = await rawcap(["-r", `${dir}/${input}`, "-w", `${dir}/b`, "--print", "udp"]);
      equal(fast.code, slow.code, input);
      equal(fast.err, slow.err, input);
      ok(fast.err.length > 0, `${input}: a message`);
      deepStrictEqual(
        maskIsbTimes(await Deno.readFile(`${dir}/a`)),
        maskIsbTimes(await Deno.readFile(`${dir}/b`)),
        input,
      );
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("copy: a filter runs on file bytes unless it asks for a record's direction or interface", () => {
  // `vlan` also tests for a tag the kernel stripped (ancillary data): file frames have none.
  const vlan = compileFilter("vlan 100 and udp");
  deepStrictEqual([vlan.readsAncillary, vlan.readsRecordAux], [true, false]);
  for (const expr of ["inbound", "outbound and udp", "ifindex 3"]) {
    deepStrictEqual(compileFilter(expr).readsRecordAux, true, expr);
  }
  deepStrictEqual(compileFilter("udp port 53").readsAncillary, false);
});
