/**
 * Optimizer: constant conditions fold away, programs stay short (no longer than tcpdump's for
 * common filters), long programs get `ja` hops, and optimizing never changes an answer.
 */

import { deepStrictEqual, equal, ok } from "node:assert/strict";
import { BPF_JA, BPF_JMP, BPF_RET, bpfClass, validateProgram } from "../src/filter/bpf.ts";
import { compileFilter, runFilter } from "../src/filter/mod.ts";

/** Deterministic pseudo-random frames shaped like Ethernet/IPv4/IPv6 traffic. */
function frames(count: number): Uint8Array[] {
  let seed = 12345;
  const rand = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const f = new Uint8Array(14 + rand(120));
    for (let j = 0; j < f.length; j++) f[j] = rand(256);
    const types = [0x0800, 0x86dd, 0x0806, 0x8100, 0x88a8, 0x8035];
    const type = types[rand(types.length)];
    f[12] = type >> 8;
    f[13] = type & 0xff;
    if (f.length > 23 && type === 0x0800) {
      f[14] = 0x45 + rand(3);
      f[20] = rand(4) === 0 ? 0x20 : 0;
      f[21] = 0;
      f[23] = [6, 17, 1, 132][rand(4)];
    }
    if (f.length > 20 && type === 0x86dd) f[20] = [6, 17, 58, 44][rand(4)];
    if (f.length > 18 && type === 0x8100) f[16] = 0x08, f[17] = 0;
    if (f.length > 36 && rand(3) === 0) f[34] = 0, f[35] = [53, 80, 443][rand(3)];
    out.push(f);
  }
  return out;
}

Deno.test("optimize: constant conditions fold to a single ret", () => {
  for (const expr of ["1 = 1", "2 > 1 and 3 != 4", "tcp or 1 = 1", "ip or not ip", ""]) {
    const f = compileFilter(expr);
    deepStrictEqual(f.insns, [{ code: BPF_RET, jt: 0, jf: 0, k: 262144 }], expr);
  }
  for (const expr of ["1 = 2", "tcp and 0 > 1", "ip and not ip"]) {
    deepStrictEqual(compileFilter(expr).insns, [{ code: BPF_RET, jt: 0, jf: 0, k: 0 }], expr);
  }
});

Deno.test("optimize: common filters are as short as tcpdump's programs", () => {
  const tcpdumpLengths: [string, number][] = [
    ["tcp", 12],
    ["tcp port 80", 20],
    ["udp port 53", 20],
    ["host 1.2.3.4", 14],
    ["port 80 or 443", 27],
    ["icmp6", 9],
    ["tcp[tcpflags] & (tcp-syn|tcp-ack) != 0", 11],
    ["ether host 1:2:3:4:5:6", 10],
    ["net 10.0.0.0/8", 18],
  ];
  for (const [expr, limit] of tcpdumpLengths) {
    const n = compileFilter(expr).insns.length;
    ok(n <= limit, `${expr}: ${n} instructions, tcpdump needs ${limit}`);
    ok(n < compileFilter(expr, { optimize: false }).insns.length || n <= 12, expr);
  }
});

Deno.test("optimize: one ret per distinct value, no jump to a jump with equal targets", () => {
  for (const expr of ["tcp port 80 or udp port 53", "vlan 100 and host 10.0.0.1", "icmp or arp"]) {
    const { insns } = compileFilter(expr);
    const rets = insns.filter((i) => bpfClass(i.code) === BPF_RET).map((i) => i.k);
    deepStrictEqual(rets.length, new Set(rets).size, expr);
    insns.forEach((insn, pc) => {
      if (bpfClass(insn.code) === BPF_JMP && insn.code !== (BPF_JMP | BPF_JA)) {
        ok(insn.jt !== insn.jf, `${expr}: constant jump at ${pc}`);
      }
    });
  }
});

Deno.test("optimize: jumps farther than 255 instructions go through ja", () => {
  const terms = Array.from({ length: 150 }, (_, i) => `ip[${i % 20}] = ${i}`).join(" or ");
  const f = compileFilter(`ip and (${terms})`);
  ok(f.insns.length > 300);
  ok(f.insns.some((i) => i.code === (BPF_JMP | BPF_JA)));
  validateProgram(f.insns);
  const frame = new Uint8Array(60).fill(0xff);
  frame[12] = 0x08;
  frame[13] = 0x00;
  frame[14 + 7] = 147;
  ok(f.matches(frame));
  frame[14 + 7] = 148;
  ok(!f.matches(frame));
});

Deno.test("optimize: optimized and unoptimized programs agree on random frames", () => {
  const exprs = [
    "tcp port 80 or udp port 53",
    "ip and not (tcp or udp)",
    "ip6 or arp or rarp",
    "vlan and ip",
    "vlan 8 or ip[9] = 17",
    "(ip[0] & 0xf) > 5 and ip[6] & 0x20 != 0",
    "udp[2:2] > 1000 or tcp[13] & 2 != 0",
    "net 10.0.0.0/8 or host 192.168.1.1 or port 53",
    "icmp or icmp6 or not vlan",
    "ip[2:2] > ip[0] * 4",
    "len > 60 and len < 100",
    "portrange 50-500 and not port 80",
  ];
  const sample = frames(400);
  for (const expr of exprs) {
    const fast = compileFilter(expr);
    const slow = compileFilter(expr, { optimize: false });
    let hits = 0;
    for (const f of sample) {
      for (const aux of [{}, { vlanTagPresent: true, vlanTci: 8 }]) {
        const a = runFilter(fast.insns, f, f.length, aux);
        const b = runFilter(slow.insns, f, f.length, aux);
        equal(a, b, `${expr} on ${f.length}-byte frame`);
        if (a) hits++;
      }
    }
    ok(hits > 0 && hits < 2 * sample.length, `${expr}: ${hits} hits`);
    ok(fast.insns.length <= slow.insns.length, expr);
  }
});
