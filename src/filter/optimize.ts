/**
 * The control-flow graph the code generator builds, the passes that shorten it, and the layout
 * that turns it into a flat classic BPF program.
 *
 * Passes: jump threading (an edge whose target's test is decided by the test just made skips
 * it), redundant-load removal (a load of what a register already holds on every path), dead code
 * removal (register/scratch liveness), folding of jumps whose two targets are equal, bypass of
 * empty blocks, merging of straight-line chains, and sharing of identical blocks (so one
 * `ret #0` and one `ret #snaplen` remain).
 *
 * @module
 */

import {
  BPF_ABS,
  BPF_ALU,
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
  BPF_MEM,
  BPF_MEMWORDS,
  BPF_MISC,
  BPF_MSH,
  BPF_NEG,
  BPF_RET,
  BPF_ST,
  BPF_STX,
  BPF_TXA,
  BPF_X,
  bpfClass,
  type BpfInsn,
  bpfMode,
  bpfOp,
  bpfSize,
  bpfSrc,
  jump,
  stmt,
} from "./bpf.ts";

/**
 * A basic block: straight-line statements, then a conditional jump (`jmp` with `jt`/`jf`), an
 * unconditional move to `jt` (`jmp` null, `ret` null), or a return (`ret`).
 */
export interface Block {
  id: number;
  stmts: BpfInsn[];
  jmp: { code: number; k: number } | null;
  jt: Block | null;
  jf: Block | null;
  /** RET K value when the block returns. */
  ret: number | null;
}

let nextId = 0;

/** A block returning `k`. */
export function retBlock(k: number): Block {
  return { id: nextId++, stmts: [], jmp: null, jt: null, jf: null, ret: k >>> 0 };
}

/** A block running `stmts` then jumping on `code`/`k` to `jt` or `jf`. */
export function condBlock(
  stmts: BpfInsn[],
  code: number,
  k: number,
  jt: Block,
  jf: Block,
): Block {
  return { id: nextId++, stmts: [...stmts], jmp: { code, k: k >>> 0 }, jt, jf, ret: null };
}

/** A block running `stmts` then going on to `next`. */
export function gotoBlock(stmts: BpfInsn[], next: Block): Block {
  return { id: nextId++, stmts: [...stmts], jmp: null, jt: next, jf: null, ret: null };
}

function successors(b: Block): Block[] {
  if (b.ret !== null) return [];
  if (b.jmp === null) return [b.jt!];
  return b.jt === b.jf ? [b.jt!] : [b.jt!, b.jf!];
}

/**
 * Blocks reachable from `entry`, in reverse postorder (a topological order: the CFG is a DAG).
 * The depth-first walk keeps its own stack: a long filter's graph is thousands of blocks deep.
 */
export function topoOrder(entry: Block): Block[] {
  const seen = new Set<Block>([entry]);
  const post: Block[] = [];
  const stack: Block[] = [entry];
  /** For each block on the stack, how many of its successors have been looked at. */
  const next: number[] = [0];
  while (stack.length > 0) {
    const top = stack.length - 1;
    const b = stack[top];
    const succ = successors(b);
    if (next[top] < succ.length) {
      const s = succ[next[top]++];
      if (!seen.has(s)) {
        seen.add(s);
        stack.push(s);
        next.push(0);
      }
      continue;
    }
    post.push(b);
    stack.pop();
    next.pop();
  }
  return post.reverse();
}

/** Symbolic register contents: a string naming the value, or null when unknown. */
interface RegState {
  a: string | null;
  x: string | null;
  mem: (string | null)[];
}

function unknownState(): RegState {
  return { a: null, x: null, mem: new Array(BPF_MEMWORDS).fill(null) };
}

function cloneState(s: RegState): RegState {
  return { a: s.a, x: s.x, mem: [...s.mem] };
}

function meet(s: RegState, t: RegState): RegState {
  return {
    a: s.a === t.a ? s.a : null,
    x: s.x === t.x ? s.x : null,
    mem: s.mem.map((v, i) => (v === t.mem[i] ? v : null)),
  };
}

