/**
 * Code generation: filter AST -> boolean formula over BPF tests -> control-flow graph.
 *
 * Offsets are for linktype Ethernet. After `vlan` everything from the EtherType on moves by one
 * tag, as in libpcap. The first `vlan` has to work both on live sockets, where the kernel has
 * taken the outer tag out of the frame into ancillary data, and on frames with the tag inline
 * (files, or tags the kernel left), so the shift of the first level is a run-time value: a
 * prologue stores `vlan_tag_present ? 0 : 4` in M[0] and shifted loads index through X.
 *
 * @module
 */

import {
  BPF_ABS,
  BPF_ADD,
  BPF_ALU,
  BPF_AND,
  BPF_B,
  BPF_DIV,
  BPF_H,
  BPF_IMM,
  BPF_IND,
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
  BPF_MEMWORDS,
  BPF_MISC,
  BPF_MOD,
  BPF_MSH,
  BPF_MUL,
  BPF_NEG,
  BPF_OR,
  BPF_RSH,
  BPF_ST,
  BPF_SUB,
  BPF_TAX,
  BPF_W,
  BPF_X,
  BPF_XOR,
  bpfClass,
  type BpfInsn,
  bpfOp,
  bpfSrc,
  SKF_AD_OFF,
  SKF_AD_PKTTYPE,
  SKF_AD_VLAN_TAG,
  SKF_AD_VLAN_TAG_PRESENT,
  stmt,
} from "./bpf.ts";
import { FilterError } from "./errors.ts";
import { ARP_SPA_AT, ARP_TPA_AT } from "../decode/arp.ts";
import { ETH_DATA_LEN, ETH_DST_AT, ETH_HLEN, ETH_SRC_AT, ETH_TYPE_AT } from "../decode/ethernet.ts";
import {
  IP_OFFMASK,
  IP_VERSION_MASK,
  IP_VERSION_SHIFT,
  IPV4_DST_AT,
  IPV4_IHL_MASK,
  IPV4_OFF_AT,
  IPV4_PROTO_AT,
  IPV4_SRC_AT,
} from "../decode/ipv4.ts";
import { IPV6_DST_AT, IPV6_HLEN, IPV6_NEXT_AT, IPV6_SRC_AT } from "../decode/ipv6.ts";
import {
  ETH_P_8021AD,
  ETH_P_8021Q,
  ETH_P_ARP,
  ETH_P_IP,
  ETH_P_IPV6,
  ETH_P_MPLS_UC,
  ETH_P_QINQ1,
  ETH_P_RARP,
  IPPROTO_FRAGMENT,
  IPPROTO_ICMP,
  IPPROTO_ICMPV6,
  IPPROTO_IGMP,
  IPPROTO_SCTP,
  IPPROTO_TCP,
  IPPROTO_UDP,
} from "../decode/numbers.ts";
import { TCP_DPORT_AT, TCP_SPORT_AT } from "../decode/tcp.ts";
import { VLAN_HLEN, VLAN_VID_MASK } from "../decode/vlan.ts";
import { PACKET_OUTGOING } from "../packet/direction.ts";
import { type Block, condBlock, gotoBlock, retBlock } from "./optimize.ts";
import type { Arith, ArithOp, Dir, FilterNode, IdValue, Proto, Qualifiers } from "./parser.ts";

/** MPLS label stack entry (RFC 3032): octets, label bits, bottom-of-stack bit. */
const MPLS_HLEN = 4;
const MPLS_LABEL_SHIFT = 12;
const MPLS_LABEL_MASK = 0xfffff000;
const MPLS_BOS = 0x100;
/** First octet of an IPv4 multicast (class D) address, and up. */
const IN_CLASSD_FIRST = 224;
/** First octet of an IPv6 multicast address. */
const IN6_MULTICAST_FIRST = 0xff;
/** The low bit of the first octet of a MAC address: group (multicast or broadcast). */
const ETH_GROUP_BIT = 1;

/** Scratch word holding the run-time shift of the first VLAN level. */
const SHIFT_SLOT = 0;

/** A boolean formula whose leaves are BPF tests. */
export type Pred =
  | { t: "const"; v: boolean }
  | { t: "and" | "or"; a: Pred; b: Pred }
  | { t: "not"; a: Pred }
  | { t: "test"; stmts: BpfInsn[]; code: number; k: number }
  | { t: "seq"; stmts: BpfInsn[]; then: Pred };

const TRUE: Pred = { t: "const", v: true };
const FALSE: Pred = { t: "const", v: false };

function and(...ps: Pred[]): Pred {
  return ps.reduce((a, b) => {
    if (a.t === "const") return a.v ? b : a;
    if (b.t === "const") return b.v ? a : b;
    return { t: "and", a, b };
  }, TRUE);
}

