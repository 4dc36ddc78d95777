/**
 * A classic BPF interpreter with the kernel's semantics: loads past the end of the packet and
 * division by zero reject (return 0); ancillary loads read {@link BpfAux}.
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
  BPF_LD,
  BPF_LDX,
  BPF_LEN,
  BPF_LSH,
  BPF_MEM,
  BPF_MEMWORDS,
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
  BPF_TXA,
  BPF_W,
  BPF_X,
  BPF_XOR,
  bpfClass,
  type BpfInsn,
  bpfMode,
  bpfOp,
  bpfSize,
  bpfSrc,
  SKF_AD_IFINDEX,
  SKF_AD_MAX,
  SKF_AD_OFF,
  SKF_AD_PKTTYPE,
  SKF_AD_PROTOCOL,
  SKF_AD_VLAN_TAG,
  SKF_AD_VLAN_TAG_PRESENT,
  SKF_AD_VLAN_TPID,
} from "./bpf.ts";

/** Values the kernel supplies to ancillary loads (`SKF_AD_*`); absent ones read as 0. */
export interface BpfAux {
  /** The kernel stripped a VLAN tag into metadata (`SKF_AD_VLAN_TAG_PRESENT`). */
  vlanTagPresent?: boolean;
  /** TCI of the stripped tag (`SKF_AD_VLAN_TAG`). */
  vlanTci?: number;
  /** TPID of the stripped tag (`SKF_AD_VLAN_TPID`). */
  vlanTpid?: number;
  /** Receiving interface index (`SKF_AD_IFINDEX`). */
  ifindex?: number;
  /** `PACKET_HOST`, `PACKET_OUTGOING`, ... (`SKF_AD_PKTTYPE`). */
  pktType?: number;
  /** `skb->protocol`, host order (`SKF_AD_PROTOCOL`). */
  protocol?: number;
}

function ancillary(offset: number, aux: BpfAux): number | undefined {
  switch (offset) {
    case SKF_AD_PROTOCOL:
      return aux.protocol ?? 0;
    case SKF_AD_PKTTYPE:
      return aux.pktType ?? 0;
    case SKF_AD_IFINDEX:
      return aux.ifindex ?? 0;
    case SKF_AD_VLAN_TAG:
      return aux.vlanTagPresent ? (aux.vlanTci ?? 0) : 0;
    case SKF_AD_VLAN_TAG_PRESENT:
      return aux.vlanTagPresent ? 1 : 0;
    case SKF_AD_VLAN_TPID:
      return aux.vlanTagPresent ? (aux.vlanTpid ?? 0) : 0;
    default:
      return offset < SKF_AD_MAX ? 0 : undefined;
  }
}

function load(data: Uint8Array, at: number, size: number): number | undefined {
  const width = size === BPF_W ? 4 : size === BPF_H ? 2 : 1;
  if (at < 0 || at + width > data.length) return undefined;
  if (width === 1) return data[at];
  if (width === 2) return (data[at] << 8) | data[at + 1];
  return ((data[at] << 24) | (data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3]) >>> 0;
}

function alu(op: number, a: number, b: number): number | undefined {
  switch (op) {
    case BPF_ADD:
      return (a + b) >>> 0;
    case BPF_SUB:
      return (a - b) >>> 0;
    case BPF_MUL:
      return Math.imul(a, b) >>> 0;
    case BPF_DIV:
      return b === 0 ? undefined : Math.floor(a / b) >>> 0;
    case BPF_MOD:
      return b === 0 ? undefined : (a % b) >>> 0;
    case BPF_AND:
      return (a & b) >>> 0;
    case BPF_OR:
      return (a | b) >>> 0;
    case BPF_XOR:
      return (a ^ b) >>> 0;
    case BPF_LSH:
      return (a << (b & 31)) >>> 0;
    case BPF_RSH:
      return a >>> (b & 31);
    case BPF_NEG:
      return (-a) >>> 0;
    default:
      throw new RangeError(`unknown ALU operation 0x${op.toString(16)}`);
  }
}

/**
 * Run a program over one frame and return what it returns: the number of bytes to keep,
 * 0 meaning reject. `wirelen` is what `BPF_LEN` loads (defaults to `data.length`).
 * Throws `RangeError` on an opcode the kernel would not accept; run
 * `validateProgram` first for untrusted programs.
 */
export function runFilter(
  insns: readonly BpfInsn[],
  data: Uint8Array,
  wirelen: number = data.length,
  aux: BpfAux = {},
): number {
  const mem = new Uint32Array(BPF_MEMWORDS);
  let a = 0;
  let x = 0;
  let pc = 0;
  while (pc < insns.length) {
    const { code, jt, jf, k } = insns[pc++];
    switch (bpfClass(code)) {
      case BPF_LD:
      case BPF_LDX: {
        const toX = bpfClass(code) === BPF_LDX;
        let v: number | undefined;
        switch (bpfMode(code)) {
          case BPF_ABS:
            v = k >= SKF_AD_OFF ? ancillary(k - SKF_AD_OFF, aux) : load(data, k, bpfSize(code));
            break;
          case BPF_IND:
            v = load(data, (x + k) >>> 0, bpfSize(code));
            break;
          case BPF_IMM:
            v = k;
            break;
          case BPF_MEM:
            v = mem[k];
            break;
          case BPF_LEN:
            v = wirelen >>> 0;
            break;
          case BPF_MSH: {
            const b = load(data, k, BPF_B);
            v = b === undefined ? undefined : (b & 0xf) << 2;
            break;
          }
          default:
            throw new RangeError(`unknown load mode in 0x${code.toString(16)}`);
        }
        if (v === undefined) return 0;
        if (toX) x = v;
        else a = v;
        break;
      }
      case BPF_ST:
        mem[k] = a;
        break;
      case BPF_STX:
        mem[k] = x;
        break;
      case BPF_ALU: {
        const v = alu(bpfOp(code), a, bpfSrc(code) === BPF_X ? x : k);
        if (v === undefined) return 0;
        a = v;
        break;
      }
      case BPF_JMP: {
        const op = bpfOp(code);
        if (op === BPF_JA) {
          pc += k;
          break;
        }
        const b = bpfSrc(code) === BPF_X ? x : k;
        let taken: boolean;
        if (op === BPF_JEQ) taken = a === b;
        else if (op === BPF_JGT) taken = a > b;
        else if (op === BPF_JGE) taken = a >= b;
        else if (op === BPF_JSET) taken = (a & b) !== 0;
        else throw new RangeError(`unknown jump 0x${code.toString(16)}`);
        pc += taken ? jt : jf;
        break;
      }
      case BPF_RET:
        return ((code & 0x18) === BPF_A ? a : k) >>> 0;
      case BPF_MISC:
        if ((code & 0xf8) === BPF_TXA) a = x;
        else x = a;
        break;
    }
  }
  return 0;
}