/**
 * Longest symbolic value kept; longer ones are unknown. A value can name another twice (an
 * offset computed from itself, as each step of an unrolled `protochain`), so without a bound the
 * names of a long chain grow exponentially.
 */
const MAX_SYMBOL = 256;

function bounded(v: string | null): string | null {
  return v !== null && v.length > MAX_SYMBOL ? null : v;
}

/** Apply one statement to a state; returns true when it changed nothing (a redundant load). */
function step(s: RegState, insn: BpfInsn): boolean {
  const { code, k } = insn;
  const set = (reg: "a" | "x", value: string | null): boolean => {
    const v = bounded(value);
    const same = v !== null && s[reg] === v;
    s[reg] = v;
    return same;
  };
  switch (bpfClass(code)) {
    case BPF_LD:
    case BPF_LDX: {
      const reg = bpfClass(code) === BPF_LD ? "a" : "x";
      const size = bpfSize(code);
      switch (bpfMode(code)) {
        case BPF_ABS:
          return set(reg, `[${size}:${k}]`);
        case BPF_IND:
          return set(reg, s.x === null ? null : `[${size}:${s.x}+${k}]`);
        case BPF_IMM:
          return set(reg, `#${k}`);
        case BPF_LEN:
          return set(reg, "len");
        case BPF_MEM:
          return set(reg, s.mem[k]);
        case BPF_MSH:
          return set(reg, `msh:${k}`);
      }
      return set(reg, null);
    }
    case BPF_ST:
    case BPF_STX: {
      const v = bpfClass(code) === BPF_ST ? s.a : s.x;
      const same = v !== null && s.mem[k] === v;
      s.mem[k] = v;
      return same;
    }
    case BPF_ALU: {
      const op = bpfOp(code);
      if (op === BPF_NEG) s.a = s.a === null ? null : `-(${s.a})`;
      else if (bpfSrc(code) === BPF_X) {
        s.a = s.a === null || s.x === null ? null : `(${s.a})${op}(${s.x})`;
      } else s.a = s.a === null ? null : `(${s.a})${op}#${k}`;
      s.a = bounded(s.a);
      return false;
    }
    case BPF_MISC:
      if ((code & 0xf8) === BPF_TXA) return set("a", s.x);
      return set("x", s.a);
  }
  return false;
}

function entryStates(order: Block[]): Map<Block, RegState> {
  const states = new Map<Block, RegState>();
  states.set(order[0], unknownState());
  for (const b of order) {
    const s = cloneState(states.get(b) ?? unknownState());
    for (const insn of b.stmts) step(s, insn);
    for (const succ of successors(b)) {
      const prev = states.get(succ);
      states.set(succ, prev ? meet(prev, s) : cloneState(s));
    }
  }
  return states;
}

/** Drop loads and stores that leave every register as it was, on every path into the block. */
function removeRedundant(order: Block[]): boolean {
  const states = entryStates(order);
  let changed = false;
  for (const b of order) {
    const s = cloneState(states.get(b)!);
    const kept = b.stmts.filter((insn) => !step(s, insn));
    if (kept.length !== b.stmts.length) {
      b.stmts = kept;
      changed = true;
    }
  }
  return changed;
}