function or(...ps: Pred[]): Pred {
  return ps.reduce((a, b) => {
    if (a.t === "const") return a.v ? a : b;
    if (b.t === "const") return b.v ? b : a;
    return { t: "or", a, b };
  }, FALSE);
}

function not(a: Pred): Pred {
  if (a.t === "const") return { t: "const", v: !a.v };
  if (a.t === "not") return a.a;
  return { t: "not", a };
}

function test(stmts: BpfInsn[], op: number, k: number, src = BPF_K): Pred {
  return { t: "test", stmts, code: BPF_JMP | op | src, k: k >>> 0 };
}

/**
 * Turn a formula into blocks, continuation style: every sub-formula is emitted once. The left
 * operand is followed in a loop, not a call: `and`/`or` chains are left-deep and thousands long.
 */
export function emit(p: Pred, onTrue: Block, onFalse: Block): Block {
  for (;;) {
    switch (p.t) {
      case "const":
        return p.v ? onTrue : onFalse;
      case "and":
        onTrue = emit(p.b, onTrue, onFalse);
        p = p.a;
        break;
      case "or":
        onFalse = emit(p.b, onTrue, onFalse);
        p = p.a;
        break;
      case "not": {
        const t = onTrue;
        onTrue = onFalse;
        onFalse = t;
        p = p.a;
        break;
      }
      case "test":
        return condBlock(p.stmts, p.code, p.k, onTrue, onFalse);
      case "seq":
        return gotoBlock(p.stmts, emit(p.then, onTrue, onFalse));
    }
  }
}

/** Options for {@link generate}. */
export interface GenerateOptions {
  /** Accept length (`ret #snaplen`). */
  snaplen: number;
  /** `--vlan` ids: the frame must carry one of them (outer or second tag). */
  vlanIds?: number[];
}

const ld = (size: number, k: number) => stmt(BPF_LD | size | BPF_ABS, k);
const ldInd = (size: number, k: number) => stmt(BPF_LD | size | BPF_IND, k);
const SIZE: Record<1 | 2 | 4, number> = { 1: BPF_B, 2: BPF_H, 4: BPF_W };
const ALU_OPS: Record<ArithOp, number> = {
  "+": BPF_ADD,
  "-": BPF_SUB,
  "*": BPF_MUL,
  "/": BPF_DIV,
  "%": BPF_MOD,
  "&": BPF_AND,
  "|": BPF_OR,
  "^": BPF_XOR,
  "<<": BPF_LSH,
  ">>": BPF_RSH,
};
const TRANSPORT: Partial<Record<Proto, number>> = {
  tcp: IPPROTO_TCP,
  udp: IPPROTO_UDP,
  sctp: IPPROTO_SCTP,
  icmp: IPPROTO_ICMP,
  igmp: IPPROTO_IGMP,
};
const PORT_PROTOS = [IPPROTO_SCTP, IPPROTO_TCP, IPPROTO_UDP];

interface ArithCode {
  checks: Pred[];
  stmts: BpfInsn[];
  konst?: number;
}

function evalConst(op: ArithOp, a: number, b: number): number {
  switch (op) {
    case "+":
      return (a + b) >>> 0;
    case "-":
      return (a - b) >>> 0;
    case "*":
      return Math.imul(a, b) >>> 0;
    case "/":
      return Math.floor(a / b) >>> 0;
    case "%":
      return (a % b) >>> 0;
    case "&":
      return (a & b) >>> 0;
    case "|":
      return (a | b) >>> 0;
    case "^":
      return (a ^ b) >>> 0;
    case "<<":
      return b >= 32 ? 0 : (a << b) >>> 0;
    case ">>":
      return b >= 32 ? 0 : a >>> b;
  }
}

type IdNode = Extract<FilterNode, { kind: "id" }>;

/** The operands of a tree of `or`s, left to right. */
function flattenOr(n: FilterNode): FilterNode[] {
  const out: FilterNode[] = [];
  const stack = [n];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x.kind === "or") stack.push(x.right, x.left);
    else out.push(x);
  }
  return out;
}

function idFamily(n: IdNode): string | undefined {
  const type = n.qual.type ?? "host";
  if ((type === "port" || type === "portrange") && ["num", "range"].includes(n.value.kind)) {
    return "port";
  }
  if (n.value.kind === "ipv4" || n.value.kind === "ipv4net") return "ipv4";
  return undefined;
}

function sameGroup(a: IdNode, b: IdNode): boolean {
  const fa = idFamily(a);
  return fa !== undefined && fa === idFamily(b) && a.qual.proto === b.qual.proto &&
    a.qual.dir === b.qual.dir && (a.qual.type ?? "host") === (b.qual.type ?? "host");
}

