/**
 * The classic BPF interpreter, one opcode at a time, plus the `struct sock_filter` encoding and
 * the kernel-style program checker.
 */

import { deepStrictEqual, equal, throws } from "node:assert/strict";
import {
  BPF_A,
  BPF_ABS,
  BPF_ADD,
  BPF_ALU,
  BPF_AND,
  BPF_B,
  BPF_DIV,
  BPF_H,
  BPF_IMM,
  BPF_IND,
  BPF_JA,
  BPF_JEQ,
  BPF_JGE,
  BPF_JGT,
  BPF_JMP,
  BPF_JSET,
  BPF_K,
  BPF_LD,
  BPF_LDX,
  BPF_LEN,
  BPF_LSH,
  BPF_MEM,
  BPF_MISC,
  BPF_MOD,
  BPF_MSH,
  BPF_MUL,
  BPF_NEG,
  BPF_OR,
  BPF_RET,
  BPF_RSH,
  BPF_ST,
  BPF_STX,
  BPF_SUB,
  BPF_TAX,
  BPF_TXA,
  BPF_W,
  BPF_X,
  BPF_XOR,
  type BpfInsn,
  BpfProgramError,
  decodeProgram,
  encodeProgram,
  jump,
  SKF_AD_IFINDEX,
  SKF_AD_OFF,
  SKF_AD_PKTTYPE,
  SKF_AD_PROTOCOL,
  SKF_AD_VLAN_TAG,
  SKF_AD_VLAN_TAG_PRESENT,
  SKF_AD_VLAN_TPID,
  stmt,
  validateProgram,
} from "../src/filter/bpf.ts";
import { type BpfAux, runFilter } from "../src/filter/vm.ts";

const PKT = Uint8Array.from([
  0x01,
  0x02,
  0x03,
  0x04,
  0x85,
  0x06,
  0x07,
  0x08,
  0xf0,
  0xff,
  0x00,
  0x10,
]);

/** Run `body` then `ret a`. */
const evalA = (body: BpfInsn[], data = PKT, wirelen?: number, aux?: BpfAux) =>
  runFilter([...body, stmt(BPF_RET | BPF_A)], data, wirelen, aux);

const ldi = (k: number) => stmt(BPF_LD | BPF_IMM, k);
const ldxi = (k: number) => stmt(BPF_LDX | BPF_IMM, k);

Deno.test("vm: loads (ABS/IND W/H/B, IMM, LEN, MEM, MSH) into A and X", () => {
  equal(evalA([stmt(BPF_LD | BPF_W | BPF_ABS, 0)]), 0x01020304);
  equal(evalA([stmt(BPF_LD | BPF_H | BPF_ABS, 4)]), 0x8506);
  equal(evalA([stmt(BPF_LD | BPF_B | BPF_ABS, 8)]), 0xf0);
  equal(evalA([stmt(BPF_LD | BPF_W | BPF_ABS, 8)]), 0xf0ff0010);
  equal(evalA([ldxi(2), stmt(BPF_LD | BPF_W | BPF_IND, 2)]), 0x85060708);
  equal(evalA([ldxi(1), stmt(BPF_LD | BPF_H | BPF_IND, 2)]), 0x0485);
  equal(evalA([ldxi(3), stmt(BPF_LD | BPF_B | BPF_IND, 1)]), 0x85);
  equal(evalA([ldi(0xdeadbeef)]), 0xdeadbeef);
  equal(evalA([stmt(BPF_LD | BPF_W | BPF_LEN)], PKT, 1500), 1500);
  equal(evalA([stmt(BPF_LD | BPF_W | BPF_LEN)]), PKT.length);
  equal(evalA([stmt(BPF_LDX | BPF_W | BPF_LEN), stmt(BPF_MISC | BPF_TXA)], PKT, 99), 99);
  equal(evalA([stmt(BPF_LDX | BPF_B | BPF_MSH, 4), stmt(BPF_MISC | BPF_TXA)]), 20);
  equal(evalA([ldi(7), stmt(BPF_ST, 3), ldi(0), stmt(BPF_LD | BPF_MEM, 3)]), 7);
  equal(
    evalA([ldxi(9), stmt(BPF_STX, 15), stmt(BPF_LDX | BPF_MEM, 15), stmt(BPF_MISC | BPF_TXA)]),
    9,
  );
  equal(evalA([ldxi(5), stmt(BPF_MISC | BPF_TXA)]), 5);
  equal(evalA([ldi(6), stmt(BPF_MISC | BPF_TAX), ldi(0), stmt(BPF_MISC | BPF_TXA)]), 6);
});