/** Possible values of A as an interval, learnt from a comparison's outcome. */
function decide(
  known: { code: number; k: number },
  taken: boolean,
  test: { code: number; k: number },
): boolean | undefined {
  const op1 = bpfOp(known.code);
  const k1 = known.k;
  const op2 = bpfOp(test.code);
  const k2 = test.k;
  if (op1 === BPF_JEQ && taken) return compare(op2, k1, k2);
  if (op1 === BPF_JSET) {
    if (op2 === BPF_JSET && taken && (k1 & ~k2) === 0) return true;
    if (op2 === BPF_JSET && !taken && (k2 & ~k1) === 0) return false;
    if (op2 === BPF_JEQ && !taken && (k2 & k1) !== 0) return false;
    return undefined;
  }
  if (op1 === BPF_JEQ) return op2 === BPF_JEQ && k1 === k2 ? false : undefined;
  let lo = 0;
  let hi = 0xffffffff;
  if (op1 === BPF_JGT) {
    if (taken) lo = k1 + 1;
    else hi = k1;
  } else if (op1 === BPF_JGE) {
    if (taken) lo = k1;
    else hi = k1 - 1;
  } else return undefined;
  if (lo > hi) return undefined;
  if (op2 === BPF_JEQ) {
    return k2 < lo || k2 > hi ? false : lo === hi && lo === k2 ? true : undefined;
  }
  if (op2 === BPF_JGT) return lo > k2 ? true : hi <= k2 ? false : undefined;
  if (op2 === BPF_JGE) return lo >= k2 ? true : hi < k2 ? false : undefined;
  return undefined;
}

function compare(op: number, a: number, b: number): boolean | undefined {
  switch (op) {
    case BPF_JEQ:
      return a === b;
    case BPF_JGT:
      return a > b;
    case BPF_JGE:
      return a >= b;
    case BPF_JSET:
      return (a & b) !== 0;
  }
  return undefined;
}

/** What a taken or not-taken comparison established about a named value. */
interface Fact {
  key: string;
  code: number;
  k: number;
  taken: boolean;
}

const MAX_FACTS = 48;

function factId(f: Fact): string {
  return `${f.key}|${f.code}|${f.k}|${f.taken}`;
}

function decideFromFacts(facts: Fact[], key: string, test: { code: number; k: number }) {
  if (key.startsWith("#")) return compare(bpfOp(test.code), Number(key.slice(1)), test.k);
  for (let i = facts.length - 1; i >= 0; i--) {
    const f = facts[i];
    if (f.key !== key) continue;
    const d = decide(f, f.taken, test);
    if (d !== undefined) return d;
  }
  return undefined;
}

function sameState(a: RegState, b: RegState, live: number): boolean {
  if (live & REG_A && (a.a === null || a.a !== b.a)) return false;
  if (live & REG_X && (a.x === null || a.x !== b.x)) return false;
  for (let k = 0; k < BPF_MEMWORDS; k++) {
    if (live & memBit(k) && (a.mem[k] === null || a.mem[k] !== b.mem[k])) return false;
  }
  return true;
}

/**
 * Jump threading: facts learnt from the comparisons on the way to an edge (kept where every
 * path agrees) can decide the test at the edge's target; the edge then skips that block, as
 * long as nothing the skipped statements computed is read afterwards.
 */