/** Runs of `or`-ed ids with the same qualifiers become one group (tested with shared loads). */
function groupIds(operands: FilterNode[]): (FilterNode | IdNode[])[] {
  const out: (FilterNode | IdNode[])[] = [];
  for (const op of operands) {
    const last = out[out.length - 1];
    if (op.kind === "id" && Array.isArray(last) && sameGroup(last[0], op)) last.push(op);
    else if (op.kind === "id" && idFamily(op) !== undefined) out.push([op]);
    else out.push(op);
  }
  return out;
}

class Generator {
  /** The first VLAN level has been passed: shifted loads add M[SHIFT_SLOT] through X. */
  private shiftVar = false;
  /** Constant part of the shift (inline VLAN tags after the first, MPLS labels). */
  private shiftConst = 0;
  /** MPLS labels passed; the network layer then starts after the label stack. */
  private mplsDepth = 0;
  private nextTemp = SHIFT_SLOT + 1;
  usesShift = false;

  constructor(private readonly expr: string) {}

  private error(reason: string, pos = 0): never {
    throw new FilterError(reason, pos, this.expr);
  }

  private allocTemp(): number {
    if (this.nextTemp >= BPF_MEMWORDS) this.error("expression too complex (out of scratch memory)");
    return this.nextTemp++;
  }

  private freeTemp(): void {
    this.nextTemp--;
  }

  /** Load `size` bytes at `off` from the frame start, no VLAN shift (Ethernet addresses). */
  private ldFrame(size: number, off: number): BpfInsn[] {
    return [ld(size, off)];
  }

  /** Load at `off` bytes from the frame start, moved by the VLAN/MPLS shift in force. */
  private ldShifted(size: number, off: number): BpfInsn[] {
    if (!this.shiftVar) return [ld(size, off + this.shiftConst)];
    return [stmt(BPF_LDX | BPF_MEM, SHIFT_SLOT), ldInd(size, off + this.shiftConst)];
  }

  /** Put the IPv4 header length (plus the run-time shift) in X. */
  private ipHdrLenToX(): BpfInsn[] {
    const at = ETH_HLEN + this.shiftConst;
    if (!this.shiftVar) return [stmt(BPF_LDX | BPF_B | BPF_MSH, at)];
    return [
      stmt(BPF_LDX | BPF_MEM, SHIFT_SLOT),
      ldInd(BPF_B, at),
      stmt(BPF_ALU | BPF_AND | BPF_K, IPV4_IHL_MASK),
      stmt(BPF_ALU | BPF_LSH | BPF_K, 2), // 32-bit words to octets
      stmt(BPF_ALU | BPF_ADD | BPF_X),
      stmt(BPF_MISC | BPF_TAX),
    ];
  }

  /** Load `size` bytes at `off` into the IPv4 payload. */
  private ldTransport(size: number, off: number): BpfInsn[] {
    return [...this.ipHdrLenToX(), ldInd(size, ETH_HLEN + this.shiftConst + off)];
  }

  linktype(type: number): Pred {
    if (this.mplsDepth > 0) {
      if (type === ETH_P_IP) return this.mplsPayloadVersion(4);
      if (type === ETH_P_IPV6) return this.mplsPayloadVersion(6);
      return FALSE;
    }
    if (type <= ETH_DATA_LEN) {
      return and(
        not(test(this.ldShifted(BPF_H, ETH_TYPE_AT), BPF_JGT, ETH_DATA_LEN)),
        test(this.ldShifted(BPF_H, ETH_HLEN), BPF_JEQ, (type << 8) | type),
      );
    }
    return test(this.ldShifted(BPF_H, ETH_TYPE_AT), BPF_JEQ, type);
  }

  private mplsPayloadVersion(version: number): Pred {
    return test(
      [...this.ldShifted(BPF_B, ETH_HLEN), stmt(BPF_ALU | BPF_AND | BPF_K, IP_VERSION_MASK)],
      BPF_JEQ,
      version << IP_VERSION_SHIFT,
    );
  }

  ipProto(proto: number): Pred {
    return and(
      this.linktype(ETH_P_IP),
      test(this.ldShifted(BPF_B, ETH_HLEN + IPV4_PROTO_AT), BPF_JEQ, proto),
    );
  }

  /** IPv6 next header, also looking behind one fragment header (like libpcap). */
  ip6Proto(proto: number): Pred {
    const nxt = this.ldShifted(BPF_B, ETH_HLEN + IPV6_NEXT_AT);
    return and(
      this.linktype(ETH_P_IPV6),
      or(
        test(nxt, BPF_JEQ, proto),
        and(
          test(nxt, BPF_JEQ, IPPROTO_FRAGMENT),
          test(this.ldShifted(BPF_B, ETH_HLEN + IPV6_HLEN), BPF_JEQ, proto),
        ),
      ),
    );
  }

