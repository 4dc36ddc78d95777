/**
 * The compiled filters (src/filter/jit.ts) against the reference interpreter (src/filter/vm.ts):
 * every expression the filter tests use, on every frame of the test corpora (whole, cut short,
 * snapped, with the outer tag stripped into ancillary data as a live socket sees it), and
 * random valid programs on random frames. Both jump layouts (labelled blocks and the switch
 * loop) and both signatures (whole frame, frame inside a buffer) must give the interpreter's
 * answer on every one.
 */

import { deepStrictEqual, equal, ok, throws } from "node:assert/strict";
import {
  ALLOWED_CODES,
  BPF_A,
  BPF_ABS,
  BPF_ALU,
  BPF_B,
  BPF_DIV,
  BPF_H,
  BPF_IMM,
  BPF_IND,
  BPF_JA,
  BPF_JMP,
  BPF_K,
  BPF_LD,
  BPF_LDX,
  BPF_LEN,
  BPF_LSH,
  BPF_MEM,
  BPF_MISC,
  BPF_MOD,
  BPF_MSH,
  BPF_RET,
  BPF_RSH,
  BPF_ST,
  BPF_STX,
  BPF_W,
  bpfClass,
  type BpfInsn,
  bpfMode,
  bpfOp,
  BpfProgramError,
  bpfSrc,
  jump,
  SKF_AD_OFF,
  SKF_AD_VLAN_TAG_PRESENT,
  stmt,
  validateProgram,
} from "../src/filter/bpf.ts";
import { type BpfAux, runFilter } from "../src/filter/vm.ts";
import { jitFilter, jitFilterAt, type JitForm, jitSource } from "../src/filter/jit.ts";
import { compileFilter } from "../src/filter/mod.ts";
import { haveScapy, samples } from "./helpers/frames.ts";

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)] };
}

const here = new URL(".", import.meta.url);
const read = (name: string) => Deno.readTextFileSync(new URL(name, here));

/**
 * Every double-quoted string in the filter test files that compiles is an expression those
 * tests use (strings that are not expressions fail to compile and are skipped), so new tests
 * extend this one without a list to keep in step.
 */
function testExpressions(): string[] {
  const files = [...Deno.readDirSync(here)]
    .map((e) => e.name)
    .filter((n) => /^filter_.*_test\.ts$/.test(n) || n === "cli_filter_test.ts")
    .filter((n) => n !== "filter_jit_test.ts")
    .sort();
  const found = new Set<string>();
  for (const name of files) {
    for (const m of read(name).matchAll(/"((?:[^"\\\n]|\\.)*)"/g)) {
      try {
        const s = JSON.parse(`"${m[1]}"`) as string;
        compileFilter(s);
        found.add(s);
      } catch {
        // not an expression
      }
    }
  }
  return [...found];
}

/** Frames of a classic little-endian pcap file (test corpora only). */
function pcapFrames(bytes: Uint8Array): Uint8Array[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Uint8Array[] = [];
  for (let at = 24; at + 16 <= bytes.length;) {
    const caplen = view.getUint32(at + 8, true);
    out.push(bytes.slice(at + 16, at + 16 + caplen));
    at += 16 + caplen;
  }
  return out;
}

/**
 * The corpora: the tests/helpers/frames.ts samples, and the frames filter_differential_test.ts
 * compares with tcpdump (its scapy generator, taken from that file and run here).
 */
