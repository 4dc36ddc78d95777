/**
 * Classic BPF compiled to JavaScript, the way the kernel JITs it: one validated program becomes
 * one function of straight-line code over the frame's bytes (big-endian words composed from
 * `Uint8Array` reads, each load checked against the captured length), scratch memory in
 * locals, and forward jumps as `break`s out of nested labelled blocks, so V8 sees plain
 * branches and no dispatch loop. A program with very many jump targets (deep nesting would
 * exhaust the parser's stack) becomes a `switch` inside a loop instead. Jumps to a `ret` are
 * returns in place.
 *
 * The semantics are exactly {@link runFilter}'s (the reference; the tests run both on every
 * expression of the filter tests and on random programs): a load past the captured bytes and
 * a division by X = 0 return 0, ancillary loads read {@link BpfAux}.
 *
 * @module
 */

import {
  ALLOWED_CODES,
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
  BpfProgramError,
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
  validateProgram,
} from "./bpf.ts";
import type { BpfAux } from "./vm.ts";

/** A compiled program over a whole frame: `runFilter(insns, data, wirelen, aux)`. */
export type BpfFunction = (data: Uint8Array, wirelen: number, aux: BpfAux) => number;

/**
 * A compiled program over a frame inside a larger buffer: the frame is `caplen` bytes at `at`
 * (the caller guarantees `at + caplen <= buf.length`), so a reader can filter records in its
 * chunk buffer without a view per frame.
 */
export type BpfFunctionAt = (
  buf: Uint8Array,
  at: number,
  caplen: number,
  wirelen: number,
  aux: BpfAux,
) => number;

/** How jumps are laid out: nested labelled blocks, or a `switch` in a loop. */
export type JitForm = "blocks" | "switch";

/** Options for {@link jitSource} (the form is chosen automatically otherwise). */
export interface JitOptions {
  /** Generate the {@link BpfFunctionAt} signature. */
  at?: boolean;
  /** Force a layout (tests); default: blocks unless there are more than 256 jump targets. */
  form?: JitForm;
}

/** Most nested labelled blocks before the switch form is used (V8 parses them recursively). */
const MAX_BLOCKS = 256;

const isU32 = (v: unknown): v is number =>
  typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
const isU8 = (v: unknown): v is number =>
  typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 0xff;

/**
 * Checks the program as the kernel would ({@link validateProgram}) and that every field is an
 * integer of its C type, since the fields become source text.
 */
function check(insns: readonly BpfInsn[]): void {
  insns.forEach((insn, pc) => {
    if (!ALLOWED_CODES.has(insn?.code) || !isU8(insn.jt) || !isU8(insn.jf) || !isU32(insn.k)) {
      throw new BpfProgramError("fields must be integers (code, u8 jt/jf, u32 k)", pc);
    }
  });
  validateProgram(insns, Infinity); // long programs run here when the kernel refuses them
}

/** The expression `aux` yields for an ancillary load at `off` (undefined: the load rejects). */
function ancillary(off: number): string | undefined {
  switch (off) {
    case SKF_AD_PROTOCOL:
      return "(aux.protocol ?? 0)";
    case SKF_AD_PKTTYPE:
      return "(aux.pktType ?? 0)";
    case SKF_AD_IFINDEX:
      return "(aux.ifindex ?? 0)";
    case SKF_AD_VLAN_TAG:
      return "(aux.vlanTagPresent ? (aux.vlanTci ?? 0) : 0)";
    case SKF_AD_VLAN_TAG_PRESENT:
      return "(aux.vlanTagPresent ? 1 : 0)";
    case SKF_AD_VLAN_TPID:
      return "(aux.vlanTagPresent ? (aux.vlanTpid ?? 0) : 0)";
    default:
      return off < SKF_AD_MAX ? "0" : undefined;
  }
}

/**
 * The JavaScript source of the function body for `insns` (parameters `d, w, aux`, or
 * `d, o, n, w, aux` with `at`). Throws {@link BpfProgramError} for a program the kernel
 * would refuse.
 */