  private ip6NextHeader(proto: number): Pred {
    return and(
      this.linktype(ETH_P_IPV6),
      test(this.ldShifted(BPF_B, ETH_HLEN + IPV6_NEXT_AT), BPF_JEQ, proto),
    );
  }

  private notFragment(): Pred {
    return not(test(this.ldShifted(BPF_H, ETH_HLEN + IPV4_OFF_AT), BPF_JSET, IP_OFFMASK));
  }

  private byDir(dir: Dir | undefined, src: () => Pred, dst: () => Pred): Pred {
    switch (dir) {
      case "src":
        return src();
      case "dst":
        return dst();
      case "src and dst":
        return and(src(), dst());
      default:
        return or(src(), dst());
    }
  }

  private maskedEq(load: BpfInsn[], value: number, mask: number): Pred {
    if (mask === 0) return TRUE;
    if (mask === 0xffffffff) return test(load, BPF_JEQ, value);
    return test([...load, stmt(BPF_ALU | BPF_AND | BPF_K, mask)], BPF_JEQ, (value & mask) >>> 0);
  }

  private ipv4Addr(
    proto: Proto | undefined,
    dir: Dir | undefined,
    nets: [number, number][],
  ): Pred | undefined {
    const at = (off: number) => () =>
      or(
        ...nets.map(([addr, mask]) =>
          this.maskedEq(this.ldShifted(BPF_W, ETH_HLEN + off), addr, mask)
        ),
      );
    const ip = () =>
      and(this.linktype(ETH_P_IP), this.byDir(dir, at(IPV4_SRC_AT), at(IPV4_DST_AT)));
    const arp = (type: number) => () =>
      and(this.linktype(type), this.byDir(dir, at(ARP_SPA_AT), at(ARP_TPA_AT)));
    switch (proto) {
      case undefined:
        return or(ip(), arp(ETH_P_ARP)(), arp(ETH_P_RARP)());
      case "ip":
        return ip();
      case "arp":
        return arp(ETH_P_ARP)();
      case "rarp":
        return arp(ETH_P_RARP)();
    }
    return undefined;
  }

  private ipv6Addr(dir: Dir | undefined, addr: Uint8Array, bits: number): Pred {
    const view = new DataView(addr.buffer, addr.byteOffset, 16);
    const at = (off: number) => () => {
      const words: Pred[] = [];
      for (let w = 0; w < 4; w++) {
        const covered = Math.max(0, Math.min(32, bits - 32 * w));
        if (covered === 0) break;
        const mask = covered === 32 ? 0xffffffff : (~(0xffffffff >>> covered)) >>> 0;
        const word = view.getUint32(4 * w);
        if ((word & ~mask) >>> 0 !== 0) this.error("non-network bits set in IPv6 address");
        words.push(this.maskedEq(this.ldShifted(BPF_W, ETH_HLEN + off + 4 * w), word, mask));
      }
      return and(...words);
    };
    return and(this.linktype(ETH_P_IPV6), this.byDir(dir, at(IPV6_SRC_AT), at(IPV6_DST_AT)));
  }

  private etherAddr(dir: Dir | undefined, mac: Uint8Array): Pred {
    const hi = (mac[0] << 8) | mac[1];
    const lo = ((mac[2] << 24) | (mac[3] << 16) | (mac[4] << 8) | mac[5]) >>> 0;
    const at = (off: number) => () =>
      and(
        test(this.ldFrame(BPF_W, off + 2), BPF_JEQ, lo),
        test(this.ldFrame(BPF_H, off), BPF_JEQ, hi),
      );
    return this.byDir(dir, at(ETH_SRC_AT), at(ETH_DST_AT));
  }

  private ports(
    proto: Proto | undefined,
    dir: Dir | undefined,
    cmp: (load: BpfInsn[]) => Pred,
    pos: number,
  ): Pred {
    let protos: number[];
    let v4 = true;
    let v6 = true;
    switch (proto) {
      case undefined:
        protos = PORT_PROTOS;
        break;
      case "ip":
        protos = PORT_PROTOS;
        v6 = false;
        break;
      case "ip6":
        protos = PORT_PROTOS;
        v4 = false;
        break;
      case "tcp":
      case "udp":
      case "sctp":
        protos = [TRANSPORT[proto]!];
        break;
      default:
        this.error(`'${proto}' modifier applied to port`, pos);
    }
    const six = () =>
      and(
        this.linktype(ETH_P_IPV6),
        or(
          ...protos.map((p) => test(this.ldShifted(BPF_B, ETH_HLEN + IPV6_NEXT_AT), BPF_JEQ, p)),
        ),
        this.byDir(
          dir,
          () => cmp(this.ldShifted(BPF_H, ETH_HLEN + IPV6_HLEN + TCP_SPORT_AT)),
          () => cmp(this.ldShifted(BPF_H, ETH_HLEN + IPV6_HLEN + TCP_DPORT_AT)),
        ),
      );
    const four = () =>
      and(
        this.linktype(ETH_P_IP),
        or(
          ...protos.map((p) => test(this.ldShifted(BPF_B, ETH_HLEN + IPV4_PROTO_AT), BPF_JEQ, p)),
        ),
        this.notFragment(),
        this.byDir(
          dir,
          () => cmp(this.ldTransport(BPF_H, TCP_SPORT_AT)),
          () => cmp(this.ldTransport(BPF_H, TCP_DPORT_AT)),
        ),
      );
    return or(v6 ? six() : FALSE, v4 ? four() : FALSE);
  }