Deno.test("vm: out-of-bounds loads reject, as the kernel does", () => {
  equal(evalA([stmt(BPF_LD | BPF_W | BPF_ABS, 9)]), 0);
  equal(evalA([stmt(BPF_LD | BPF_H | BPF_ABS, 11)]), 0);
  equal(evalA([stmt(BPF_LD | BPF_B | BPF_ABS, 12)]), 0);
  equal(evalA([ldxi(10), stmt(BPF_LD | BPF_W | BPF_IND, 0)]), 0);
  equal(evalA([ldxi(0xffffffff), stmt(BPF_LD | BPF_B | BPF_IND, 2)]), 0x02);
  equal(evalA([ldxi(0xfffffff0), stmt(BPF_LD | BPF_B | BPF_IND, 0)]), 0);
  equal(evalA([stmt(BPF_LDX | BPF_B | BPF_MSH, 12)]), 0);
  equal(runFilter([stmt(BPF_LD | BPF_B | BPF_ABS, 100), stmt(BPF_RET | BPF_K, 1)], PKT), 0);
});

Deno.test("vm: ALU operations with K and X", () => {
  const cases: [number, number, number, number][] = [
    [BPF_ADD, 0xffffffff, 2, 1],
    [BPF_SUB, 1, 2, 0xffffffff],
    [BPF_MUL, 0x10000, 0x10001, 0x10000],
    [BPF_DIV, 100, 7, 14],
    [BPF_MOD, 100, 7, 2],
    [BPF_AND, 0xf0f0, 0xff00, 0xf000],
    [BPF_OR, 0xf0f0, 0x0f00, 0xfff0],
    [BPF_XOR, 0xff00ff00, 0xffffffff, 0x00ff00ff],
    [BPF_LSH, 0x80000001, 1, 2],
    [BPF_RSH, 0x80000000, 31, 1],
  ];
  for (const [op, a, b, want] of cases) {
    equal(evalA([ldi(a), stmt(BPF_ALU | op | BPF_K, b)]), want, `op ${op} K`);
    equal(evalA([ldxi(b), ldi(a), stmt(BPF_ALU | op | BPF_X)]), want, `op ${op} X`);
  }
  equal(evalA([ldi(5), stmt(BPF_ALU | BPF_NEG)]), 0xfffffffb);
});

Deno.test("vm: division and modulo by X = 0 reject", () => {
  equal(evalA([ldxi(0), ldi(5), stmt(BPF_ALU | BPF_DIV | BPF_X)]), 0);
  equal(evalA([ldxi(0), ldi(5), stmt(BPF_ALU | BPF_MOD | BPF_X)]), 0);
});

Deno.test("vm: jumps JA, JEQ, JGT, JGE, JSET with K and X", () => {
  const branch = (code: number, a: number, b: number) =>
    runFilter([
      ldxi(b),
      ldi(a),
      jump(BPF_JMP | code, b, 1, 0),
      stmt(BPF_RET | BPF_K, 2),
      stmt(BPF_RET | BPF_K, 1),
    ], PKT);
  const table: [number, number, number, boolean][] = [
    [BPF_JEQ, 5, 5, true],
    [BPF_JEQ, 5, 6, false],
    [BPF_JGT, 6, 5, true],
    [BPF_JGT, 5, 5, false],
    [BPF_JGT, 0xffffffff, 1, true],
    [BPF_JGE, 5, 5, true],
    [BPF_JGE, 4, 5, false],
    [BPF_JSET, 6, 2, true],
    [BPF_JSET, 6, 9, false],
  ];
  for (const [op, a, b, taken] of table) {
    equal(branch(op | BPF_K, a, b), taken ? 1 : 2, `op ${op} K ${a} ${b}`);
    equal(branch(op | BPF_X, a, b), taken ? 1 : 2, `op ${op} X ${a} ${b}`);
  }
  equal(
    runFilter([
      stmt(BPF_JMP | BPF_JA, 1),
      stmt(BPF_RET | BPF_K, 1),
      stmt(BPF_RET | BPF_K, 2),
    ], PKT),
    2,
  );
});

Deno.test("vm: RET K and RET A; running off the end rejects", () => {
  equal(runFilter([stmt(BPF_RET | BPF_K, 65535)], PKT), 65535);
  equal(runFilter([ldi(42), stmt(BPF_RET | BPF_A)], PKT), 42);
  equal(runFilter([ldi(42)], PKT), 0);
});

Deno.test("vm: ancillary loads read BpfAux", () => {
  const aux: BpfAux = {
    vlanTagPresent: true,
    vlanTci: 0xa064,
    vlanTpid: 0x88a8,
    ifindex: 7,
    pktType: 4,
    protocol: 0x0800,
  };
  const anc = (off: number, size = BPF_W, a: BpfAux = aux) =>
    evalA([stmt(BPF_LD | size | BPF_ABS, SKF_AD_OFF + off)], PKT, undefined, a);
  equal(anc(SKF_AD_VLAN_TAG), 0xa064);
  equal(anc(SKF_AD_VLAN_TAG, BPF_B), 0xa064);
  equal(anc(SKF_AD_VLAN_TAG_PRESENT), 1);
  equal(anc(SKF_AD_VLAN_TPID), 0x88a8);
  equal(anc(SKF_AD_IFINDEX), 7);
  equal(anc(SKF_AD_PKTTYPE, BPF_H), 4);
  equal(anc(SKF_AD_PROTOCOL), 0x0800);
  equal(anc(SKF_AD_VLAN_TAG_PRESENT, BPF_W, {}), 0);
  equal(anc(SKF_AD_VLAN_TAG, BPF_W, { vlanTci: 5 }), 0);
});

