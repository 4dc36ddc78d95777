/**
 * Parser for pcap-filter(7) expressions, producing an AST the code generator walks.
 *
 * Follows libpcap's grammar (grammar.y): `and`/`or` share one precedence and associate left to
 * right, `not` binds tightest, and an address or number standing alone inherits the qualifiers
 * of the primitive before it (`host a or b`, `port 80 or 443`, `isis proto 0x12 or 0x14`). A
 * primitive is a protocol qualifier, a direction and an address type followed by an id
 * (`ether src host 0:1:2:3:4:5`, `ip proto \tcp`, `decnet dst 50.764`), a protocol standing
 * alone (`tcp`, `stp`, `l1`), a comparison of arithmetic (`ip[2:2] > 576`) or one of the special
 * words (`vlan 100`, `llc ui`, `pppoes 7`, `geneve`, `less 64`, `inbound`, ...).
 *
 * Names are looked up in built-in tables (services.ts, numbers.ts), never resolved: host, network
 * and Ethernet host names are refused.
 *
 * @module
 */

import { FilterError, FilterSyntaxError } from "./errors.ts";
import { KEYWORDS, type Token, tokenize } from "./lexer.ts";
import {
  DN_AREA_MASK,
  DN_AREA_SHIFT,
  DN_NODE_MASK,
  MPLS_LABEL_MAX,
  PPPOE_SESSION_MAX,
  VNI_MAX,
} from "./headers.ts";
import { ICMP_CODE_AT, ICMP_TYPE_AT } from "../decode/icmp.ts";
import { ICMP6_CODE_AT, ICMP6_TYPE_AT } from "../decode/icmpv6.ts";
import { VLAN_VID_MASK } from "../decode/vlan.ts";
import {
  ETH_P_AARP,
  ETH_P_ARP,
  ETH_P_ATALK,
  ETH_P_CUST,
  ETH_P_DNA_DL,
  ETH_P_DNA_RC,
  ETH_P_DNA_RT,
  ETH_P_IP,
  ETH_P_IPV6,
  ETH_P_LAT,
  ETH_P_LOOPBACK,
  ETH_P_RARP,
  ICMP6_CERT_PATH_ADVERT,
  ICMP6_CERT_PATH_SOLICIT,
  ICMP6_DST_UNREACH,
  ICMP6_ECHO_REPLY,
  ICMP6_ECHO_REQUEST,
  ICMP6_HADISCOV_REPLY,
  ICMP6_HADISCOV_REQUEST,
  ICMP6_MCAST_ROUTER_ADVERT,
  ICMP6_MCAST_ROUTER_SOLICIT,
  ICMP6_MCAST_ROUTER_TERM,
  ICMP6_MOBILEPREFIX_ADVERT,
  ICMP6_MOBILEPREFIX_SOLICIT,
  ICMP6_NI_QUERY,
  ICMP6_NI_REPLY,
  ICMP6_PACKET_TOO_BIG,
  ICMP6_PARAM_PROB,
  ICMP6_ROUTER_RENUMBERING,
  ICMP6_TIME_EXCEEDED,
  ICMP_ECHO,
  ICMP_ECHOREPLY,
  ICMP_IREQ,
  ICMP_IREQREPLY,
  ICMP_MASKREPLY,
  ICMP_MASKREQ,
  ICMP_PARAMPROB,
  ICMP_REDIRECT,
  ICMP_ROUTERADVERT,
  ICMP_ROUTERSOLICIT,
  ICMP_SOURCEQUENCH,
  ICMP_TIMXCEED,
  ICMP_TSTAMP,
  ICMP_TSTAMPREPLY,
  ICMP_UNREACH,
  LLC_S_KINDS,
  LLC_SAP_IPX,
  LLC_SAP_ISONS,
  LLC_SAP_NETBEUI,
  LLC_SAP_STP,
  LLC_U_KINDS,
  MLD_LISTENER_DONE,
  MLD_LISTENER_QUERY,
  MLD_LISTENER_REPORT,
  MLDV2_LISTENER_REPORT,
  ND_INVERSE_ADVERT,
  ND_INVERSE_SOLICIT,
  ND_NEIGHBOR_ADVERT,
  ND_NEIGHBOR_SOLICIT,
  ND_REDIRECT,
  ND_ROUTER_ADVERT,
  ND_ROUTER_SOLICIT,
  NLPID_CLNP,
  NLPID_ESIS,
  NLPID_ISIS,
  TH_ACK,
  TH_CWR,
  TH_ECE,
  TH_FIN,
  TH_PUSH,
  TH_RST,
  TH_SYN,
  TH_URG,
} from "../decode/numbers.ts";
import { PROTOCOLS, SERVICES } from "../decode/services.ts";
import { TCP_FLAGS_AT } from "../decode/tcp.ts";

/**
 * Protocol qualifiers (libpcap's `pname`). `ether` stands for all the link-layer spellings
 * (`link`, `ether`, `fddi`, `tr`, `wlan`, `ppp`, `slip`), which on Ethernet mean the same.
 */
export type Proto =
  | "ether"
  | "ip"
  | "arp"
  | "rarp"
  | "sctp"
  | "tcp"
  | "udp"
  | "icmp"
  | "igmp"
  | "igrp"
  | "pim"
  | "vrrp"
  | "carp"
  | "radio"
  | "ip6"
  | "icmp6"
  | "ah"
  | "esp"
  | "atalk"
  | "aarp"
  | "decnet"
  | "lat"
  | "sca"
  | "moprc"
  | "mopdl"
  | "iso"
  | "esis"
  | "isis"
  | "l1"
  | "l2"
  | "iih"
  | "lsp"
  | "snp"
  | "csnp"
  | "psnp"
  | "clnp"
  | "stp"
  | "ipx"
  | "netbeui";