  /** Primitives sharing qualifiers and joined by `or` (`port 80 or 443`), tested together. */
  private id(qual: Qualifiers, values: IdValue[], pos: number): Pred {
    const { proto, dir } = qual;
    const type = qual.type ?? "host";
    const value = values[0];
    if (type === "port" || type === "portrange") {
      const cmps = (l: BpfInsn[]) =>
        or(...values.map((v) => {
          if (v.kind === "num") return test(l, BPF_JEQ, v.value);
          if (v.kind === "range") {
            return and(test(l, BPF_JGE, v.lo), not(test(l, BPF_JGT, v.hi)));
          }
          this.error(`'${type}' needs a port number`, pos);
        }));
      return this.ports(proto, dir, cmps, pos);
    }
    if (value.kind === "ipv4" || value.kind === "ipv4net") {
      const nets = values.map((v): [number, number] => {
        if (v.kind === "ipv4net") return [v.addr, v.mask];
        if (v.kind !== "ipv4") throw new TypeError("mixed address families");
        return [v.addr, v.bits >= 32 ? 0xffffffff : (~(0xffffffff >>> v.bits)) >>> 0];
      });
      const p = this.ipv4Addr(proto, dir, nets);
      if (p === undefined) this.error(`'${proto}' modifier applied to ${type}`, pos);
      return p;
    }
    if (values.length > 1) return or(...values.map((v) => this.id(qual, [v], pos)));
    switch (value.kind) {
      case "ipv6":
        if (proto !== undefined && proto !== "ip6") {
          this.error(`'${proto}' modifier applied to ip6 ${type}`, pos);
        }
        if (type === "host" && value.bits !== 128) {
          this.error("a prefix length needs 'net'", pos);
        }
        return this.ipv6Addr(dir, value.addr, value.bits);
      case "mac":
        if (proto !== undefined && proto !== "ether") {
          this.error(`'${proto}' modifier applied to ethernet address`, pos);
        }
        if (type !== "host") this.error(`ethernet address used in non-host expression`, pos);
        return this.etherAddr(dir, value.addr);
    }
    this.error(`'${type}' needs an address`, pos);
  }

  private bareProto(proto: Proto): Pred {
    switch (proto) {
      case "ip":
        return this.linktype(ETH_P_IP);
      case "ip6":
        return this.linktype(ETH_P_IPV6);
      case "arp":
        return this.linktype(ETH_P_ARP);
      case "rarp":
        return this.linktype(ETH_P_RARP);
      case "icmp":
      case "igmp":
        return this.ipProto(TRANSPORT[proto]!);
      case "icmp6":
        return this.ip6Proto(IPPROTO_ICMPV6);
      case "tcp":
      case "udp":
      case "sctp":
        return or(this.ipProto(TRANSPORT[proto]!), this.ip6Proto(TRANSPORT[proto]!));
      case "ether":
        return TRUE;
    }
  }

  private tpidIsVlan(load: BpfInsn[]): Pred {
    return or(
      test(load, BPF_JEQ, ETH_P_8021Q),
      test(load, BPF_JEQ, ETH_P_8021AD),
      test(load, BPF_JEQ, ETH_P_QINQ1),
    );
  }

  private vidIn(load: BpfInsn[], ids: number[]): Pred {
    const vid = [...load, stmt(BPF_ALU | BPF_AND | BPF_K, VLAN_VID_MASK)];
    return or(...ids.map((id) => test(vid, BPF_JEQ, id)));
  }

  /** One `vlan` level: test it, then move what follows past it. */
  vlan(ids: number[] | undefined): Pred {
    if (this.mplsDepth > 0) this.error("'vlan' after 'mpls' is not supported");
    let p: Pred;
    if (!this.shiftVar) {
      this.usesShift = true;
      const present = test([ld(BPF_W, SKF_AD_OFF + SKF_AD_VLAN_TAG_PRESENT)], BPF_JEQ, 1);
      const inline = this.tpidIsVlan(this.ldShifted(BPF_H, ETH_TYPE_AT));
      const auxId = ids ? this.vidIn([ld(BPF_W, SKF_AD_OFF + SKF_AD_VLAN_TAG)], ids) : TRUE;
      const inlineId = ids ? this.vidIn(this.ldShifted(BPF_H, ETH_HLEN), ids) : TRUE;
      p = or(and(present, auxId), and(not(present), inline, inlineId));
      this.shiftVar = true;
    } else {
      const tpid = this.tpidIsVlan(this.ldShifted(BPF_H, ETH_TYPE_AT));
      p = and(tpid, ids ? this.vidIn(this.ldShifted(BPF_H, ETH_HLEN), ids) : TRUE);
      this.shiftConst += VLAN_HLEN;
    }
    return p;
  }

