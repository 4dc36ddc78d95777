/**
 * Optimizer boundaries: the optimized and unoptimized programs must agree on frames that sit
 * exactly on the constants of the comparisons and on their neighbours (N - 1, N, N + 1), for
 * expressions that test one field several times (the cases where jump threading reasons about
 * ranges: `>` against `>=`, `= N` inside `> N - 1`, `not`...).
 *
 * How the frames are made: each program is run on realistic base frames (tests/helpers/frames.ts
 * samples) through a proxy that records which bytes each load reads; every recorded load (and
 * the wire length, and the stripped VLAN tag) then gets each boundary value, one at a time and in
 * seeded random combinations. The boundary values are every jump and ALU constant of the
 * unoptimized program, minus one, plus one (wrapped to the load's width).
 */

import { equal, ok } from "node:assert/strict";
import {
  BPF_ALU,
  BPF_JA,
  BPF_JMP,
  BPF_K,
  BPF_LD,
  BPF_LEN,
  bpfClass,
  type BpfInsn,
  bpfMode,
  bpfSrc,
  SKF_AD_OFF,
} from "../src/filter/bpf.ts";
import { type BpfAux, compileFilter, runFilter } from "../src/filter/mod.ts";
import { samples } from "./helpers/frames.ts";

/** Expressions that compare one field more than once, around the same constants. */
const EXPRESSIONS = [
  "len > 100 and len <= 101",
  "len >= 100 or len < 60",
  "greater 99 and less 100",
  "len > 100 and not len > 101",
  "ip[8] = 64 or ip[8] > 63",
  "ip[8] > 63 and ip[8] < 65",
  "ip[8] >= 64 and not ip[8] > 64",
  "ip[8] != 64 and ip[8] >= 64",
  "ip[8] > 64 and ip[8] >= 65",
  "ip[8] < 64 or ip[8] = 64 or ip[8] > 64",
  "ip[8] > 0 and ip[8] < 255 and ip[8] != 1",
  "ip[8] >= 0 and ip[8] <= 0",
  "not ip[8] < 64 and not ip[8] > 64",
  "not tcp port 80 and tcp[2:2] >= 80",
  "tcp dst port 80 and tcp[2:2] <= 80",
  "tcp[2:2] > 79 and tcp[2:2] < 81",
  "tcp[0:2] >= 1024 and (tcp[0:2] < 1023 or tcp[0:2] = 1024)",
  "portrange 79-81 and not port 80",
  "portrange 80-80 or port 79 or port 81",
  "ip[2:2] > 0 and ip[2:2] >= 1 and ip[2:2] <= 65535",
  "ip[4:4] > 0xfffffffe or ip[4:4] < 1",
  "ip[12:4] >= 0x0a000000 and ip[12:4] < 0x0b000000 and not ip[12:4] = 0x0a4d0001",
  "ip[0] & 0xf = 5 or ip[0] & 0xf > 5",
  "ip[0] & 0xf > 5 and ip[0] & 0xf <= 6",
  "ip[6] & 0x20 != 0 and ip[6] & 0x3f > 0x1f",
  "tcp[13] & 2 != 0 and tcp[13] & 3 = 2",
  "ip[9] = 6 and ip[9] >= 6 and ip[9] <= 6",
  "icmp[0] = 8 or icmp[0] > 7 and icmp[0] < 9",
  "vlan 100 or vlan 101",
  "vlan and ip[8] >= 64 and ip[8] < 65",
  "ip6 and ip6[7] >= 64 and not ip6[7] > 64",
  "ether[12:2] >= 0x0800 and ether[12:2] <= 0x0800",
  // Two fields, each compared twice, with the index register live across the comparisons.
  "tcp[2:2] > 79 and len > 60 and tcp[2:2] < 81 and len <= 61",
];

/** Expressions no frame satisfies (the ranges do not meet): both programs must reject all. */
const NEVER = [
  "ip[8] >= 65 and not ip[8] > 64",
  "udp[4:2] >= 9 and udp[4:2] <= 8",
  "ip[8] > 64 and ip[8] < 65",
  "len >= 100 and len < 100",
];

/** One load the program made: `width` bytes at `at`. */
interface Load {
  at: number;
  width: number;
}