function threadJumps(order: Block[]): boolean {
  const states = entryStates(order);
  const live = liveness(order);
  const entryFacts = new Map<Block, Fact[]>();
  entryFacts.set(order[0], []);
  let changed = false;
  const tainted = new Set<Block>();
  for (const b of order) {
    if (tainted.has(b)) continue;
    let moved = false;
    const facts = entryFacts.get(b) ?? [];
    const exit = cloneState(states.get(b)!);
    for (const insn of b.stmts) step(exit, insn);
    const edges: [Block, Fact[], "jt" | "jf"][] = [];
    if (b.ret !== null) continue;
    if (b.jmp === null) edges.push([b.jt!, facts, "jt"]);
    else {
      for (const taken of [true, false]) {
        let edgeFacts = facts;
        if (exit.a !== null && bpfSrc(b.jmp.code) === BPF_K) {
          edgeFacts = [...facts, { key: exit.a, code: b.jmp.code, k: b.jmp.k, taken }];
          if (edgeFacts.length > MAX_FACTS) edgeFacts = edgeFacts.slice(-MAX_FACTS);
        }
        edges.push([taken ? b.jt! : b.jf!, edgeFacts, taken ? "jt" : "jf"]);
      }
    }
    for (const [start, edgeFacts, key] of edges) {
      let target = start;
      const virt = cloneState(exit);
      let path = [...edgeFacts];
      for (let hops = 0; hops < 64 && target.ret === null; hops++) {
        const probe = cloneState(virt);
        for (const insn of target.stmts) step(probe, insn);
        let next: Block;
        if (target.jmp === null) {
          next = target.jt!;
        } else {
          if (bpfSrc(target.jmp.code) !== BPF_K || probe.a === null) break;
          const outcome = decideFromFacts(path, probe.a, target.jmp);
          if (outcome === undefined) break;
          next = outcome ? target.jt! : target.jf!;
          path = [...path, {
            key: probe.a,
            code: target.jmp.code,
            k: target.jmp.k,
            taken: outcome,
          }];
        }
        if (!sameState(exit, probe, live.get(next) ?? 0)) break;
        Object.assign(virt, probe);
        target = next;
      }
      if (target !== start) {
        b[key] = target;
        changed = moved = true;
      }
      const known = entryFacts.get(target);
      if (target === start) {
        if (known === undefined) entryFacts.set(start, edgeFacts);
        else {
          const ids = new Set(edgeFacts.map(factId));
          entryFacts.set(start, known.filter((f) => ids.has(factId(f))));
        }
      }
    }
    if (moved) taintFrom(b, tainted);
  }
  return changed;
}

/**
 * Mark `b` and everything reachable from it: their register states and facts may be stale
 * after one of `b`'s edges moved, so this round leaves them alone. Blocks after `b` in
 * topological order that `b` cannot reach are unaffected: neither their ancestors' states nor
 * the liveness of anything they can reach changed.
 */
function taintFrom(b: Block, tainted: Set<Block>): void {
  const stack = [b];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (tainted.has(t)) continue;
    tainted.add(t);
    for (const s of successors(t)) if (!tainted.has(s)) stack.push(s);
  }
}

const REG_A = 1;
const REG_X = 2;
const memBit = (k: number) => 4 << k;

function defsUses(insn: BpfInsn): { defs: number; uses: number } {
  const { code, k } = insn;
  switch (bpfClass(code)) {
    case BPF_LD:
    case BPF_LDX: {
      const def = bpfClass(code) === BPF_LD ? REG_A : REG_X;
      const mode = bpfMode(code);
      const uses = mode === BPF_IND ? REG_X : mode === BPF_MEM ? memBit(k) : 0;
      return { defs: def, uses };
    }
    case BPF_ST:
      return { defs: memBit(k), uses: REG_A };
    case BPF_STX:
      return { defs: memBit(k), uses: REG_X };
    case BPF_ALU:
      return {
        defs: REG_A,
        uses: REG_A | (bpfOp(code) !== BPF_NEG && bpfSrc(code) === BPF_X ? REG_X : 0),
      };
    case BPF_MISC:
      return (code & 0xf8) === BPF_TXA
        ? { defs: REG_A, uses: REG_X }
        : { defs: REG_X, uses: REG_A };
  }
  return { defs: 0, uses: 0 };
}

function liveBefore(b: Block, liveOut: Map<Block, number>, prune: boolean): number {
  let live = 0;
  if (b.ret === null) {
    for (const s of successors(b)) live |= liveOut.get(s) ?? 0;
    if (b.jmp !== null) live |= REG_A | (bpfSrc(b.jmp.code) === BPF_X ? REG_X : 0);
  }
  const kept: BpfInsn[] = [];
  for (let j = b.stmts.length - 1; j >= 0; j--) {
    const { defs, uses } = defsUses(b.stmts[j]);
    if ((defs & live) === 0 && prune) continue;
    live = (live & ~defs) | uses;
    kept.push(b.stmts[j]);
  }
  if (prune) b.stmts = kept.reverse();
  return live;
}