function corpus(): Uint8Array[] {
  const frames = samples().map((s) => s.data);
  if (!haveScapy()) {
    console.warn("filter_jit_test: scapy not available, corpus limited to the built-in samples");
    return frames;
  }
  const dir = Deno.makeTempDirSync({ prefix: "rawcap-jit-" });
  try {
    const gen = read("filter_differential_test.ts").match(/const GENERATOR = `([\s\S]*?)`;/);
    ok(gen, "filter_differential_test.ts has a GENERATOR");
    // The template literal's escapes, evaluated as in the differential test.
    const script = (new Function(`return \`${gen[1]}\`;`))() as string;
    Deno.writeTextFileSync(`${dir}/gen.py`, script);
    const r = new Deno.Command("/usr/bin/python3", {
      args: [`${dir}/gen.py`, `${dir}/frames.pcap`],
      stdout: "null",
      stderr: "piped",
    }).outputSync();
    ok(r.success, new TextDecoder().decode(r.stderr));
    frames.push(...pcapFrames(Deno.readFileSync(`${dir}/frames.pcap`)));
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
  return frames;
}

interface Case {
  data: Uint8Array;
  wirelen: number;
  aux: BpfAux;
}

/** The frame as a live socket's filter sees it with VLAN offload: outer tag in ancillary data. */
function stripped(frame: Uint8Array): Case | undefined {
  if (frame.length < 18) return undefined;
  const tpid = (frame[12] << 8) | frame[13];
  if (tpid !== 0x8100 && tpid !== 0x88a8 && tpid !== 0x9100) return undefined;
  const data = new Uint8Array(frame.length - 4);
  data.set(frame.subarray(0, 12));
  data.set(frame.subarray(16), 12);
  const aux = { vlanTagPresent: true, vlanTci: (frame[14] << 8) | frame[15], vlanTpid: tpid };
  return { data, wirelen: data.length, aux };
}

/** Each frame whole, snapped (wire length beyond the bytes), cut short, and as a live view. */
function cases(frames: Uint8Array[], seed: number): Case[] {
  const r = rng(seed);
  const out: Case[] = [];
  const cuts = [0, 1, 13, 14, 16, 17, 18, 22, 33, 34, 37, 38, 53, 54, 57, 58];
  for (const f of frames) {
    out.push({ data: f, wirelen: f.length, aux: {} });
    out.push({ data: f, wirelen: f.length + 1 + r.int(1500), aux: { vlanTagPresent: false } });
    for (let i = 0; i < 2; i++) {
      const cut = r.next() < 0.5 ? r.pick(cuts) : r.int(f.length + 1);
      if (cut < f.length) out.push({ data: f.subarray(0, cut), wirelen: f.length, aux: {} });
    }
    const live = stripped(f);
    if (live) out.push(live);
  }
  return out;
}

type Run = (c: Case) => number;

/** The ways a program is run: each JIT form, whole frame and inside a buffer. */
function runners(insns: BpfInsn[], r: ReturnType<typeof rng>, forms: JitForm[]): [string, Run][] {
  const out: [string, Run][] = [];
  for (const form of forms) {
    const fn = jitFilter(insns, form);
    out.push([`jit ${form}`, (c) => fn(c.data, c.wirelen, c.aux)]);
    const at = jitFilterAt(insns, form);
    // The frame sits among random bytes, so a load past its end that escaped the bounds
    // check would read something instead of undefined.
    const buf = new Uint8Array(2048);
    for (let i = 0; i < buf.length; i++) buf[i] = r.int(256);
    out.push([`jitAt ${form}`, (c) => {
      const o = r.int(buf.length - c.data.length + 1);
      const saved = buf.slice(o, o + c.data.length);
      buf.set(c.data, o);
      const v = at(buf, o, c.data.length, c.wirelen, c.aux);
      buf.set(saved, o);
      return v;
    }]);
  }
  return out;
}

const describe = (c: Case) =>
  `frame ${
    Array.from(c.data, (b) => b.toString(16).padStart(2, "0")).join("")
  } wirelen ${c.wirelen} aux ${JSON.stringify(c.aux)}`;

/**
 * Runs every case through the interpreter and every runner; returns the disagreements and how
 * many cases the program accepted.
 */
function compare(
  what: string,
  insns: BpfInsn[],
  all: Case[],
  seed: number,
  forms: JitForm[] = ["blocks", "switch"],
): { failures: string[]; accepted: number } {
  const r = rng(seed);
  const failures: string[] = [];
  const run = runners(insns, r, forms);
  let accepted = 0;
  for (const c of all) {
    const want = runFilter(insns, c.data, c.wirelen, c.aux);
    if (want > 0) accepted++;
    for (const [name, fn] of run) {
      const got = fn(c);
      if (got !== want) {
        failures.push(`${what}: ${name} returned ${got}, interpreter ${want}, ${describe(c)}`);
        break;
      }
    }
    if (failures.length > 3) break;
  }
  return { failures, accepted };
}

const EXPRESSIONS = testExpressions();
const FRAMES = corpus();

Deno.test("jit: agrees with the interpreter on every filter-test expression and corpus frame", () => {
  ok(EXPRESSIONS.length > 250, `only ${EXPRESSIONS.length} expressions found in the filter tests`);
  ok(FRAMES.length >= 85, `only ${FRAMES.length} frames`);
  const all = cases(FRAMES, 1);
  const failures: string[] = [];
  let accepted = 0, runs = 0;
  EXPRESSIONS.forEach((expr, i) => {
    const variants: [string, Parameters<typeof compileFilter>[1]][] = [
      ["", {}],
      [" unoptimized", { optimize: false }],
    ];
    if (i % 7 === 0) variants.push([" --vlan 100,300", { vlanIds: [100, 300], snaplen: 96 }]);
    for (const [label, opts] of variants) {
      const { insns } = compileFilter(expr, opts);
      const r = compare(JSON.stringify(expr) + label, insns, all, i);
      failures.push(...r.failures);
      accepted += r.accepted;
      runs += all.length;
    }
  });
  deepStrictEqual(failures.slice(0, 10), []);
  // The comparison means something only if the programs both accept and reject.
  ok(accepted > runs * 0.05 && accepted < runs * 0.95, `${accepted} of ${runs} accepted`);
  console.log(
    `jit: ${EXPRESSIONS.length} expressions, ${all.length} frames, ${runs} runs each way`,
  );
});

/** Load offsets worth hitting: header fields, the ends of short frames, ancillary data. */
const OFFSETS = [0, 1, 2, 3, 6, 11, 12, 13, 14, 15, 16, 17, 18, 20, 22, 23, 26, 30, 34, 36, 38];
const BIG = [0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x8100, 0xffff, 0x10000, 0x7fffffff, 0x80000000];

function randomK(r: ReturnType<typeof rng>): number {
  const p = r.next();
  if (p < 0.1) return 0xffffffff - r.int(40); // x + k wraps around to a small offset
  if (p < 0.4) return r.pick(OFFSETS);
  if (p < 0.6) return r.pick(BIG) + (r.next() < 0.3 ? 0xffffffff : 0) >>> 0;
  if (p < 0.7) return r.int(0x100000000);
  return r.int(100);
}

/**
 * A random program the kernel would accept: every allowed opcode, loads near the frame's end
 * and at ancillary offsets, forward jumps of every kind, scratch memory written before it is
 * read (a prologue stores every word), ending in a return.
 */
function randomProgram(r: ReturnType<typeof rng>, length: number): BpfInsn[] {
  const codes = [...ALLOWED_CODES];
  const insns: BpfInsn[] = [];
  const stored: number[] = [];
  for (let m = 0; m < 16; m++) {
    if (m > 0 && r.next() < 0.8) continue;
    insns.push(stmt(BPF_LD | BPF_IMM, r.pick(BIG)), stmt(BPF_ST, m));
    stored.push(m);
  }
  const body = Math.max(length - insns.length, 2);
  const end = insns.length + body;
  while (insns.length < end - 1) {
    const pc = insns.length;
    const code = r.pick(codes);
    const cls = bpfClass(code);
    const left = end - pc - 1; // instructions after this one
    let k = randomK(r);
    if ((cls === BPF_LD || cls === BPF_LDX) && bpfMode(code) === BPF_MEM) k = r.pick(stored);
    if (cls === BPF_ST || cls === BPF_STX) k = r.int(16);
    if (cls === BPF_LD && bpfMode(code) === BPF_ABS && r.next() < 0.25) {
      k = SKF_AD_OFF + r.pick([0, 4, 8, 12, 44, 48, 60, 64, 100, 0xffc]);
    }
    if (cls === BPF_LDX && bpfMode(code) === BPF_MSH) k = r.pick(OFFSETS);
    if (cls === BPF_ALU && bpfSrc(code) === BPF_K) {
      const op = bpfOp(code);
      if (op === BPF_DIV || op === BPF_MOD) k = k || 3;
      if (op === BPF_LSH || op === BPF_RSH) k = r.int(32);
    }
    if (cls === BPF_RET && r.next() < 0.7) continue; // returns mostly at the end
    if (cls === BPF_JMP) {
      const span = Math.min(left - 1, r.next() < 0.7 ? 8 : 255);
      if (bpfOp(code) === BPF_JA) {
        insns.push({ code, jt: 0, jf: 0, k: r.int(span + 1) });
      } else {
        insns.push(jump(code, k, r.int(span + 1), r.int(span + 1)));
      }
      continue;
    }
    insns.push({ code, jt: 0, jf: 0, k });
  }
  insns.push(r.next() < 0.5 ? stmt(BPF_RET | BPF_A) : stmt(BPF_RET | BPF_K, r.pick([1, 96])));
  return insns;
}

/** A random frame: a corpus frame mutated, cut or grown, or random bytes; some carry a tag. */
function randomCase(r: ReturnType<typeof rng>): Case {
  let data: Uint8Array;
  const p = r.next();
  if (p < 0.6) {
    const f = r.pick(FRAMES);
    data = f.slice(0, r.next() < 0.3 ? r.int(f.length + 1) : f.length);
    for (let i = r.int(4); i > 0 && data.length > 0; i--) data[r.int(data.length)] = r.int(256);
  } else {
    data = new Uint8Array(r.int(p < 0.8 ? 24 : 96));
    for (let i = 0; i < data.length; i++) data[i] = r.next() < 0.5 ? r.int(256) : r.pick([0, 0x81]);
  }
  const aux: BpfAux = r.next() < 0.4 ? {} : {
    vlanTagPresent: r.next() < 0.6,
    vlanTci: r.int(0x10000),
    vlanTpid: r.pick([0x8100, 0x88a8]),
    ifindex: r.int(8),
    pktType: r.int(5),
    protocol: r.pick([0x0800, 0x86dd, 0x8100]),
  };
  const wirelen = r.next() < 0.7 ? data.length : data.length + r.int(2000);
  return { data, wirelen, aux };
}

Deno.test("jit: random valid programs on random frames agree with the interpreter", () => {
  const r = rng(0x5eed);
  const failures: string[] = [];
  let programs = 0, runs = 0, accepted = 0;
  const started = performance.now();
  for (let i = 0; i < 1500 && failures.length === 0; i++) {
    const insns = randomProgram(r, 4 + r.int(i % 10 === 0 ? 300 : 40));
    validateProgram(insns);
    const frames = Array.from({ length: 12 }, () => randomCase(r));
    const c = compare(`program ${i} ${JSON.stringify(insns)}`, insns, frames, i);
    failures.push(...c.failures);
    accepted += c.accepted;
    programs++;
    runs += frames.length;
  }
  deepStrictEqual(failures.slice(0, 3), []);
  ok(accepted > runs * 0.1 && accepted < runs * 0.9, `${accepted} of ${runs} accepted`);
  console.log(
    `jit fuzz: ${programs} programs x 4 compiled forms, ${runs} frames, ` +
      `${(performance.now() - started).toFixed(0)} ms`,
  );
});

Deno.test("jit: every allowed opcode is exercised by the fuzz", () => {
  const r = rng(0x5eed);
  const seen = new Set<number>();
  for (let i = 0; i < 300; i++) for (const insn of randomProgram(r, 40)) seen.add(insn.code);
  deepStrictEqual([...ALLOWED_CODES].filter((c) => !seen.has(c)), []);
});

Deno.test("jit: programs with many jump targets use the switch form, and agree", () => {
  // "host a or host b or ...": a long chain of tests, each with its own target.
  const expr = Array.from({ length: 200 }, (_, i) => `host 10.0.${i >> 8}.${i & 255}`).join(
    " or ",
  );
  const { insns } = compileFilter(expr);
  ok(jitSource(insns).includes("switch (pc)"), "switch form chosen");
  deepStrictEqual(compare("200 hosts", insns, cases(FRAMES, 2), 3).failures, []);
  // The longest program the kernel takes: 4096 instructions, a target for nearly each.
  const r = rng(42);
  const long: BpfInsn[] = [];
  for (let pc = 0; pc < 4095; pc++) {
    long.push(
      pc % 2 === 0
        ? stmt(BPF_LD | BPF_B | BPF_ABS, pc % 40)
        : jump(BPF_JMP | 0x10 | BPF_K, r.int(256), 0, Math.min(1 + r.int(3), 4094 - pc)),
    );
  }
  long.push(stmt(BPF_RET | BPF_A));
  validateProgram(long);
  ok(jitSource(long).includes("switch (pc)"), "switch form chosen");
  const some = cases(FRAMES.slice(0, 20), 4);
  deepStrictEqual(compare("4096 instructions", long, some, 5, ["switch"]).failures, []);
});

Deno.test("jit: refuses what the kernel refuses, and fields that are not integers", () => {
  throws(() => jitFilter([]), BpfProgramError);
  throws(() => jitFilter([stmt(BPF_LD | BPF_IMM, 1)]), BpfProgramError); // no RET
  throws(() => jitFilter([stmt(BPF_LD | BPF_MEM, 0), stmt(BPF_RET | BPF_A)]), BpfProgramError);
  throws(() => jitFilter([{ code: 0xffff, jt: 0, jf: 0, k: 0 }]), BpfProgramError);
  // The fields become source text: anything but an integer is refused before that.
  const evil = { code: BPF_RET | BPF_K, jt: 0, jf: 0, k: "0; globalThis.pwned = 1" };
  throws(() => jitFilter([evil as unknown as BpfInsn]), BpfProgramError);
  throws(() => jitFilter([{ code: BPF_RET | BPF_K, jt: 0, jf: 0, k: 1.5 }]), BpfProgramError);
  throws(() => jitFilter([{ code: BPF_RET | BPF_K, jt: 0, jf: 0, k: -1 }]), BpfProgramError);
  throws(
    () => jitFilter([jump(BPF_JMP | 0x10, 1, 0.5, 0), stmt(BPF_RET | BPF_K, 1)]),
    BpfProgramError,
  );
  equal((globalThis as Record<string, unknown>).pwned, undefined);
});

Deno.test("jit: a few programs by hand (loads, bounds, ancillary data, returns)", () => {
  const PKT = Uint8Array.from([1, 2, 3, 4, 0x85, 6, 7, 8, 0xf0, 0xff, 0, 0x10]);
  const evalA = (body: BpfInsn[], data = PKT, aux: BpfAux = {}) =>
    jitFilter([...body, stmt(BPF_RET | BPF_A)])(data, data.length, aux);
  equal(evalA([stmt(BPF_LD | BPF_W | BPF_ABS, 0)]), 0x01020304);
  equal(evalA([stmt(BPF_LD | BPF_W | BPF_ABS, 8)]), 0xf0ff0010);
  equal(evalA([stmt(BPF_LD | BPF_W | BPF_ABS, 9)]), 0);
  equal(evalA([stmt(BPF_LD | BPF_H | BPF_ABS, 4)]), 0x8506);
  equal(evalA([stmt(BPF_LDX | BPF_IMM, 0xffffffff), stmt(BPF_LD | BPF_B | BPF_IND, 2)]), 2);
  equal(evalA([stmt(BPF_LDX | BPF_B | BPF_MSH, 4), stmt(BPF_MISC | 0x80)]), 20);
  equal(evalA([stmt(BPF_LD | BPF_W | BPF_LEN)]), 12);
  equal(evalA([stmt(BPF_LD | BPF_IMM, 5), stmt(BPF_ALU | BPF_LSH | BPF_K, 31)]), 0x80000000);
  equal(evalA([stmt(BPF_LD | BPF_IMM, 5), stmt(BPF_ALU | BPF_RSH | BPF_K, 1)]), 2);
  equal(evalA([stmt(BPF_LDX | BPF_IMM, 0), stmt(BPF_ALU | BPF_MOD | 0x08)]), 0);
  const vlanp = stmt(BPF_LD | BPF_W | BPF_ABS, SKF_AD_OFF + SKF_AD_VLAN_TAG_PRESENT);
  equal(evalA([vlanp], PKT, { vlanTagPresent: true }), 1);
  equal(evalA([vlanp], PKT, {}), 0);
  equal(evalA([stmt(BPF_LD | BPF_W | BPF_ABS, SKF_AD_OFF + 64)]), 0); // beyond SKF_AD_MAX
  const ja = jitFilter([
    stmt(BPF_JMP | BPF_JA, 1),
    stmt(BPF_RET | BPF_K, 1),
    stmt(BPF_LD | BPF_IMM, 7),
    stmt(BPF_ST, 2),
    stmt(BPF_LDX | BPF_MEM, 2),
    stmt(BPF_STX, 3),
    stmt(BPF_LD | BPF_MEM, 3),
    stmt(BPF_RET | BPF_A),
  ]);
  equal(ja(PKT, 12, {}), 7);
  // A compiled filter runs on frames in place, inside a larger buffer.
  const f = compileFilter("ether[0:4] = 0x01020304 and len = 12");
  const buf = new Uint8Array(40).fill(0xee);
  buf.set(PKT, 20);
  equal(f.runAt(buf, 20, PKT.length, 12, {}) > 0, true);
  equal(f.runAt(buf, 19, PKT.length, 12, {}) > 0, false);
  equal(f.runAt(buf, 20, 3, 12, {}), 0); // the word is past the captured bytes
  ok(f.matches(PKT));
});
