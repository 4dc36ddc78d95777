/**
 * Program listings in tcpdump's `-d`, `-dd` and `-ddd` formats (libpcap's `bpf_dump`).
 *
 * @module
 */

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
  bpfClass,
  type BpfInsn,
  bpfOp,
  SKF_AD_ALU_XOR_X,
  SKF_AD_CPU,
  SKF_AD_HATYPE,
  SKF_AD_IFINDEX,
  SKF_AD_MARK,
  SKF_AD_MAX,
  SKF_AD_NLATTR,
  SKF_AD_NLATTR_NEST,
  SKF_AD_OFF,
  SKF_AD_PAY_OFFSET,
  SKF_AD_PKTTYPE,
  SKF_AD_PROTOCOL,
  SKF_AD_QUEUE,
  SKF_AD_RANDOM,
  SKF_AD_RXHASH,
  SKF_AD_VLAN_TAG,
  SKF_AD_VLAN_TAG_PRESENT,
  SKF_AD_VLAN_TPID,
} from "./bpf.ts";

/** libpcap's names for ancillary load offsets. */
const ANCILLARY_NAMES: Readonly<Record<number, string>> = {
  [SKF_AD_PROTOCOL]: "proto",
  [SKF_AD_PKTTYPE]: "type",
  [SKF_AD_IFINDEX]: "ifidx",
  [SKF_AD_NLATTR]: "nla",
  [SKF_AD_NLATTR_NEST]: "nlan",
  [SKF_AD_MARK]: "mark",
  [SKF_AD_QUEUE]: "queue",
  [SKF_AD_HATYPE]: "hatype",
  [SKF_AD_RXHASH]: "rxhash",
  [SKF_AD_CPU]: "cpu",
  [SKF_AD_ALU_XOR_X]: "xor_x",
  [SKF_AD_VLAN_TAG]: "vlan_tci",
  [SKF_AD_VLAN_TAG_PRESENT]: "vlanp",
  [SKF_AD_PAY_OFFSET]: "poff",
  [SKF_AD_RANDOM]: "random",
  [SKF_AD_VLAN_TPID]: "vlan_tpid",
};

const signed = (k: number) => k | 0;
const hex = (k: number) => `0x${(k >>> 0).toString(16)}`;

function absOperand(k: number): string {
  if (k >= SKF_AD_OFF && k < SKF_AD_OFF + SKF_AD_MAX) {
    const name = ANCILLARY_NAMES[k - SKF_AD_OFF];
    if (name) return `[${name}]`;
  }
  return `[${signed(k)}]`;
}

const ALU_NAMES: Readonly<Record<number, [string, boolean]>> = {
  [BPF_ADD]: ["add", false],
  [BPF_SUB]: ["sub", false],
  [BPF_MUL]: ["mul", false],
  [BPF_DIV]: ["div", false],
  [BPF_MOD]: ["mod", false],
  [BPF_AND]: ["and", true],
  [BPF_OR]: ["or", true],
  [BPF_XOR]: ["xor", true],
  [BPF_LSH]: ["lsh", false],
  [BPF_RSH]: ["rsh", false],
};
const JUMP_NAMES: Readonly<Record<number, string>> = {
  [BPF_JEQ]: "jeq",
  [BPF_JGT]: "jgt",
  [BPF_JGE]: "jge",
  [BPF_JSET]: "jset",
};
const LOAD_NAMES: Readonly<Record<number, string>> = {
  [BPF_W]: "ld",
  [BPF_H]: "ldh",
  [BPF_B]: "ldb",
};

function opAndOperand(insn: BpfInsn, n: number): [string, string] {
  const { code, k } = insn;
  switch (code) {
    case BPF_RET | BPF_K:
      return ["ret", `#${signed(k)}`];
    case BPF_RET | BPF_A:
      return ["ret", ""];
    case BPF_LD | BPF_W | BPF_ABS:
    case BPF_LD | BPF_H | BPF_ABS:
    case BPF_LD | BPF_B | BPF_ABS:
      return [LOAD_NAMES[code & 0x18], absOperand(k)];
    case BPF_LD | BPF_W | BPF_IND:
    case BPF_LD | BPF_H | BPF_IND:
    case BPF_LD | BPF_B | BPF_IND:
      return [LOAD_NAMES[code & 0x18], `[x + ${signed(k)}]`];
    case BPF_LD | BPF_W | BPF_LEN:
      return ["ld", "#pktlen"];
    case BPF_LDX | BPF_W | BPF_LEN:
      return ["ldx", "#pktlen"];
    case BPF_LD | BPF_IMM:
      return ["ld", `#${hex(k)}`];
    case BPF_LDX | BPF_IMM:
      return ["ldx", `#${hex(k)}`];
    case BPF_LDX | BPF_MSH | BPF_B:
      return ["ldxb", `4*([${signed(k)}]&0xf)`];
    case BPF_LD | BPF_MEM:
      return ["ld", `M[${signed(k)}]`];
    case BPF_LDX | BPF_MEM:
      return ["ldx", `M[${signed(k)}]`];
    case BPF_ST:
      return ["st", `M[${signed(k)}]`];
    case BPF_STX:
      return ["stx", `M[${signed(k)}]`];
    case BPF_JMP | BPF_JA:
      return ["ja", `${n + 1 + signed(k)}`];
    case BPF_ALU | BPF_NEG:
      return ["neg", ""];
    case BPF_MISC | BPF_TAX:
      return ["tax", ""];
    case BPF_MISC | BPF_TXA:
      return ["txa", ""];
  }
  const x = (code & BPF_X) !== 0;
  if (bpfClass(code) === BPF_JMP && JUMP_NAMES[bpfOp(code)]) {
    return [JUMP_NAMES[bpfOp(code)], x ? "x" : `#${hex(k)}`];
  }
  if (bpfClass(code) === BPF_ALU && ALU_NAMES[bpfOp(code)]) {
    const [name, hexOperand] = ALU_NAMES[bpfOp(code)];
    return [name, x ? "x" : hexOperand ? `#${hex(k)}` : `#${signed(k)}`];
  }
  return ["unimp", hex(code)];
}

/** One instruction as tcpdump `-d` prints it (libpcap's `bpf_image`), without newline. */
export function insnImage(insn: BpfInsn, n: number): string {
  const [op, operand] = opAndOperand(insn, n);
  const head = `(${String(n).padStart(3, "0")}) ${op.padEnd(8)} `;
  if (bpfClass(insn.code) === BPF_JMP && bpfOp(insn.code) !== BPF_JA) {
    return `${head}${operand.padEnd(16)} jt ${n + 1 + insn.jt}\tjf ${n + 1 + insn.jf}`;
  }
  return `${head}${operand}`;
}

/**
 * A listing like `tcpdump -d` (level 1: readable), `-dd` (level 2: C array) or `-ddd`
 * (level 3: decimal count and fields). Every line ends with a newline.
 */
export function dumpProgram(insns: readonly BpfInsn[], level: 1 | 2 | 3 = 1): string {
  if (level >= 3) {
    return `${insns.length}\n` +
      insns.map((i) => `${i.code} ${i.jt} ${i.jf} ${i.k >>> 0}\n`).join("");
  }
  if (level === 2) {
    return insns
      .map((i) =>
        `{ ${hex(i.code)}, ${i.jt}, ${i.jf}, 0x${(i.k >>> 0).toString(16).padStart(8, "0")} },\n`
      )
      .join("");
  }
  return insns.map((insn, n) => insnImage(insn, n) + "\n").join("");
}
