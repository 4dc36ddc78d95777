/**
 * Classic BPF: the instruction type, opcode constants (names from linux/filter.h and
 * linux/bpf_common.h), the `struct sock_filter` encoding and a program checker modelled on the
 * kernel's `bpf_check_classic`.
 *
 * @module
 */

/** One classic BPF instruction, the fields of `struct sock_filter`. */
export interface BpfInsn {
  /** Opcode: class | size | mode, or class | op | source. */
  code: number;
  /** Jump offset when the condition holds (conditional jumps only). */
  jt: number;
  /** Jump offset when the condition does not hold (conditional jumps only). */
  jf: number;
  /** Generic field: offset, immediate, jump distance or return value (u32). */
  k: number;
}

// Instruction classes.
export const BPF_LD = 0x00;
export const BPF_LDX = 0x01;
export const BPF_ST = 0x02;
export const BPF_STX = 0x03;
export const BPF_ALU = 0x04;
export const BPF_JMP = 0x05;
export const BPF_RET = 0x06;
export const BPF_MISC = 0x07;

// Load sizes.
export const BPF_W = 0x00;
export const BPF_H = 0x08;
export const BPF_B = 0x10;

// Load modes.
export const BPF_IMM = 0x00;
export const BPF_ABS = 0x20;
export const BPF_IND = 0x40;
export const BPF_MEM = 0x60;
export const BPF_LEN = 0x80;
export const BPF_MSH = 0xa0;

// ALU and jump operations.
export const BPF_ADD = 0x00;
export const BPF_SUB = 0x10;
export const BPF_MUL = 0x20;
export const BPF_DIV = 0x30;
export const BPF_OR = 0x40;
export const BPF_AND = 0x50;
export const BPF_LSH = 0x60;
export const BPF_RSH = 0x70;
export const BPF_NEG = 0x80;
export const BPF_MOD = 0x90;
export const BPF_XOR = 0xa0;

export const BPF_JA = 0x00;
export const BPF_JEQ = 0x10;
export const BPF_JGT = 0x20;
export const BPF_JGE = 0x30;
export const BPF_JSET = 0x40;

// Operand sources.
export const BPF_K = 0x00;
export const BPF_X = 0x08;
/** Return-value source: the accumulator. */
export const BPF_A = 0x10;

// Miscellaneous operations.
export const BPF_TAX = 0x00;
export const BPF_TXA = 0x80;

/** Number of scratch memory words M[0..15]. */
export const BPF_MEMWORDS = 16;
/** Longest program the kernel accepts. */
export const BPF_MAXINSNS = 4096;

/** Base of the ancillary-data load offsets (`SKF_AD_OFF`, -0x1000 as u32). */
export const SKF_AD_OFF = 0xfffff000;
export const SKF_AD_PROTOCOL = 0;
export const SKF_AD_PKTTYPE = 4;
export const SKF_AD_IFINDEX = 8;
export const SKF_AD_NLATTR = 12;
export const SKF_AD_NLATTR_NEST = 16;
export const SKF_AD_MARK = 20;
export const SKF_AD_QUEUE = 24;
export const SKF_AD_HATYPE = 28;
export const SKF_AD_RXHASH = 32;
export const SKF_AD_CPU = 36;
export const SKF_AD_ALU_XOR_X = 40;
export const SKF_AD_VLAN_TAG = 44;
export const SKF_AD_VLAN_TAG_PRESENT = 48;
export const SKF_AD_PAY_OFFSET = 52;
export const SKF_AD_RANDOM = 56;
export const SKF_AD_VLAN_TPID = 60;
export const SKF_AD_MAX = 64;

/** Class bits of an opcode. */
export function bpfClass(code: number): number {
  return code & 0x07;
}
/** Size bits of a load opcode. */
export function bpfSize(code: number): number {
  return code & 0x18;
}
/** Mode bits of a load opcode. */
export function bpfMode(code: number): number {
  return code & 0xe0;
}
/** Operation bits of an ALU or jump opcode. */
export function bpfOp(code: number): number {
  return code & 0xf0;
}
/** Source bit (K or X) of an ALU or jump opcode. */
export function bpfSrc(code: number): number {
  return code & 0x08;
}

