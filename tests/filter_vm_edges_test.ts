/**
 * Edges of the classic BPF interpreter (src/filter/vm.ts) that the opcode-by-opcode tests leave
 * open: registers before their first write, X operands distinct from K, division by 1 and by
 * X = 0, and ancillary loads whose value the kernel did not supply.
 */
import { equal } from "node:assert/strict";
import {
  BPF_A,
  BPF_ADD,
  BPF_ALU,
  BPF_DIV,
  BPF_IMM,
  BPF_JEQ,
  BPF_JGE,
  BPF_JGT,
  BPF_JMP,
  BPF_JSET,
  BPF_K,
  BPF_LD,
  BPF_LDX,
  BPF_MISC,
  BPF_MOD,
  BPF_RET,
  BPF_TXA,
  BPF_W,
  BPF_X,
  jump,
  SKF_AD_IFINDEX,
  SKF_AD_MAX,
  SKF_AD_OFF,
  SKF_AD_PKTTYPE,
  SKF_AD_PROTOCOL,
  SKF_AD_VLAN_TAG,
  SKF_AD_VLAN_TAG_PRESENT,
  SKF_AD_VLAN_TPID,
  stmt,
} from "../src/filter/bpf.ts";
import { type BpfAux, runFilter } from "../src/filter/vm.ts";

const PKT = new Uint8Array(64);
const retA = stmt(BPF_RET | BPF_A);
/** A + 1, returned: tells "A is 0" (1) from "rejected" (0). */
const plusOneRet = [stmt(BPF_ALU | BPF_ADD | BPF_K, 1), retA];

Deno.test("vm: A and X start at 0, as in the kernel", () => {
  // Guards the initial `a = 0`, `x = 0` of runFilter.
  equal(runFilter(plusOneRet, PKT), 1);
  equal(runFilter([stmt(BPF_MISC | BPF_TXA), ...plusOneRet], PKT), 1);
});

Deno.test("vm: a jump on X compares with X, not with the instruction's K", () => {
  // Guards `bpfSrc(code) === BPF_X ? x : k` for jumps: K holds a value that would give the
  // opposite answer.
  const cases: [number, number, number, number, boolean][] = [
    // op, A, X, K, taken
    [BPF_JEQ, 5, 5, 6, true],
    [BPF_JEQ, 6, 5, 6, false],
    [BPF_JGT, 6, 5, 7, true],
    [BPF_JGT, 6, 6, 0, false],
    [BPF_JGE, 6, 6, 7, true],
    [BPF_JGE, 6, 7, 0, false],
    [BPF_JSET, 6, 2, 1, true],
    [BPF_JSET, 6, 1, 2, false],
  ];
  for (const [op, a, x, k, taken] of cases) {
    const prog = [
      stmt(BPF_LDX | BPF_W | BPF_IMM, x),
      stmt(BPF_LD | BPF_W | BPF_IMM, a),
      jump(BPF_JMP | op | BPF_X, k, 0, 1),
      stmt(BPF_RET | BPF_K, 1),
      stmt(BPF_RET | BPF_K, 2),
    ];
    equal(runFilter(prog, PKT), taken ? 1 : 2, `op 0x${op.toString(16)} A ${a} X ${x} K ${k}`);
  }
});

Deno.test("vm: division and modulo by 1 go on; by K or X = 0 the program rejects", () => {
  // Guards the `b === 0` tests of BPF_DIV and BPF_MOD (not 1, not any falsy operand).
  const alu = (op: number, a: number, b: number, src: number) =>
    runFilter([
      stmt(BPF_LDX | BPF_W | BPF_IMM, b),
      stmt(BPF_LD | BPF_W | BPF_IMM, a),
      stmt(BPF_ALU | op | src, b),
      ...plusOneRet,
    ], PKT);
  for (const src of [BPF_K, BPF_X]) {
    equal(alu(BPF_DIV, 7, 1, src), 8, `div 1 (${src})`);
    equal(alu(BPF_MOD, 7, 1, src), 1, `mod 1 (${src})`);
    equal(alu(BPF_DIV, 7, 2, src), 4, `div 2 (${src})`);
    equal(alu(BPF_MOD, 7, 2, src), 2, `mod 2 (${src})`);
    equal(alu(BPF_DIV, 7, 0, src), 0, `div 0 (${src})`);
    equal(alu(BPF_MOD, 7, 0, src), 0, `mod 0 (${src})`);
  }
});

Deno.test("vm: ancillary loads the kernel did not supply read 0; past SKF_AD_MAX they reject", () => {
  // Guards the `?? 0` defaults of each ancillary value and the SKF_AD_MAX bound.
  const load = (off: number, aux: BpfAux) =>
    runFilter(
      [stmt(BPF_LD | BPF_W | 0x20, /* ABS */ SKF_AD_OFF + off), ...plusOneRet],
      PKT,
      64,
      aux,
    );
  for (
    const off of [
      SKF_AD_PROTOCOL,
      SKF_AD_PKTTYPE,
      SKF_AD_IFINDEX,
      SKF_AD_VLAN_TAG,
      SKF_AD_VLAN_TPID,
    ]
  ) {
    equal(load(off, {}), 1, `offset ${off}, nothing supplied`);
    equal(
      load(off, { vlanTagPresent: true }),
      off === SKF_AD_VLAN_TAG_PRESENT ? 2 : 1,
      `offset ${off}`,
    );
  }
  equal(load(SKF_AD_VLAN_TAG_PRESENT, {}), 1);
  equal(load(SKF_AD_VLAN_TAG_PRESENT, { vlanTagPresent: true }), 2);
  // Known offsets the interpreter does not model (mark, queue, hatype...) read 0 and go on.
  for (const off of [20, 24, 28, SKF_AD_MAX - 4]) equal(load(off, {}), 1, `offset ${off}`);
  // From SKF_AD_MAX on the kernel refuses the load: the program rejects.
  for (const off of [SKF_AD_MAX, SKF_AD_MAX + 4]) equal(load(off, {}), 0, `offset ${off}`);
});