/** Direction qualifiers. */
export type Dir = "src" | "dst" | "src or dst" | "src and dst";

/** Address type qualifiers (`proto`, `protochain` and `gateway` take no direction). */
export type AddrType = "host" | "net" | "port" | "portrange" | "proto" | "protochain" | "gateway";

/** Qualifiers in force for a primitive (and inherited by a following bare id). */
export interface Qualifiers {
  proto?: Proto;
  dir?: Dir;
  type?: AddrType;
}

/**
 * A value given to a qualified primitive. `ipv4` is a dotted number (`bits` = 8 per part, short
 * ones are networks); `num` a number (for ports, `ipProto` limits a service name to TCP or UDP,
 * as its table entry does); `decnet` an area.node address.
 */
export type IdValue =
  | { kind: "ipv4"; addr: number; bits: number }
  | { kind: "ipv4net"; addr: number; mask: number }
  | { kind: "ipv6"; addr: Uint8Array; bits: number }
  | { kind: "mac"; addr: Uint8Array }
  | { kind: "num"; value: number; ipProto?: "tcp" | "udp" }
  | { kind: "range"; lo: number; hi: number; ipProto?: "tcp" | "udp" }
  | { kind: "decnet"; addr: number };

/** Arithmetic expressions (`ip[2:2] - 20`, `len`, constants). */
export type Arith =
  | { kind: "num"; value: number }
  | { kind: "len" }
  | { kind: "load"; proto: Proto; index: Arith; size: 1 | 2 | 4 }
  | { kind: "bin"; op: ArithOp; left: Arith; right: Arith }
  | { kind: "neg"; expr: Arith };

/** Binary arithmetic operators. */
export type ArithOp = "+" | "-" | "*" | "/" | "%" | "&" | "|" | "^" | "<<" | ">>";
/** Comparison operators (`==` is normalised to `=`). */
export type RelOp = "=" | "!=" | "<" | "<=" | ">" | ">=";

/** `llc` frame kinds: I, S, U frames, or an S or U command by its control value. */
export type LlcKind =
  | { frame: "i" | "s" | "u" }
  | { frame: "s" | "u"; command: number };

/** The filter AST. */
export type FilterNode =
  | { kind: "true" }
  | { kind: "and" | "or"; left: FilterNode; right: FilterNode }
  | { kind: "not"; expr: FilterNode }
  | { kind: "id"; qual: Qualifiers; value: IdValue; pos: number }
  | { kind: "proto"; proto: Proto; pos?: number }
  | { kind: "broadcast" | "multicast"; proto?: Proto; pos?: number }
  | { kind: "less" | "greater"; value: number }
  | { kind: "byte"; op: "=" | "<" | ">" | "&" | "|"; index: number; value: number }
  | { kind: "inbound" | "outbound" }
  | { kind: "ifindex"; value: number }
  | { kind: "vlan"; id?: number; pos?: number }
  | { kind: "mpls"; label?: number; pos?: number }
  | { kind: "pppoed"; pos?: number }
  | { kind: "pppoes"; session?: number; pos?: number }
  | { kind: "geneve" | "vxlan"; vni?: number; pos?: number }
  | { kind: "llc"; llc?: LlcKind; pos?: number }
  | { kind: "rel"; op: RelOp; left: Arith; right: Arith };

/** Every spelling of a protocol qualifier. */
const PROTOS: Readonly<Record<string, Proto>> = {
  link: "ether",
  ether: "ether",
  ppp: "ether",
  slip: "ether",
  fddi: "ether",
  tr: "ether",
  wlan: "ether",
  ip: "ip",
  arp: "arp",
  rarp: "rarp",
  sctp: "sctp",
  tcp: "tcp",
  udp: "udp",
  icmp: "icmp",
  igmp: "igmp",
  igrp: "igrp",
  pim: "pim",
  vrrp: "vrrp",
  carp: "carp",
  radio: "radio",
  ip6: "ip6",
  icmp6: "icmp6",
  ah: "ah",
  esp: "esp",
  atalk: "atalk",
  aarp: "aarp",
  decnet: "decnet",
  lat: "lat",
  sca: "sca",
  moprc: "moprc",
  mopdl: "mopdl",
  iso: "iso",
  esis: "esis",
  "es-is": "esis",
  isis: "isis",
  "is-is": "isis",
  l1: "l1",
  l2: "l2",
  iih: "iih",
  lsp: "lsp",
  snp: "snp",
  csnp: "csnp",
  psnp: "psnp",
  clnp: "clnp",
  stp: "stp",
  ipx: "ipx",
  netbeui: "netbeui",
};
const ADDR_TYPES: ReadonlySet<string> = new Set(["host", "net", "port", "portrange"]);

/** Names usable after `ether proto` (libpcap's `eproto_db`), as EtherTypes. */
export const ETHER_PROTO_NAMES: Readonly<Record<string, number>> = {
  aarp: ETH_P_AARP,
  arp: ETH_P_ARP,
  atalk: ETH_P_ATALK,
  decnet: ETH_P_DNA_RT,
  ip: ETH_P_IP,
  ip6: ETH_P_IPV6,
  lat: ETH_P_LAT,
  loopback: ETH_P_LOOPBACK,
  mopdl: ETH_P_DNA_DL,
  moprc: ETH_P_DNA_RC,
  rarp: ETH_P_RARP,
  sca: ETH_P_CUST,
};

/** Names usable after `ether proto` that are LLC SAPs (libpcap's `llc_db`). */
export const LLC_PROTO_NAMES: Readonly<Record<string, number>> = {
  iso: LLC_SAP_ISONS,
  stp: LLC_SAP_STP,
  ipx: LLC_SAP_IPX,
  netbeui: LLC_SAP_NETBEUI,
};

