/**
 * Code generation: filter AST -> boolean formula over BPF tests -> control-flow graph.
 *
 * The generator follows libpcap's gencode.c, down to the order of the loads (a load past the end
 * of the frame rejects it, so order is part of the meaning), for linktype Ethernet and for Linux
 * cooked (v1, v2), raw IP and BSD loopback frames: their header lengths, type fields and
 * gen_linktype's tests for each, and the errors libpcap gives for what one cannot do. It keeps
 * libpcap's offsets: where the link-layer header, its type field and its payload start (each a
 * constant, or a scratch word plus a constant), the network layer's offset in the payload (MPLS
 * labels) and that of an LLC payload. `vlan`, `mpls`, `pppoes`, `geneve` and `vxlan` move them
 * for everything after them, as in libpcap; after `pppoes` the link layer is PPP.
 *
 * The first `vlan` has to work both on live sockets, where the kernel has taken the outer tag out
 * of the frame into ancillary data, and on frames with the tag inline (files, or tags the kernel
 * left), so the shift of the first level is a run-time value: a prologue stores
 * `vlan_tag_present ? 0 : 4` in M[0] and the offsets after it index through X.
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
  bpfSrc,
  SKF_AD_IFINDEX,
  SKF_AD_OFF,
  SKF_AD_PKTTYPE,
  SKF_AD_VLAN_TAG,
  SKF_AD_VLAN_TAG_PRESENT,
  stmt,
} from "./bpf.ts";
import { FilterError } from "./errors.ts";
import {
  AH_LEN_BIAS,
  AH_LEN_UNIT,
  DN_LONG,
  DN_LONG_DST_AT,
  DN_LONG_SRC_AT,
  DN_MSG_AT,
  DN_PAD1,
  DN_SHORT,
  DN_SHORT_DST_AT,
  DN_SHORT_SRC_AT,
  DN_TYPE_MASK,
  GENEVE_HLEN,
  GENEVE_OPT_UNIT,
  GENEVE_OPTLEN_MASK,
  GENEVE_PROTO_AT,
  GENEVE_VER_MASK,
  GENEVE_VNI_AT,
  ISIS_PDU_TYPE_AT,
  LLC_HLEN_U,
  MPLS_BOS,
  MPLS_BOS_AT,
  MPLS_HLEN,
  MPLS_LABEL_MASK,
  MPLS_LABEL_SHIFT,
  PPP_PROTO_LEN,
  PPPOE_HLEN,
  PPPOE_SESSION_MASK,
  VNI_MASK,
  VNI_SHIFT,
  VXLAN_FLAG_I,
  VXLAN_FLAGS_AT,
  VXLAN_HLEN,
  VXLAN_VNI_AT,
} from "./headers.ts";
import { GENEVE_VER_OPT_AT } from "../decode/geneve.ts";
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
import {
  IP6E_LEN_AT,
  IP6E_NEXT_AT,
  IP6E_UNIT,
  IPV6_DST_AT,
  IPV6_HLEN,
  IPV6_NEXT_AT,
  IPV6_SRC_AT,
} from "../decode/ipv6.ts";
import { LLC_CTRL_AT, LLC_DSAP_AT, LLC_U_FMT } from "../decode/llc.ts";
import {
  BSD_AFNUM_INET,
  BSD_AFNUM_INET6_BSD,
  BSD_AFNUM_INET6_DARWIN,
  BSD_AFNUM_INET6_FREEBSD,
  ETH_P_8021AD,
  ETH_P_8021Q,
  ETH_P_AARP,
  ETH_P_ARP,
  ETH_P_ATALK,
  ETH_P_CUST,
  ETH_P_DNA_DL,
  ETH_P_DNA_RC,
  ETH_P_DNA_RT,
  ETH_P_IP,
  ETH_P_IPV6,
  ETH_P_IPX,
  ETH_P_LAT,
  ETH_P_MPLS_UC,
  ETH_P_NS,
  ETH_P_PPP_DISC,
  ETH_P_PPP_SES,
  ETH_P_QINQ1,
  ETH_P_RARP,
  ETH_P_TEB,
  GENEVE_PORT,
  IPPROTO_AH,
  IPPROTO_CARP,
  IPPROTO_DSTOPTS,
  IPPROTO_ESP,
  IPPROTO_FRAGMENT,
  IPPROTO_HOPOPTS,
  IPPROTO_ICMP,
  IPPROTO_ICMPV6,
  IPPROTO_IGMP,
  IPPROTO_IGRP,
  IPPROTO_PIM,
  IPPROTO_ROUTING,
  IPPROTO_SCTP,
  IPPROTO_TCP,
  IPPROTO_UDP,
  IPPROTO_VRRP,
  ISIS_L1_CSNP,
  ISIS_L1_LAN_IIH,
  ISIS_L1_LSP,
  ISIS_L1_PSNP,
  ISIS_L2_CSNP,
  ISIS_L2_LAN_IIH,
  ISIS_L2_LSP,
  ISIS_L2_PSNP,
  ISIS_PTP_IIH,
  LINUX_SLL_OUTGOING,
  LINUX_SLL_P_802_2,
  LINUX_SLL_P_802_3,
  LLC_I_MASK,
  LLC_S_CMD_MASK,
  LLC_S_FMT,
  LLC_SAP_GLOBAL,
  LLC_SAP_IP,
  LLC_SAP_IPX,
  LLC_SAP_ISONS,
  LLC_SAP_NETBEUI,
  LLC_SAP_SNAP,
  LLC_SAP_STP,
  LLC_U_CMD_MASK,
  LLC_UI,
  NLPID_CLNP,
  NLPID_ESIS,
  NLPID_ISIS,
  OUI_APPLETALK,
  OUI_ENCAP_ETHER,
  PPP_APPLE,
  PPP_BRPDU,
  PPP_DECNET,
  PPP_IP,
  PPP_IPV6,
  PPP_IPX,
  PPP_MPLS_UCAST,
  PPP_NS,
  PPP_OSI,
  VXLAN_PORT,
} from "../decode/numbers.ts";
import { TCP_DPORT_AT, TCP_SPORT_AT } from "../decode/tcp.ts";
import { UDP_HLEN } from "../decode/udp.ts";
import { VLAN_HLEN, VLAN_VID_MASK } from "../decode/vlan.ts";
import { PACKET_OUTGOING } from "../packet/direction.ts";
import {
  LINKTYPE_ETHERNET,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_LOOP,
  LINKTYPE_NULL,
  LINKTYPE_RAW,
  linkTypeInfo,
} from "../packet/linktype.ts";
import { NULL_FAMILY_AT, NULL_HDR_LEN } from "../decode/null.ts";
import {
  SLL2_HDR_LEN,
  SLL2_IFINDEX_AT,
  SLL2_PKTTYPE_AT,
  SLL2_PROTOCOL_AT,
  SLL_HDR_LEN,
  SLL_PKTTYPE_AT,
  SLL_PROTOCOL_AT,
} from "../decode/sll.ts";
import { type Block, condBlock, gotoBlock, retBlock } from "./optimize.ts";
import type { Arith, ArithOp, Dir, FilterNode, IdValue, Proto, Qualifiers } from "./parser.ts";

/** First octet of an IPv4 multicast (class D) address, and up. */
const IN_CLASSD_FIRST = 224;
/** First octet of an IPv6 multicast address. */
const IN6_MULTICAST_FIRST = 0xff;
/** The low bit of the first octet of a MAC address: group (multicast or broadcast). */
const ETH_GROUP_BIT = 1;
/** The MAC broadcast address. */
const ETH_BROADCAST = new Uint8Array(6).fill(0xff);

/** Scratch word holding the run-time shift of the first VLAN level. */
const SHIFT_SLOT = 0;

/**
 * IPv6 extension headers (and AH) `ip6 protochain` follows, at most. libpcap loops until the
 * chain or the frame ends; the kernel takes no backward jumps, so rawcap unrolls the loop this
 * often and rejects longer chains: 100 headers (libpcap's own test capture of a long chain has
 * 100), about 1,900 instructions, so that two protochains still fit the kernel's 4,096.
 */
export const PROTOCHAIN_DEPTH_IPV6 = 100;
/**
 * AH headers `ip protochain` follows, at most. libpcap's IPv4 walk finds the header after the
 * first AH only by accident (it sets the offset to the AH's length rather than adding it), so
 * a few levels already match what it matches on real traffic.
 */
export const PROTOCHAIN_DEPTH_IPV4 = 8;

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