  /** `--vlan` ids: outer tag present, and it or the next inline tag carries one of the ids. */
  vlanFlag(ids: number[]): Pred {
    const outer = this.vlan(undefined);
    const present = test([ld(BPF_W, SKF_AD_OFF + SKF_AD_VLAN_TAG_PRESENT)], BPF_JEQ, 1);
    const outerId = or(
      and(present, this.vidIn([ld(BPF_W, SKF_AD_OFF + SKF_AD_VLAN_TAG)], ids)),
      and(not(present), this.vidIn([ld(BPF_H, ETH_HLEN)], ids)),
    );
    const inner = and(
      this.tpidIsVlan(this.ldShifted(BPF_H, ETH_TYPE_AT)),
      this.vidIn(this.ldShifted(BPF_H, ETH_HLEN), ids),
    );
    return and(outer, or(outerId, inner));
  }

  private mpls(label: number | undefined): Pred {
    let p: Pred;
    if (this.mplsDepth === 0) p = test(this.ldShifted(BPF_H, ETH_TYPE_AT), BPF_JEQ, ETH_P_MPLS_UC);
    else {
      // The bottom-of-stack bit of the label before (the shift already counts this one).
      p = not(test(this.ldShifted(BPF_B, ETH_HLEN - 2), BPF_JSET, MPLS_BOS >> 8));
    }
    if (label !== undefined) {
      const entry = this.ldShifted(BPF_W, ETH_HLEN);
      p = and(p, this.maskedEq(entry, label << MPLS_LABEL_SHIFT, MPLS_LABEL_MASK));
    }
    this.mplsDepth++;
    this.shiftConst += MPLS_HLEN;
    return p;
  }

  private protoNum(proto: "ether" | "ip" | "ip6" | undefined, value: number): Pred {
    switch (proto) {
      case "ether":
        return this.linktype(value);
      case "ip":
        return this.ipProto(value);
      case "ip6":
        return this.ip6Proto(value);
      default:
        return or(this.ipProto(value), this.ip6Proto(value));
    }
  }

  /**
   * The formula of a filter. `and`, `or` and `not` are taken apart with a stack of their own
   * (a filter of a thousand terms is a tree a thousand deep), operands left to right: `vlan`
   * and `mpls` change how everything after them is read.
   */
  node(root: FilterNode): Pred {
    interface Pending {
      op: "and" | "or" | "not";
      operands: (FilterNode | IdNode[])[];
      done: Pred[];
    }
    const stack: Pending[] = [];
    let todo: FilterNode | IdNode[] = root;
    for (;;) {
      let result: Pred | undefined;
      const n = todo;
      if (Array.isArray(n)) result = this.id(n[0].qual, n.map((i) => i.value), n[0].pos);
      else if (n.kind === "and" || n.kind === "or") {
        const operands = n.kind === "and" ? [n.left, n.right] : groupIds(flattenOr(n));
        stack.push({ op: n.kind, operands, done: [] });
      } else if (n.kind === "not") stack.push({ op: "not", operands: [n.expr], done: [] });
      else result = this.primitive(n);
      while (result !== undefined) {
        const top = stack[stack.length - 1];
        if (top === undefined) return result;
        top.done.push(result);
        result = undefined;
        if (top.done.length === top.operands.length) {
          stack.pop();
          result = top.op === "and"
            ? and(top.done[0], top.done[1])
            : top.op === "or"
            ? or(...top.done)
            : not(top.done[0]);
        }
      }
      const top = stack[stack.length - 1];
      todo = top.operands[top.done.length];
    }
  }