/** Names usable after `iso proto`. */
export const OSI_PROTO_NAMES: Readonly<Record<string, number>> = {
  clnp: NLPID_CLNP,
  esis: NLPID_ESIS,
  isis: NLPID_ISIS,
};

/** Named constants tcpdump accepts in arithmetic. */
export const ARITH_CONSTANTS: Readonly<Record<string, number>> = {
  tcpflags: TCP_FLAGS_AT,
  "tcp-fin": TH_FIN,
  "tcp-syn": TH_SYN,
  "tcp-rst": TH_RST,
  "tcp-push": TH_PUSH,
  "tcp-ack": TH_ACK,
  "tcp-urg": TH_URG,
  "tcp-ece": TH_ECE,
  "tcp-cwr": TH_CWR,
  icmptype: ICMP_TYPE_AT,
  icmpcode: ICMP_CODE_AT,
  "icmp-echoreply": ICMP_ECHOREPLY,
  "icmp-unreach": ICMP_UNREACH,
  "icmp-sourcequench": ICMP_SOURCEQUENCH,
  "icmp-redirect": ICMP_REDIRECT,
  "icmp-echo": ICMP_ECHO,
  "icmp-routeradvert": ICMP_ROUTERADVERT,
  "icmp-routersolicit": ICMP_ROUTERSOLICIT,
  "icmp-timxceed": ICMP_TIMXCEED,
  "icmp-paramprob": ICMP_PARAMPROB,
  "icmp-tstamp": ICMP_TSTAMP,
  "icmp-tstampreply": ICMP_TSTAMPREPLY,
  "icmp-ireq": ICMP_IREQ,
  "icmp-ireqreply": ICMP_IREQREPLY,
  "icmp-maskreq": ICMP_MASKREQ,
  "icmp-maskreply": ICMP_MASKREPLY,
  icmp6type: ICMP6_TYPE_AT,
  icmp6code: ICMP6_CODE_AT,
  "icmp6-destinationunreach": ICMP6_DST_UNREACH,
  "icmp6-packettoobig": ICMP6_PACKET_TOO_BIG,
  "icmp6-timeexceeded": ICMP6_TIME_EXCEEDED,
  "icmp6-parameterproblem": ICMP6_PARAM_PROB,
  "icmp6-echo": ICMP6_ECHO_REQUEST,
  "icmp6-echoreply": ICMP6_ECHO_REPLY,
  "icmp6-multicastlistenerquery": MLD_LISTENER_QUERY,
  "icmp6-multicastlistenerreportv1": MLD_LISTENER_REPORT,
  "icmp6-multicastlistenerdone": MLD_LISTENER_DONE,
  "icmp6-routersolicit": ND_ROUTER_SOLICIT,
  "icmp6-routeradvert": ND_ROUTER_ADVERT,
  "icmp6-neighborsolicit": ND_NEIGHBOR_SOLICIT,
  "icmp6-neighboradvert": ND_NEIGHBOR_ADVERT,
  "icmp6-redirect": ND_REDIRECT,
  "icmp6-routerrenum": ICMP6_ROUTER_RENUMBERING,
  "icmp6-nodeinformationquery": ICMP6_NI_QUERY,
  "icmp6-nodeinformationresponse": ICMP6_NI_REPLY,
  "icmp6-ineighbordiscoverysolicit": ND_INVERSE_SOLICIT,
  "icmp6-ineighbordiscoveryadvert": ND_INVERSE_ADVERT,
  "icmp6-multicastlistenerreportv2": MLDV2_LISTENER_REPORT,
  "icmp6-homeagentdiscoveryrequest": ICMP6_HADISCOV_REQUEST,
  "icmp6-homeagentdiscoveryreply": ICMP6_HADISCOV_REPLY,
  "icmp6-mobileprefixsolicit": ICMP6_MOBILEPREFIX_SOLICIT,
  "icmp6-mobileprefixadvert": ICMP6_MOBILEPREFIX_ADVERT,
  "icmp6-certpathsolicit": ICMP6_CERT_PATH_SOLICIT,
  "icmp6-certpathadvert": ICMP6_CERT_PATH_ADVERT,
  "icmp6-multicastrouteradvert": ICMP6_MCAST_ROUTER_ADVERT,
  "icmp6-multicastroutersolicit": ICMP6_MCAST_ROUTER_SOLICIT,
  "icmp6-multicastrouterterm": ICMP6_MCAST_ROUTER_TERM,
};

/** Keywords of other link types (802.11, ATM, MTP2/3, pf): refused on Ethernet, as libpcap does. */
const FOREIGN: Readonly<Record<string, string>> = {
  type: "802.11 link-layer types supported only on 802.11",
  subtype: "802.11 link-layer types supported only on 802.11",
  dir: "802.11 link-layer directions supported only on 802.11",
  direction: "802.11 link-layer directions supported only on 802.11",
  address1: "'address1' is only supported on 802.11",
  addr1: "'addr1' is only supported on 802.11",
  address2: "'address2' is only supported on 802.11",
  addr2: "'addr2' is only supported on 802.11",
  address3: "'address3' is only supported on 802.11",
  addr3: "'addr3' is only supported on 802.11",
  address4: "'address4' is only supported on 802.11",
  addr4: "'addr4' is only supported on 802.11",
  ra: "'ra' is only supported on 802.11 with 802.11 headers",
  ta: "'ta' is only supported on 802.11 with 802.11 headers",
};
const ATM_WORDS =
  "lane metac bcc oam oamf4 oamf4ec oamf4sc sc ilmic vpi vci connectmsg metaconnect";