/** Registers and scratch words read before being written, at each block's entry. */
function liveness(order: Block[]): Map<Block, number> {
  const liveIn = new Map<Block, number>();
  for (let i = order.length - 1; i >= 0; i--) {
    liveIn.set(order[i], liveBefore(order[i], liveIn, false));
  }
  return liveIn;
}

/** Remove statements whose results nothing reads. */
function removeDead(order: Block[]): boolean {
  const liveIn = new Map<Block, number>();
  let changed = false;
  for (let i = order.length - 1; i >= 0; i--) {
    const before = order[i].stmts.length;
    liveIn.set(order[i], liveBefore(order[i], liveIn, true));
    if (order[i].stmts.length !== before) changed = true;
  }
  return changed;
}

/** Rewrite every edge (and the entry) through `map`. */
function redirect(root: { entry: Block }, order: Block[], map: Map<Block, Block>): void {
  const resolve = (b: Block | null): Block | null => {
    let cur = b;
    while (cur !== null && map.has(cur)) cur = map.get(cur)!;
    return cur;
  };
  root.entry = resolve(root.entry)!;
  for (const b of order) {
    b.jt = resolve(b.jt);
    b.jf = resolve(b.jf);
  }
}

function simplifyShape(root: { entry: Block }, order: Block[]): boolean {
  let changed = false;
  for (const b of order) {
    if (b.jmp !== null && b.jt === b.jf) {
      b.jmp = null;
      b.jf = null;
      changed = true;
    }
  }
  const bypass = new Map<Block, Block>();
  for (const b of order) {
    if (b.ret === null && b.jmp === null && b.stmts.length === 0 && b.jt !== b) {
      bypass.set(b, b.jt!);
    }
  }
  if (bypass.size > 0) {
    redirect(root, order, bypass);
    changed = true;
  }
  return changed;
}

function mergeChains(root: { entry: Block }): boolean {
  const order = topoOrder(root.entry);
  const preds = new Map<Block, number>();
  for (const b of order) for (const s of successors(b)) preds.set(s, (preds.get(s) ?? 0) + 1);
  let changed = false;
  for (const b of order) {
    while (b.ret === null && b.jmp === null && preds.get(b.jt!) === 1) {
      const c = b.jt!;
      b.stmts = [...b.stmts, ...c.stmts];
      b.jmp = c.jmp;
      b.jt = c.jt;
      b.jf = c.jf;
      b.ret = c.ret;
      changed = true;
    }
  }
  return changed;
}

function signature(b: Block): string {
  const body = b.stmts.map((s) => `${s.code},${s.k}`).join(";");
  if (b.ret !== null) return `${body}|ret ${b.ret}`;
  if (b.jmp === null) return `${body}|goto ${b.jt!.id}`;
  return `${body}|${b.jmp.code},${b.jmp.k}|${b.jt!.id},${b.jf!.id}`;
}

/** Share blocks that do exactly the same thing. */
function dedupBlocks(root: { entry: Block }): boolean {
  const order = topoOrder(root.entry);
  const seen = new Map<string, Block>();
  const map = new Map<Block, Block>();
  for (let i = order.length - 1; i >= 0; i--) {
    const b = order[i];
    for (const key of ["jt", "jf"] as const) {
      const t = b[key];
      if (t !== null && map.has(t)) b[key] = map.get(t)!;
    }
    const sig = signature(b);
    const same = seen.get(sig);
    if (same && same !== b) map.set(b, same);
    else seen.set(sig, b);
  }
  if (map.size === 0) return false;
  redirect(root, order, map);
  return true;
}

/** Run every pass until nothing changes; returns the (possibly new) entry block. */
export function optimize(entry: Block): Block {
  const root = { entry };
  let budget = 5000;
  for (let round = 0; round < 100; round++) {
    let changed = false;
    while (budget-- > 0 && threadJumps(topoOrder(root.entry))) changed = true;
    changed = removeRedundant(topoOrder(root.entry)) || changed;
    changed = removeDead(topoOrder(root.entry)) || changed;
    changed = simplifyShape(root, topoOrder(root.entry)) || changed;
    changed = mergeChains(root) || changed;
    changed = dedupBlocks(root) || changed;
    if (!changed) break;
  }
  return root.entry;
}