  /** A primitive: anything but `and`, `or` and `not`, which {@link node} takes apart. */
  private primitive(n: FilterNode): Pred {
    switch (n.kind) {
      case "and":
      case "or":
      case "not":
        throw new TypeError(`'${n.kind}' is not a primitive`);
      case "true":
        return TRUE;
      case "id":
        return this.id(n.qual, [n.value], n.pos);
      case "proto":
        return this.bareProto(n.proto);
      case "protonum":
        return this.protoNum(n.proto, n.value);
      case "broadcast":
        if (n.proto === "ip") {
          const dst = this.ldShifted(BPF_W, ETH_HLEN + IPV4_DST_AT);
          return and(
            this.linktype(ETH_P_IP),
            or(test(dst, BPF_JEQ, 0), test(dst, BPF_JEQ, 0xffffffff)),
          );
        }
        return and(
          // ff:ff:ff:ff:ff:ff, as a word and a half-word.
          test(this.ldFrame(BPF_W, ETH_DST_AT + 2), BPF_JEQ, 0xffffffff),
          test(this.ldFrame(BPF_H, ETH_DST_AT), BPF_JEQ, 0xffff),
        );
      case "multicast":
        if (n.proto === "ip") {
          return and(
            this.linktype(ETH_P_IP),
            test(this.ldShifted(BPF_B, ETH_HLEN + IPV4_DST_AT), BPF_JGE, IN_CLASSD_FIRST),
          );
        }
        if (n.proto === "ip6") {
          return and(
            this.linktype(ETH_P_IPV6),
            test(this.ldShifted(BPF_B, ETH_HLEN + IPV6_DST_AT), BPF_JEQ, IN6_MULTICAST_FIRST),
          );
        }
        return test(this.ldFrame(BPF_B, ETH_DST_AT), BPF_JSET, ETH_GROUP_BIT);
      case "less":
        return not(test([stmt(BPF_LD | BPF_W | BPF_LEN)], BPF_JGT, n.value));
      case "greater":
        return test([stmt(BPF_LD | BPF_W | BPF_LEN)], BPF_JGE, n.value);
      case "inbound":
      case "outbound": {
        const out = test([ld(BPF_W, SKF_AD_OFF + SKF_AD_PKTTYPE)], BPF_JEQ, PACKET_OUTGOING);
        return n.kind === "outbound" ? out : not(out);
      }
      case "vlan":
        return this.vlan(n.id === undefined ? undefined : [n.id]);
      case "mpls":
        return this.mpls(n.label);
      case "rel":
        return this.relation(n.op, n.left, n.right);
    }
  }

  private protoCheck(proto: Proto): Pred {
    switch (proto) {
      case "ether":
        return TRUE;
      case "ip":
        return this.linktype(ETH_P_IP);
      case "ip6":
        return this.linktype(ETH_P_IPV6);
      case "arp":
        return this.linktype(ETH_P_ARP);
      case "rarp":
        return this.linktype(ETH_P_RARP);
      case "icmp6":
        return this.ip6NextHeader(IPPROTO_ICMPV6);
      default:
        return and(this.ipProto(TRANSPORT[proto]!), this.notFragment());
    }
  }

  private loadAt(proto: Proto, size: number, off: number): BpfInsn[] {
    switch (proto) {
      case "ether":
        return this.ldFrame(size, off);
      case "ip":
      case "ip6":
      case "arp":
      case "rarp":
        return this.ldShifted(size, ETH_HLEN + off);
      case "icmp6":
        return this.ldShifted(size, ETH_HLEN + IPV6_HLEN + off);
      default:
        return this.ldTransport(size, off);
    }
  }

  /** Load with an index computed at run time (in A on entry). */
  private loadIndexed(proto: Proto, size: number, index: BpfInsn[]): BpfInsn[] {
    const t = this.allocTemp();
    let base: BpfInsn[];
    let off: number;
    switch (proto) {
      case "ether":
        this.freeTemp();
        return [...index, stmt(BPF_MISC | BPF_TAX), ldInd(size, 0)];
      case "ip":
      case "ip6":
      case "arp":
      case "rarp":
      case "icmp6":
        off = ETH_HLEN + this.shiftConst + (proto === "icmp6" ? IPV6_HLEN : 0);
        if (!this.shiftVar) {
          this.freeTemp();
          return [...index, stmt(BPF_MISC | BPF_TAX), ldInd(size, off)];
        }
        base = [stmt(BPF_LDX | BPF_MEM, SHIFT_SLOT)];
        break;
      default:
        off = ETH_HLEN + this.shiftConst;
        base = this.ipHdrLenToX();
    }
    this.freeTemp();
    return [
      ...index,
      stmt(BPF_ST, t),
      ...base,
      stmt(BPF_LD | BPF_MEM, t),
      stmt(BPF_ALU | BPF_ADD | BPF_X),
      stmt(BPF_MISC | BPF_TAX),
      ldInd(size, off),
    ];
  }