Deno.test("bpf: encodeProgram writes little-endian struct sock_filter", () => {
  const insns = [jump(BPF_JMP | BPF_JEQ | BPF_K, 0x86dd, 3, 250), stmt(BPF_RET | BPF_K, 262144)];
  const bytes = encodeProgram(insns);
  deepStrictEqual(
    [...bytes],
    [0x15, 0x00, 3, 250, 0xdd, 0x86, 0, 0, 0x06, 0x00, 0, 0, 0x00, 0x00, 0x04, 0x00],
  );
  deepStrictEqual(decodeProgram(bytes), insns);
  const big = encodeProgram([stmt(BPF_LD | BPF_W | BPF_ABS, SKF_AD_OFF + SKF_AD_VLAN_TAG)]);
  deepStrictEqual([...big], [0x20, 0, 0, 0, 0x2c, 0xf0, 0xff, 0xff]);
});

Deno.test("bpf: validateProgram accepts good programs and rejects what the kernel rejects", () => {
  const ret = stmt(BPF_RET | BPF_K, 1);
  validateProgram([ret]);
  validateProgram([ldi(1), stmt(BPF_ST, 0), stmt(BPF_LD | BPF_MEM, 0), ret]);
  validateProgram([stmt(BPF_LD | BPF_H | BPF_ABS, 12), jump(BPF_JMP | BPF_JEQ, 1, 0, 1), ret, ret]);
  const bad: [string, BpfInsn[]][] = [
    ["empty", []],
    ["no final ret", [ldi(1)]],
    ["unknown opcode", [stmt(0xff), ret]],
    ["jump past end", [jump(BPF_JMP | BPF_JEQ, 1, 1, 0), ret]],
    ["ja past end", [stmt(BPF_JMP | BPF_JA, 1), ret]],
    ["memory index", [stmt(BPF_ST, 16), ret]],
    ["div by zero", [stmt(BPF_ALU | BPF_DIV | BPF_K, 0), ret]],
    ["mod by zero", [stmt(BPF_ALU | BPF_MOD | BPF_K, 0), ret]],
    ["shift 32", [stmt(BPF_ALU | BPF_LSH | BPF_K, 32), ret]],
    ["read before write", [stmt(BPF_LD | BPF_MEM, 2), ret]],
    [
      "written on one path only",
      [jump(BPF_JMP | BPF_JEQ, 0, 0, 1), stmt(BPF_ST, 1), stmt(BPF_LDX | BPF_MEM, 1), ret],
    ],
    ["too long", new Array(4097).fill(ret)],
  ];
  for (const [what, insns] of bad) {
    throws(() => validateProgram(insns), BpfProgramError, what);
  }
});

Deno.test("bpf: opcodes compose from their kernel parts", () => {
  equal(BPF_LD | BPF_H | BPF_ABS, 0x28);
  equal(BPF_LDX | BPF_B | BPF_MSH, 0xb1);
  equal(BPF_JMP | BPF_JSET | BPF_K, 0x45);
  equal(BPF_RET | BPF_K, 0x06);
  equal(BPF_ALU | BPF_AND | BPF_K, 0x54);
  equal(BPF_MISC | BPF_TAX, 0x07);
  equal(BPF_MISC | BPF_TXA, 0x87);
  equal(BPF_ALU | BPF_NEG, 0x84);
  equal(BPF_ALU | BPF_OR | BPF_X, 0x4c);
  equal(BPF_LD | BPF_B | BPF_IND, 0x50);
  equal(BPF_STX, 0x03);
  equal(BPF_LDX | BPF_MEM, 0x61);
  equal(BPF_LD | BPF_W | BPF_LEN, 0x80);
  equal(BPF_JMP | BPF_JGE | BPF_X, 0x3d);
  equal(BPF_JMP | BPF_JGT | BPF_K, 0x25);
  equal(BPF_ALU | BPF_SUB | BPF_K, 0x14);
  equal(BPF_ALU | BPF_MUL | BPF_K, 0x24);
  equal(BPF_ALU | BPF_RSH | BPF_K, 0x74);
  equal(BPF_ALU | BPF_XOR | BPF_K, 0xa4);
  equal(BPF_ALU | BPF_ADD | BPF_X, 0x0c);
  equal(SKF_AD_OFF + SKF_AD_VLAN_TAG_PRESENT, 0xfffff030);
});