/** A non-jump instruction (`BPF_STMT`). */
export function stmt(code: number, k = 0): BpfInsn {
  return { code, jt: 0, jf: 0, k: k >>> 0 };
}

/** A jump instruction (`BPF_JUMP`). */
export function jump(code: number, k: number, jt: number, jf: number): BpfInsn {
  return { code, jt, jf, k: k >>> 0 };
}

/** Size in bytes of one `struct sock_filter`. */
export const SOCK_FILTER_SIZE = 8;

/**
 * Encode a program as the `struct sock_filter` array `SO_ATTACH_FILTER` takes:
 * u16 code, u8 jt, u8 jf, u32 k per instruction, little-endian (x86/arm64 host order).
 */
export function encodeProgram(insns: readonly BpfInsn[]): Uint8Array {
  const out = new Uint8Array(insns.length * SOCK_FILTER_SIZE);
  const view = new DataView(out.buffer);
  insns.forEach((insn, i) => {
    const at = i * SOCK_FILTER_SIZE;
    view.setUint16(at, insn.code, true);
    view.setUint8(at + 2, insn.jt);
    view.setUint8(at + 3, insn.jf);
    view.setUint32(at + 4, insn.k >>> 0, true);
  });
  return out;
}

/** Decode a `struct sock_filter` array produced by {@link encodeProgram}. */
export function decodeProgram(bytes: Uint8Array): BpfInsn[] {
  if (bytes.length % SOCK_FILTER_SIZE !== 0) {
    throw new BpfProgramError(`length ${bytes.length} is not a multiple of 8`, -1);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const insns: BpfInsn[] = [];
  for (let at = 0; at < bytes.length; at += SOCK_FILTER_SIZE) {
    insns.push({
      code: view.getUint16(at, true),
      jt: view.getUint8(at + 2),
      jf: view.getUint8(at + 3),
      k: view.getUint32(at + 4, true),
    });
  }
  return insns;
}

/** A program the kernel would refuse, with the offending instruction index (-1: whole program). */
export class BpfProgramError extends Error {
  /** Index of the offending instruction, or -1. */
  readonly index: number;
  constructor(message: string, index: number) {
    super(index >= 0 ? `instruction ${index}: ${message}` : message);
    this.name = "BpfProgramError";
    this.index = index;
  }
}

const ALU_OPS = [
  BPF_ADD,
  BPF_SUB,
  BPF_MUL,
  BPF_DIV,
  BPF_MOD,
  BPF_AND,
  BPF_OR,
  BPF_XOR,
  BPF_LSH,
  BPF_RSH,
];
const COND_JUMPS = [BPF_JEQ, BPF_JGT, BPF_JGE, BPF_JSET];

/** Every opcode `bpf_check_classic` allows. */
export const ALLOWED_CODES: ReadonlySet<number> = new Set([
  ...ALU_OPS.flatMap((op) => [BPF_ALU | op | BPF_K, BPF_ALU | op | BPF_X]),
  BPF_ALU | BPF_NEG,
  ...[BPF_W, BPF_H, BPF_B].flatMap((size) => [BPF_LD | size | BPF_ABS, BPF_LD | size | BPF_IND]),
  BPF_LD | BPF_W | BPF_LEN,
  BPF_LD | BPF_IMM,
  BPF_LD | BPF_MEM,
  BPF_LDX | BPF_W | BPF_LEN,
  BPF_LDX | BPF_B | BPF_MSH,
  BPF_LDX | BPF_IMM,
  BPF_LDX | BPF_MEM,
  BPF_ST,
  BPF_STX,
  BPF_MISC | BPF_TAX,
  BPF_MISC | BPF_TXA,
  BPF_RET | BPF_K,
  BPF_RET | BPF_A,
  BPF_JMP | BPF_JA,
  ...COND_JUMPS.flatMap((op) => [BPF_JMP | op | BPF_K, BPF_JMP | op | BPF_X]),
]);

/**
 * Check a program the way the kernel's `bpf_check_classic` does: length, known opcodes,
 * scratch-memory indexes, constant division by zero and shift widths, jumps in range, a RET
 * last, and no scratch-memory word read before it is written on some path.
 * Throws {@link BpfProgramError}; returns nothing when the program is acceptable. `maxLength`
 * is the kernel's limit by default; the interpreter runs longer programs too.
 */
export function validateProgram(
  insns: readonly BpfInsn[],
  maxLength: number = BPF_MAXINSNS,
): void {
  const len = insns.length;
  if (len === 0 || len > maxLength) {
    throw new BpfProgramError(`program length ${len} not in 1..${maxLength}`, -1);
  }
  for (let pc = 0; pc < len; pc++) {
    const { code, jt, jf, k } = insns[pc];
    if (!ALLOWED_CODES.has(code)) {
      throw new BpfProgramError(`unknown opcode 0x${code.toString(16)}`, pc);
    }
    const cls = bpfClass(code);
    const mode = bpfMode(code);
    if (
      ((cls === BPF_LD || cls === BPF_LDX) && mode === BPF_MEM) || cls === BPF_ST ||
      cls === BPF_STX
    ) {
      if (k >= BPF_MEMWORDS) throw new BpfProgramError(`memory index ${k} out of range`, pc);
    }
    if (cls === BPF_ALU && bpfSrc(code) === BPF_K) {
      const op = bpfOp(code);
      if ((op === BPF_DIV || op === BPF_MOD) && k === 0) {
        throw new BpfProgramError("division by constant zero", pc);
      }
      if ((op === BPF_LSH || op === BPF_RSH) && k >= 32) {
        throw new BpfProgramError(`shift by ${k}`, pc);
      }
    }
    if (cls === BPF_JMP) {
      if (bpfOp(code) === BPF_JA) {
        if (k >= len - pc - 1) throw new BpfProgramError(`ja ${k} out of range`, pc);
      } else if (pc + 1 + jt >= len || pc + 1 + jf >= len) {
        throw new BpfProgramError(`jump out of range (jt ${jt}, jf ${jf})`, pc);
      }
    }
  }
  if (bpfClass(insns[len - 1].code) !== BPF_RET) {
    throw new BpfProgramError("program does not end with RET", len - 1);
  }
  checkLoadsAfterStores(insns);
}

const ALL_UNSET = 0;
const ALL_SET = (1 << BPF_MEMWORDS) - 1;

/** Forward data flow (jumps only go forward): a word read must be written on every path. */
function checkLoadsAfterStores(insns: readonly BpfInsn[]): void {
  const len = insns.length;
  const valid = new Array<number>(len).fill(ALL_SET);
  valid[0] = ALL_UNSET;
  for (let pc = 0; pc < len; pc++) {
    let mem = valid[pc];
    const { code, jt, jf, k } = insns[pc];
    const cls = bpfClass(code);
    if (cls === BPF_ST || cls === BPF_STX) mem |= 1 << k;
    if ((cls === BPF_LD || cls === BPF_LDX) && bpfMode(code) === BPF_MEM && !(mem & (1 << k))) {
      throw new BpfProgramError(`M[${k}] read before it is written`, pc);
    }
    if (cls === BPF_JMP) {
      if (bpfOp(code) === BPF_JA) {
        valid[pc + 1 + k] &= mem;
      } else {
        valid[pc + 1 + jt] &= mem;
        valid[pc + 1 + jf] &= mem;
      }
    } else if (cls !== BPF_RET && pc + 1 < len) {
      valid[pc + 1] &= mem;
    }
  }
}