function seq(stmts: BpfInsn[], then: Pred = TRUE): Pred {
  return { t: "seq", stmts, then };
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
  /** The frames' link type, a LINKTYPE_* number; default Ethernet. */
  linkType?: number;
  /**
   * LINKTYPE_NULL's address family is in the byte order of the host that wrote it: little-endian
   * (true) or not; default this machine's, as libpcap compiles it live.
   */
  nullLittleEndian?: boolean;
}

const ld = (size: number, k: number) => stmt(BPF_LD | size | BPF_ABS, k);
const ldInd = (size: number, k: number) => stmt(BPF_LD | size | BPF_IND, k);
const alu = (op: number, k: number) => stmt(BPF_ALU | op | BPF_K, k);
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
/** Protocols with a transport header after IPv4 (libpcap's transport-layer `proto[...]`). */
const TRANSPORT: Partial<Record<Proto, number>> = {
  tcp: IPPROTO_TCP,
  udp: IPPROTO_UDP,
  sctp: IPPROTO_SCTP,
  icmp: IPPROTO_ICMP,
  igmp: IPPROTO_IGMP,
  igrp: IPPROTO_IGRP,
  pim: IPPROTO_PIM,
  vrrp: IPPROTO_VRRP,
  carp: IPPROTO_CARP,
};
/** Protocols whose `proto[...]` is relative to the network-layer header. */
const NETWORK: ReadonlySet<Proto> = new Set([
  "ip",
  "arp",
  "rarp",
  "atalk",
  "decnet",
  "sca",
  "lat",
  "moprc",
  "mopdl",
  "ip6",
]);
/** The EtherType (or SAP) each link-layer protocol name stands for. */
const LINK_PROTOS: Partial<Record<Proto, number>> = {
  ip: ETH_P_IP,
  arp: ETH_P_ARP,
  rarp: ETH_P_RARP,
  atalk: ETH_P_ATALK,
  aarp: ETH_P_AARP,
  decnet: ETH_P_DNA_RT,
  sca: ETH_P_CUST,
  lat: ETH_P_LAT,
  mopdl: ETH_P_DNA_DL,
  moprc: ETH_P_DNA_RC,
  ip6: ETH_P_IPV6,
  iso: LLC_SAP_ISONS,
  stp: LLC_SAP_STP,
  ipx: LLC_SAP_IPX,
  netbeui: LLC_SAP_NETBEUI,
};
/** EtherTypes (and SAPs) to the PPP protocol numbers inside PPPoE (libpcap's mapping). */
const PPP_TYPES: Readonly<Record<number, number>> = {
  [ETH_P_IP]: PPP_IP,
  [ETH_P_IPV6]: PPP_IPV6,
  [ETH_P_DNA_RT]: PPP_DECNET,
  [ETH_P_ATALK]: PPP_APPLE,
  [ETH_P_NS]: PPP_NS,
  [LLC_SAP_ISONS]: PPP_OSI,
  [LLC_SAP_STP]: PPP_BRPDU,
  [LLC_SAP_IPX]: PPP_IPX,
};
/** The IS-IS PDU types of each IS-IS shorthand, in libpcap's order of tests. */
const ISIS_TYPES: Partial<Record<Proto, number[]>> = {
  l1: [ISIS_L1_PSNP, ISIS_L1_CSNP, ISIS_L1_LSP, ISIS_L1_LAN_IIH, ISIS_PTP_IIH],
  l2: [ISIS_L2_PSNP, ISIS_L2_CSNP, ISIS_L2_LSP, ISIS_L2_LAN_IIH, ISIS_PTP_IIH],
  iih: [ISIS_PTP_IIH, ISIS_L1_LAN_IIH, ISIS_L2_LAN_IIH],
  lsp: [ISIS_L1_LSP, ISIS_L2_LSP],
  snp: [ISIS_L2_PSNP, ISIS_L1_PSNP, ISIS_L1_CSNP, ISIS_L2_CSNP],
  csnp: [ISIS_L1_CSNP, ISIS_L2_CSNP],
  psnp: [ISIS_L1_PSNP, ISIS_L2_PSNP],
};
/** Protocols that are an IP protocol number (over IPv4 only, or both). */
const IP_ONLY: Partial<Record<Proto, number>> = {
  icmp: IPPROTO_ICMP,
  igmp: IPPROTO_IGMP,
  igrp: IPPROTO_IGRP,
  vrrp: IPPROTO_VRRP,
  carp: IPPROTO_CARP,
};
const IP_ANY: Partial<Record<Proto, number>> = {
  sctp: IPPROTO_SCTP,
  tcp: IPPROTO_TCP,
  udp: IPPROTO_UDP,
  pim: IPPROTO_PIM,
  ah: IPPROTO_AH,
  esp: IPPROTO_ESP,
};
/** libpcap's messages for host/net with a protocol that has no addresses rawcap can test. */
const NO_HOSTS: Partial<Record<Proto, string>> = {
  atalk: "AppleTalk host filtering not implemented",
  lat: "LAT host filtering not implemented",
  sca: "SCA host filtering not implemented",
  moprc: "MOPRC host filtering not implemented",
  mopdl: "MOPDL host filtering not implemented",
  aarp: "AARP host filtering not implemented",
  iso: "ISO host filtering not implemented",
  ipx: "IPX host filtering not implemented",
};
/** libpcap's messages for `X proto N` where X encapsulates nothing. */
const NO_PROTO: Partial<Record<Proto, string>> = {
  arp: "arp does not encapsulate another protocol",
  rarp: "rarp does not encapsulate another protocol",
  atalk: "AppleTalk encapsulation is not specifiable",
  decnet: "DECNET encapsulation is not specifiable",
  lat: "LAT does not encapsulate another protocol",
  sca: "SCA does not encapsulate another protocol",
  moprc: "MOPRC does not encapsulate another protocol",
  mopdl: "MOPDL does not encapsulate another protocol",
  clnp: "'clnp proto' is not supported",
};

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