const MTP_WORDS = "fisu lssu lsu msu hfisu hlssu hmsu sio opc dpc sls hsio hopc hdpc hsls";
const PF_WORDS = "on ifname rset ruleset rnr rulenum srnr subrulenum reason action";
for (const w of ATM_WORDS.split(" ")) {
  (FOREIGN as Record<string, string>)[w] = `'${w}' supported only on raw ATM`;
}
for (const w of MTP_WORDS.split(" ")) {
  (FOREIGN as Record<string, string>)[w] = `'${w}' supported only on MTP2`;
}
for (const w of PF_WORDS.split(" ")) {
  (FOREIGN as Record<string, string>)[w] = `'${w}' supported only on pf logs (DLT_PFLOG)`;
}

const ARITH_PRECEDENCE: Readonly<Record<string, number>> = {
  "|": 1,
  "^": 1,
  "&": 2,
  "<<": 3,
  ">>": 3,
  "+": 4,
  "-": 4,
  "*": 5,
  "/": 5,
  "%": 5,
};
const REL_OPS: ReadonlySet<string> = new Set(["=", "==", "!=", "<", "<=", ">", ">="]);
const BYTE_OPS: ReadonlySet<string> = new Set(["=", "<", ">", "&", "|"]);

/**
 * Deepest nesting of parentheses the parser follows. Each level is a few calls deep (a
 * parenthesis may open a boolean or an arithmetic group, tried in turn), and a JavaScript stack
 * holds a few thousand of those; deeper is a {@link FilterError}, not a stack overflow.
 */
export const MAX_NESTING = 1000;

/** Nesting past {@link MAX_NESTING}: final, never a reason to try another reading. */
class TooDeep extends FilterError {}

/** libpcap's `__pcap_atoin`: the address and 8 bits per part, or undefined past 255. */
function ipv4Value(text: string): { addr: number; bits: number } | undefined {
  const parts = text.split(".").map(Number);
  if (parts.some((p) => !(p <= 255))) return undefined;
  let addr = 0;
  for (const p of parts) addr = addr * 256 + p;
  const bits = parts.length * 8;
  return { addr: bits >= 32 ? addr >>> 0 : (addr * 2 ** (32 - bits)) >>> 0, bits };
}