export function jitSource(insns: readonly BpfInsn[], options: JitOptions = {}): string {
  check(insns);
  const len = insns.length;
  const isRet = (pc: number) => bpfClass(insns[pc].code) === BPF_RET;
  // Jump targets that need a label: those reached by a jump that is not a return in place.
  const targets = new Set<number>();
  const mem = new Set<number>();
  let usesT = false;
  for (let pc = 0; pc < len; pc++) {
    const { code, jt, jf, k } = insns[pc];
    const cls = bpfClass(code);
    if (cls === BPF_JMP) {
      const dests = bpfOp(code) === BPF_JA ? [pc + 1 + k] : [pc + 1 + jt, pc + 1 + jf];
      for (const t of dests) if (t !== pc + 1 && !isRet(t)) targets.add(t);
    }
    if (cls === BPF_ST || cls === BPF_STX) mem.add(k);
    if ((cls === BPF_LD || cls === BPF_LDX) && bpfMode(code) === BPF_MEM) mem.add(k);
    if (cls === BPF_LD && bpfMode(code) === BPF_IND) usesT = true;
  }
  const form: JitForm = options.form ?? (targets.size > MAX_BLOCKS ? "switch" : "blocks");
  const at = options.at ?? false;
  const byte = (i: string) => at ? `d[o + ${i}]` : `d[${i}]`;
  const plus = (i: string, n: number) =>
    n === 0 ? i : /^\d+$/.test(i) ? String(+i + n) : `${i} + ${n}`;
  /** The big-endian word of `size` at index expression `i` (checked already). */
  const word = (i: string, size: number) => {
    if (size === BPF_B) return byte(i);
    if (size === BPF_H) return `((${byte(i)} << 8) | ${byte(plus(i, 1))})`;
    return `(((${byte(i)} << 24) | (${byte(plus(i, 1))} << 16) | (${byte(plus(i, 2))} << 8) | ` +
      `${byte(plus(i, 3))}) >>> 0)`;
  };
  const width = (size: number) => size === BPF_W ? 4 : size === BPF_H ? 2 : 1;
  const ret = (pc: number) => {
    const { code, k } = insns[pc];
    return (code & 0x18) === BPF_A ? "return a >>> 0;" : `return ${k >>> 0};`;
  };
  /** Code that continues at `t` from `pc` ("" when that is falling through). */
  const goTo = (pc: number, t: number) => {
    if (isRet(t)) return ret(t);
    if (t === pc + 1) return "";
    return form === "blocks" ? `break L${t};` : `{ pc = ${t}; continue; }`;
  };

  const out: string[] = [];
  out.push(at ? "" : "const n = d.length;");
  const locals = ["a = 0", "x = 0"];
  if (usesT) locals.push("t = 0");
  for (const k of [...mem].sort((p, q) => p - q)) locals.push(`m${k} = 0`);
  out.push(`let ${locals.join(", ")};`);
  const sorted = [...targets].sort((p, q) => p - q);
  if (form === "blocks") {
    // Every block starts at the top, so each one encloses all code before its target and any
    // earlier instruction can break out of it: L_last: { ... L_first: { code } code ... }
    for (let i = sorted.length - 1; i >= 0; i--) out.push(`L${sorted[i]}: {`);
  } else {
    out.push("let pc = 0;", "for (;;) {", "switch (pc) {", "case 0:");
  }
  for (let pc = 0; pc < len; pc++) {
    if (targets.has(pc)) out.push(form === "blocks" ? `} // L${pc}` : `case ${pc}:`);
    out.push(insn(pc));
  }
  if (form === "switch") out.push("}", "return 0;", "}");
  out.push("return 0;");
  return out.join("\n");

  function insn(pc: number): string {
    const { code, jt, jf, k } = insns[pc];
    const cls = bpfClass(code);
    switch (cls) {
      case BPF_LD:
      case BPF_LDX: {
        const reg = cls === BPF_LDX ? "x" : "a";
        const size = bpfSize(code);
        switch (bpfMode(code)) {
          case BPF_ABS: {
            if (k >= SKF_AD_OFF) {
              const v = ancillary(k - SKF_AD_OFF);
              return v === undefined ? "return 0;" : `${reg} = ${v};`;
            }
            return `if (n < ${k + width(size)}) return 0; ${reg} = ${word(String(k), size)};`;
          }
          case BPF_IND:
            return `t = (x + ${k}) >>> 0; if (t + ${width(size)} > n) return 0; ` +
              `${reg} = ${word("t", size)};`;
          case BPF_IMM:
            return `${reg} = ${k};`;
          case BPF_MEM:
            return `${reg} = m${k};`;
          case BPF_LEN:
            return `${reg} = w >>> 0;`;
          case BPF_MSH:
            return `if (n < ${k + 1}) return 0; ${reg} = (${byte(String(k))} & 0xf) << 2;`;
        }
        break;
      }
      case BPF_ST:
        return `m${k} = a >>> 0;`;
      case BPF_STX:
        return `m${k} = x >>> 0;`;
      case BPF_ALU: {
        const b = bpfSrc(code) === BPF_X ? "x" : String(k);
        switch (bpfOp(code)) {
          case BPF_ADD:
            return `a = (a + ${b}) >>> 0;`;
          case BPF_SUB:
            return `a = (a - ${b}) >>> 0;`;
          case BPF_MUL:
            return `a = Math.imul(a, ${b}) >>> 0;`;
          case BPF_DIV:
            return (b === "x" ? "if (x === 0) return 0; " : "") + `a = Math.floor(a / ${b}) >>> 0;`;
          case BPF_MOD:
            return (b === "x" ? "if (x === 0) return 0; " : "") + `a = (a % ${b}) >>> 0;`;
          case BPF_AND:
            return `a = (a & ${b}) >>> 0;`;
          case BPF_OR:
            return `a = (a | ${b}) >>> 0;`;
          case BPF_XOR:
            return `a = (a ^ ${b}) >>> 0;`;
          case BPF_LSH:
            return b === "x" ? "a = (a << (x & 31)) >>> 0;" : `a = (a << ${k & 31}) >>> 0;`;
          case BPF_RSH:
            return b === "x" ? "a = a >>> (x & 31);" : `a = a >>> ${k & 31};`;
          case BPF_NEG:
            return "a = (-a) >>> 0;";
        }
        break;
      }
      case BPF_JMP: {
        const op = bpfOp(code);
        if (op === BPF_JA) return goTo(pc, pc + 1 + k);
        const b = bpfSrc(code) === BPF_X ? "x" : String(k);
        const [yes, no] = op === BPF_JEQ
          ? [`a === ${b}`, `a !== ${b}`]
          : op === BPF_JGT
          ? [`a > ${b}`, `a <= ${b}`]
          : op === BPF_JGE
          ? [`a >= ${b}`, `a < ${b}`]
          : op === BPF_JSET
          ? [`(a & ${b}) !== 0`, `(a & ${b}) === 0`]
          : [];
        if (yes === undefined) break;
        const onTrue = goTo(pc, pc + 1 + jt);
        const onFalse = goTo(pc, pc + 1 + jf);
        if (onTrue === onFalse) return onTrue;
        if (onTrue === "") return `if (${no}) ${onFalse}`;
        if (onFalse === "") return `if (${yes}) ${onTrue}`;
        return `if (${yes}) ${onTrue} else ${onFalse}`;
      }
      case BPF_RET:
        return ret(pc);
      case BPF_MISC:
        return (code & 0xf8) === BPF_TXA ? "a = x;" : "x = a;";
    }
    throw new BpfProgramError(`no translation for opcode 0x${code.toString(16)}`, pc);
  }
}

/**
 * Compiles a classic BPF program to a JavaScript function with {@link runFilter}'s semantics:
 * `fn(data, wirelen, aux)` returns the bytes to keep, 0 to reject. Throws
 * {@link BpfProgramError} for a program the kernel would refuse.
 */
export function jitFilter(insns: readonly BpfInsn[], form?: JitForm): BpfFunction {
  return new Function("d", "w", "aux", jitSource(insns, { form })) as BpfFunction;
}

/**
 * Compiles a program to a {@link BpfFunctionAt}: `fn(buf, at, caplen, wirelen, aux)` runs it
 * on the `caplen` bytes at `at` in `buf`.
 */
export function jitFilterAt(insns: readonly BpfInsn[], form?: JitForm): BpfFunctionAt {
  return new Function(
    "d",
    "o",
    "n",
    "w",
    "aux",
    jitSource(insns, { at: true, form }),
  ) as BpfFunctionAt;
}