/** Runs `insns` on `data`, recording every byte range a load read. */
function traceLoads(insns: readonly BpfInsn[], data: Uint8Array, wire: number, aux: BpfAux) {
  const loads: Load[] = [];
  let current: Load | undefined;
  const proxy = new Proxy(data, {
    get(target, key) {
      if (key === "length") {
        // The VM checks the length before each load: a new load starts.
        current = undefined;
        return target.length;
      }
      if (typeof key === "string" && /^\d+$/.test(key)) {
        const i = Number(key);
        if (current && i === current.at + current.width) current.width++;
        else loads.push(current = { at: i, width: 1 });
        return target[i];
      }
      const v = Reflect.get(target, key, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  runFilter(insns, proxy, wire, aux);
  return loads;
}

/** Boundary values: every K constant of a jump or ALU instruction, and its two neighbours. */
function boundaryValues(insns: readonly BpfInsn[]): number[] {
  const out = new Set<number>([0, 0xffffffff]);
  for (const i of insns) {
    const cls = bpfClass(i.code);
    if ((cls === BPF_JMP || cls === BPF_ALU) && bpfSrc(i.code) === BPF_K) {
      for (const d of [-1, 0, 1]) out.add((i.k + d) >>> 0);
    }
  }
  return [...out];
}

function usesLen(insns: readonly BpfInsn[]): boolean {
  return insns.some((i) => bpfClass(i.code) === BPF_LD && bpfMode(i.code) === BPF_LEN);
}

function usesAncillary(insns: readonly BpfInsn[]): boolean {
  return insns.some((i) => bpfClass(i.code) === BPF_LD && i.k >= SKF_AD_OFF);
}

/** `data` with `value` written big-endian into `load` (truncated to its width). */
function withValue(data: Uint8Array, load: Load, value: number): Uint8Array {
  const f = data.slice();
  for (let b = 0; b < load.width && load.at + b < f.length; b++) {
    f[load.at + b] = (value >>> (8 * (load.width - 1 - b))) & 0xff;
  }
  return f;
}

const BASES = samples().map((s) => s.data).filter((d) => d.length >= 14);

Deno.test("optimize: optimized and unoptimized programs agree at every boundary (N-1, N, N+1)", () => {
  let seed = 0x5eed;
  const rand = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  for (const expr of [...EXPRESSIONS, ...NEVER]) {
    const fast = compileFilter(expr);
    const slow = compileFilter(expr, { optimize: false });
    const values = boundaryValues(slow.insns);
    const lens = usesLen(slow.insns) ? values.filter((v) => v < 0x10000) : [];
    const auxes: BpfAux[] = [{}];
    if (usesAncillary(slow.insns)) {
      for (const v of values.filter((v) => v < 0x10000)) {
        auxes.push({ vlanTagPresent: true, vlanTci: v & 0xffff, vlanTpid: 0x8100 });
      }
    }
    const seen = new Set<string>();
    let runs = 0, hits = 0;
    const check = (f: Uint8Array, wire: number, aux: BpfAux) => {
      const a = runFilter(fast.insns, f, wire, aux);
      const b = runFilter(slow.insns, f, wire, aux);
      if (a !== b) {
        const hex = Array.from(f, (x) => x.toString(16).padStart(2, "0")).join("");
        equal(
          a,
          b,
          `${expr}: optimized ${a}, unoptimized ${b}; len ${wire}, aux ` +
            `${JSON.stringify(aux)}, frame ${hex}`,
        );
      }
      runs++;
      if (a) hits++;
    };
    const tryFrame = (f: Uint8Array) => {
      const key = f.join(",");
      if (seen.has(key)) return;
      seen.add(key);
      for (const aux of auxes) {
        check(f, f.length, aux);
        for (const wire of lens) check(f, wire, aux);
      }
    };
    for (const base of BASES) {
      tryFrame(base);
      // What both programs read of this frame, with and without a stripped tag.
      const loads = new Map<string, Load>();
      for (const insns of [fast.insns, slow.insns]) {
        for (const aux of auxes.slice(0, 2)) {
          for (const l of traceLoads(insns, base, base.length, aux)) {
            loads.set(`${l.at}:${l.width}`, l);
          }
        }
      }
      const list = [...loads.values()];
      // Each load on each boundary value, one at a time.
      for (const l of list) for (const v of values) tryFrame(withValue(base, l, v));
      // Several loads on boundary values at once (seeded): comparisons of different fields
      // that only meet at their boundaries together.
      for (let n = 0; n < 40 && list.length > 1; n++) {
        let f = base;
        for (const l of list) if (rand(2)) f = withValue(f, l, values[rand(values.length)]);
        tryFrame(f);
      }
    }
    if (NEVER.includes(expr)) equal(hits, 0, `${expr}: ${hits} of ${runs} runs matched`);
    else ok(hits > 0 && hits < runs, `${expr}: ${hits} of ${runs} runs matched`);
  }
});

Deno.test("optimize: the boundary frames reach both outcomes of every constant comparison", () => {
  // Guards the test above: for `ip[8] > 63`-style expressions, frames with ip[8] = 63, 64, 65
  // are among the inputs, so an off-by-one in the optimizer's range reasoning changes an answer.
  const f = compileFilter("ip[8] = 64 or ip[8] > 63", { optimize: false });
  const base = BASES.find((d) => d[12] === 0x08 && d[13] === 0x00)!;
  const loads = traceLoads(f.insns, base, base.length, {});
  const ttl = loads.find((l) => l.at === 14 + 8 && l.width === 1);
  ok(ttl, `ip[8] load not traced: ${JSON.stringify(loads)}`);
  const values = boundaryValues(f.insns);
  for (const v of [63, 64, 65]) ok(values.includes(v), `${v} missing from ${values}`);
  const answers = [62, 63, 64, 65].map((v) => f.matches(withValue(base, ttl, v)));
  equal(answers.join(), "false,false,true,true");
});

/** A field a relation can test, how to put a value into a frame, and its largest value. */
interface Field {
  expr: string;
  max: number;
  centers: number[];
  /** The frame and wire length carrying `v` in this field. */
  frame(v: number): [Uint8Array, number];
}

const UDP4 = samples().find((s) => s.name === "udp4")!.data;
const TCP4 = samples().find((s) => s.name === "tcp-syn")!.data;

function put(base: Uint8Array, at: number, width: number, v: number): [Uint8Array, number] {
  const f = withValue(base, { at, width }, v);
  return [f, f.length];
}

const FIELDS: Field[] = [
  { expr: "ip[8]", max: 0xff, centers: [0, 1, 64, 255], frame: (v) => put(UDP4, 22, 1, v) },
  { expr: "len", max: 0xffff, centers: [100], frame: (v) => [UDP4, v] },
  { expr: "tcp[2:2]", max: 0xffff, centers: [65535], frame: (v) => put(TCP4, 36, 2, v) },
  {
    expr: "ip[12:4]",
    max: 0xffffffff,
    centers: [0xffffffff],
    frame: (v) => put(UDP4, 26, 4, v),
  },
];

const RELS: Record<string, (a: number, b: number) => boolean> = {
  ">": (a, b) => a > b,
  ">=": (a, b) => a >= b,
  "<": (a, b) => a < b,
  "<=": (a, b) => a <= b,
  "=": (a, b) => a === b,
  "!=": (a, b) => a !== b,
  "& != 0": (a, b) => (a & b) !== 0,
  "& = 0": (a, b) => (a & b) === 0,
};

/** `field r c` as filter text (`ip[8] >= 64`, `ip[8] & 64 != 0`). */
function term(field: string, r: string, c: number): string {
  return r.startsWith("&") ? `${field} & ${c}${r.slice(1)}` : `${field} ${r} ${c}`;
}

Deno.test("optimize: two or three comparisons of one field, every relation pair, at N-1, N, N+1", () => {
  // Guards jump threading's range and bit reasoning (`decide`, `compare` in optimize.ts): each
  // pair of relations on one field with constants one apart, checked against the optimized
  // program, the unoptimized one and a direct evaluation, for field values on and around both
  // constants.
  let seed = 0x0b0b;
  const rand = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const rels = Object.keys(RELS);
  let checked = 0;
  for (const field of FIELDS) {
    for (const c1 of field.centers) {
      const near = (c: number) => [c - 1, c, c + 1].filter((x) => x >= 0 && x <= 0xffffffff);
      const values = [...new Set([0, field.max, ...[-2, -1, 0, 1, 2].map((d) => c1 + d)])]
        .filter((v) => v >= 0 && v <= field.max);
      const exprs: [string, (v: number) => boolean][] = [];
      for (const r1 of rels) {
        for (const r2 of rels) {
          for (const c2 of near(c1)) {
            const t1 = (v: number) => RELS[r1](v, c1), t2 = (v: number) => RELS[r2](v, c2);
            const e = term(field.expr, r1, c1), f = term(field.expr, r2, c2);
            exprs.push([`${e} and ${f}`, (v) => t1(v) && t2(v)]);
            exprs.push([`${e} or ${f}`, (v) => t1(v) || t2(v)]);
            exprs.push([`not ${e} and ${f}`, (v) => !t1(v) && t2(v)]);
            exprs.push([`${e} or not ${f}`, (v) => t1(v) || !t2(v)]);
          }
        }
      }
      // Three terms (pcap-filter: and/or left to right), seeded.
      for (let n = 0; n < 60; n++) {
        const [r1, r2, r3] = [0, 0, 0].map(() => rels[rand(rels.length)]);
        const [c2, c3] = [near(c1)[rand(near(c1).length)], near(c1)[rand(near(c1).length)]];
        const [o1, o2] = [rand(2) ? "and" : "or", rand(2) ? "and" : "or"];
        const op = (o: string, a: boolean, b: boolean) => o === "and" ? a && b : a || b;
        exprs.push([
          `${term(field.expr, r1, c1)} ${o1} ${term(field.expr, r2, c2)} ${o2} ${
            term(field.expr, r3, c3)
          }`,
          (v) => op(o2, op(o1, RELS[r1](v, c1), RELS[r2](v, c2)), RELS[r3](v, c3)),
        ]);
      }
      for (const [expr, oracle] of exprs) {
        const fast = compileFilter(expr);
        const slow = compileFilter(expr, { optimize: false });
        for (const v of values) {
          const [frame, wire] = field.frame(v);
          const want = oracle(v);
          equal(runFilter(slow.insns, frame, wire) > 0, want, `unoptimized ${expr} at ${v}`);
          equal(runFilter(fast.insns, frame, wire) > 0, want, `optimized ${expr} at ${v}`);
          checked++;
        }
      }
    }
  }
  ok(checked > 10000, `${checked} checks`);
});

/** Conditional jumps in the optimized program for `expr`. */
function comparisons(expr: string): number {
  return compileFilter(expr).insns.filter((i) =>
    bpfClass(i.code) === BPF_JMP && i.code !== (BPF_JMP | BPF_JA)
  ).length;
}

Deno.test("optimize: a comparison the one before it decides is folded away, at N-1, N, N+1", () => {
  // Guards the precision of the range reasoning (`lo = k1 + 1`, `hi = k1 - 1`, `lo > k2`...): a
  // range made too wide never changes an answer, only leaves a test the optimizer could drop.
  // When `F r1 c1` decides `F r2 c2` on the path to it (every 32-bit value that reaches the
  // second test gives it the same outcome), the program tests F no more often than `F r1 c1`
  // alone. A failed `=` only rules out its own constant.
  const rels = ["<", "<=", ">", ">=", "=", "!="];
  let folded = 0;
  for (const field of ["ip[8]", "len"]) {
    for (const c1 of [0, 1, 64, 255, 0xfffffffe, 0xffffffff]) {
      const alone = comparisons(`${field} > ${c1}`);
      for (const r1 of rels) {
        for (const r2 of rels) {
          for (const c2 of [c1 - 1, c1, c1 + 1].filter((x) => x >= 0 && x <= 0xffffffff)) {
            for (const conn of ["and", "or"]) {
              const values = [0, 0xffffffff, c1 - 2, c1 - 1, c1, c1 + 1, c1 + 2, c2 + 1]
                .filter((v) => v >= 0 && v <= 0xffffffff);
              const reach = values.filter((v) => RELS[r1](v, c1) === (conn === "and"));
              if (reach.length === 0) continue;
              const eqFailed = (r1 === "=" && conn === "or") || (r1 === "!=" && conn === "and");
              const decided = eqFailed
                ? (r2 === "=" || r2 === "!=") && c2 === c1
                : new Set(reach.map((v) => RELS[r2](v, c2))).size === 1;
              if (!decided) continue;
              const expr = `${field} ${r1} ${c1} ${conn} ${field} ${r2} ${c2}`;
              const n = comparisons(expr);
              ok(n <= alone, `${expr}: ${n} comparisons, ${field} ${r1} ${c1} alone has ${alone}`);
              folded++;
            }
          }
        }
      }
    }
  }
  ok(folded > 500, `${folded} expressions`);
});