function ipv6Bytes(text: string): Uint8Array {
  const out = new Uint8Array(16);
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const words = (s: string): number[] => {
    if (s === "") return [];
    return s.split(":").flatMap((p) => {
      if (p.includes(".")) {
        const addr = ipv4Value(p)?.addr ?? 0;
        return [addr >>> 16, addr & 0xffff];
      }
      return [parseInt(p, 16)];
    });
  };
  const h = words(head);
  const t = tail === undefined ? [] : words(tail);
  const all = [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
  all.forEach((w, i) => {
    out[2 * i] = w >> 8;
    out[2 * i + 1] = w & 0xff;
  });
  return out;
}

/** The netmask of a prefix length, 0 to 32 (JavaScript shifts count modulo 32: no shift by 32). */
function prefixMask(bits: number): number {
  return bits >= 32 ? 0xffffffff : (~(0xffffffff >>> bits)) >>> 0;
}

/** The six octets of any MAC spelling the lexer takes. */
function macBytes(text: string): Uint8Array {
  const groups = text.split(/[:.-]/);
  if (groups.length === 6) return Uint8Array.from(groups.map((p) => parseInt(p, 16)));
  const hex = groups.join("");
  const out = new Uint8Array(6);
  for (let i = 0; i < 6; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** libpcap's `__pcap_atodn`: `area.node` (extra parts ignored) as the 16-bit address. */
function decnetValue(text: string): number {
  const [area, node] = text.split(".").map(Number);
  return ((area << DN_AREA_SHIFT) & DN_AREA_MASK) | (node & DN_NODE_MASK);
}

/** A port given by number or service name: the number and the protocol it is limited to. */
interface PortName {
  port: number;
  ipProto?: "tcp" | "udp";
}

/** A service name as libpcap's `pcap_nametoport` reads it (TCP first; both: no limit). */
function servicePort(name: string): PortName | undefined {
  const e = SERVICES.get(name);
  if (e === undefined) return undefined;
  if (e.tcp !== undefined) {
    return { port: e.tcp, ipProto: e.udp === e.tcp ? undefined : "tcp" };
  }
  return e.udp === undefined ? undefined : { port: e.udp, ipProto: "udp" };
}

class Parser {
  private readonly tokens: Token[];
  private i = 0;
  private last: Qualifiers | undefined;
  /** Parentheses open around the token being read. */
  private depth = 0;

  constructor(private readonly expr: string) {
    this.tokens = tokenize(expr);
  }

  parse(): FilterNode {
    if (this.peek().kind === "end") return { kind: "true" };
    const node = this.parseExpr();
    if (this.peek().kind !== "end") this.fail("'and', 'or' or end of expression");
    return node;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)];
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== "end") this.i++;
    return t;
  }

  /** A keyword (never a `\`-escaped name). */
  private isWord(t: Token, ...words: string[]): boolean {
    return t.kind === "word" && !t.escaped && words.includes(t.text);
  }

  private isOp(t: Token, ...ops: string[]): boolean {
    return t.kind === "op" && ops.includes(t.text);
  }

  private isProto(t: Token): boolean {
    return t.kind === "word" && !t.escaped && t.text in PROTOS;
  }

  private fail(expected: string, t: Token = this.peek()): never {
    const found = t.kind === "end" ? "end of expression" : `'${t.text}'`;
    throw new FilterSyntaxError(expected, found, t.pos, this.expr);
  }

  private error(reason: string, pos: number): never {
    throw new FilterError(reason, pos, this.expr);
  }

  private expectOp(op: string): Token {
    const t = this.peek();
    if (!this.isOp(t, op)) this.fail(`'${op}'`);
    return this.next();
  }

  private parseExpr(): FilterNode {
    let left = this.parseUnary();
    for (;;) {
      const t = this.peek();
      let kind: "and" | "or";
      if (this.isWord(t, "and") || this.isOp(t, "&&")) kind = "and";
      else if (this.isWord(t, "or") || this.isOp(t, "||")) kind = "or";
      else return left;
      this.next();
      left = { kind, left, right: this.parseUnary() };
    }
  }

  private isNot(t: Token): boolean {
    return this.isWord(t, "not") || this.isOp(t, "!");
  }

  private parseUnary(): FilterNode {
    // `not not ... x` in a loop: a long run of them is no deeper than one.
    let nots = 0;
    while (this.isNot(this.peek())) {
      this.next();
      nots++;
    }
    let node = this.isOp(this.peek(), "(") ? this.parseParen() : this.parsePrimitive();
    for (; nots > 0; nots--) node = { kind: "not", expr: node };
    return node;
  }

  /** Runs `parse` one parenthesis deeper (at the `(`); past {@link MAX_NESTING} that is an error. */
  private nested<T>(parse: () => T): T {
    if (this.depth >= MAX_NESTING) {
      const reason = `parentheses nested more than ${MAX_NESTING} deep`;
      throw new TooDeep(reason, this.peek().pos, this.expr);
    }
    this.depth++;
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  /**
   * `(` starts either a nested boolean expression or an arithmetic operand; try both. After a
   * boolean group the qualifiers in force are those from before it, as in libpcap.
   */
  private parseParen(): FilterNode {
    const start = this.i;
    const saved = this.last;
    let boolError: FilterError;
    try {
      const inner = this.nested(() => {
        this.next();
        return this.parseExpr();
      });
      this.expectOp(")");
      if (!this.startsRelOp()) {
        this.last = saved;
        return inner;
      }
      this.fail("'and', 'or' or ')'");
    } catch (e) {
      if (!(e instanceof FilterError) || e instanceof TooDeep) throw e;
      boolError = e;
    }
    const boolEnd = this.i;
    this.i = start;
    this.last = saved;
    try {
      return this.parseRelation();
    } catch (e) {
      if (!(e instanceof FilterError)) throw e;
      if (e.position >= boolError.position) throw e;
      this.i = boolEnd;
      throw boolError;
    }
  }

  private startsRelOp(): boolean {
    const t = this.peek();
    return t.kind === "op" && (REL_OPS.has(t.text) || t.text in ARITH_PRECEDENCE);
  }

  /** A number, or one in parentheses (libpcap's `pnum`), for `vlan`, `mpls` and the like. */
  private optionalNumber(): { value: number; pos: number } | undefined {
    let opens = 0;
    while (this.isOp(this.peek(opens), "(")) opens++;
    const n = this.peek(opens);
    if (n.kind !== "num") return undefined;
    for (let k = 1; k <= opens; k++) if (!this.isOp(this.peek(opens + k), ")")) return undefined;
    this.i += 2 * opens + 1;
    return { value: n.value, pos: n.pos };
  }

  private parsePrimitive(): FilterNode {
    const t = this.peek();
    if (t.kind === "word" && !t.escaped) {
      const other = this.parseOther(t);
      if (other !== undefined) {
        this.last = undefined;
        return other;
      }
      if (t.text === "len" || t.text === "length") return this.parseRelation();
      if (this.isProto(t)) {
        if (this.isOp(this.peek(1), "[")) return this.parseRelation();
        return this.parseQualified();
      }
      if (
        t.text === "src" || t.text === "dst" || ADDR_TYPES.has(t.text) ||
        t.text === "proto" || t.text === "protochain" || t.text === "gateway"
      ) {
        return this.parseQualified();
      }
      if (t.text in ARITH_CONSTANTS) return this.parseRelation();
      if (t.text in FOREIGN) this.error(FOREIGN[t.text], t.pos);
    }
    if (this.last && this.isBareId(t)) {
      return this.parseId({ ...this.last });
    }
    if (t.kind === "num" || this.isOp(t, "-")) return this.parseRelation();
    if (t.kind === "word" && !this.last) {
      this.fail("a primitive (rawcap cannot resolve host names)");
    }
    this.fail("a primitive");
  }

  /** The special primitives (libpcap's `other` and `pllc`), or undefined. */
  private parseOther(t: Token): FilterNode | undefined {
    switch (t.text) {
      case "broadcast":
      case "multicast":
        this.next();
        return { kind: t.text, pos: t.pos };
      case "inbound":
      case "outbound":
        this.next();
        return { kind: t.text };
      case "less":
      case "greater":
        this.next();
        return { kind: t.text, value: this.parseNumberToken("a length") };
      case "ifindex":
        this.next();
        return { kind: "ifindex", value: this.parseNumberToken("an interface index") };
      case "byte": {
        this.next();
        const index = this.parseNumberToken("a byte offset");
        const op = this.peek();
        if (!(op.kind === "op" && BYTE_OPS.has(op.text))) this.fail("'=', '<', '>', '&' or '|'");
        this.next();
        const value = this.parseNumberToken("a number");
        return { kind: "byte", op: op.text as "=", index, value };
      }
      case "vlan": {
        this.next();
        const n = this.optionalNumber();
        if (n && n.value > VLAN_VID_MASK) {
          this.error(`VLAN tag ${n.value} greater than maximum ${VLAN_VID_MASK}`, n.pos);
        }
        return { kind: "vlan", id: n?.value, pos: t.pos };
      }
      case "mpls": {
        this.next();
        const n = this.optionalNumber();
        if (n && n.value > MPLS_LABEL_MAX) {
          this.error(`MPLS label ${n.value} greater than maximum ${MPLS_LABEL_MAX}`, n.pos);
        }
        return { kind: "mpls", label: n?.value, pos: t.pos };
      }
      case "pppoed":
        this.next();
        return { kind: "pppoed", pos: t.pos };
      case "pppoes": {
        this.next();
        const n = this.optionalNumber();
        if (n && n.value > PPPOE_SESSION_MAX) {
          this.error(
            `PPPoE session number ${n.value} greater than maximum ${PPPOE_SESSION_MAX}`,
            n.pos,
          );
        }
        return { kind: "pppoes", session: n?.value, pos: t.pos };
      }
      case "geneve":
      case "vxlan": {
        this.next();
        const n = this.optionalNumber();
        const what = t.text === "geneve" ? "Geneve" : "VXLAN";
        if (n && n.value > VNI_MAX) {
          this.error(`${what} VNI ${n.value} greater than maximum ${VNI_MAX}`, n.pos);
        }
        return { kind: t.text, vni: n?.value, pos: t.pos };
      }
      case "llc":
        this.next();
        return { kind: "llc", llc: this.parseLlcKind(), pos: t.pos };
    }
    if (this.isProto(t) && this.isWord(this.peek(1), "broadcast", "multicast")) {
      this.next();
      const w = this.next();
      return { kind: w.text as "broadcast", proto: PROTOS[t.text], pos: w.pos };
    }
    if (this.isProto(t) && this.isWord(this.peek(1), ...Object.keys(FOREIGN))) {
      this.error(FOREIGN[this.peek(1).text], this.peek(1).pos);
    }
    return undefined;
  }

  /** What follows `llc`: a frame kind or command name (any case), or nothing. */
  private parseLlcKind(): LlcKind | undefined {
    const t = this.peek();
    // A keyword ends the primitive, but for `rnr` (pf's rule number), which libpcap takes here.
    if (t.kind !== "word" || (!t.escaped && KEYWORDS.has(t.text) && t.text !== "rnr")) {
      return undefined;
    }
    this.next();
    const name = t.text.toLowerCase();
    if (name === "i" || name === "s" || name === "u") return { frame: name };
    for (const [v, n] of Object.entries(LLC_S_KINDS)) {
      if (n === name) return { frame: "s", command: Number(v) };
    }
    for (const [v, n] of Object.entries(LLC_U_KINDS)) {
      if (n === name) return { frame: "u", command: Number(v) };
    }
    this.error(`unknown LLC type name "${t.text}"`, t.pos);
  }

  /** An id standing alone, which inherits the previous qualifiers. */
  private isBareId(t: Token): boolean {
    if (t.kind === "ipv4" || t.kind === "ipv6" || t.kind === "mac" || t.kind === "aid") {
      return true;
    }
    if (t.kind === "word") return t.escaped || !(t.text in ARITH_CONSTANTS);
    if (t.kind === "num") {
      const n = this.peek(1);
      return !(n.kind === "op" && (REL_OPS.has(n.text) || n.text in ARITH_PRECEDENCE));
    }
    return false;
  }

  /** `pqual dqual aqual id` and its shorter forms, or a protocol standing alone. */
  private parseQualified(): FilterNode {
    const qual: Qualifiers = {};
    const start = this.peek();
    if (this.isProto(start)) {
      this.next();
      qual.proto = PROTOS[start.text];
      const n = this.peek();
      if (
        !this.isWord(n, "src", "dst", "host", "net", "port", "portrange", "proto", "protochain") &&
        !this.isWord(n, "gateway")
      ) {
        if (qual.proto === "ether") this.fail("'host', 'src', 'dst', 'proto' or 'broadcast'");
        this.last = undefined;
        return { kind: "proto", proto: qual.proto, pos: start.pos };
      }
    }
    const d = this.peek();
    if (this.isWord(d, "src", "dst")) {
      this.next();
      qual.dir = d.text as Dir;
      const c = this.peek();
      const other = d.text === "src" ? "dst" : "src";
      if (this.isWord(c, "or", "and") && this.isWord(this.peek(1), other)) {
        this.next();
        this.next();
        qual.dir = `src ${c.text} dst` as Dir;
      }
      const a = this.peek();
      if (this.isWord(a, ...Object.keys(FOREIGN))) this.error(FOREIGN[a.text], a.pos);
      if (this.isWord(a, "host", "net", "port", "portrange")) {
        this.next();
        qual.type = a.text as AddrType;
      }
    } else {
      const ty = this.next();
      if (this.isWord(ty, ...Object.keys(FOREIGN))) this.error(FOREIGN[ty.text], ty.pos);
      qual.type = ty.text as AddrType;
    }
    return this.parseId(qual);
  }

  /** An id under `qual`: an address or number, `not id`, or `( id and/or id ... )`. */
  private parseId(qual: Qualifiers): FilterNode {
    const t = this.peek();
    this.last = qual;
    if (this.isNot(t)) {
      this.next();
      return { kind: "not", expr: this.parseId(qual) };
    }
    if (this.isOp(t, "(")) {
      // Ids inside inherit `qual`, as after `and`/`or`.
      const inner = this.nested(() => {
        this.next();
        return this.parseExpr();
      });
      this.expectOp(")");
      this.last = qual;
      return inner;
    }
    if (t.kind === "word" && !t.escaped && KEYWORDS.has(t.text)) {
      const proto = qual.type === "proto" || qual.type === "protochain";
      this.fail(proto ? "a protocol number or name" : "an address, network or port");
    }
    this.next();
    const type = qual.type ?? "host";
    const pos = t.pos;
    const proto = qual.proto;
    if (type === "gateway") {
      if (t.kind === "mac") this.error("ethernet address used in non-ether expression", pos);
      if (t.kind !== "word") this.error("'gateway' requires a name", pos);
    }
    let value: IdValue;
    switch (t.kind) {
      case "ipv4": {
        const mod = this.modifierApplied(type, "IP address");
        if (mod) this.error(mod, pos);
        if (proto === "decnet") {
          if (this.isOp(this.peek(), "/") || this.isWord(this.peek(), "mask")) {
            return this.parseNetMask(t, qual);
          }
          value = { kind: "decnet", addr: decnetValue(t.text) };
          break;
        }
        if (this.isOp(this.peek(), "/") || this.isWord(this.peek(), "mask")) {
          return this.parseNetMask(t, qual);
        }
        const v = ipv4Value(t.text);
        if (!v) this.error(`invalid IPv4 address '${t.text}'`, pos);
        // A short address is a network either way: `host 10.1` is 10.1.0.0/16.
        value = type === "net"
          ? { kind: "ipv4net", addr: v.addr, mask: prefixMask(v.bits) }
          : { kind: "ipv4", ...v };
        break;
      }
      case "num":
        if (type === "port" || type === "portrange") {
          if (t.value > 65535) this.error(`illegal port number ${t.value} > 65535`, pos);
          value = type === "port"
            ? { kind: "num", value: t.value }
            : { kind: "range", lo: t.value, hi: t.value };
        } else if (proto === "decnet" && (type === "host" || type === "net")) {
          value = { kind: "decnet", addr: t.value };
        } else if (type === "net") {
          // A short network number is promoted: `net 10` is 10.0.0.0/8.
          let addr = t.value, mask = 0xffffffff;
          while (addr !== 0 && (addr & 0xff000000) === 0) {
            addr = (addr << 8) >>> 0;
            mask = (mask << 8) >>> 0;
          }
          value = { kind: "ipv4net", addr, mask };
        } else if (type === "host") {
          value = { kind: "ipv4", addr: t.value, bits: 32 };
        } else {
          value = { kind: "num", value: t.value };
        }
        break;
      case "ipv6": {
        const mod = this.modifierApplied(type, "IP address");
        if (mod) this.error(mod, pos);
        let bits = 128;
        if (this.isOp(this.peek(), "/")) {
          this.next();
          bits = this.parseNumberToken("a prefix length");
          if (bits > 128) this.error(`mask length must be <= 128`, pos);
        }
        value = { kind: "ipv6", addr: ipv6Bytes(t.text), bits };
        break;
      }
      case "mac":
        if (!((type === "host") && proto === "ether")) {
          this.error("ethernet address used in non-ether expression", pos);
        }
        value = { kind: "mac", addr: macBytes(t.text) };
        break;
      case "aid":
        this.error("aid supported only on ARCnet", pos);
        break;
      case "word":
        value = this.nameValue(t, qual);
        break;
      default:
        this.fail(
          type === "proto" || type === "protochain"
            ? "a protocol number or name"
            : "an address, network or port",
          t,
        );
    }
    return { kind: "id", qual, value, pos };
  }

  /** The grammar's refusal of an address after `port`, `proto` and the like. */
  private modifierApplied(type: AddrType, what: string): string | undefined {
    if (type === "port" || type === "portrange" || type === "proto" || type === "protochain") {
      return `'${type}' modifier applied to ${what}`;
    }
    return undefined;
  }

  /** `HID / NUM` and `HID mask HID`: networks only. */
  private parseNetMask(t: Token, qual: Qualifiers): FilterNode {
    const pos = t.pos;
    const n = ipv4Value(t.text);
    if (!n) this.error(`invalid IPv4 address '${t.text}'`, pos);
    let mask: number;
    let spelled: string;
    if (this.isOp(this.peek(), "/")) {
      this.next();
      const len = this.parseNumberToken("a prefix length");
      if (len > 32) this.error("mask length must be <= 32", pos);
      mask = prefixMask(len);
      spelled = `${t.text}/${len}`;
    } else {
      this.next();
      const m = this.next();
      if (m.kind !== "ipv4") this.fail("a dotted netmask", m);
      const mv = ipv4Value(m.text);
      if (!mv) this.error(`invalid IPv4 address '${m.text}'`, m.pos);
      mask = mv.addr;
      spelled = `${t.text} mask ${m.text}`;
    }
    if ((n.addr & ~mask) >>> 0 !== 0) this.error(`non-network bits set in "${spelled}"`, pos);
    if (qual.type !== "net") this.error("Mask syntax for networks only", pos);
    return { kind: "id", qual, value: { kind: "ipv4net", addr: n.addr, mask }, pos };
  }

  /** A name under `qual`: a port or protocol name from the tables; host names are refused. */
  private nameValue(t: Token, qual: Qualifiers): IdValue {
    const type = qual.type ?? "host";
    const pos = t.pos;
    const name = t.text;
    switch (type) {
      case "port": {
        const p = servicePort(name);
        if (p === undefined) this.error(`unknown port '${name}'`, pos);
        const ipProto = this.portProto(p, qual, `port '${name}'`);
        return ipProto === undefined
          ? { kind: "num", value: p.port }
          : { kind: "num", value: p.port, ipProto };
      }
      case "portrange": {
        const dash = name.indexOf("-");
        const bad = () => this.error(`unknown port in range '${name}'`, pos);
        if (dash < 0) bad();
        const lo = this.rangeEnd(name.slice(0, dash)) ?? bad();
        const hi = this.rangeEnd(name.slice(dash + 1)) ?? bad();
        for (const p of [lo, hi]) {
          if (p.port > 65535) this.error(`illegal port number ${p.port} > 65535`, pos);
        }
        const both = lo.ipProto === hi.ipProto ? lo.ipProto : undefined;
        const ipProto = this.portProto({ port: 0, ipProto: both }, qual, `port in range '${name}'`);
        const range: IdValue = {
          kind: "range",
          lo: Math.min(lo.port, hi.port),
          hi: Math.max(lo.port, hi.port),
        };
        return ipProto === undefined ? range : { ...range, ipProto };
      }
      case "proto":
      case "protochain":
        return { kind: "num", value: this.protoName(t, qual.proto) };
      case "net":
        this.error(`cannot resolve network names ('${name}')`, pos);
        break;
      case "gateway":
        this.error(`'gateway' needs host name resolution, which rawcap does not do`, pos);
        break;
      default:
        if (qual.proto === "ether") {
          this.error(`cannot resolve Ethernet host names ('${name}')`, pos);
        }
        if (qual.proto === "decnet") {
          this.error(`cannot resolve DECnet host names ('${name}')`, pos);
        }
    }
    this.error(`cannot resolve host names ('${name}')`, pos);
  }

  /** One end of a named port range: a decimal number or a service name. */
  private rangeEnd(s: string): PortName | undefined {
    if (/^[0-9]+$/.test(s)) return { port: Number(s) };
    return servicePort(s);
  }

  /** The protocol a named port is tested over, refusing a name of the other protocol. */
  private portProto(p: PortName, qual: Qualifiers, what: string): "tcp" | "udp" | undefined {
    const proto = qual.proto;
    if (proto === "tcp" || proto === "udp" || proto === "sctp") {
      if (p.ipProto !== undefined && p.ipProto !== proto) {
        this.error(`${what} is ${p.ipProto}`, this.peek().pos);
      }
      return undefined;
    }
    return p.ipProto;
  }

  /** A protocol name after `proto`/`protochain`, looked up as libpcap's `lookup_proto` does. */
  private protoName(t: Token, proto: Proto | undefined): number {
    const name = t.text;
    let v: number | undefined;
    switch (proto) {
      case undefined:
      case "ip":
      case "ip6":
        v = PROTOCOLS.get(name);
        if (v === undefined) this.error(`unknown ip proto '${name}'`, t.pos);
        return v;
      case "ether":
        v = ETHER_PROTO_NAMES[name] ?? LLC_PROTO_NAMES[name];
        if (v === undefined) this.error(`unknown ether proto '${name}'`, t.pos);
        return v;
      case "iso":
        v = OSI_PROTO_NAMES[name];
        if (v === undefined) this.error(`unknown osi proto '${name}'`, t.pos);
        return v;
    }
    this.error(`unknown protocol: ${name}`, t.pos);
  }

  private parseNumberToken(what: string): number {
    const t = this.peek();
    if (t.kind !== "num") this.fail(what);
    this.next();
    return t.value;
  }

  private parseRelation(): FilterNode {
    const left = this.parseArith(0);
    const t = this.peek();
    if (!(t.kind === "op" && REL_OPS.has(t.text))) this.fail("a comparison operator");
    this.next();
    const right = this.parseArith(0);
    this.last = undefined;
    return { kind: "rel", op: (t.text === "==" ? "=" : t.text) as RelOp, left, right };
  }

  private parseArith(minPrec: number): Arith {
    let left = this.parseArithUnary();
    for (;;) {
      const t = this.peek();
      const prec = t.kind === "op" ? ARITH_PRECEDENCE[t.text] : undefined;
      if (prec === undefined || prec <= minPrec) return left;
      this.next();
      const right = this.parseArith(prec);
      left = { kind: "bin", op: t.text as ArithOp, left, right };
    }
  }

  private parseArithUnary(): Arith {
    const t = this.peek();
    if (this.isOp(t, "-")) {
      // `- - - x` in a loop, as `not` above.
      let negs = 0;
      while (this.isOp(this.peek(), "-")) {
        this.next();
        negs++;
      }
      let expr = this.parseArithUnary();
      for (; negs > 0; negs--) expr = { kind: "neg", expr };
      return expr;
    }
    if (this.isOp(t, "(")) {
      const inner = this.nested(() => {
        this.next();
        return this.parseArith(0);
      });
      this.expectOp(")");
      return inner;
    }
    if (t.kind === "num") {
      this.next();
      return { kind: "num", value: t.value };
    }
    if (t.kind === "word" && !t.escaped) {
      if (t.text === "len" || t.text === "length") {
        this.next();
        return { kind: "len" };
      }
      if (t.text in ARITH_CONSTANTS) {
        this.next();
        return { kind: "num", value: ARITH_CONSTANTS[t.text] };
      }
      if (this.isProto(t) && this.isOp(this.peek(1), "[")) {
        this.next();
        this.next();
        const index = this.parseArith(0);
        let size: 1 | 2 | 4 = 1;
        if (this.isOp(this.peek(), ":")) {
          this.next();
          const s = this.peek();
          if (s.kind !== "num") this.fail("a size (1, 2 or 4)");
          if (s.value !== 1 && s.value !== 2 && s.value !== 4) {
            this.error("data size must be 1, 2, or 4", s.pos);
          }
          this.next();
          size = s.value as 1 | 2 | 4;
        }
        this.expectOp("]");
        return { kind: "load", proto: PROTOS[t.text], index, size };
      }
    }
    this.fail("a number, 'len' or a packet accessor like ip[0]");
  }
}

/** Parse a filter expression. Throws {@link FilterSyntaxError} or {@link FilterError}. */
export function parseFilter(expr: string): FilterNode {
  return new Parser(expr).parse();
}