const MAX_JUMP = 255;

/**
 * Lay the graph out as a program: reverse postorder, so every jump goes forward; a conditional
 * jump farther than 255 instructions goes through a `ja` inserted right after it. Hops are
 * added one jump at a time, always for the first jump in program order that is too far: each
 * hop pushes what follows it one instruction further, which can put an earlier jump out of
 * reach, so the scan steps back over the jumps that could now be (they lie within 257
 * instructions before the hop) and goes on from there. The layout lives in number arrays
 * indexed by slot: a filter of thousands of terms needs thousands of hops.
 */
export function linearize(entry: Block): BpfInsn[] {
  const blocks = topoOrder(entry);
  const slotOf = new Map<Block, number>();
  blocks.forEach((b, i) => slotOf.set(b, i));
  const target = (b: Block | null) => (b === null ? -1 : slotOf.get(b)!);
  // Per slot: statement count, kind, and the slots jumped to (-1 for none).
  const size = blocks.map((b) => b.stmts.length);
  const ret = blocks.map((b) => b.ret !== null);
  const cond = blocks.map((b) => b.ret === null && b.jmp !== null);
  const jt = blocks.map((b) => (b.ret === null ? target(b.jt) : -1));
  const jf = blocks.map((b, s) => (cond[s] ? target(b.jf) : -1));
  /** The layout: slots in program order. */
  const order = blocks.map((_, i) => i);
  /** A `ja` to `to`, placed right after layout position `i`; returns its slot. */
  const hop = (i: number, to: number): number => {
    const h = blocks.length;
    blocks.push(gotoBlock([], blocks[to]));
    size.push(0);
    ret.push(false);
    cond.push(false);
    jt.push(to);
    jf.push(-1);
    order.splice(i + 1, 0, h);
    return h;
  };
  // A block can gain two hops: at most three slots per block.
  const start = new Int32Array(3 * blocks.length + 1);
  let pc = 0;
  for (let i = 0; i < order.length; i++) {
    const s = order[i];
    start[s] = pc;
    pc += size[s];
    if (ret[s] || cond[s] || order[i + 1] !== jt[s]) pc += 1;
  }
  for (let i = 0; i < order.length;) {
    const s = order[i];
    if (!cond[s]) {
      i++;
      continue;
    }
    const at = start[s] + size[s];
    // Both edges are measured on the same layout, the true edge first.
    const far = start[jt[s]] - at - 1 > MAX_JUMP, farFalse = start[jf[s]] - at - 1 > MAX_JUMP;
    if (!far && !farFalse) {
      i++;
      continue;
    }
    if (far) jt[s] = hop(i, jt[s]);
    if (farFalse) jf[s] = hop(i, jf[s]);
    const added = (far ? 1 : 0) + (farFalse ? 1 : 0);
    for (let p = i + 1; p <= i + added; p++) start[order[p]] = at + p - i;
    for (let p = i + added + 1; p < order.length; p++) start[order[p]] += added;
    while (i > 0 && start[order[i - 1]] + size[order[i - 1]] >= at - MAX_JUMP - 1) i--;
  }
  const out: BpfInsn[] = [];
  for (let i = 0; i < order.length; i++) {
    const s = order[i], b = blocks[s];
    for (const insn of b.stmts) out.push({ ...insn });
    const at = out.length;
    if (ret[s]) out.push(stmt(BPF_RET | BPF_K, b.ret!));
    else if (cond[s]) {
      out.push(jump(b.jmp!.code, b.jmp!.k, start[jt[s]] - at - 1, start[jf[s]] - at - 1));
    } else if (order[i + 1] !== jt[s]) {
      out.push(stmt(BPF_JMP | BPF_JA, start[jt[s]] - at - 1));
    }
  }
  return out;
}