/** Ids that can share their loads when `or`-ed: ports, and IPv4 hosts and nets. */
function idFamily(n: IdNode): string | undefined {
  const type = n.qual.type ?? "host";
  const v = n.value;
  if ((type === "port" || type === "portrange") && (v.kind === "num" || v.kind === "range")) {
    return v.ipProto === undefined ? "port" : undefined;
  }
  const p = n.qual.proto;
  if (p !== undefined && p !== "ip" && p !== "arp" && p !== "rarp") return undefined;
  if ((type === "host" || type === "net") && (v.kind === "ipv4" || v.kind === "ipv4net")) {
    return "ipv4";
  }
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

/** An offset in the frame: a constant, or a scratch word plus a constant (libpcap's bpf_abs_offset). */
interface Off {
  reg?: number;
  k: number;
}

/**
 * The link layer the offsets describe: a frame's own link type, PPP inside PPPoE, or Ethernet
 * inside a tunnel.
 */
type Dlt = "ether" | "ppp" | "sll" | "sll2" | "raw" | "null" | "loop";

/** Where a link type's header puts things (libpcap's init_linktype). */
interface LinkLayout {
  dlt: Dlt;
  /** libpcap's description of the link type, as its messages name it. */
  description: string;
  /** Offset of the type field; none for raw IP (libpcap's OFFSET_NOT_SET). */
  linktype?: number;
  /** Start of the link-layer payload (the link-layer header's length). */
  linkpl: number;
  /** Offset of the network layer in an 802.2 payload (no LLC but on Ethernet: 0). */
  nlNoSnap: number;
}

/** A link type's layout, its description from packet/linktype.ts. */
function layoutOf(
  value: number,
  dlt: Dlt,
  linktype: number | undefined,
  linkpl: number,
  nlNoSnap = 0,
): [number, LinkLayout] {
  return [value, {
    dlt,
    description: linkTypeInfo(value)!.description,
    linktype,
    linkpl,
    nlNoSnap,
  }];
}

/** The link types filters compile for. */
const LINK_LAYOUTS: ReadonlyMap<number, LinkLayout> = new Map([
  layoutOf(LINKTYPE_ETHERNET, "ether", ETH_TYPE_AT, ETH_HLEN, LLC_HLEN_U),
  layoutOf(LINKTYPE_LINUX_SLL, "sll", SLL_PROTOCOL_AT, SLL_HDR_LEN),
  layoutOf(LINKTYPE_LINUX_SLL2, "sll2", SLL2_PROTOCOL_AT, SLL2_HDR_LEN),
  layoutOf(LINKTYPE_RAW, "raw", undefined, 0),
  layoutOf(LINKTYPE_NULL, "null", NULL_FAMILY_AT, NULL_HDR_LEN),
  layoutOf(LINKTYPE_LOOP, "loop", NULL_FAMILY_AT, NULL_HDR_LEN),
]);

/** Whether filters compile for link type `linkType` (a LINKTYPE_* number). */
export function filterSupportsLinkType(linkType: number): boolean {
  return LINK_LAYOUTS.has(linkType);
}

/** libpcap's description of PPP, for the messages after `pppoes`. */
const PPP_DESCRIPTION = "PPP";

/** This machine's byte order (what libpcap compiles LINKTYPE_NULL families in, live). */
const HOST_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** The four octets of a 32-bit value in the other byte order. */
function swap32(v: number): number {
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
}

class Generator {
  /** The link layer the offsets describe. */
  private dlt: Dlt;
  /** The layout of the frames' own link-layer header. */
  private readonly layout: LinkLayout;
  /** Start of the link-layer header. */
  private linkhdr: Off = { k: 0 };
  /** The link-layer type field (EtherType, 802.3 length, PPP protocol, cooked protocol, family). */
  private linktype: Off;
  /** Start of the link-layer payload. */
  private linkpl: Off;
  /** Offset of the network layer in the payload (MPLS labels come first). */
  private nl = 0;
  /** Offset of the network layer in an 802.2 (non-SNAP) payload. */
  private nlNoSnap: number;
  /** MPLS labels passed. */
  private mplsDepth = 0;
  /** VLAN tags passed. */
  private vlanDepth = 0;
  /** Inside a Geneve or VXLAN tunnel: Ethernet tests first check an inner MAC header is there. */
  private encap = false;
  /** The link-layer header is not the frame's own (after pppoes, geneve, vxlan). */
  private pushed = false;
  /** Offsets computed at run time by a tunnel (protochain refuses them, as libpcap does). */
  private tunnelOffsets = false;
  private nextTemp = SHIFT_SLOT + 1;
  /** Scratch words holding tunnel offsets, allocated from the top. */
  private nextReg = BPF_MEMWORDS - 1;
  /** Tunnel offset words: zeroed first, so paths where the tunnel test failed read 0. */
  readonly regs: number[] = [];
  usesShift = false;
  /**
   * libpcap compiles `protochain` and `geneve` without its optimizer (a loop, a bare jump), so
   * their programs load exactly what the formula says; so does rawcap, to reject the same
   * short frames.
   */
  optimizable = true;

  /**
   * `expr` is only for messages; `linkType` is a LINKTYPE_* number; `nullLittleEndian`, the byte
   * order LINKTYPE_NULL families are written in.
   */
  constructor(
    private readonly expr: string,
    linkType = LINKTYPE_ETHERNET,
    private readonly nullLittleEndian = HOST_LITTLE_ENDIAN,
  ) {
    const layout = LINK_LAYOUTS.get(linkType);
    if (layout === undefined) this.error(`unknown data link type ${linkType}`);
    this.layout = layout;
    this.dlt = layout.dlt;
    this.linktype = { k: layout.linktype ?? 0 };
    this.linkpl = { k: layout.linkpl };
    this.nlNoSnap = layout.nlNoSnap;
  }

  /** How libpcap's messages name the link layer in force. */
  private description(): string {
    if (this.dlt === "ppp") return PPP_DESCRIPTION;
    if (this.dlt === "ether") return linkTypeInfo(LINKTYPE_ETHERNET)!.description;
    return this.layout.description;
  }

  private error(reason: string, pos = 0): never {
    throw new FilterError(reason, pos, this.expr);
  }

  private allocTemp(): number {
    if (this.nextTemp > this.nextReg) this.error("expression too complex (out of scratch memory)");
    return this.nextTemp++;
  }

  private freeTemp(): void {
    this.nextTemp--;
  }

  private allocReg(): number {
    if (this.nextReg < this.nextTemp) this.error("expression too complex (out of scratch memory)");
    const r = this.nextReg--;
    this.regs.push(r);
    return r;
  }

  // ---- loads relative to the offsets in force ------------------------------------------------

  /** Load `size` bytes at `off` past `base`. */
  private at(base: Off, off: number, size: number): BpfInsn[] {
    if (base.reg === undefined) return [ld(size, base.k + off)];
    return [stmt(BPF_LDX | BPF_MEM, base.reg), ldInd(size, base.k + off)];
  }

  /** OR_LINKHDR: from the start of the link-layer header. */
  private linkHdr(size: number, off: number): BpfInsn[] {
    return this.at(this.linkhdr, off, size);
  }

  /** OR_LINKTYPE: the type field (2 octets), or `off` past it. */
  private linkType(size = BPF_H, off = 0): BpfInsn[] {
    return this.at(this.linktype, off, size);
  }

  /** OR_LLC: from the start of the link-layer payload. */
  private llc(size: number, off: number): BpfInsn[] {
    return this.at(this.linkpl, off, size);
  }

  /** OR_LINKPL: from the start of the network layer. */
  private pl(size: number, off: number): BpfInsn[] {
    return this.at(this.linkpl, this.nl + off, size);
  }

  /** OR_LINKPL_NOSNAP: from the start of the network layer of an 802.2 payload. */
  private plNoSnap(size: number, off: number): BpfInsn[] {
    return this.at(this.linkpl, this.nlNoSnap + off, size);
  }

  /** Put the IPv4 header length (plus the variable part of the payload's offset) in X. */
  private ipHdrLenToX(): BpfInsn[] {
    const at = this.linkpl.k + this.nl;
    if (this.linkpl.reg === undefined) return [stmt(BPF_LDX | BPF_B | BPF_MSH, at)];
    return [
      stmt(BPF_LDX | BPF_MEM, this.linkpl.reg),
      ldInd(BPF_B, at),
      alu(BPF_AND, IPV4_IHL_MASK),
      alu(BPF_LSH, 2), // 32-bit words to octets
      stmt(BPF_ALU | BPF_ADD | BPF_X),
      stmt(BPF_MISC | BPF_TAX),
    ];
  }

  /** OR_TRAN_IPV4: `off` into the IPv4 payload. */
  private tranV4(size: number, off: number): BpfInsn[] {
    return [...this.ipHdrLenToX(), ldInd(size, this.linkpl.k + this.nl + off)];
  }

  /** OR_TRAN_IPV6: `off` past the fixed IPv6 header. */
  private tranV6(size: number, off: number): BpfInsn[] {
    return this.pl(size, IPV6_HLEN + off);
  }

  private maskedEq(load: BpfInsn[], value: number, mask: number): Pred {
    if (mask === 0) return TRUE;
    if (mask === 0xffffffff) return test(load, BPF_JEQ, value);
    return test([...load, alu(BPF_AND, mask)], BPF_JEQ, (value & mask) >>> 0);
  }

  /** libpcap's gen_bcmp: `bytes` at `off` in `load`'s frame of reference, last word first. */
  private bytesEq(load: (size: number, off: number) => BpfInsn[], off: number, b: Uint8Array) {
    const tests: Pred[] = [];
    let size = b.length;
    while (size >= 4) {
      const w = ((b[size - 4] << 24) | (b[size - 3] << 16) | (b[size - 2] << 8) | b[size - 1]) >>>
        0;
      tests.push(test(load(BPF_W, off + size - 4), BPF_JEQ, w));
      size -= 4;
    }
    while (size >= 2) {
      tests.push(test(load(BPF_H, off + size - 2), BPF_JEQ, (b[size - 2] << 8) | b[size - 1]));
      size -= 2;
    }
    if (size > 0) tests.push(test(load(BPF_B, off), BPF_JEQ, b[0]));
    return and(...tests);
  }

  // ---- link-layer types -----------------------------------------------------------------------

  /** gen_linktype: the link layer carries `type` (an EtherType, or an LLC SAP up to 1500). */
  linktypeIs(type: number): Pred {
    if (this.mplsDepth > 0) {
      // Only IP can follow an MPLS label stack: the bottom of stack, then the IP version.
      let version: number;
      if (type === ETH_P_IP) version = 4;
      else if (type === ETH_P_IPV6) version = 6;
      else this.error("unsupported protocol over mpls");
      return and(
        this.maskedEq(this.pl(BPF_B, MPLS_BOS_AT - MPLS_HLEN), MPLS_BOS, MPLS_BOS),
        this.maskedEq(this.pl(BPF_B, 0), version << IP_VERSION_SHIFT, IP_VERSION_MASK),
      );
    }
    switch (this.dlt) {
      case "ppp":
        return test(this.linkType(), BPF_JEQ, PPP_TYPES[type] ?? type);
      case "sll":
        return this.sllLinktype(type);
      case "sll2":
        // libpcap 1.10 compares the protocol field, SAPs too (no LINUX_SLL_P_802_2 case).
        return test(this.linkType(), BPF_JEQ, type);
      case "raw":
        // No type field: the IP version, and nothing else is there.
        if (type === ETH_P_IP) return this.ipVersionIs(4);
        if (type === ETH_P_IPV6) return this.ipVersionIs(6);
        return FALSE;
      case "null":
      case "loop":
        // An address family; IPv6 has three, as BSDs number it (a file may come from any).
        if (type === ETH_P_IP) return this.familyIs(BSD_AFNUM_INET);
        if (type === ETH_P_IPV6) {
          return or(
            this.familyIs(BSD_AFNUM_INET6_DARWIN),
            this.familyIs(BSD_AFNUM_INET6_BSD),
            this.familyIs(BSD_AFNUM_INET6_FREEBSD),
          );
        }
        return FALSE;
    }
    const is8023 = () => not(test(this.linkType(), BPF_JGT, ETH_DATA_LEN));
    switch (type) {
      case LLC_SAP_ISONS:
      case LLC_SAP_IP:
      case LLC_SAP_NETBEUI:
        // OSI and NetBEUI always use 802.2: DSAP and SSAP both.
        return and(is8023(), test(this.llc(BPF_H, LLC_DSAP_AT), BPF_JEQ, (type << 8) | type));
      case LLC_SAP_IPX:
        // Ethernet II, then 802.3 with SNAP, the IPX SAP, or Novell's raw 0xffff.
        return or(
          test(this.linkType(), BPF_JEQ, ETH_P_IPX),
          and(
            is8023(),
            or(
              this.snap(OUI_ENCAP_ETHER, ETH_P_IPX),
              test(this.llc(BPF_B, LLC_DSAP_AT), BPF_JEQ, LLC_SAP_IPX),
              test(this.llc(BPF_H, LLC_DSAP_AT), BPF_JEQ, (LLC_SAP_GLOBAL << 8) | LLC_SAP_GLOBAL),
            ),
          ),
        );
      case ETH_P_ATALK:
      case ETH_P_AARP:
        // EtherTalk phase 1 (Ethernet II) or phase 2 (802.3 with SNAP).
        return or(
          test(this.linkType(), BPF_JEQ, type),
          and(
            is8023(),
            this.snap(type === ETH_P_ATALK ? OUI_APPLETALK : OUI_ENCAP_ETHER, type),
          ),
        );
    }
    if (type <= ETH_DATA_LEN) {
      // Any other SAP: an 802.3 frame with that DSAP.
      const dsap = ETH_HLEN - ETH_TYPE_AT + LLC_DSAP_AT;
      return and(is8023(), test(this.linkType(BPF_B, dsap), BPF_JEQ, type));
    }
    return test(this.linkType(), BPF_JEQ, type);
  }

  /**
   * gen_linux_sll_linktype: the cooked header's protocol field is an EtherType, or
   * LINUX_SLL_P_802_2 for frames whose 802.2 header follows (SAPs are tested there), or
   * LINUX_SLL_P_802_3 for Novell's raw IPX.
   */
  private sllLinktype(type: number): Pred {
    const proto = (p: number) => test(this.linkType(), BPF_JEQ, p);
    switch (type) {
      case LLC_SAP_ISONS:
      case LLC_SAP_IP:
      case LLC_SAP_NETBEUI:
        return and(
          proto(LINUX_SLL_P_802_2),
          test(this.llc(BPF_H, LLC_DSAP_AT), BPF_JEQ, (type << 8) | type),
        );
      case LLC_SAP_IPX:
        return or(
          proto(ETH_P_IPX),
          proto(LINUX_SLL_P_802_3),
          and(
            proto(LINUX_SLL_P_802_2),
            or(
              test(this.llc(BPF_B, LLC_DSAP_AT), BPF_JEQ, LLC_SAP_IPX),
              this.snap(OUI_ENCAP_ETHER, ETH_P_IPX),
            ),
          ),
        );
      case ETH_P_ATALK:
      case ETH_P_AARP:
        return or(
          proto(type),
          and(
            proto(LINUX_SLL_P_802_2),
            this.snap(type === ETH_P_ATALK ? OUI_APPLETALK : OUI_ENCAP_ETHER, type),
          ),
        );
    }
    if (type <= ETH_DATA_LEN) {
      // Any other SAP: the DSAP of the 802.2 header.
      return and(
        proto(LINUX_SLL_P_802_2),
        test(this.linkHdr(BPF_B, this.layout.linkpl + LLC_DSAP_AT), BPF_JEQ, type),
      );
    }
    return proto(type);
  }

  /** Raw IP: the version nibble of the first octet. */
  private ipVersionIs(version: number): Pred {
    return this.maskedEq(this.linkHdr(BPF_B, 0), version << IP_VERSION_SHIFT, IP_VERSION_MASK);
  }

  /**
   * gen_loopback_linktype: the BSD loopback header's address family, a 32-bit word in network
   * byte order for LINKTYPE_LOOP, in the writer's for LINKTYPE_NULL.
   */
  private familyIs(af: number): Pred {
    const v = this.dlt === "null" && this.nullLittleEndian ? swap32(af) : af;
    return test(this.linkHdr(BPF_W, NULL_FAMILY_AT), BPF_JEQ, v);
  }

  /** An LLC/SNAP header (UI frame) with `oui` and `type`. */
  private snap(oui: number, type: number): Pred {
    const b = Uint8Array.of(
      LLC_SAP_SNAP,
      LLC_SAP_SNAP,
      LLC_UI,
      oui >> 16,
      (oui >> 8) & 0xff,
      oui & 0xff,
      type >> 8,
      type & 0xff,
    );
    return this.bytesEq((size, off) => this.llc(size, off), LLC_DSAP_AT, b);
  }

  /** In a tunnel, Ethernet tests first check there is an inner MAC header (gen_prevlinkhdr_check). */
  private innerMacCheck(): Pred {
    if (!this.encap) return TRUE;
    const lh = this.linkhdr.reg!, pl = this.linkpl.reg!;
    return not(
      test([stmt(BPF_LD | BPF_MEM, lh), stmt(BPF_LDX | BPF_MEM, pl)], BPF_JEQ, 0, BPF_X),
    );
  }

  /** The link layer must be Ethernet for MAC-address tests. */
  private needEthernet(what: string): void {
    if (this.dlt !== "ether") this.error(what);
  }

  // ---- IP ----------------------------------------------------------------------------------------

  /** gen_proto for IPv4: the IP protocol field. */
  ipProto(proto: number): Pred {
    return and(this.linktypeIs(ETH_P_IP), test(this.pl(BPF_B, IPV4_PROTO_AT), BPF_JEQ, proto));
  }

  /** gen_proto for IPv6: the next header, also looking behind one fragment header. */
  ip6Proto(proto: number): Pred {
    const nxt = this.pl(BPF_B, IPV6_NEXT_AT);
    return and(
      this.linktypeIs(ETH_P_IPV6),
      or(
        test(nxt, BPF_JEQ, proto),
        and(
          test(nxt, BPF_JEQ, IPPROTO_FRAGMENT),
          test(this.pl(BPF_B, IPV6_HLEN), BPF_JEQ, proto),
        ),
      ),
    );
  }

  private notFragment(): Pred {
    return not(test(this.pl(BPF_H, IPV4_OFF_AT), BPF_JSET, IP_OFFMASK));
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

  /** gen_host for IPv4 addresses and networks. */
  private ipv4Addr(
    proto: Proto | undefined,
    dir: Dir | undefined,
    nets: [number, number][],
    typeName: string,
    pos: number,
  ): Pred {
    const at = (off: number) => () =>
      or(...nets.map(([addr, mask]) => this.maskedEq(this.pl(BPF_W, off), addr, mask)));
    const hostop = (type: number, src: number, dst: number) =>
      and(this.linktypeIs(type), this.byDir(dir, at(src), at(dst)));
    const ip = () => hostop(ETH_P_IP, IPV4_SRC_AT, IPV4_DST_AT);
    const arp = (type: number) => hostop(type, ARP_SPA_AT, ARP_TPA_AT);
    switch (proto) {
      case undefined:
        // Behind MPLS only IP has addresses.
        if (this.mplsDepth > 0) return ip();
        return or(ip(), arp(ETH_P_ARP), arp(ETH_P_RARP));
      case "ip":
        return ip();
      case "arp":
        return arp(ETH_P_ARP);
      case "rarp":
        return arp(ETH_P_RARP);
      case "ether":
        this.error(`link-layer modifier applied to ${typeName}`, pos);
        break;
      case "ip6":
        this.error("'ip6' modifier applied to ip host", pos);
    }
    this.error(NO_HOSTS[proto] ?? `'${proto}' modifier applied to ${typeName}`, pos);
  }

  private ipv6Addr(
    proto: Proto | undefined,
    dir: Dir | undefined,
    addr: Uint8Array,
    bits: number,
    pos: number,
  ): Pred {
    if (proto !== undefined && proto !== "ip6") {
      const what = proto === "ether" ? "link-layer" : `'${proto}'`;
      this.error(`${what} modifier applied to ip6 host`, pos);
    }
    const view = new DataView(addr.buffer, addr.byteOffset, 16);
    for (let w = 0; w < 4; w++) {
      const covered = Math.max(0, Math.min(32, bits - 32 * w));
      const mask = covered === 32 ? 0xffffffff : (~(0xffffffff >>> covered)) >>> 0;
      if ((view.getUint32(4 * w) & ~mask) >>> 0 !== 0) {
        this.error("non-network bits set in IPv6 address", pos);
      }
    }
    const at = (off: number) => () => {
      const words: Pred[] = [];
      for (let w = 0; w < 4; w++) {
        const covered = Math.max(0, Math.min(32, bits - 32 * w));
        if (covered === 0) continue;
        const mask = covered === 32 ? 0xffffffff : (~(0xffffffff >>> covered)) >>> 0;
        words.push(this.maskedEq(this.pl(BPF_W, off + 4 * w), view.getUint32(4 * w), mask));
      }
      return and(...words);
    };
    return and(this.linktypeIs(ETH_P_IPV6), this.byDir(dir, at(IPV6_SRC_AT), at(IPV6_DST_AT)));
  }

  /** gen_ehostop: a MAC address in the link-layer header. */
  private ehostop(dir: Dir | undefined, mac: Uint8Array): Pred {
    const at = (off: number) => () => this.bytesEq((size, o) => this.linkHdr(size, o), off, mac);
    return this.byDir(dir, at(ETH_SRC_AT), at(ETH_DST_AT));
  }

  /** gen_ecode: `ether host MAC` (in a tunnel, behind an inner MAC header). */
  private etherAddr(dir: Dir | undefined, mac: Uint8Array): Pred {
    this.needEthernet(
      "ethernet addresses supported only on ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel",
    );
    return and(this.innerMacCheck(), this.ehostop(dir, mac));
  }

  /** gen_dnhostop: a DECnet node address (little-endian on the wire) in the routing header. */
  private decnetAddr(dir: Dir | undefined, addr: number): Pred {
    const swapped = ((addr & 0xff) << 8) | ((addr >> 8) & 0xff);
    const one = (shortAt: number, longAt: number) => {
      const flags = DN_MSG_AT;
      const variant = (type: number, padded: boolean, addrAt: number) => {
        const kind = padded
          ? this.maskedEq(this.pl(BPF_H, flags), (DN_PAD1 << 8) | type, 0xff00 | DN_TYPE_MASK)
          : this.maskedEq(this.pl(BPF_B, flags), type, DN_TYPE_MASK);
        const at = flags + (padded ? 1 : 0) + addrAt;
        return and(kind, test(this.pl(BPF_H, at), BPF_JEQ, swapped));
      };
      return and(
        this.linktypeIs(ETH_P_DNA_RT),
        or(
          variant(DN_SHORT, false, shortAt),
          variant(DN_SHORT, true, shortAt),
          variant(DN_LONG, false, longAt),
          variant(DN_LONG, true, longAt),
        ),
      );
    };
    return this.byDir(
      dir,
      () => one(DN_SHORT_SRC_AT, DN_LONG_SRC_AT),
      () => one(DN_SHORT_DST_AT, DN_LONG_DST_AT),
    );
  }

  /** gen_port / gen_portrange: over IPv6 first, then IPv4 (first fragments only). */
  private ports(
    protos: number[],
    dir: Dir | undefined,
    cmp: (load: BpfInsn[]) => Pred,
  ): Pred {
    const six = and(
      this.linktypeIs(ETH_P_IPV6),
      or(...protos.map((p) => test(this.pl(BPF_B, IPV6_NEXT_AT), BPF_JEQ, p))),
      this.byDir(
        dir,
        () => cmp(this.tranV6(BPF_H, TCP_SPORT_AT)),
        () => cmp(this.tranV6(BPF_H, TCP_DPORT_AT)),
      ),
    );
    const four = and(
      this.linktypeIs(ETH_P_IP),
      or(...protos.map((p) => test(this.pl(BPF_B, IPV4_PROTO_AT), BPF_JEQ, p))),
      this.notFragment(),
      this.byDir(
        dir,
        () => cmp(this.tranV4(BPF_H, TCP_SPORT_AT)),
        () => cmp(this.tranV4(BPF_H, TCP_DPORT_AT)),
      ),
    );
    return or(six, four);
  }

  /** Primitives sharing qualifiers and joined by `or` (`port 80 or 443`), tested together. */
  private id(qual: Qualifiers, values: IdValue[], pos: number): Pred {
    const { proto, dir } = qual;
    const type = qual.type ?? "host";
    const value = values[0];
    if (type === "port" || type === "portrange") {
      let protos: number[];
      switch (proto) {
        case undefined: {
          // A service name limits the port to the protocol its table entry has.
          const only = value.kind === "num" || value.kind === "range" ? value.ipProto : undefined;
          protos = only === undefined
            ? [IPPROTO_SCTP, IPPROTO_TCP, IPPROTO_UDP]
            : [only === "tcp" ? IPPROTO_TCP : IPPROTO_UDP];
          break;
        }
        case "tcp":
        case "udp":
        case "sctp":
          protos = [IP_ANY[proto]!];
          break;
        default:
          this.error(`illegal qualifier of '${type}'`, pos);
      }
      const cmps = (l: BpfInsn[]) =>
        or(...values.map((v) => {
          if (v.kind === "num") return test(l, BPF_JEQ, v.value);
          if (v.kind === "range") {
            return and(test(l, BPF_JGE, v.lo), not(test(l, BPF_JGT, v.hi)));
          }
          this.error(`'${type}' needs a port number`, pos);
        }));
      return this.ports(protos, dir, cmps);
    }
    if (type === "proto" || type === "protochain") {
      if (value.kind !== "num") this.error(`'${type}' needs a protocol number`, pos);
      if (dir !== undefined) this.error("direction applied to 'proto'", pos);
      return type === "proto"
        ? this.protoNum(proto, value.value, pos)
        : this.protochain(proto, value.value, pos);
    }
    if (type === "gateway") this.error("'gateway' requires a name", pos);
    if (values.length > 1 && value.kind !== "ipv4" && value.kind !== "ipv4net") {
      return or(...values.map((v) => this.id(qual, [v], pos)));
    }
    switch (value.kind) {
      case "ipv4":
      case "ipv4net": {
        if (proto === "decnet") {
          return this.decnetAddr(dir, value.addr & 0xffff);
        }
        if (proto === "ether" && value.kind === "ipv4") {
          this.error("illegal link layer address", pos);
        }
        const nets = values.map((v): [number, number] => {
          if (v.kind === "ipv4net") return [v.addr, v.mask];
          if (v.kind !== "ipv4") throw new TypeError("mixed address families");
          return [v.addr, v.bits >= 32 ? 0xffffffff : (~(0xffffffff >>> v.bits)) >>> 0];
        });
        return this.ipv4Addr(proto, dir, nets, type === "net" ? "net" : "host", pos);
      }
      case "decnet":
        return this.decnetAddr(dir, value.addr);
      case "ipv6":
        if (type === "host" && value.bits !== 128) this.error("Mask syntax for networks only", pos);
        return this.ipv6Addr(proto, dir, value.addr, value.bits, pos);
      case "mac":
        return this.etherAddr(dir, value.addr);
    }
    this.error(`'${type}' needs an address`, pos);
  }

  // ---- protocols -------------------------------------------------------------------------------

  /** gen_proto_abbrev: a protocol standing alone. */
  private bareProto(proto: Proto, pos: number): Pred {
    if (proto in IP_ONLY) return this.ipProto(IP_ONLY[proto]!);
    if (proto in IP_ANY) return or(this.ipProto(IP_ANY[proto]!), this.ip6Proto(IP_ANY[proto]!));
    if (proto in ISIS_TYPES) {
      return or(...ISIS_TYPES[proto]!.map((t) => this.protoNum("isis", t, pos)));
    }
    switch (proto) {
      case "icmp6":
        return this.ip6Proto(IPPROTO_ICMPV6);
      case "esis":
        return this.protoNum("iso", NLPID_ESIS, pos);
      case "isis":
        return this.protoNum("iso", NLPID_ISIS, pos);
      case "clnp":
        return this.protoNum("iso", NLPID_CLNP, pos);
      case "ether":
        this.error("link layer applied in wrong context", pos);
        break;
      case "radio":
        this.error("'radio' is not a valid protocol type", pos);
    }
    return this.linktypeIs(LINK_PROTOS[proto]!);
  }

  /** gen_proto: `proto N`, `ip proto N`, `ether proto N`, `iso proto N`, `isis proto N`. */
  private protoNum(proto: Proto | undefined, value: number, pos: number): Pred {
    switch (proto) {
      case undefined:
        return or(this.ipProto(value), this.ip6Proto(value));
      case "ether":
        return this.linktypeIs(value);
      case "ip":
        return this.ipProto(value);
      case "ip6":
        return this.ip6Proto(value);
      case "iso":
        return and(this.linktypeIs(LLC_SAP_ISONS), test(this.plNoSnap(BPF_B, 0), BPF_JEQ, value));
      case "isis":
        return and(
          this.protoNum("iso", NLPID_ISIS, pos),
          test(this.plNoSnap(BPF_B, ISIS_PDU_TYPE_AT), BPF_JEQ, value),
        );
    }
    this.error(NO_PROTO[proto] ?? `'${proto} proto' is bogus`, pos);
  }

  /**
   * gen_protochain: the IP protocol, or one behind IPv6 extension headers and AH. libpcap runs a
   * loop with backward jumps (which only its own interpreter takes: the kernel refuses the
   * program and libpcap filters in user space); the kernel takes no backward jumps, so this
   * unrolls the loop, {@link PROTOCHAIN_DEPTH_IPV6} and {@link PROTOCHAIN_DEPTH_IPV4} headers
   * deep, and rejects longer chains. Each step keeps libpcap's arithmetic, including its AH
   * step, which sets the offset to the AH length instead of adding it, so that the same frames
   * match.
   */
  private protochain(proto: Proto | undefined, v: number, pos: number): Pred {
    if (proto === undefined) {
      return or(this.protochain("ip", v, pos), this.protochain("ip6", v, pos));
    }
    if (proto !== "ip" && proto !== "ip6") {
      this.error("bad protocol applied for 'protochain'", pos);
    }
    if (this.tunnelOffsets) {
      this.error("'protochain' not supported with variable length headers", pos);
    }
    // Loads are P[X + base]; X holds the header's offset plus the payload's run-time offset.
    this.optimizable = false;
    const base = this.linkpl.k + this.nl;
    const varPart = this.linkpl.reg;
    const t = this.allocTemp();
    const addVar = varPart === undefined
      ? []
      : [stmt(BPF_LDX | BPF_MEM, varPart), stmt(BPF_ALU | BPF_ADD | BPF_X)];
    let start: BpfInsn[];
    if (proto === "ip") {
      // A = ip_p; X = the header length.
      start = varPart === undefined ? [ld(BPF_B, base + IPV4_PROTO_AT), ...this.ipHdrLenToX()] : [
        ...this.pl(BPF_B, IPV4_PROTO_AT),
        stmt(BPF_ST, t),
        ...this.ipHdrLenToX(),
        stmt(BPF_LD | BPF_MEM, t),
      ];
    } else {
      // A = ip6_nxt; X = 40.
      start = varPart === undefined
        ? [ld(BPF_B, base + IPV6_NEXT_AT), stmt(BPF_LDX | BPF_IMM, IPV6_HLEN)]
        : [
          ...this.pl(BPF_B, IPV6_NEXT_AT),
          stmt(BPF_ST, t),
          stmt(BPF_LD | BPF_IMM, IPV6_HLEN),
          ...addVar,
          stmt(BPF_MISC | BPF_TAX),
          stmt(BPF_LD | BPF_MEM, t),
        ];
    }
    const isA = (k: number) => test([], BPF_JEQ, k);
    // The new offset in A: an extension header's X + (length + 1) * 8; AH's (length + 2) * 4.
    const extLen = seq([
      ldInd(BPF_B, base + IP6E_LEN_AT),
      alu(BPF_ADD, 1),
      alu(BPF_MUL, IP6E_UNIT),
      stmt(BPF_ALU | BPF_ADD | BPF_X),
    ]);
    const ahLen = seq([
      ldInd(BPF_B, base + IP6E_LEN_AT),
      alu(BPF_ADD, AH_LEN_BIAS),
      alu(BPF_MUL, AH_LEN_UNIT),
      ...addVar,
    ]);
    // Then A = the header's next header field, X = the new offset.
    const advance = seq([
      stmt(BPF_ST, t),
      ldInd(BPF_B, base + IP6E_NEXT_AT),
      stmt(BPF_LDX | BPF_MEM, t),
    ]);
    const isExt = or(
      isA(IPPROTO_HOPOPTS),
      isA(IPPROTO_DSTOPTS),
      isA(IPPROTO_ROUTING),
      isA(IPPROTO_FRAGMENT),
    );
    const step = and(
      or(proto === "ip6" ? and(isExt, extLen) : FALSE, and(isA(IPPROTO_AH), ahLen)),
      advance,
    );
    // Built from the end: each level tests A, then steps past one header into the next level.
    // (IPPROTO_NONE ends the chain too: it is no extension header and no AH.)
    const depth = proto === "ip6" ? PROTOCHAIN_DEPTH_IPV6 : PROTOCHAIN_DEPTH_IPV4;
    let chain: Pred = isA(v);
    for (let i = 0; i < depth; i++) chain = or(isA(v), and(step, chain));
    this.freeTemp();
    return and(this.linktypeIs(proto === "ip" ? ETH_P_IP : ETH_P_IPV6), seq(start, chain));
  }

  // ---- link-layer specials -----------------------------------------------------------------

  private tpidIsVlan(): Pred {
    return or(
      this.linktypeIs(ETH_P_8021Q),
      this.linktypeIs(ETH_P_8021AD),
      this.linktypeIs(ETH_P_QINQ1),
    );
  }

  private vidIn(load: BpfInsn[], ids: number[]): Pred {
    const vid = [...load, alu(BPF_AND, VLAN_VID_MASK)];
    return or(...ids.map((id) => test(vid, BPF_JEQ, id)));
  }

  /** One `vlan` level: test it, then move what follows past it. */
  vlan(ids: number[] | undefined, pos = 0): Pred {
    if (this.mplsDepth > 0) this.error("no VLAN match after MPLS", pos);
    if (this.dlt !== "ether") this.error(`no VLAN support for ${this.description()}`, pos);
    let p: Pred;
    if (this.vlanDepth === 0 && !this.pushed) {
      // The outer tag: in ancillary data on live sockets, inline in files.
      this.usesShift = true;
      const present = test([ld(BPF_W, SKF_AD_OFF + SKF_AD_VLAN_TAG_PRESENT)], BPF_JEQ, 1);
      const auxId = ids ? this.vidIn([ld(BPF_W, SKF_AD_OFF + SKF_AD_VLAN_TAG)], ids) : TRUE;
      const inline = this.tpidIsVlan();
      const inlineId = ids ? this.vidIn(this.pl(BPF_H, 0), ids) : TRUE;
      p = or(and(present, auxId), and(not(present), inline, inlineId));
      this.linktype = { reg: SHIFT_SLOT, k: this.linktype.k };
      this.linkpl = { reg: SHIFT_SLOT, k: this.linkpl.k };
    } else {
      p = and(this.tpidIsVlan(), ids ? this.vidIn(this.pl(BPF_H, 0), ids) : TRUE);
      this.linktype = { ...this.linktype, k: this.linktype.k + VLAN_HLEN };
      this.linkpl = { ...this.linkpl, k: this.linkpl.k + VLAN_HLEN };
    }
    this.vlanDepth++;
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
    const inner = and(this.tpidIsVlan(), this.vidIn(this.pl(BPF_H, 0), ids));
    return and(outer, or(outerId, inner));
  }

  private mpls(label: number | undefined): Pred {
    let p: Pred;
    if (this.mplsDepth > 0) {
      // Not the bottom of the stack yet: the label before has its bit clear.
      p = this.maskedEq(this.pl(BPF_B, MPLS_BOS_AT - MPLS_HLEN), 0, MPLS_BOS);
    } else if (this.dlt === "ppp") {
      p = test(this.linkType(), BPF_JEQ, PPP_MPLS_UCAST);
    } else if (this.dlt === "ether") {
      p = this.linktypeIs(ETH_P_MPLS_UC);
    } else {
      this.error(`no MPLS support for ${this.description()}`);
    }
    if (label !== undefined) {
      p = and(p, this.maskedEq(this.pl(BPF_W, 0), label << MPLS_LABEL_SHIFT, MPLS_LABEL_MASK));
    }
    this.nl += MPLS_HLEN;
    this.nlNoSnap += MPLS_HLEN;
    this.mplsDepth++;
    return p;
  }

  /** `pppoes [id]`: a PPPoE session; PPP follows, and what follows is tested inside it. */
  private pppoes(session: number | undefined): Pred {
    let p = this.linktypeIs(ETH_P_PPP_SES);
    if (session !== undefined) {
      p = and(p, this.maskedEq(this.pl(BPF_W, 0), session, PPPOE_SESSION_MASK));
    }
    const hdr: Off = { reg: this.linkpl.reg, k: this.linkpl.k + this.nl + PPPOE_HLEN };
    this.dlt = "ppp";
    this.linkhdr = hdr;
    this.linktype = { ...hdr };
    this.linkpl = { reg: this.linkpl.reg, k: hdr.k + PPP_PROTO_LEN };
    this.nl = 0;
    this.nlNoSnap = 0;
    this.pushed = true;
    this.encap = false;
    return p;
  }

  /**
   * `geneve [vni]` and `vxlan [vni]`: UDP to the tunnel's port over IPv4 or IPv6, the header
   * checks, then offsets computed at run time for what follows (the inner Ethernet header, or
   * for Geneve also a bare network layer).
   */
  private tunnel(kind: "geneve" | "vxlan", vni: number | undefined): Pred {
    if (kind === "geneve") this.optimizable = false;
    const port = kind === "geneve" ? GENEVE_PORT : VXLAN_PORT;
    const check = (load: (size: number, off: number) => BpfInsn[]) => {
      const flags = kind === "geneve"
        ? this.maskedEq(load(BPF_B, UDP_HLEN), 0, GENEVE_VER_MASK)
        : test(load(BPF_B, UDP_HLEN + VXLAN_FLAGS_AT), BPF_JEQ, VXLAN_FLAG_I);
      const vniAt = UDP_HLEN + (kind === "geneve" ? GENEVE_VNI_AT : VXLAN_VNI_AT);
      return and(
        flags,
        vni === undefined ? TRUE : this.maskedEq(load(BPF_W, vniAt), vni << VNI_SHIFT, VNI_MASK),
      );
    };
    const dport = (load: BpfInsn[]) => test(load, BPF_JEQ, port);
    const four = and(
      this.linktypeIs(ETH_P_IP),
      test(this.pl(BPF_B, IPV4_PROTO_AT), BPF_JEQ, IPPROTO_UDP),
      this.notFragment(),
      dport(this.tranV4(BPF_H, TCP_DPORT_AT)),
      check((size, off) => this.tranV4(size, off)),
      // A = the IPv4 header length (plus the payload's variable offset).
      seq([...this.ipHdrLenToX(), stmt(BPF_MISC | BPF_TXA)]),
    );
    const six = and(
      this.linktypeIs(ETH_P_IPV6),
      test(this.pl(BPF_B, IPV6_NEXT_AT), BPF_JEQ, IPPROTO_UDP),
      dport(this.tranV6(BPF_H, TCP_DPORT_AT)),
      check((size, off) => this.tranV6(size, off)),
      seq([
        ...(this.linkpl.reg === undefined ? [] : [stmt(BPF_LDX | BPF_MEM, this.linkpl.reg)]),
        stmt(BPF_LD | BPF_IMM, IPV6_HLEN),
        ...(this.linkpl.reg === undefined ? [] : [stmt(BPF_ALU | BPF_ADD | BPF_X)]),
        stmt(BPF_MISC | BPF_TAX),
      ]),
    );
    // A is the tunnel header's offset minus the constant part; X its offset.
    const toHeader = alu(BPF_ADD, this.linkpl.k + this.nl + UDP_HLEN);
    const lt = this.allocReg(), lh = this.allocReg(), pl = this.allocReg();
    let offsets: Pred;
    if (kind === "geneve") {
      const common = [
        toHeader,
        stmt(BPF_MISC | BPF_TAX),
        alu(BPF_ADD, GENEVE_PROTO_AT),
        stmt(BPF_ST, lt),
        ldInd(BPF_B, GENEVE_VER_OPT_AT),
        alu(BPF_AND, GENEVE_OPTLEN_MASK),
        alu(BPF_MUL, GENEVE_OPT_UNIT),
        alu(BPF_ADD, GENEVE_HLEN),
        stmt(BPF_ALU | BPF_ADD | BPF_X),
        stmt(BPF_ST, lh),
        ldInd(BPF_H, GENEVE_PROTO_AT),
        stmt(BPF_LDX | BPF_MEM, lh),
      ];
      // Ethernet inside (TEB): its EtherType and payload; else the Geneve protocol type, and the
      // payload right after the header.
      const inner = [
        stmt(BPF_MISC | BPF_TXA),
        alu(BPF_ADD, ETH_TYPE_AT),
        stmt(BPF_ST, lt),
        alu(BPF_ADD, ETH_HLEN - ETH_TYPE_AT),
        stmt(BPF_MISC | BPF_TAX),
      ];
      const end = [stmt(BPF_STX, pl)];
      offsets = seq(
        common,
        or(and(test([], BPF_JEQ, ETH_P_TEB), seq([...inner, ...end])), seq(end)),
      );
    } else {
      offsets = seq([
        toHeader,
        alu(BPF_ADD, VXLAN_HLEN),
        stmt(BPF_ST, lh),
        alu(BPF_ADD, ETH_TYPE_AT),
        stmt(BPF_ST, lt),
        alu(BPF_ADD, ETH_HLEN - ETH_TYPE_AT),
        stmt(BPF_MISC | BPF_TAX),
        stmt(BPF_STX, pl),
      ]);
    }
    this.dlt = "ether";
    this.linkhdr = { reg: lh, k: 0 };
    this.linktype = { reg: lt, k: 0 };
    this.linkpl = { reg: pl, k: 0 };
    this.nl = 0;
    this.pushed = true;
    this.encap = true;
    this.tunnelOffsets = true;
    return and(or(four, six), offsets);
  }

  /** `llc` and its frame kinds: an 802.3 frame that is not Novell's raw IPX. */
  private llcFrame(node: Extract<FilterNode, { kind: "llc" }>): Pred {
    if (this.dlt !== "ether") this.error(`'llc' not supported for ${this.description()}`, node.pos);
    const isLlc = and(
      not(test(this.linkType(), BPF_JGT, ETH_DATA_LEN)),
      not(
        test(this.llc(BPF_H, LLC_DSAP_AT), BPF_JEQ, (LLC_SAP_GLOBAL << 8) | LLC_SAP_GLOBAL),
      ),
    );
    const k = node.llc;
    if (k === undefined) return isLlc;
    const ctrl = this.llc(BPF_B, LLC_CTRL_AT);
    if (k.frame === "i") return and(isLlc, not(test(ctrl, BPF_JSET, LLC_I_MASK)));
    if (!("command" in k)) {
      return and(isLlc, this.maskedEq(ctrl, k.frame === "s" ? LLC_S_FMT : LLC_U_FMT, LLC_U_FMT));
    }
    const mask = k.frame === "s" ? LLC_S_CMD_MASK : LLC_U_CMD_MASK;
    return and(isLlc, this.maskedEq(ctrl, k.command, mask));
  }

  /**
   * The formula of a filter. `and`, `or` and `not` are taken apart with a stack of their own
   * (a filter of a thousand terms is a tree a thousand deep), operands left to right: `vlan`,
   * `mpls` and the tunnels change how everything after them is read.
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
        return this.bareProto(n.proto, n.pos ?? 0);
      case "broadcast":
        return this.broadcast(n.proto, n.pos ?? 0);
      case "multicast":
        return this.multicast(n.proto, n.pos ?? 0);
      case "less":
        return not(test([stmt(BPF_LD | BPF_W | BPF_LEN)], BPF_JGT, n.value));
      case "greater":
        return test([stmt(BPF_LD | BPF_W | BPF_LEN)], BPF_JGE, n.value);
      case "byte":
        return this.byteOp(n.op, n.index, n.value);
      case "inbound":
      case "outbound": {
        const out = this.outgoing();
        return n.kind === "outbound" ? out : not(out);
      }
      case "ifindex": {
        // A cooked v2 header has the interface index; elsewhere the socket's ancillary data.
        const load = this.dlt === "sll2"
          ? this.linkHdr(BPF_W, SLL2_IFINDEX_AT)
          : [ld(BPF_W, SKF_AD_OFF + SKF_AD_IFINDEX)];
        return test(load, BPF_JEQ, n.value);
      }
      case "vlan":
        return this.vlan(n.id === undefined ? undefined : [n.id], n.pos);
      case "mpls":
        return this.mpls(n.label);
      case "pppoed":
        return this.linktypeIs(ETH_P_PPP_DISC);
      case "pppoes":
        return this.pppoes(n.session);
      case "geneve":
      case "vxlan":
        return this.tunnel(n.kind, n.vni);
      case "llc":
        return this.llcFrame(n);
      case "rel":
        return this.relation(n.op, n.left, n.right);
    }
  }

  /**
   * What `outbound` tests: a cooked header's packet type, elsewhere the socket's ancillary data
   * (as libpcap has it live; rawcap gives a record's direction there on files).
   */
  private outgoing(): Pred {
    if (this.dlt === "sll") {
      return test(this.linkHdr(BPF_H, SLL_PKTTYPE_AT), BPF_JEQ, LINUX_SLL_OUTGOING);
    }
    if (this.dlt === "sll2") {
      return test(this.linkHdr(BPF_B, SLL2_PKTTYPE_AT), BPF_JEQ, LINUX_SLL_OUTGOING);
    }
    return test([ld(BPF_W, SKF_AD_OFF + SKF_AD_PKTTYPE)], BPF_JEQ, PACKET_OUTGOING);
  }

  private broadcast(proto: Proto | undefined, pos: number): Pred {
    if (proto === undefined || proto === "ether") {
      this.needEthernet("not a broadcast link");
      return and(this.innerMacCheck(), this.ehostop("dst", ETH_BROADCAST));
    }
    if (proto === "ip") {
      const dst = this.pl(BPF_W, IPV4_DST_AT);
      return and(
        this.linktypeIs(ETH_P_IP),
        or(test(dst, BPF_JEQ, 0), test(dst, BPF_JEQ, 0xffffffff)),
      );
    }
    this.error("only link-layer/IP broadcast filters supported", pos);
  }

  private multicast(proto: Proto | undefined, pos: number): Pred {
    if (proto === "ip") {
      return and(
        this.linktypeIs(ETH_P_IP),
        test(this.pl(BPF_B, IPV4_DST_AT), BPF_JGE, IN_CLASSD_FIRST),
      );
    }
    if (proto === "ip6") {
      return and(
        this.linktypeIs(ETH_P_IPV6),
        test(this.pl(BPF_B, IPV6_DST_AT), BPF_JEQ, IN6_MULTICAST_FIRST),
      );
    }
    if ((proto !== undefined && proto !== "ether") || this.dlt !== "ether") {
      this.error(
        "link-layer multicast filters supported only on ethernet/FDDI/token ring/ARCNET/802.11/ATM LANE/Fibre Channel",
        pos,
      );
    }
    return and(
      this.innerMacCheck(),
      test(this.linkHdr(BPF_B, ETH_DST_AT), BPF_JSET, ETH_GROUP_BIT),
    );
  }

  /**
   * `byte N op V` on the link-layer header. As in libpcap, `&` and `|` load nothing: they test
   * the accumulator as the test before left it.
   */
  private byteOp(op: string, index: number, value: number): Pred {
    const b = this.linkHdr(BPF_B, index);
    switch (op) {
      case "=":
        return test(b, BPF_JEQ, value);
      case "<":
        return not(test(b, BPF_JGE, value));
      case ">":
        return test(b, BPF_JGT, value);
      default:
        return not(test([alu(op === "&" ? BPF_AND : BPF_OR, value)], BPF_JEQ, 0));
    }
  }

  /** What has to hold for `proto[...]` to load anything (libpcap's gen_load checks). */
  private protoCheck(proto: Proto): Pred {
    if (proto === "ether") return TRUE;
    if (NETWORK.has(proto)) return this.bareProto(proto, 0);
    if (proto === "icmp6") {
      return and(
        this.linktypeIs(ETH_P_IPV6),
        test(this.pl(BPF_B, IPV6_NEXT_AT), BPF_JEQ, IPPROTO_ICMPV6),
      );
    }
    return and(this.ipProto(TRANSPORT[proto]!), this.notFragment());
  }

  /** The frame of reference of `proto[...]`: its base and the constant offset from it. */
  private loadBase(proto: Proto): { base: Off; k: number; transport: boolean } {
    if (proto === "ether") return { base: this.linkhdr, k: this.linkhdr.k, transport: false };
    if (NETWORK.has(proto)) {
      return { base: this.linkpl, k: this.linkpl.k + this.nl, transport: false };
    }
    if (proto === "icmp6") {
      return { base: this.linkpl, k: this.linkpl.k + this.nl + IPV6_HLEN, transport: false };
    }
    if (proto in TRANSPORT) {
      return { base: this.linkpl, k: this.linkpl.k + this.nl, transport: true };
    }
    if (proto === "radio") this.error("radio information not present in capture");
    this.error("unsupported index operation");
  }

  private loadAt(proto: Proto, size: number, off: number): BpfInsn[] {
    const { base, k, transport } = this.loadBase(proto);
    if (transport) return [...this.ipHdrLenToX(), ldInd(size, k + off)];
    if (base.reg === undefined) return [ld(size, k + off)];
    return [stmt(BPF_LDX | BPF_MEM, base.reg), ldInd(size, k + off)];
  }

  /** Load with an index computed at run time (in A on entry). */
  private loadIndexed(proto: Proto, size: number, index: BpfInsn[]): BpfInsn[] {
    const { base, k, transport } = this.loadBase(proto);
    if (!transport && base.reg === undefined) {
      return [...index, stmt(BPF_MISC | BPF_TAX), ldInd(size, k)];
    }
    const t = this.allocTemp();
    this.freeTemp();
    const toX = transport ? this.ipHdrLenToX() : [stmt(BPF_LDX | BPF_MEM, base.reg!)];
    return [
      ...index,
      stmt(BPF_ST, t),
      ...toX,
      stmt(BPF_LD | BPF_MEM, t),
      stmt(BPF_ALU | BPF_ADD | BPF_X),
      stmt(BPF_MISC | BPF_TAX),
      ldInd(size, k),
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
        this.loadBase(a.proto);
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
 * Compile an AST to a control-flow graph (unoptimized), and whether the optimizer may run on it
 * (not after `protochain` or `geneve`, as in libpcap). `expr` is only used in error messages.
 * Throws {@link FilterError} for combinations that mean nothing.
 */
export function generate(
  ast: FilterNode,
  opts: GenerateOptions,
  expr = "",
): { entry: Block; optimizable: boolean } {
  const gen = new Generator(
    expr,
    opts.linkType ?? LINKTYPE_ETHERNET,
    opts.nullLittleEndian ?? HOST_LITTLE_ENDIAN,
  );
  let pred = opts.vlanIds && opts.vlanIds.length > 0 ? gen.vlanFlag(opts.vlanIds) : TRUE;
  pred = and(pred, gen.node(ast));
  const prologue: BpfInsn[] = [];
  if (gen.regs.length > 0) {
    prologue.push(stmt(BPF_LD | BPF_IMM, 0), ...gen.regs.map((r) => stmt(BPF_ST, r)));
  }
  if (gen.usesShift) {
    prologue.push(
      ld(BPF_W, SKF_AD_OFF + SKF_AD_VLAN_TAG_PRESENT),
      alu(BPF_XOR, 1),
      alu(BPF_LSH, 2),
      stmt(BPF_ST, SHIFT_SLOT),
    );
  }
  if (prologue.length > 0) pred = seq(prologue, pred);
  return { entry: emit(pred, retBlock(opts.snaplen), retBlock(0)), optimizable: gen.optimizable };
}