  private arith(a: Arith): ArithCode {
    switch (a.kind) {
      case "num":
        return { checks: [], stmts: [stmt(BPF_LD | BPF_IMM, a.value)], konst: a.value >>> 0 };
      case "len":
        return { checks: [], stmts: [stmt(BPF_LD | BPF_W | BPF_LEN)] };
      case "neg": {
        // A run of minus signs in a loop, not one call each.
        let negs = 0, inner: Arith = a;
        for (; inner.kind === "neg"; negs++) inner = inner.expr;
        const e = this.arith(inner);
        if (e.konst !== undefined) return this.konst(negs % 2 === 1 ? -e.konst : e.konst);
        const stmts = [...e.stmts];
        for (; negs > 0; negs--) stmts.push(stmt(BPF_ALU | BPF_NEG));
        return { checks: e.checks, stmts };
      }
      case "load": {
        const index = this.arith(a.index);
        const checks = [...index.checks, this.protoCheck(a.proto)];
        const size = SIZE[a.size];
        if (index.konst !== undefined) {
          return { checks, stmts: this.loadAt(a.proto, size, index.konst) };
        }
        return { checks, stmts: this.loadIndexed(a.proto, size, index.stmts) };
      }
      case "bin": {
        const op = ALU_OPS[a.op];
        const right = this.arith(a.right);
        if (right.konst !== undefined) {
          const left = this.arith(a.left);
          if ((a.op === "/" || a.op === "%") && right.konst === 0) this.error("division by zero");
          if (left.konst !== undefined) return this.konst(evalConst(a.op, left.konst, right.konst));
          if ((a.op === "<<" || a.op === ">>") && right.konst >= 32) {
            this.error("shift amount must be less than 32");
          }
          return {
            checks: [...left.checks, ...right.checks],
            stmts: [...left.stmts, stmt(BPF_ALU | op | BPF_K, right.konst)],
          };
        }
        const t = this.allocTemp();
        const left = this.arith(a.left);
        this.freeTemp();
        return {
          checks: [...left.checks, ...right.checks],
          stmts: [
            ...right.stmts,
            stmt(BPF_ST, t),
            ...left.stmts,
            stmt(BPF_LDX | BPF_MEM, t),
            stmt(BPF_ALU | op | BPF_X),
          ],
        };
      }
    }
  }

  private konst(v: number): ArithCode {
    return { checks: [], stmts: [stmt(BPF_LD | BPF_IMM, v >>> 0)], konst: v >>> 0 };
  }

  private relation(op: string, l: Arith, r: Arith): Pred {
    const right = this.arith(r);
    let left: ArithCode;
    let cmp: Pred;
    const jop = (o: string): [number, boolean] => {
      switch (o) {
        case "=":
          return [BPF_JEQ, false];
        case "!=":
          return [BPF_JEQ, true];
        case ">":
          return [BPF_JGT, false];
        case ">=":
          return [BPF_JGE, false];
        case "<":
          return [BPF_JGE, true];
        default:
          return [BPF_JGT, true];
      }
    };
    if (right.konst !== undefined) {
      left = this.arith(l);
      const [code, negate] = jop(op);
      if (left.konst !== undefined) {
        const v = code === BPF_JEQ
          ? left.konst === right.konst
          : code === BPF_JGT
          ? left.konst > right.konst
          : left.konst >= right.konst;
        cmp = { t: "const", v: v !== negate };
      } else {
        const stmts = [...left.stmts];
        const last = stmts[stmts.length - 1];
        let t: Pred;
        if (
          code === BPF_JEQ && right.konst === 0 && last && bpfClass(last.code) === BPF_ALU &&
          bpfOp(last.code) === BPF_AND && bpfSrc(last.code) === BPF_K
        ) {
          stmts.pop();
          t = not(test(stmts, BPF_JSET, last.k));
        } else {
          t = test(stmts, code, right.konst);
        }
        cmp = negate ? not(t) : t;
      }
    } else {
      const t = this.allocTemp();
      left = this.arith(l);
      this.freeTemp();
      const [code, negate] = jop(op);
      const stmts = [...right.stmts, stmt(BPF_ST, t), ...left.stmts, stmt(BPF_LDX | BPF_MEM, t)];
      const tst = test(stmts, code, 0, BPF_X);
      cmp = negate ? not(tst) : tst;
    }
    return and(...left.checks, ...right.checks, cmp);
  }
}

/**
 * Compile an AST to a control-flow graph (unoptimized). `expr` is only used in error messages.
 * Throws {@link FilterError} for combinations that mean nothing.
 */
export function generate(ast: FilterNode, opts: GenerateOptions, expr = ""): Block {
  const gen = new Generator(expr);
  let pred = opts.vlanIds && opts.vlanIds.length > 0 ? gen.vlanFlag(opts.vlanIds) : TRUE;
  pred = and(pred, gen.node(ast));
  if (gen.usesShift) {
    pred = {
      t: "seq",
      stmts: [
        ld(BPF_W, SKF_AD_OFF + SKF_AD_VLAN_TAG_PRESENT),
        stmt(BPF_ALU | BPF_XOR | BPF_K, 1),
        stmt(BPF_ALU | BPF_LSH | BPF_K, 2),
        stmt(BPF_ST, SHIFT_SLOT),
      ],
      then: pred,
    };
  }
  return emit(pred, retBlock(opts.snaplen), retBlock(0));
}
